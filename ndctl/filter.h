/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Object selection for ndctl commands: the --bus, --region, --dimm,
 * --namespace, --mode, --type and --numa-node filters, each a space
 * separated list of names or ids ("all" matches everything).
 */
#ifndef NDCTL_FILTER_H
#define NDCTL_FILTER_H

#include <stdbool.h>
#include <ndctl/libndctl.h>

struct nd_filter {
	const char *bus, *region, *dimm, *namespace, *mode, *type, *numa_node;
	/* parsed */
	int mode_val;		/* enum ndctl_namespace_mode, or -1 for any */
	unsigned int type_val;	/* ND_DEVICE_REGION_*, or 0 for any */
	int numa_val;		/* -1 for any */
};

/* Validate and parse the string filters; on error fill msg and return -EINVAL. */
int nd_filter_init(struct nd_filter *f, char *msg, size_t len);

bool nd_match_bus(struct ndctl_bus *bus, const char *ident);
bool nd_match_region(struct ndctl_region *region, const char *ident);
bool nd_match_dimm(struct ndctl_dimm *dimm, const char *ident);
bool nd_match_namespace(struct ndctl_namespace *ndns, const char *ident);

/* a bus, region or DIMM is in scope when the other filters can reach it */
bool nd_bus_in_scope(struct ndctl_bus *bus, const struct nd_filter *f);
bool nd_dimm_in_scope(struct ndctl_dimm *dimm, const struct nd_filter *f);
bool nd_region_in_scope(struct ndctl_region *region, const struct nd_filter *f);
bool nd_namespace_in_scope(struct ndctl_namespace *ndns, const struct nd_filter *f);

/* "fsdax"/"memory", "devdax"/"dax", "sector"/"safe", "raw"; -1 if unknown */
int nd_mode_parse(const char *s);

#endif
