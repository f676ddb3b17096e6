// SPDX-License-Identifier: LGPL-2.1-or-later
/* libndctl context: sysfs root, logging, userdata, the bus list it owns. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "private.h"

static void log_stderr(struct ndctl_ctx *ctx, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args)
{
	if (priority >= LOG_DEBUG)
		fprintf(stderr, "libndctl: %s: ", fn);
	else
		fprintf(stderr, "libndctl: ");
	vfprintf(stderr, format, args);
}

void nd_log(struct ndctl_ctx *ctx, int prio, const char *file, int line, const char *fn,
	    const char *fmt, ...)
{
	va_list ap;

	if (!ctx || prio > ctx->log_priority)
		return;
	va_start(ap, fmt);
	ctx->log_fn(ctx, prio, file, line, fn, fmt, ap);
	va_end(ap);
}

/* NDCTL_LOG: a number, or err / info / debug, as upstream accepts */
static int log_priority_from_env(void)
{
	const char *s = secure_getenv("NDCTL_LOG");
	char *end;
	long v;

	if (!s || !*s)
		return LOG_ERR;
	v = strtol(s, &end, 10);
	if (end != s && *end == '\0' && v >= 0 && v <= LOG_DEBUG)
		return (int)v;
	if (strncmp(s, "err", 3) == 0)
		return LOG_ERR;
	if (strncmp(s, "info", 4) == 0)
		return LOG_INFO;
	if (strncmp(s, "debug", 5) == 0)
		return LOG_DEBUG;
	return LOG_ERR;
}

NDCTL_EXPORT int ndctl_new_with_sysfs_root(const char *root, struct ndctl_ctx **ret)
{
	struct ndctl_ctx *ctx = calloc(1, sizeof(*ctx));
	int rc;

	if (!ctx)
		return -ENOMEM;
	rc = sysfs_root_new(root, &ctx->sysfs);
	if (rc < 0) {
		free(ctx);
		return rc;
	}
	ctx->refcount = 1;
	ctx->log_priority = log_priority_from_env();
	ctx->log_fn = log_stderr;
	*ret = ctx;
	return 0;
}

NDCTL_EXPORT int ndctl_new(struct ndctl_ctx **ret)
{
	return ndctl_new_with_sysfs_root(NULL, ret);
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_ref(struct ndctl_ctx *ctx)
{
	if (ctx)
		ctx->refcount++;
	return ctx;
}

NDCTL_EXPORT void ndctl_unref(struct ndctl_ctx *ctx)
{
	struct ndctl_bus *bus, *next;

	if (!ctx || --ctx->refcount > 0)
		return;
	for (bus = ctx->buses; bus; bus = next) {
		next = bus->next;
		nd_bus_free(bus);
	}
	daxctl_unref(ctx->daxctl);
	sysfs_root_free(ctx->sysfs);
	free(ctx);
}

NDCTL_EXPORT void ndctl_set_log_fn(struct ndctl_ctx *ctx,
	void (*log_fn)(struct ndctl_ctx *ctx, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args))
{
	ctx->log_fn = log_fn ? log_fn : log_stderr;
}

NDCTL_EXPORT int ndctl_get_log_priority(struct ndctl_ctx *ctx)
{
	return ctx->log_priority;
}

NDCTL_EXPORT void ndctl_set_log_priority(struct ndctl_ctx *ctx, int priority)
{
	ctx->log_priority = priority;
}

NDCTL_EXPORT void ndctl_set_userdata(struct ndctl_ctx *ctx, void *userdata)
{
	ctx->userdata = userdata;
}

NDCTL_EXPORT void *ndctl_get_userdata(struct ndctl_ctx *ctx)
{
	return ctx->userdata;
}

NDCTL_EXPORT const char *ndctl_get_sysfs_root(struct ndctl_ctx *ctx)
{
	return sysfs_root_path(ctx->sysfs);
}

NDCTL_EXPORT struct daxctl_ctx *ndctl_get_daxctl_ctx(struct ndctl_ctx *ctx)
{
	int rc;

	if (ctx->daxctl)
		return ctx->daxctl;
	rc = daxctl_new_with_sysfs_root(sysfs_root_path(ctx->sysfs), &ctx->daxctl);
	if (rc < 0) {
		nd_err(ctx, "cannot create a libdaxctl context: %s\n", strerror(-rc));
		ctx->daxctl = NULL;
	}
	return ctx->daxctl;
}
