// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Region mappings: regionN/mappingK = "nmemX,<dpa offset>,<length>[,<position>]",
 * the DIMM extents a region is built from.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "util/parse.h"

int nd_mapping_load(struct ndctl_region *region, int idx, struct ndctl_mapping **ret)
{
	struct ndctl_ctx *ctx = region->bus->ctx;
	char attr[32], buf[256], *fields[4] = { NULL };
	struct ndctl_mapping *m;
	uint64_t off, len, pos = 0;
	char *p = buf, *save = NULL;
	int n = 0, rc;

	snprintf(attr, sizeof(attr), "mapping%d", idx);
	rc = sysfs_read(region->path, attr, buf, sizeof(buf));
	if (rc < 0) {
		nd_err(ctx, "%s: cannot read %s: %s\n", region->devname, attr, strerror(-rc));
		return rc;
	}
	for (char *tok = strtok_r(p, ",", &save); tok && n < 4; tok = strtok_r(NULL, ",", &save))
		fields[n++] = tok;
	if (n < 3 || strtok_r(NULL, ",", &save) || parse_u64(fields[1], &off) < 0 ||
	    parse_u64(fields[2], &len) < 0 || (n == 4 && (parse_u64(fields[3], &pos) < 0 ||
							   pos > INT32_MAX))) {
		nd_err(ctx, "%s: malformed %s; mapping ignored\n", region->devname, attr);
		return -EINVAL;
	}
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->region = region;
	m->dimm = nd_bus_dimm_by_name(region->bus, fields[0]);
	if (!m->dimm) {
		nd_err(ctx, "%s: %s names unknown DIMM \"%s\"; mapping ignored\n",
		       region->devname, attr, fields[0]);
		free(m);
		return -ENODEV;
	}
	m->offset = off;
	m->length = len;
	m->position = n == 4 ? (int)pos : -1;
	*ret = m;
	return 0;
}

NDCTL_EXPORT struct ndctl_mapping *ndctl_mapping_get_first(struct ndctl_region *region)
{
	return region->mappings;
}

NDCTL_EXPORT struct ndctl_mapping *ndctl_mapping_get_next(struct ndctl_mapping *mapping)
{
	return mapping->next;
}

NDCTL_EXPORT struct ndctl_dimm *ndctl_mapping_get_dimm(struct ndctl_mapping *mapping)
{
	return mapping->dimm;
}

NDCTL_EXPORT struct ndctl_region *ndctl_mapping_get_region(struct ndctl_mapping *mapping)
{
	return mapping->region;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_mapping_get_bus(struct ndctl_mapping *mapping)
{
	return mapping->region->bus;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_mapping_get_ctx(struct ndctl_mapping *mapping)
{
	return mapping->region->bus->ctx;
}

NDCTL_EXPORT unsigned long long ndctl_mapping_get_offset(struct ndctl_mapping *mapping)
{
	return mapping->offset;
}

NDCTL_EXPORT unsigned long long ndctl_mapping_get_length(struct ndctl_mapping *mapping)
{
	return mapping->length;
}

NDCTL_EXPORT int ndctl_mapping_get_position(struct ndctl_mapping *mapping)
{
	return mapping->position;
}
