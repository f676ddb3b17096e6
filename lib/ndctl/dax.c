// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * dax claim devices (daxX.Y on the nd bus): devdax personality of a
 * namespace. When enabled, the claim's directory holds the device-dax
 * region (dax_region/) and its instances (daxX.Y children on the dax bus);
 * libdaxctl reads those, asked on first use.
 */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "private.h"

void nd_dax_free(struct ndctl_dax *dax)
{
	nd_pfn_fini(&dax->pfn);
	free(dax);
}

struct ndctl_dax *nd_dax_load(struct ndctl_region *region, const char *name)
{
	struct ndctl_dax *dax = calloc(1, sizeof(*dax));

	if (!dax)
		return NULL;
	if (nd_pfn_init(region, &dax->pfn, name, "dax") < 0) {
		nd_dax_free(dax);
		return NULL;
	}
	return dax;
}

NDCTL_EXPORT struct ndctl_dax *ndctl_dax_get_first(struct ndctl_region *region)
{
	if (!region->children_loaded)
		nd_region_load_children(region);
	return region->daxs;
}

NDCTL_EXPORT struct ndctl_dax *ndctl_dax_get_next(struct ndctl_dax *dax)
{
	return dax->next;
}

NDCTL_EXPORT struct ndctl_pfn *ndctl_dax_get_pfn(struct ndctl_dax *dax)
{
	return &dax->pfn;
}

NDCTL_EXPORT struct ndctl_region *ndctl_dax_get_region(struct ndctl_dax *dax)
{
	return dax->pfn.region;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_dax_get_bus(struct ndctl_dax *dax)
{
	return dax->pfn.region->bus;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_dax_get_ctx(struct ndctl_dax *dax)
{
	return dax->pfn.region->bus->ctx;
}

NDCTL_EXPORT unsigned int ndctl_dax_get_id(struct ndctl_dax *dax)
{
	return dax->pfn.d.id;
}

NDCTL_EXPORT const char *ndctl_dax_get_devname(struct ndctl_dax *dax)
{
	return dax->pfn.d.devname;
}

NDCTL_EXPORT struct ndctl_namespace *ndctl_dax_get_namespace(struct ndctl_dax *dax)
{
	return ndctl_pfn_get_namespace(&dax->pfn);
}

NDCTL_EXPORT void ndctl_dax_get_uuid(struct ndctl_dax *dax, uuid_t uu)
{
	uuid_copy(uu, dax->pfn.d.uuid);
}

NDCTL_EXPORT enum ndctl_pfn_loc ndctl_dax_get_location(struct ndctl_dax *dax)
{
	return dax->pfn.loc;
}

NDCTL_EXPORT unsigned long ndctl_dax_get_align(struct ndctl_dax *dax)
{
	return dax->pfn.align;
}

NDCTL_EXPORT int ndctl_dax_has_align(struct ndctl_dax *dax)
{
	return dax->pfn.align != 0;
}

NDCTL_EXPORT int ndctl_dax_get_num_alignments(struct ndctl_dax *dax)
{
	return dax->pfn.num_alignments;
}

NDCTL_EXPORT unsigned long ndctl_dax_get_supported_alignment(struct ndctl_dax *dax, int i)
{
	return ndctl_pfn_get_supported_alignment(&dax->pfn, i);
}

NDCTL_EXPORT unsigned long long ndctl_dax_get_size(struct ndctl_dax *dax)
{
	return dax->pfn.d.size;
}

NDCTL_EXPORT unsigned long long ndctl_dax_get_resource(struct ndctl_dax *dax)
{
	return dax->pfn.d.resource;
}

NDCTL_EXPORT int ndctl_dax_is_enabled(struct ndctl_dax *dax)
{
	return dax->pfn.d.enabled;
}

NDCTL_EXPORT int ndctl_dax_is_configured(struct ndctl_dax *dax)
{
	return dax->pfn.ns_name != NULL;
}

NDCTL_EXPORT struct daxctl_region *ndctl_dax_get_daxctl_region(struct ndctl_dax *dax)
{
	struct ndctl_ctx *ctx = dax->pfn.region->bus->ctx;
	struct daxctl_ctx *dctx;

	if (dax->daxregion_loaded)
		return dax->daxregion;
	dax->daxregion_loaded = true;
	/* a disabled claim has no dax_region directory: nothing to ask for */
	if (!dax->pfn.d.enabled || !sysfs_exists(dax->pfn.d.path, "dax_region"))
		return NULL;
	dctx = ndctl_get_daxctl_ctx(ctx);
	if (!dctx)
		return NULL;
	dax->daxregion = daxctl_new_region(dctx, -1, NULL, dax->pfn.d.path);
	if (!dax->daxregion)
		nd_err(ctx, "%s: cannot read its device-dax region\n", dax->pfn.d.devname);
	return dax->daxregion;
}
