// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Regions (regionN) of a bus: capacity, placement, persistence domain,
 * seeds, bad blocks, the interleave set of labelled pmem regions, and the
 * lists of namespaces and claim devices found inside the region directory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

void nd_region_free(struct ndctl_region *region)
{
	struct ndctl_mapping *m, *mnext;
	struct ndctl_namespace *ndns, *nnext;
	struct ndctl_btt *btt, *bnext;
	struct ndctl_pfn *pfn, *pnext;
	struct ndctl_dax *dax, *dnext;

	for (m = region->mappings; m; m = mnext) {
		mnext = m->next;
		free(m);
	}
	for (ndns = region->namespaces; ndns; ndns = nnext) {
		nnext = ndns->next;
		nd_namespace_free(ndns);
	}
	for (btt = region->btts; btt; btt = bnext) {
		bnext = btt->next;
		nd_btt_free(btt);
	}
	for (pfn = region->pfns; pfn; pfn = pnext) {
		pnext = pfn->next;
		nd_pfn_free(pfn);
	}
	for (dax = region->daxs; dax; dax = dnext) {
		dnext = dax->next;
		nd_dax_free(dax);
	}
	free(region->path);
	free(region->devname);
	free(region->namespace_seed);
	free(region->btt_seed);
	free(region->pfn_seed);
	free(region->dax_seed);
	free(region->bbs);
	nd_region_retired_free(region);
	free(region);
}

static enum ndctl_persistence_domain parse_pd(const char *s)
{
	if (strstr(s, "cpu_cache"))
		return PERSISTENCE_CPU_CACHE;
	if (strstr(s, "memory_controller"))
		return PERSISTENCE_MEM_CTRL;
	if (!*s || strcmp(s, "none") == 0)
		return PERSISTENCE_NONE;
	return PERSISTENCE_UNKNOWN;
}

