// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * pfn claim devices (pfnX.Y): fsdax with a struct-page map in RAM ("mem")
 * or on the device ("dev"). The dax claim (dax.c) shares this layout.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"


void nd_pfn_fini(struct ndctl_pfn *pfn)
{
	nd_dev_free(&pfn->d);
	free(pfn->ns_name);
	free(pfn->alignments);
}

void nd_pfn_free(struct ndctl_pfn *pfn)
{
	nd_pfn_fini(pfn);
	free(pfn);
}

int nd_pfn_init(struct ndctl_region *region, struct ndctl_pfn *pfn, const char *name,
		const char *prefix)
{
	struct ndctl_ctx *ctx = region->bus->ctx;
	unsigned long long *vals = NULL, v;
	char *dir, *mode = NULL;
	int n = 0, rc;

	pfn->region = region;
	dir = sysfs_join(region->path, name);
	if (!dir)
		return -ENOMEM;
	rc = nd_dev_load(ctx, &pfn->d, dir, name, prefix);
	free(dir);
	if (rc < 0)
		return rc;
	dir = pfn->d.path;
	pfn->ns_name = nd_claim_namespace(ctx, dir, name);
	pfn->loc = NDCTL_PFN_LOC_NONE;
	if (nd_attr_str(ctx, dir, name, "mode", &mode) == 0) {
		if (strcmp(mode, "ram") == 0)
			pfn->loc = NDCTL_PFN_LOC_RAM;
		else if (strcmp(mode, "pmem") == 0)
			pfn->loc = NDCTL_PFN_LOC_PMEM;
		else if (strcmp(mode, "none") != 0)
			nd_err(ctx, "%s: unknown mode \"%s\"\n", name, mode);
		free(mode);
	}
	if (nd_attr_u64(ctx, dir, name, "align", &v) == 0 && v <= ULONG_MAX)
		pfn->align = (unsigned long)v;
	if (nd_attr_list(ctx, dir, name, "supported_alignments", &vals, &n, NULL) == 0) {
		pfn->alignments = calloc((size_t)n + 1, sizeof(*pfn->alignments));
		for (int i = 0; pfn->alignments && i < n; i++)
			pfn->alignments[i] = (unsigned long)vals[i];
		pfn->num_alignments = pfn->alignments ? n : 0;
		free(vals);
	}
	return 0;
}

struct ndctl_pfn *nd_pfn_load(struct ndctl_region *region, const char *name)
{
	struct ndctl_pfn *pfn = calloc(1, sizeof(*pfn));

	if (!pfn)
		return NULL;
	if (nd_pfn_init(region, pfn, name, "pfn") < 0) {
		nd_pfn_free(pfn);
		return NULL;
	}
	return pfn;
}

NDCTL_EXPORT struct ndctl_pfn *ndctl_pfn_get_first(struct ndctl_region *region)
{
	if (!region->children_loaded)
		nd_region_load_children(region);
	return region->pfns;
}

NDCTL_EXPORT struct ndctl_pfn *ndctl_pfn_get_next(struct ndctl_pfn *pfn)
{
	return pfn->next;
}

NDCTL_EXPORT struct ndctl_region *ndctl_pfn_get_region(struct ndctl_pfn *pfn)
{
	return pfn->region;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_pfn_get_bus(struct ndctl_pfn *pfn)
{
	return pfn->region->bus;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_pfn_get_ctx(struct ndctl_pfn *pfn)
{
	return pfn->region->bus->ctx;
}

NDCTL_EXPORT unsigned int ndctl_pfn_get_id(struct ndctl_pfn *pfn)
{
	return pfn->d.id;
}

NDCTL_EXPORT const char *ndctl_pfn_get_devname(struct ndctl_pfn *pfn)
{
	return pfn->d.devname;
}

NDCTL_EXPORT struct ndctl_namespace *ndctl_pfn_get_namespace(struct ndctl_pfn *pfn)
{
	struct ndctl_namespace *ndns;

	if (!pfn->ns_name)
		return NULL;
	ndctl_namespace_foreach(pfn->region, ndns)
		if (strcmp(ndctl_namespace_get_devname(ndns), pfn->ns_name) == 0)
			return ndns;
	return NULL;
}

NDCTL_EXPORT void ndctl_pfn_get_uuid(struct ndctl_pfn *pfn, uuid_t uu)
{
	uuid_copy(uu, pfn->d.uuid);
}

NDCTL_EXPORT enum ndctl_pfn_loc ndctl_pfn_get_location(struct ndctl_pfn *pfn)
{
	return pfn->loc;
}

NDCTL_EXPORT unsigned long ndctl_pfn_get_align(struct ndctl_pfn *pfn)
{
	return pfn->align;
}

NDCTL_EXPORT int ndctl_pfn_has_align(struct ndctl_pfn *pfn)
{
	return pfn->align != 0;
}

NDCTL_EXPORT int ndctl_pfn_get_num_alignments(struct ndctl_pfn *pfn)
{
	return pfn->num_alignments;
}

NDCTL_EXPORT unsigned long ndctl_pfn_get_supported_alignment(struct ndctl_pfn *pfn, int i)
{
	if (i < 0 || i >= pfn->num_alignments)
		return 0;
	return pfn->alignments[i];
}

NDCTL_EXPORT unsigned long long ndctl_pfn_get_size(struct ndctl_pfn *pfn)
{
	return pfn->d.size;
}

NDCTL_EXPORT unsigned long long ndctl_pfn_get_resource(struct ndctl_pfn *pfn)
{
	return pfn->d.resource;
}

NDCTL_EXPORT const char *ndctl_pfn_get_block_device(struct ndctl_pfn *pfn)
{
	return pfn->d.blockdev;
}

NDCTL_EXPORT int ndctl_pfn_is_enabled(struct ndctl_pfn *pfn)
{
	return pfn->d.enabled;
}

NDCTL_EXPORT int ndctl_pfn_is_configured(struct ndctl_pfn *pfn)
{
	return pfn->ns_name != NULL;
}
