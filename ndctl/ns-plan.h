/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Glue between libndctl objects and the namespace planner (lib/plan): what
 * a region offers (struct plan_region, from sysfs), the --map=auto inputs
 * (MemTotal, memmaps already in DRAM), the kernel profile, and the
 * --dry-run JSON of a plan.
 */
#ifndef NDCTL_NS_PLAN_H
#define NDCTL_NS_PLAN_H

#include <json-c/json.h>
#include <ndctl/libndctl.h>
#include "lib/plan/plan.h"

/*
 * Fill r for planning a namespace of the given mode in region. For an
 * in-place reconfiguration pass the namespace being changed: its own
 * capacity counts as available.
 */
void ns_plan_region(struct ndctl_region *region, struct ndctl_namespace *reconfig,
		    enum plan_mode mode, struct plan_region *r);
/* the same region as it will be once labeled (v1.1 labels, all capacity free) */
void ns_plan_as_labeled(struct plan_region *r);
/* kernel profile, MemTotal and DRAM memmaps in use, into q */
void ns_plan_host(struct ndctl_ctx *ctx, struct plan_request *q);
/* the --dry-run object */
struct json_object *ns_plan_to_json(const char *dev, struct ndctl_region *region,
				    const struct plan_result *res);
/* "fsdax", "devdax", "sector", "raw" for an NDCTL_NS_MODE_*, else NULL */
const char *nd_mode_name(int mode);

#endif
