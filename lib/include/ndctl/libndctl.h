/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndctl: the NVDIMM object model over sysfs (buses, DIMMs, regions,
 * namespaces and their btt/pfn/dax claim devices). Names and semantics
 * follow upstream libndctl.
 */
#ifndef _LIBNDCTL_H_
#define _LIBNDCTL_H_

#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndctl_ctx;
int ndctl_new(struct ndctl_ctx **ctx);
struct ndctl_ctx *ndctl_ref(struct ndctl_ctx *ctx);
void ndctl_unref(struct ndctl_ctx *ctx);
void ndctl_set_log_fn(struct ndctl_ctx *ctx,
		       void (*log_fn)(struct ndctl_ctx *ctx, int priority,
				      const char *file, int line, const char *fn,
				      const char *format, va_list args));
int ndctl_get_log_priority(struct ndctl_ctx *ctx);
void ndctl_set_log_priority(struct ndctl_ctx *ctx, int priority);
void ndctl_set_userdata(struct ndctl_ctx *ctx, void *userdata);
void *ndctl_get_userdata(struct ndctl_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
