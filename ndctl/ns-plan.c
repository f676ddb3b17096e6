// SPDX-License-Identifier: GPL-2.0-only
/*
 * Planner inputs from libndctl objects and the host, and the --dry-run
 * JSON (see ns-plan.h and lib/plan/README.md "Filling struct plan_region").
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "lib/label/label.h"
#include "ndctl/json.h"
#include "ndctl/ns-plan.h"

static void add_u64(struct json_object *o, const char *key, unsigned long long v)
{
	json_object_object_add(o, key, json_object_new_int64((int64_t)v));
}

/*
 * Minor version of the label index on the region's first DIMM: 1, 2, or 0
 * when unknown (no DIMM, no index, or a captured tree: no label area).
 */
static int label_minor(struct ndctl_region *region)
{
	struct ndctl_dimm *dimm = ndctl_region_get_first_dimm(region);
	struct ndctl_label_area *la;
	const unsigned char *hdr;
	int minor = 0;

	if (!dimm || ndctl_dimm_label_area_open(dimm, &la) < 0)
		return 0;
	if (ndctl_label_area_get_size(la) >= 64 && ndctl_label_area_read(la, 0, 64) == 0) {
		hdr = ndctl_label_area_get_data(la);
		if (memcmp(hdr, label_index_signature, LABEL_SIG_LEN) == 0)
			minor = hdr[62] | hdr[63] << 8;
	}
	ndctl_label_area_close(la);
	return minor;
}

/*
 * What a labeled namespace can grow by in place: the kernel extends a pmem
 * allocation only into one free extent touching it, before or after, all
 * of the growth in that one extent (namespace_devs.c space_valid()).
 * Addresses are the namespaces' physical ranges, contiguous like their DPA.
 */
static unsigned long long adjacent_free(struct ndctl_region *region,
					struct ndctl_namespace *ndns)
{
	unsigned long long start = ndctl_namespace_get_resource(ndns);
	unsigned long long end = start + ndctl_namespace_get_size(ndns);
	unsigned long long lo = ndctl_region_get_resource(region);
	unsigned long long hi = lo + ndctl_region_get_size(region);
	struct ndctl_namespace *o;

	if (start == ULLONG_MAX || lo == ULLONG_MAX || start < lo || end > hi)
		return 0;
	ndctl_namespace_foreach(region, o) {
		unsigned long long os = ndctl_namespace_get_resource(o);
		unsigned long long osz = ndctl_namespace_get_size(o);

		if (o == ndns || os == ULLONG_MAX || osz == 0 || osz == ULLONG_MAX)
			continue;
		if (os + osz <= start && os + osz > lo)
			lo = os + osz;
		if (os >= end && os < hi)
			hi = os;
	}
	return start - lo > hi - end ? start - lo : hi - end;
}

void ns_plan_region(struct ndctl_region *region, struct ndctl_namespace *reconfig,
		    enum plan_mode mode, struct plan_region *r)
{
	struct ndctl_namespace *ndns;
	unsigned long long v;
	int n;

	memset(r, 0, sizeof(*r));
	r->size = ndctl_region_get_size(region);
	r->available = ndctl_region_get_max_available_extent(region);
	if (r->available == ULLONG_MAX)
		r->available = ndctl_region_get_available_size(region);
	v = ndctl_region_get_align(region);
	r->align = v == ULLONG_MAX ? 0 : v;
	r->ways = ndctl_region_get_mappings(region);
	r->labelless = ndctl_region_get_nstype(region) == ND_DEVICE_NAMESPACE_IO;
	if (reconfig && !r->labelless) {
		unsigned long long free = adjacent_free(region, reconfig);

		/* and never more than the region reports allocatable */
		if (free > r->available)
			free = r->available;
		r->available = ndctl_namespace_get_size(reconfig) + free;
	}
	if (r->labelless) {
		r->available = r->size;
		/* legacy pmem: the unclaimed namespace gets struct pages ("memory") */
		r->pagemap = r->ways == 0;
		ndctl_namespace_foreach(region, ndns)
			if (!ndctl_namespace_get_pfn(ndns) && !ndctl_namespace_get_dax(ndns) &&
			    !ndctl_namespace_get_btt(ndns))
				r->pagemap = ndctl_namespace_get_mode(ndns) == NDCTL_NS_MODE_FSDAX;
	}
	if (mode == PLAN_MODE_FSDAX || mode == PLAN_MODE_DEVDAX) {
		struct ndctl_pfn *pfn = mode == PLAN_MODE_FSDAX ? ndctl_region_get_pfn_seed(region) :
				NULL;
		struct ndctl_dax *dax = mode == PLAN_MODE_DEVDAX ? ndctl_region_get_dax_seed(region) :
				NULL;

		if (dax)
			pfn = ndctl_dax_get_pfn(dax);
		n = pfn ? ndctl_pfn_get_num_alignments(pfn) : 0;
		for (int i = 0; i < n && r->n_aligns < PLAN_MAX_ALIGNS; i++)
			r->aligns[r->n_aligns++] = ndctl_pfn_get_supported_alignment(pfn, i);
	}
	if (mode == PLAN_MODE_SECTOR) {
		struct ndctl_btt *btt = ndctl_region_get_btt_seed(region);

		n = btt ? ndctl_btt_get_num_sector_sizes(btt) : 0;
		for (int i = 0; i < n && r->n_sector_sizes < PLAN_MAX_SECTOR_SIZES; i++)
			r->sector_sizes[r->n_sector_sizes++] =
				ndctl_btt_get_supported_sector_size(btt, i);
		/* btt_claim_class(): no DIMMs -> 1.1; no index -> 2.0; else the label's */
		if (r->ways == 0)
			r->btt_version = PLAN_BTT_1_1;
		else if (r->labelless)
			r->btt_version = PLAN_BTT_2_0;
		else
			r->btt_version = label_minor(region) >= 2 ? PLAN_BTT_2_0 : PLAN_BTT_1_1;
	}
}

