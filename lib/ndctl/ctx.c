// SPDX-License-Identifier: LGPL-2.1-or-later
/* libndctl context: sysfs root, logging, userdata. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <syslog.h>

#include <ndctl/libndctl.h>
#include "util/sysfs.h"

#define NDCTL_EXPORT __attribute__((visibility("default")))

struct ndctl_ctx {
	int refcount;
	int log_priority;
	void (*log_fn)(struct ndctl_ctx *ctx, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args);
	void *userdata;
	struct sysfs_root *sysfs;
};

static void log_stderr(struct ndctl_ctx *ctx, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args)
{
	fprintf(stderr, "libndctl: %s: ", fn);
	vfprintf(stderr, format, args);
}

NDCTL_EXPORT int ndctl_new(struct ndctl_ctx **ret)
{
	struct ndctl_ctx *ctx = calloc(1, sizeof(*ctx));
	int rc;

	if (!ctx)
		return -ENOMEM;
	rc = sysfs_root_new(NULL, &ctx->sysfs);
	if (rc < 0) {
		free(ctx);
		return rc;
	}
	ctx->refcount = 1;
	ctx->log_priority = LOG_ERR;
	ctx->log_fn = log_stderr;
	*ret = ctx;
	return 0;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_ref(struct ndctl_ctx *ctx)
{
	if (ctx)
		ctx->refcount++;
	return ctx;
}

NDCTL_EXPORT void ndctl_unref(struct ndctl_ctx *ctx)
{
	if (!ctx || --ctx->refcount > 0)
		return;
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
