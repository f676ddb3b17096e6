/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * JSON views of libdaxctl objects, shared by the daxctl commands that print
 * regions, devices and mappings.
 */
#ifndef DAXCTL_JSON_H
#define DAXCTL_JSON_H

#include <stdbool.h>
#include <stdio.h>
#include <json-c/json.h>
#include <daxctl/libdaxctl.h>

enum {
	DAXCTL_JSON_HUMAN = 1 << 0,	/* sizes and addresses as strings */
	DAXCTL_JSON_IDLE = 1 << 1,	/* include disabled devices */
	DAXCTL_JSON_DEVS = 1 << 2,	/* nest devices under regions */
	DAXCTL_JSON_MAPPINGS = 1 << 3,	/* nest mappings under devices */
};

/* A size: a number, or with HUMAN "2.00 GiB (2.15 GB)" from 5000 KiB up. */
struct json_object *daxctl_json_size(unsigned long long size, unsigned long flags);
/* An address or offset: a number, or with HUMAN a hex string ("0x1000", "0"). */
struct json_object *daxctl_json_hex(unsigned long long val, unsigned long flags);

struct json_object *daxctl_mapping_to_json(struct daxctl_mapping *mapping,
					   unsigned long flags);
struct json_object *daxctl_dev_to_json(struct daxctl_dev *dev, unsigned long flags);
/*
 * Append the devices of region that match dev_filter (NULL: all) to jdevs,
 * creating the array on first use. Returns the array (NULL if still empty).
 */
struct json_object *daxctl_devs_to_list(struct daxctl_region *region,
					struct json_object *jdevs,
					const char *dev_filter, unsigned long flags);
struct json_object *daxctl_region_to_json(struct daxctl_region *region,
					  const char *dev_filter, unsigned long flags);

bool daxctl_dev_filter(struct daxctl_dev *dev, const char *ident);
bool daxctl_region_filter(struct daxctl_region *region, const char *ident);

/*
 * Print a listing: nothing when empty, the lone object unwrapped when HUMAN
 * and there is exactly one, else the array. Consumes jarray.
 */
void daxctl_json_print_list(FILE *f, struct json_object *jarray, unsigned long flags);

#endif
