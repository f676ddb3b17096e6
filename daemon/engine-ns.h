/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the namespace planning (engine-namespace.c) shares with applying
 * (engine-apply.c): finding the region and the namespace a [namespace]
 * section names, and the planner call (ndctl/ns-plan.h), so the plan is
 * made again under the region lock with the same inputs.
 */
#ifndef NDCTLD_ENGINE_NS_H
#define NDCTLD_ENGINE_NS_H

#include <ndctl/libndctl.h>
#include "daemon/conf.h"
#include "ndctl/ns-apply.h"
#include "ndctl/ns-plan.h"

struct ndctl_region *eng_nd_region(struct ndctl_ctx *ctx, const char *name);
bool eng_region_labelless(struct ndctl_region *region);
/* labeled: the namespace named name; label-less: the region's one namespace */
struct ndctl_namespace *eng_ns_find(struct ndctl_region *region, const char *name);
/* plan cn in region (in place when reconfig), reserved bytes taken by sections before it */
int eng_ns_plan(const struct conf_namespace *cn, struct ndctl_region *region,
		struct ndctl_namespace *reconfig, uint64_t reserved, struct plan_region *r,
		struct plan_request *q, struct plan_result *res);
/* the namespace's logical block size, as create-namespace chooses it */
unsigned int eng_ns_sector_size(const struct conf_namespace *cn, const struct plan_result *res);

#endif
