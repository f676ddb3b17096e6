/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * JSON for ndctl listings: one converter per object, and the value
 * formatters behind --human (sizes as "2.00 GiB (2.15 GB)", other numbers
 * as hex strings).
 */
#ifndef NDCTL_JSON_H
#define NDCTL_JSON_H

#include <stdbool.h>
#include <json-c/json.h>
#include <ndctl/libndctl.h>

enum nd_json_flags {
	ND_JSON_HUMAN = 1 << 0,
	ND_JSON_VERBOSE = 1 << 1,
	ND_JSON_MEDIA_ERRORS = 1 << 2,
	ND_JSON_DAX = 1 << 3,		/* daxregion objects for devdax namespaces */
	ND_JSON_CAPABILITIES = 1 << 4,
	ND_JSON_FIRMWARE = 1 << 5,
	ND_JSON_HEALTH = 1 << 6,
	ND_JSON_IDLE = 1 << 7,
};

struct json_object *nd_json_size(unsigned long long v, unsigned int flags);
struct json_object *nd_json_hex(unsigned long long v, unsigned int flags);
struct json_object *nd_json_u64(unsigned long long v);

struct json_object *nd_bus_to_json(struct ndctl_bus *bus, unsigned int flags);
struct json_object *nd_dimm_to_json(struct ndctl_dimm *dimm, unsigned int flags);
struct json_object *nd_mapping_to_json(struct ndctl_mapping *mapping, unsigned int flags);
/*
 * A region in two steps, as its keys surround the mappings the walk adds:
 * nd_region_to_json() up to iset_id (NULL for a region of unknown type),
 * nd_region_json_finish() for state, bad blocks, capabilities, persistence.
 */
struct json_object *nd_region_to_json(struct ndctl_region *region, unsigned int flags);
void nd_region_json_finish(struct json_object *jregion, struct ndctl_region *region,
			   unsigned int flags);
/* NULL if the namespace cannot be shown (e.g. a devdax namespace without its dax claim) */
struct json_object *nd_namespace_to_json(struct ndctl_namespace *ndns, unsigned int flags);

/* Print an array; with --human a one-element array prints as its element. */
void nd_json_print_array(struct json_object *jarray, unsigned int flags);

#endif