static char *seed_attr(struct ndctl_region *region, const char *attr)
{
	char *s = NULL;

	if (nd_attr_str(region->bus->ctx, region->path, region->devname, attr, &s) < 0)
		return NULL;
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

static int region_type(struct ndctl_region *region)
{
	char *devtype = NULL;
	int type = 0;

	if (nd_attr_str(region->bus->ctx, region->path, region->devname, "devtype",
			&devtype) == 0) {
		if (strcmp(devtype, "nd_pmem") == 0)
			type = ND_DEVICE_REGION_PMEM;
		else if (strcmp(devtype, "nd_blk") == 0)
			type = ND_DEVICE_REGION_BLK;
		free(devtype);
		return type;
	}
	/* no devtype: the kind of namespace hosted says it */
	if (region->nstype == ND_DEVICE_NAMESPACE_BLK)
		return ND_DEVICE_REGION_BLK;
	if (region->nstype == ND_DEVICE_NAMESPACE_PMEM || region->nstype == ND_DEVICE_NAMESPACE_IO)
		return ND_DEVICE_REGION_PMEM;
	return 0;
}

struct ndctl_region *nd_region_load(struct ndctl_bus *bus, const char *name)
{
	struct ndctl_ctx *ctx = bus->ctx;
	struct ndctl_region *region = calloc(1, sizeof(*region));
	struct ndctl_mapping **tail;
	unsigned long long v;
	char *pd = NULL;
	int rc;

	if (!region)
		return NULL;
	region->bus = bus;
	if (nd_name_id(name, "region", &region->id) < 0) {
		nd_dbg(ctx, "%s: not a region name, skipped\n", name);
		goto fail;
	}
	region->devname = strdup(name);
	region->path = sysfs_join(bus->path, name);
	if (!region->devname || !region->path)
		goto fail;

	/* what every listing shows: without it the region is not usable */
	rc = nd_attr_u64(ctx, region->path, name, "size", &region->size);
	if (rc < 0) {
		nd_err(ctx, "%s: skipped: no usable size (%s)\n", name, strerror(-rc));
		goto fail;
	}
	if (nd_attr_int(ctx, region->path, name, "nstype", &region->nstype) < 0)
		region->nstype = 0;
	region->type = region_type(region);

	region->max_available_extent = region->align = region->resource = ND_U64_NONE;
	if (region->nstype == ND_DEVICE_NAMESPACE_PMEM || region->nstype == ND_DEVICE_NAMESPACE_BLK) {
		rc = nd_attr_u64(ctx, region->path, name, "available_size",
				 &region->available_size);
		if (rc < 0) {
			nd_err(ctx, "%s: skipped: no usable available_size (%s)\n", name,
			       strerror(-rc));
			goto fail;
		}
		if (nd_attr_u64(ctx, region->path, name, "max_available_extent", &v) == 0)
			region->max_available_extent = v;
	} else {
		/*
		 * Without labels (io namespaces: label-less NFIT, e820) nothing
		 * can be allocated, whatever the kernel's attributes say (6.12
		 * reports the whole region, or hides the attribute).
		 */
		region->available_size = 0;
		region->max_available_extent = 0;
	}
	if (nd_attr_u64(ctx, region->path, name, "align", &v) == 0)
		region->align = v;
	if (nd_attr_u64(ctx, region->path, name, "resource", &v) == 0)
		region->resource = v;
	if (nd_attr_int(ctx, region->path, name, "numa_node", &region->numa_node) == 0)
		region->has_numa = true;
	else
		region->numa_node = -1;
	if (nd_attr_int(ctx, region->path, name, "target_node", &region->target_node) < 0)
		region->target_node = -1;
	if (nd_attr_u64(ctx, region->path, name, "read_only", &v) == 0)
		region->ro = v != 0;
	else
		region->ro = -1;
	if (nd_attr_str(ctx, region->path, name, "persistence_domain", &pd) == 0) {
		region->persistence_domain = parse_pd(pd);
		free(pd);
	} else {
		region->persistence_domain = PERSISTENCE_UNKNOWN;
	}
	region->enabled = nd_dev_bound(region->path);

	/* only labelled pmem has a meaningful interleave-set cookie */
	if (region->nstype == ND_DEVICE_NAMESPACE_PMEM &&
	    nd_attr_u64(ctx, region->path, name, "set_cookie", &v) == 0 && v) {
		region->has_iset = true;
		region->iset.region = region;
		region->iset.cookie = v;
	}

	region->namespace_seed = seed_attr(region, "namespace_seed");
	region->btt_seed = seed_attr(region, "btt_seed");
	region->pfn_seed = seed_attr(region, "pfn_seed");
	region->dax_seed = seed_attr(region, "dax_seed");

	if (nd_attr_u64(ctx, region->path, name, "mappings", &v) == 0) {
		if (v > 4096) {
			nd_err(ctx, "%s: implausible mappings count %llu; ignoring mappings\n",
			       name, v);
			v = 0;
		}
		tail = &region->mappings;
		for (int i = 0; i < (int)v; i++) {
			struct ndctl_mapping *m;

			if (nd_mapping_load(region, i, &m) < 0)
				continue;
			*tail = m;
			tail = &m->next;
			region->num_mappings++;
		}
	}
	return region;
fail:
	nd_region_free(region);
	return NULL;
}

static void regions_load(struct ndctl_bus *bus)
{
	struct ndctl_region **tail = &bus->regions;
	char **names = NULL;
	size_t count = 0;

	bus->regions_loaded = true;
	if (sysfs_list(bus->path, "region", true, &names, &count) < 0)
		return;
	for (size_t i = 0; i < count; i++) {
		struct ndctl_region *region = nd_region_load(bus, names[i]);

		if (!region)
			continue;
		*tail = region;
		tail = &region->next;
	}
	sysfs_names_free(names, count);
}

/* namespaces and claim devices, loaded together: namespaces need claims */
void nd_region_load_children(struct ndctl_region *region)
{
	struct ndctl_namespace **ntail = &region->namespaces;
	struct ndctl_btt **btail = &region->btts;
	struct ndctl_pfn **ptail = &region->pfns;
	struct ndctl_dax **dtail = &region->daxs;
	char **names = NULL;
	size_t count = 0;

	region->children_loaded = true;
	if (sysfs_list(region->path, NULL, true, &names, &count) < 0)
		return;
	for (size_t i = 0; i < count; i++) {
		const char *n = names[i];

		if (strncmp(n, "namespace", 9) == 0) {
			struct ndctl_namespace *ndns = nd_namespace_load(region, n);

			if (ndns) {
				*ntail = ndns;
				ntail = &ndns->next;
			}
		} else if (strncmp(n, "btt", 3) == 0) {
			struct ndctl_btt *btt = nd_btt_load(region, n);

			if (btt) {
				*btail = btt;
				btail = &btt->next;
			}
		} else if (strncmp(n, "pfn", 3) == 0) {
			struct ndctl_pfn *pfn = nd_pfn_load(region, n);

			if (pfn) {
				*ptail = pfn;
				ptail = &pfn->next;
			}
		} else if (strncmp(n, "dax", 3) == 0) {
			struct ndctl_dax *dax = nd_dax_load(region, n);

			if (dax) {
				*dtail = dax;
				dtail = &dax->next;
			}
		}
	}
	sysfs_names_free(names, count);
}

NDCTL_EXPORT struct ndctl_region *ndctl_region_get_first(struct ndctl_bus *bus)
{
	if (!bus->regions_loaded) {
		/* mappings refer to DIMMs: have them first */
		ndctl_dimm_get_first(bus);
		regions_load(bus);
	}
	return bus->regions;
}

NDCTL_EXPORT struct ndctl_region *ndctl_region_get_next(struct ndctl_region *region)
{
	return region->next;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_region_get_bus(struct ndctl_region *region)
{
	return region->bus;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_region_get_ctx(struct ndctl_region *region)
{
	return region->bus->ctx;
}

NDCTL_EXPORT unsigned int ndctl_region_get_id(struct ndctl_region *region)
{
	return region->id;
}

NDCTL_EXPORT const char *ndctl_region_get_devname(struct ndctl_region *region)
{
	return region->devname;
}

NDCTL_EXPORT unsigned int ndctl_region_get_type(struct ndctl_region *region)
{
	return (unsigned int)region->type;
}

NDCTL_EXPORT const char *ndctl_region_get_type_name(struct ndctl_region *region)
{
	switch (region->type) {
	case ND_DEVICE_REGION_PMEM:
		return "pmem";
	case ND_DEVICE_REGION_BLK:
		return "blk";
	default:
		return "unknown";
	}
}

NDCTL_EXPORT unsigned int ndctl_region_get_nstype(struct ndctl_region *region)
{
	return (unsigned int)region->nstype;
}

NDCTL_EXPORT unsigned long long ndctl_region_get_size(struct ndctl_region *region)
{
	return region->size;
}

NDCTL_EXPORT unsigned long long ndctl_region_get_available_size(struct ndctl_region *region)
{
	return region->available_size;
}

NDCTL_EXPORT unsigned long long ndctl_region_get_max_available_extent(struct ndctl_region *region)
{
	return region->max_available_extent;
}

NDCTL_EXPORT unsigned long long ndctl_region_get_align(struct ndctl_region *region)
{
	return region->align;
}

NDCTL_EXPORT unsigned long long ndctl_region_get_resource(struct ndctl_region *region)
{
	return region->resource;
}

NDCTL_EXPORT int ndctl_region_get_numa_node(struct ndctl_region *region)
{
	return region->numa_node;
}

NDCTL_EXPORT int ndctl_region_has_numa(struct ndctl_region *region)
{
	return region->has_numa;
}

NDCTL_EXPORT int ndctl_region_get_target_node(struct ndctl_region *region)
{
	return region->target_node;
}

NDCTL_EXPORT unsigned int ndctl_region_get_mappings(struct ndctl_region *region)
{
	return (unsigned int)region->num_mappings;
}

NDCTL_EXPORT unsigned int ndctl_region_get_interleave_ways(struct ndctl_region *region)
{
	return region->num_mappings > 0 ? (unsigned int)region->num_mappings : 1;
}

NDCTL_EXPORT int ndctl_region_get_ro(struct ndctl_region *region)
{
	return region->ro;
}

NDCTL_EXPORT int ndctl_region_is_enabled(struct ndctl_region *region)
{
	return region->enabled;
}

NDCTL_EXPORT enum ndctl_persistence_domain
ndctl_region_get_persistence_domain(struct ndctl_region *region)
{
	return region->persistence_domain;
}

NDCTL_EXPORT struct ndctl_namespace *ndctl_region_get_namespace_seed(struct ndctl_region *region)
{
	struct ndctl_namespace *ndns;

	if (!region->namespace_seed)
		return NULL;
	ndctl_namespace_foreach(region, ndns)
		if (strcmp(ndctl_namespace_get_devname(ndns), region->namespace_seed) == 0)
			return ndns;
	return NULL;
}

NDCTL_EXPORT struct ndctl_btt *ndctl_region_get_btt_seed(struct ndctl_region *region)
{
	struct ndctl_btt *btt;

	if (!region->btt_seed)
		return NULL;
	ndctl_btt_foreach(region, btt)
		if (strcmp(ndctl_btt_get_devname(btt), region->btt_seed) == 0)
			return btt;
	return NULL;
}

NDCTL_EXPORT struct ndctl_pfn *ndctl_region_get_pfn_seed(struct ndctl_region *region)
{
	struct ndctl_pfn *pfn;

	if (!region->pfn_seed)
		return NULL;
	ndctl_pfn_foreach(region, pfn)
		if (strcmp(ndctl_pfn_get_devname(pfn), region->pfn_seed) == 0)
			return pfn;
	return NULL;
}

NDCTL_EXPORT struct ndctl_dax *ndctl_region_get_dax_seed(struct ndctl_region *region)
{
	struct ndctl_dax *dax;

	if (!region->dax_seed)
		return NULL;
	ndctl_dax_foreach(region, dax)
		if (strcmp(ndctl_dax_get_devname(dax), region->dax_seed) == 0)
			return dax;
	return NULL;
}

/* bad blocks: the iterator's cursor lives in the region, as upstream's does */
static void region_bb_load(struct ndctl_region *region)
{
	region->bb_loaded = true;
	nd_attr_badblocks(region->bus->ctx, region->path, region->devname, "badblocks",
			  &region->bbs, &region->num_bbs);
}

NDCTL_EXPORT struct badblock *ndctl_region_get_first_badblock(struct ndctl_region *region)
{
	if (!region->bb_loaded)
		region_bb_load(region);
	region->bb_cursor = 0;
	return region->num_bbs > 0 ? &region->bbs[0] : NULL;
}

NDCTL_EXPORT struct badblock *ndctl_region_get_next_badblock(struct ndctl_region *region)
{
	if (++region->bb_cursor >= region->num_bbs)
		return NULL;
	return &region->bbs[region->bb_cursor];
}

NDCTL_EXPORT struct ndctl_dimm *ndctl_region_get_first_dimm(struct ndctl_region *region)
{
	return region->mappings ? region->mappings->dimm : NULL;
}

NDCTL_EXPORT struct ndctl_dimm *ndctl_region_get_next_dimm(struct ndctl_region *region,
							   struct ndctl_dimm *dimm)
{
	struct ndctl_mapping *m;

	for (m = region->mappings; m; m = m->next)
		if (m->dimm == dimm)
			return m->next ? m->next->dimm : NULL;
	return NULL;
}

NDCTL_EXPORT struct ndctl_interleave_set *
ndctl_region_get_interleave_set(struct ndctl_region *region)
{
	return region->has_iset ? &region->iset : NULL;
}

NDCTL_EXPORT struct ndctl_interleave_set *ndctl_interleave_set_get_first(struct ndctl_bus *bus)
{
	struct ndctl_region *region;

	ndctl_region_foreach(bus, region)
		if (region->has_iset)
			return &region->iset;
	return NULL;
}

NDCTL_EXPORT struct ndctl_interleave_set *
ndctl_interleave_set_get_next(struct ndctl_interleave_set *iset)
{
	struct ndctl_region *region;

	for (region = iset->region->next; region; region = region->next)
		if (region->has_iset)
			return &region->iset;
	return NULL;
}

NDCTL_EXPORT struct ndctl_region *
ndctl_interleave_set_get_region(struct ndctl_interleave_set *iset)
{
	return iset->region;
}

NDCTL_EXPORT unsigned long long ndctl_interleave_set_get_cookie(struct ndctl_interleave_set *iset)
{
	return iset->cookie;
}

NDCTL_EXPORT int ndctl_interleave_set_is_active(struct ndctl_interleave_set *iset)
{
	return iset->region->enabled;
}

NDCTL_EXPORT struct ndctl_dimm *
ndctl_interleave_set_get_first_dimm(struct ndctl_interleave_set *iset)
{
	return ndctl_region_get_first_dimm(iset->region);
}

NDCTL_EXPORT struct ndctl_dimm *
ndctl_interleave_set_get_next_dimm(struct ndctl_interleave_set *iset, struct ndctl_dimm *dimm)
{
	return ndctl_region_get_next_dimm(iset->region, dimm);
}
