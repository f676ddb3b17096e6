// SPDX-License-Identifier: LGPL-2.1-or-later
/* btt claim devices (bttX.Y): the sector-mode personality of a namespace. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

void nd_btt_free(struct ndctl_btt *btt)
{
	nd_dev_free(&btt->d);
	free(btt->ns_name);
	free(btt->sector_sizes);
	free(btt);
}

/* the "namespace" attribute of a claim: the claimed devname, or "" */
char *nd_claim_namespace(struct ndctl_ctx *ctx, const char *dir, const char *name)
{
	char *s = NULL;

	if (nd_attr_str(ctx, dir, name, "namespace", &s) < 0)
		return NULL;
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

struct ndctl_btt *nd_btt_load(struct ndctl_region *region, const char *name)
{
	struct ndctl_ctx *ctx = region->bus->ctx;
	struct ndctl_btt *btt = calloc(1, sizeof(*btt));
	unsigned long long *vals = NULL, sel = 0;
	char *dir;
	int n = 0;

	if (!btt)
		return NULL;
	btt->region = region;
	dir = sysfs_join(region->path, name);
	if (!dir || nd_dev_load(ctx, &btt->d, dir, name, "btt") < 0) {
		free(dir);
		free(btt);
		return NULL;
	}
	free(dir);
	btt->ns_name = nd_claim_namespace(ctx, btt->d.path, name);
	btt->sector_size = UINT_MAX;
	if (nd_attr_list(ctx, btt->d.path, name, "sector_size", &vals, &n, &sel) == 0) {
		btt->sector_sizes = calloc((size_t)n + 1, sizeof(*btt->sector_sizes));
		for (int i = 0; btt->sector_sizes && i < n; i++)
			btt->sector_sizes[i] = vals[i] >= UINT_MAX ? 0 : (unsigned int)vals[i];
		btt->num_sector_sizes = btt->sector_sizes ? n : 0;
		if (sel && sel < UINT_MAX)
			btt->sector_size = (unsigned int)sel;
		free(vals);
	}
	return btt;
}

NDCTL_EXPORT struct ndctl_btt *ndctl_btt_get_first(struct ndctl_region *region)
{
	if (!region->children_loaded)
		nd_region_load_children(region);
	return region->btts;
}

NDCTL_EXPORT struct ndctl_btt *ndctl_btt_get_next(struct ndctl_btt *btt)
{
	return btt->next;
}

NDCTL_EXPORT struct ndctl_region *ndctl_btt_get_region(struct ndctl_btt *btt)
{
	return btt->region;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_btt_get_bus(struct ndctl_btt *btt)
{
	return btt->region->bus;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_btt_get_ctx(struct ndctl_btt *btt)
{
	return btt->region->bus->ctx;
}

NDCTL_EXPORT unsigned int ndctl_btt_get_id(struct ndctl_btt *btt)
{
	return btt->d.id;
}

NDCTL_EXPORT const char *ndctl_btt_get_devname(struct ndctl_btt *btt)
{
	return btt->d.devname;
}

NDCTL_EXPORT struct ndctl_namespace *ndctl_btt_get_namespace(struct ndctl_btt *btt)
{
	struct ndctl_namespace *ndns;

	if (!btt->ns_name)
		return NULL;
	ndctl_namespace_foreach(btt->region, ndns)
		if (strcmp(ndctl_namespace_get_devname(ndns), btt->ns_name) == 0)
			return ndns;
	return NULL;
}

NDCTL_EXPORT void ndctl_btt_get_uuid(struct ndctl_btt *btt, uuid_t uu)
{
	uuid_copy(uu, btt->d.uuid);
}

NDCTL_EXPORT unsigned long long ndctl_btt_get_size(struct ndctl_btt *btt)
{
	return btt->d.size;
}

NDCTL_EXPORT unsigned int ndctl_btt_get_sector_size(struct ndctl_btt *btt)
{
	return btt->sector_size;
}

NDCTL_EXPORT int ndctl_btt_get_num_sector_sizes(struct ndctl_btt *btt)
{
	return btt->num_sector_sizes;
}

NDCTL_EXPORT unsigned int ndctl_btt_get_supported_sector_size(struct ndctl_btt *btt, int i)
{
	if (i < 0 || i >= btt->num_sector_sizes)
		return UINT_MAX;
	return btt->sector_sizes[i];
}

NDCTL_EXPORT const char *ndctl_btt_get_block_device(struct ndctl_btt *btt)
{
	return btt->d.blockdev;
}

NDCTL_EXPORT int ndctl_btt_is_enabled(struct ndctl_btt *btt)
{
	return btt->d.enabled;
}

NDCTL_EXPORT int ndctl_btt_is_configured(struct ndctl_btt *btt)
{
	return btt->ns_name != NULL;
}
