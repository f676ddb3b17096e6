/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libdaxctl: the device-dax object model over sysfs (dax regions, dax
 * devices, their mapping ranges and the memory blocks of system-ram
 * devices). Names and semantics follow upstream libdaxctl.
 */
#ifndef _LIBDAXCTL_H_
#define _LIBDAXCTL_H_

#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

struct daxctl_ctx;
int daxctl_new(struct daxctl_ctx **ctx);
struct daxctl_ctx *daxctl_ref(struct daxctl_ctx *ctx);
void daxctl_unref(struct daxctl_ctx *ctx);
void daxctl_set_log_fn(struct daxctl_ctx *ctx,
		       void (*log_fn)(struct daxctl_ctx *ctx, int priority,
				      const char *file, int line, const char *fn,
				      const char *format, va_list args));
int daxctl_get_log_priority(struct daxctl_ctx *ctx);
void daxctl_set_log_priority(struct daxctl_ctx *ctx, int priority);
void daxctl_set_userdata(struct daxctl_ctx *ctx, void *userdata);
void *daxctl_get_userdata(struct daxctl_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
