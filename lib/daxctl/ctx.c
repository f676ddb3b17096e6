// SPDX-License-Identifier: LGPL-2.1-or-later
/* libdaxctl context: sysfs root, logging, userdata. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <syslog.h>

#include <daxctl/libdaxctl.h>
#include "util/sysfs.h"

#define DAXCTL_EXPORT __attribute__((visibility("default")))

struct daxctl_ctx {
	int refcount;
	int log_priority;
	void (*log_fn)(struct daxctl_ctx *ctx, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args);
	void *userdata;
	struct sysfs_root *sysfs;
};

static void log_stderr(struct daxctl_ctx *ctx, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args)
{
	fprintf(stderr, "libdaxctl: %s: ", fn);
	vfprintf(stderr, format, args);
}

DAXCTL_EXPORT int daxctl_new(struct daxctl_ctx **ret)
{
	struct daxctl_ctx *ctx = calloc(1, sizeof(*ctx));
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

DAXCTL_EXPORT struct daxctl_ctx *daxctl_ref(struct daxctl_ctx *ctx)
{
	if (ctx)
		ctx->refcount++;
	return ctx;
}

DAXCTL_EXPORT void daxctl_unref(struct daxctl_ctx *ctx)
{
	if (!ctx || --ctx->refcount > 0)
		return;
	sysfs_root_free(ctx->sysfs);
	free(ctx);
}

DAXCTL_EXPORT void daxctl_set_log_fn(struct daxctl_ctx *ctx,
	void (*log_fn)(struct daxctl_ctx *ctx, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args))
{
	ctx->log_fn = log_fn ? log_fn : log_stderr;
}

DAXCTL_EXPORT int daxctl_get_log_priority(struct daxctl_ctx *ctx)
{
	return ctx->log_priority;
}

DAXCTL_EXPORT void daxctl_set_log_priority(struct daxctl_ctx *ctx, int priority)
{
	ctx->log_priority = priority;
}

DAXCTL_EXPORT void daxctl_set_userdata(struct daxctl_ctx *ctx, void *userdata)
{
	ctx->userdata = userdata;
}

DAXCTL_EXPORT void *daxctl_get_userdata(struct daxctl_ctx *ctx)
{
	return ctx->userdata;
}
