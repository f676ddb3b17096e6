// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Namespaces (namespaceX.Y) of a region: type, mode, capacity, identity,
 * logical block sizes, block device, and the btt/pfn/dax device that claims
 * the namespace (found by the claim's "namespace" attribute).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

void nd_namespace_free(struct ndctl_namespace *ndns)
{
	nd_dev_free(&ndns->d);
	free(ndns->mode);
	free(ndns->alt_name);
	free(ndns->sector_sizes);
	free(ndns->bbs);
	free(ndns);
}

static int ns_type(struct ndctl_ctx *ctx, const char *dir, const char *name)
{
	char *devtype = NULL;
	int type = 0;

	if (nd_attr_int(ctx, dir, name, "nstype", &type) == 0 &&
	    type >= ND_DEVICE_NAMESPACE_IO && type <= ND_DEVICE_NAMESPACE_BLK)
		return type;
	if (nd_attr_str(ctx, dir, name, "devtype", &devtype) < 0)
		return 0;
	if (strcmp(devtype, "nd_namespace_io") == 0)
		type = ND_DEVICE_NAMESPACE_IO;
	else if (strcmp(devtype, "nd_namespace_pmem") == 0)
		type = ND_DEVICE_NAMESPACE_PMEM;
	else if (strcmp(devtype, "nd_namespace_blk") == 0)
		type = ND_DEVICE_NAMESPACE_BLK;
	else
		type = 0;
	free(devtype);
	return type;
}

struct ndctl_namespace *nd_namespace_load(struct ndctl_region *region, const char *name)
{
	struct ndctl_ctx *ctx = region->bus->ctx;
	struct ndctl_namespace *ndns = calloc(1, sizeof(*ndns));
	unsigned long long *vals = NULL, sel = 0, v;
	char *dir;
	int n = 0, rc;

	if (!ndns)
		return NULL;
	ndns->region = region;
	dir = sysfs_join(region->path, name);
	if (!dir || nd_dev_load(ctx, &ndns->d, dir, name, "namespace") < 0) {
		free(dir);
		free(ndns);
		return NULL;
	}
	free(dir);
	dir = ndns->d.path;
	ndns->type = ns_type(ctx, dir, name);
	rc = nd_attr_str(ctx, dir, name, "mode", &ndns->mode);
	if (rc < 0)
		ndns->mode = NULL;
	if (nd_attr_str(ctx, dir, name, "alt_name", &ndns->alt_name) < 0)
		ndns->alt_name = NULL;
	ndns->sector_size = UINT_MAX;
	if (nd_attr_list(ctx, dir, name, "sector_size", &vals, &n, &sel) == 0) {
		ndns->sector_sizes = calloc((size_t)n + 1, sizeof(*ndns->sector_sizes));
		for (int i = 0; ndns->sector_sizes && i < n; i++)
			ndns->sector_sizes[i] = vals[i] > UINT_MAX - 1 ? 0 : (unsigned int)vals[i];
		ndns->num_sector_sizes = ndns->sector_sizes ? n : 0;
		ndns->sector_size = sel < UINT_MAX ? (unsigned int)sel : 0;
		free(vals);
	}
	ndns->force_raw = -1;
	if (nd_attr_u64(ctx, dir, name, "force_raw", &v) == 0)
		ndns->force_raw = v != 0;
	return ndns;
}

static struct ndctl_namespace *ns_first(struct ndctl_region *region)
{
	if (!region->children_loaded)
		nd_region_load_children(region);
	return region->namespaces;
}

NDCTL_EXPORT struct ndctl_namespace *ndctl_namespace_get_first(struct ndctl_region *region)
{
	return ns_first(region);
}

NDCTL_EXPORT struct ndctl_namespace *ndctl_namespace_get_next(struct ndctl_namespace *ndns)
{
	return ndns->next;
}

NDCTL_EXPORT struct ndctl_region *ndctl_namespace_get_region(struct ndctl_namespace *ndns)
{
	return ndns->region;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_namespace_get_bus(struct ndctl_namespace *ndns)
{
	return ndns->region->bus;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_namespace_get_ctx(struct ndctl_namespace *ndns)
{
	return ndns->region->bus->ctx;
}

NDCTL_EXPORT unsigned int ndctl_namespace_get_id(struct ndctl_namespace *ndns)
{
	return ndns->d.id;
}

NDCTL_EXPORT const char *ndctl_namespace_get_devname(struct ndctl_namespace *ndns)
{
	return ndns->d.devname;
}

NDCTL_EXPORT unsigned int ndctl_namespace_get_type(struct ndctl_namespace *ndns)
{
	return (unsigned int)ndns->type;
}

NDCTL_EXPORT const char *ndctl_namespace_get_type_name(struct ndctl_namespace *ndns)
{
	switch (ndns->type) {
	case ND_DEVICE_NAMESPACE_IO:
		return "io";
	case ND_DEVICE_NAMESPACE_PMEM:
		return "pmem";
	case ND_DEVICE_NAMESPACE_BLK:
		return "blk";
	default:
		return "unknown";
	}
}

NDCTL_EXPORT enum ndctl_namespace_mode ndctl_namespace_get_mode(struct ndctl_namespace *ndns)
{
	/* the kernel's names for the modes predate fsdax/devdax/sector */
	if (!ndns->mode)
		return NDCTL_NS_MODE_UNKNOWN;
	if (strcmp(ndns->mode, "memory") == 0)
		return NDCTL_NS_MODE_FSDAX;
	if (strcmp(ndns->mode, "dax") == 0)
		return NDCTL_NS_MODE_DEVDAX;
	if (strcmp(ndns->mode, "safe") == 0)
		return NDCTL_NS_MODE_SECTOR;
	if (strcmp(ndns->mode, "raw") == 0)
		return NDCTL_NS_MODE_RAW;
	return NDCTL_NS_MODE_UNKNOWN;
}

NDCTL_EXPORT unsigned long long ndctl_namespace_get_size(struct ndctl_namespace *ndns)
{
	return ndns->d.size;
}

NDCTL_EXPORT unsigned long long ndctl_namespace_get_resource(struct ndctl_namespace *ndns)
{
	return ndns->d.resource;
}

NDCTL_EXPORT void ndctl_namespace_get_uuid(struct ndctl_namespace *ndns, uuid_t uu)
{
	uuid_copy(uu, ndns->d.uuid);
}

NDCTL_EXPORT const char *ndctl_namespace_get_alt_name(struct ndctl_namespace *ndns)
{
	return ndns->alt_name ? ndns->alt_name : "";
}

NDCTL_EXPORT unsigned int ndctl_namespace_get_sector_size(struct ndctl_namespace *ndns)
{
	return ndns->sector_size;
}

NDCTL_EXPORT int ndctl_namespace_get_num_sector_sizes(struct ndctl_namespace *ndns)
{
	return ndns->num_sector_sizes;
}

NDCTL_EXPORT unsigned int ndctl_namespace_get_supported_sector_size(struct ndctl_namespace *ndns,
								    int i)
{
	if (i < 0 || i >= ndns->num_sector_sizes)
		return UINT_MAX;
	return ndns->sector_sizes[i];
}

NDCTL_EXPORT int ndctl_namespace_get_numa_node(struct ndctl_namespace *ndns)
{
	return ndns->d.numa_node;
}

NDCTL_EXPORT int ndctl_namespace_get_target_node(struct ndctl_namespace *ndns)
{
	return ndns->d.target_node;
}

NDCTL_EXPORT int ndctl_namespace_is_enabled(struct ndctl_namespace *ndns)
{
	return ndns->d.enabled;
}

NDCTL_EXPORT int ndctl_namespace_is_active(struct ndctl_namespace *ndns)
{
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);

	if (btt || pfn || dax)
		return (btt && ndctl_btt_is_enabled(btt)) || (pfn && ndctl_pfn_is_enabled(pfn)) ||
		       (dax && ndctl_dax_is_enabled(dax));
	return ndns->d.enabled;
}

NDCTL_EXPORT int ndctl_namespace_is_configured(struct ndctl_namespace *ndns)
{
	return ndns->d.size > 0 && ndns->d.size != ND_U64_NONE;
}

NDCTL_EXPORT int ndctl_namespace_get_force_raw(struct ndctl_namespace *ndns)
{
	return ndns->force_raw;
}

NDCTL_EXPORT const char *ndctl_namespace_get_block_device(struct ndctl_namespace *ndns)
{
	return ndns->d.blockdev;
}

NDCTL_EXPORT struct ndctl_btt *ndctl_namespace_get_btt(struct ndctl_namespace *ndns)
{
	struct ndctl_btt *btt;

	ndctl_btt_foreach(ndns->region, btt)
		if (btt->ns_name && strcmp(btt->ns_name, ndns->d.devname) == 0)
			return btt;
	return NULL;
}

NDCTL_EXPORT struct ndctl_pfn *ndctl_namespace_get_pfn(struct ndctl_namespace *ndns)
{
	struct ndctl_pfn *pfn;

	ndctl_pfn_foreach(ndns->region, pfn)
		if (pfn->ns_name && strcmp(pfn->ns_name, ndns->d.devname) == 0)
			return pfn;
	return NULL;
}

NDCTL_EXPORT struct ndctl_dax *ndctl_namespace_get_dax(struct ndctl_namespace *ndns)
{
	struct ndctl_dax *dax;

	ndctl_dax_foreach(ndns->region, dax)
		if (dax->pfn.ns_name && strcmp(dax->pfn.ns_name, ndns->d.devname) == 0)
			return dax;
	return NULL;
}

/* bad blocks of the block device: <namespace>/block/<bdev>/badblocks */
static void ns_bb_load(struct ndctl_namespace *ndns)
{
	char *bdir, *blk;

	ndns->bb_loaded = true;
	if (!ndns->d.blockdev)
		return;
	blk = sysfs_join(ndns->d.path, "block");
	bdir = blk ? sysfs_join(blk, ndns->d.blockdev) : NULL;
	if (bdir)
		nd_attr_badblocks(ndns->region->bus->ctx, bdir, ndns->d.blockdev, "badblocks",
				  &ndns->bbs, &ndns->num_bbs);
	free(bdir);
	free(blk);
}

NDCTL_EXPORT struct badblock *ndctl_namespace_get_first_badblock(struct ndctl_namespace *ndns)
{
	if (!ndns->bb_loaded)
		ns_bb_load(ndns);
	ndns->bb_cursor = 0;
	return ndns->num_bbs > 0 ? &ndns->bbs[0] : NULL;
}

NDCTL_EXPORT struct badblock *ndctl_namespace_get_next_badblock(struct ndctl_namespace *ndns)
{
	if (++ndns->bb_cursor >= ndns->num_bbs)
		return NULL;
	return &ndns->bbs[ndns->bb_cursor];
}