void ns_plan_as_labeled(struct plan_region *r)
{
	r->labelless = false;
	r->pagemap = false;
	r->available = r->size;
	r->btt_version = PLAN_BTT_1_1;
}

static unsigned long long mem_total(void)
{
	char line[128];
	unsigned long long kb = 0;
	FILE *f = fopen("/proc/meminfo", "re");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemTotal: %llu kB", &kb) == 1)
			break;
	fclose(f);
	return kb * 1024;
}

void ns_plan_host(struct ndctl_ctx *ctx, struct plan_request *q)
{
	struct ndctl_bus *bus;
	struct ndctl_region *region;
	struct utsname u;

	q->kernel = PLAN_KERNEL_6_12;
	if (uname(&u) == 0)
		plan_kernel_from_release(u.release, &q->kernel);
	if (q->map != PLAN_MAP_AUTO)
		return;
	q->dram_total = mem_total();
	q->dram_memmap_used = 0;
	/* struct pages in DRAM of the enabled map=mem namespaces: 64 B per 4 KiB */
	ndctl_bus_foreach(ctx, bus)
		ndctl_region_foreach(bus, region) {
			struct ndctl_pfn *pfn;
			struct ndctl_dax *dax;

			ndctl_pfn_foreach(region, pfn)
				if (ndctl_pfn_is_enabled(pfn) &&
				    ndctl_pfn_get_location(pfn) == NDCTL_PFN_LOC_RAM)
					q->dram_memmap_used += ndctl_pfn_get_size(pfn) / 64;
			ndctl_dax_foreach(region, dax)
				if (ndctl_dax_is_enabled(dax) &&
				    ndctl_dax_get_location(dax) == NDCTL_PFN_LOC_RAM)
					q->dram_memmap_used += ndctl_dax_get_size(dax) / 64;
		}
}

struct json_object *ns_plan_to_json(const char *dev, struct ndctl_region *region,
				    const struct plan_result *res)
{
	struct json_object *j = json_object_new_object();

	if (!j)
		return NULL;
	json_object_object_add(j, "dry_run", json_object_new_boolean(1));
	if (dev)
		json_object_object_add(j, "dev", json_object_new_string(dev));
	json_object_object_add(j, "region",
			       json_object_new_string(ndctl_region_get_devname(region)));
	json_object_object_add(j, "mode", json_object_new_string(plan_mode_name(res->mode)));
	if (res->mode == PLAN_MODE_FSDAX || res->mode == PLAN_MODE_DEVDAX)
		json_object_object_add(j, "map",
				       json_object_new_string(plan_map_name(res->map)));
	/* "size" is what `ndctl list` will show: the usable capacity */
	add_u64(j, "size", res->usable);
	add_u64(j, "raw_size", res->size);
	add_u64(j, "usable_size", res->usable);
	add_u64(j, "metadata", res->metadata);
	if (res->pfn_device) {
		add_u64(j, "info_block", res->info_reserve);
		add_u64(j, "memmap_pmem", res->memmap_pmem);
		add_u64(j, "padding", res->align_pad + res->end_trunc);
		add_u64(j, "data_offset", res->data_offset);
		add_u64(j, "align", res->align);
		/* the info block's own fields: pages mapped, bytes cut off the end */
		add_u64(j, "npfns", res->npfns);
		add_u64(j, "end_trunc", res->end_trunc);
	}
	if (res->mode == PLAN_MODE_SECTOR) {
		add_u64(j, "sector_size", res->lbasize);
		add_u64(j, "btt_offset", res->btt_offset);
		add_u64(j, "arenas", res->arenas);
	}
	add_u64(j, "memmap_dram", res->memmap_dram_dedup);
	/* struct pages behind the capacity: DAX mappings usable for O_DIRECT, RDMA, ... */
	json_object_object_add(j, "page_backed",
			       json_object_new_boolean(res->pfn_device || res->memmap_dram > 0));
	add_u64(j, "min_size", res->min_size);
	add_u64(j, "max_size", res->max_size);
	return j;
}

const char *nd_mode_name(int mode)
{
	switch (mode) {
	case NDCTL_NS_MODE_FSDAX:
		return "fsdax";
	case NDCTL_NS_MODE_DEVDAX:
		return "devdax";
	case NDCTL_NS_MODE_SECTOR:
		return "sector";
	case NDCTL_NS_MODE_RAW:
		return "raw";
	default:
		return NULL;
	}
}
