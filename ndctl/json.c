// SPDX-License-Identifier: GPL-2.0-only
/* JSON for ndctl listings; see json.h. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <uuid/uuid.h>

#include "daxctl/json.h"
#include "ndctl/json.h"
#include "util/parse.h"


struct json_object *nd_json_u64(unsigned long long v)
{
	if (v <= INT64_MAX)
		return json_object_new_int64((int64_t)v);
	return json_object_new_uint64(v);
}

/* --human sizes: format_size_human() (util/parse.h), shared with daxctl */
struct json_object *nd_json_size(unsigned long long v, unsigned int flags)
{
	char buf[96];

	if (!(flags & ND_JSON_HUMAN) || !format_size_human(v, buf, sizeof(buf)))
		return nd_json_u64(v);
	return json_object_new_string(buf);
}

/* --human: "0x1f" (and "0" for zero); otherwise the number as a signed 64-bit value */
struct json_object *nd_json_hex(unsigned long long v, unsigned int flags)
{
	char buf[32];

	if (!(flags & ND_JSON_HUMAN))
		return json_object_new_int64((int64_t)v);
	snprintf(buf, sizeof(buf), "%#llx", v);
	return json_object_new_string(buf);
}

static void add(struct json_object *obj, const char *key, struct json_object *val)
{
	if (val)
		json_object_object_add(obj, key, val);
}

static void add_str(struct json_object *obj, const char *key, const char *s)
{
	add(obj, key, json_object_new_string(s));
}

static void add_uuid(struct json_object *obj, const char *key, const uuid_t uu)
{
	char buf[40];

	uuid_unparse(uu, buf);
	add_str(obj, key, buf);
}

struct json_object *nd_bus_to_json(struct ndctl_bus *bus, unsigned int flags)
{
	struct json_object *jbus = json_object_new_object();
	int scrub;

	if (!jbus)
		return NULL;
	add_str(jbus, "provider", ndctl_bus_get_provider(bus));
	add_str(jbus, "dev", ndctl_bus_get_devname(bus));
	scrub = ndctl_bus_get_scrub_state(bus);
	if (scrub >= 0)
		add_str(jbus, "scrub_state", scrub ? "active" : "idle");
	return jbus;
}

struct json_object *nd_dimm_to_json(struct ndctl_dimm *dimm, unsigned int flags)
{
	static const struct {
		const char *key;
		int (*test)(struct ndctl_dimm *dimm);
	} flag_keys[] = {
		{ "flag_failed_map", ndctl_dimm_failed_map },
		{ "flag_failed_save", ndctl_dimm_failed_save },
		{ "flag_failed_arm", ndctl_dimm_failed_arm },
		{ "flag_failed_restore", ndctl_dimm_failed_restore },
		{ "flag_failed_flush", ndctl_dimm_failed_flush },
		{ "flag_smart_event", ndctl_dimm_smart_pending },
	};
	static const char *const security[] = {
		[NDCTL_SECURITY_DISABLED] = "disabled",
		[NDCTL_SECURITY_UNLOCKED] = "unlocked",
		[NDCTL_SECURITY_LOCKED] = "locked",
		[NDCTL_SECURITY_FROZEN] = "frozen",
		[NDCTL_SECURITY_OVERWRITE] = "overwrite",
	};
	struct json_object *jdimm = json_object_new_object();
	enum ndctl_security_state sec;
	const char *id;

	if (!jdimm)
		return NULL;
	add_str(jdimm, "dev", ndctl_dimm_get_devname(dimm));
	id = ndctl_dimm_get_unique_id(dimm);
	if (id)
		add_str(jdimm, "id", id);
	if (ndctl_dimm_get_handle(dimm) < UINT_MAX)
		add(jdimm, "handle", nd_json_hex(ndctl_dimm_get_handle(dimm), flags));
	if (ndctl_dimm_get_phys_id(dimm) < USHRT_MAX)
		add(jdimm, "phys_id", nd_json_hex(ndctl_dimm_get_phys_id(dimm), flags));
	if (!ndctl_dimm_is_enabled(dimm))
		add_str(jdimm, "state", "disabled");
	for (size_t i = 0; i < sizeof(flag_keys) / sizeof(flag_keys[0]); i++)
		if (flag_keys[i].test(dimm))
			add(jdimm, flag_keys[i].key, json_object_new_boolean(true));
	sec = ndctl_dimm_get_security(dimm);
	if (sec >= NDCTL_SECURITY_DISABLED && sec <= NDCTL_SECURITY_OVERWRITE)
		add_str(jdimm, "security", security[sec]);
	if (ndctl_dimm_security_is_frozen(dimm))
		add(jdimm, "security_frozen", json_object_new_boolean(true));
	return jdimm;
}

struct json_object *nd_mapping_to_json(struct ndctl_mapping *mapping, unsigned int flags)
{
	struct json_object *jmap = json_object_new_object();
	int pos;

	if (!jmap)
		return NULL;
	add_str(jmap, "dimm", ndctl_dimm_get_devname(ndctl_mapping_get_dimm(mapping)));
	add(jmap, "offset", nd_json_hex(ndctl_mapping_get_offset(mapping), flags));
	add(jmap, "length", nd_json_hex(ndctl_mapping_get_length(mapping), flags));
	pos = ndctl_mapping_get_position(mapping);
	if (pos >= 0)
		add(jmap, "position", json_object_new_int(pos));
	return jmap;
}

/*
 * Bad blocks of a device inside a region: the region's records clipped to
 * [begin, begin + size), offsets relative to the device, in 512-byte sectors.
 */
static struct json_object *dev_badblocks(struct ndctl_region *region, unsigned long long begin,
					 unsigned long long size, unsigned int *count,
					 unsigned int flags)
{
	unsigned long long rbase = ndctl_region_get_resource(region), end;
	struct json_object *jbbs = NULL;
	struct badblock *bb;

	*count = 0;
	if (rbase == ULLONG_MAX || begin == ULLONG_MAX || size == ULLONG_MAX || !size ||
	    begin > ULLONG_MAX - size)
		return NULL;
	end = begin + size - 1;
	ndctl_region_badblock_foreach(region, bb) {
		unsigned long long b0 = rbase + (bb->offset << 9);
		unsigned long long b1 = b0 + ((unsigned long long)bb->len << 9) - 1;
		unsigned long long lo, hi;
		struct json_object *jbb;

		if (b1 < begin || b0 > end)
			continue;
		lo = b0 < begin ? begin : b0;
		hi = b1 > end ? end : b1;
		*count += (unsigned int)((hi - lo + 1) >> 9);
		if (!(flags & ND_JSON_MEDIA_ERRORS))
			continue;
		if (!jbbs)
			jbbs = json_object_new_array();
		jbb = json_object_new_object();
		if (!jbbs || !jbb)
			continue;
		add(jbb, "offset", nd_json_u64((lo - begin) >> 9));
		add(jbb, "length", json_object_new_int64((int64_t)((hi - lo + 1) >> 9)));
		json_object_array_add(jbbs, jbb);
	}
	return jbbs;
}

/* count one bad-block range and, with media errors asked for, list it */
static struct json_object *badblock_add(struct json_object *jbbs, const struct badblock *bb,
					unsigned int *count, unsigned int flags)
{
	struct json_object *jbb;

	*count += bb->len;
	if (!(flags & ND_JSON_MEDIA_ERRORS))
		return jbbs;
	if (!jbbs)
		jbbs = json_object_new_array();
	jbb = json_object_new_object();
	if (!jbbs || !jbb) {
		json_object_put(jbb);
		return jbbs;
	}
	add(jbb, "offset", nd_json_u64(bb->offset));
	add(jbb, "length", json_object_new_int64(bb->len));
	json_object_array_add(jbbs, jbb);
	return jbbs;
}

static struct json_object *region_badblocks(struct ndctl_region *region, unsigned int *count,
					    unsigned int flags)
{
	struct json_object *jbbs = NULL;
	struct badblock *bb;

	*count = 0;
	ndctl_region_badblock_foreach(region, bb) {
		jbbs = badblock_add(jbbs, bb, count, flags);
	}
	return jbbs;
}

static struct json_object *ns_blockdev_badblocks(struct ndctl_namespace *ndns,
						 unsigned int *count, unsigned int flags)
{
	struct json_object *jbbs = NULL;
	struct badblock *bb;

	*count = 0;
	ndctl_namespace_badblock_foreach(ndns, bb) {
		jbbs = badblock_add(jbbs, bb, count, flags);
	}
	return jbbs;
}

static struct json_object *capabilities(struct ndctl_region *region)
{
	struct ndctl_btt *btt = ndctl_region_get_btt_seed(region);
	struct ndctl_pfn *pfn = ndctl_region_get_pfn_seed(region);
	struct ndctl_dax *dax = ndctl_region_get_dax_seed(region);
	struct json_object *jcaps, *jcap, *jarr;

	/* all three seeds or nothing: the region cannot take every mode */
	if (!btt || !pfn || !dax)
		return NULL;
	jcaps = json_object_new_array();
	if (!jcaps)
		return NULL;

	jcap = json_object_new_object();
	jarr = json_object_new_array();
	add_str(jcap, "mode", "sector");
	for (int i = 0; i < ndctl_btt_get_num_sector_sizes(btt); i++)
		json_object_array_add(jarr, json_object_new_int64(
					ndctl_btt_get_supported_sector_size(btt, i)));
	add(jcap, "sector_sizes", jarr);
	json_object_array_add(jcaps, jcap);

	jcap = json_object_new_object();
	jarr = json_object_new_array();
	add_str(jcap, "mode", "fsdax");
	for (int i = 0; i < ndctl_pfn_get_num_alignments(pfn); i++)
		json_object_array_add(jarr, json_object_new_int64(
					(int64_t)ndctl_pfn_get_supported_alignment(pfn, i)));
	add(jcap, "alignments", jarr);
	json_object_array_add(jcaps, jcap);

	jcap = json_object_new_object();
	jarr = json_object_new_array();
	add_str(jcap, "mode", "devdax");
	for (int i = 0; i < ndctl_dax_get_num_alignments(dax); i++)
		json_object_array_add(jarr, json_object_new_int64(
					(int64_t)ndctl_dax_get_supported_alignment(dax, i)));
	add(jcap, "alignments", jarr);
	json_object_array_add(jcaps, jcap);
	return jcaps;
}

struct json_object *nd_region_to_json(struct ndctl_region *region, unsigned int flags)
{
	struct json_object *jregion;
	struct ndctl_interleave_set *iset;
	unsigned long long v;
	int node;

	switch (ndctl_region_get_type(region)) {
	case ND_DEVICE_REGION_PMEM:
	case ND_DEVICE_REGION_BLK:
		break;
	default:
		return NULL;
	}
	jregion = json_object_new_object();
	if (!jregion)
		return NULL;
	add_str(jregion, "dev", ndctl_region_get_devname(region));
	add(jregion, "size", nd_json_size(ndctl_region_get_size(region), flags));
	v = ndctl_region_get_align(region);
	if (v != ULLONG_MAX)
		add(jregion, "align", nd_json_size(v, flags));
	add(jregion, "available_size", nd_json_size(ndctl_region_get_available_size(region), flags));
	v = ndctl_region_get_max_available_extent(region);
	if (v != ULLONG_MAX)
		add(jregion, "max_available_extent", nd_json_size(v, flags));
	add_str(jregion, "type", ndctl_region_get_type_name(region));
	node = ndctl_region_get_numa_node(region);
	if (node >= 0 && (flags & ND_JSON_VERBOSE))
		add(jregion, "numa_node", json_object_new_int(node));
	node = ndctl_region_get_target_node(region);
	if (node >= 0 && (flags & ND_JSON_VERBOSE))
		add(jregion, "target_node", json_object_new_int(node));
	iset = ndctl_region_get_interleave_set(region);
	if (iset)
		add(jregion, "iset_id", nd_json_hex(ndctl_interleave_set_get_cookie(iset), flags));
	return jregion;
}

void nd_region_json_finish(struct json_object *jregion, struct ndctl_region *region,
			   unsigned int flags)
{
	struct json_object *jbbs;
	unsigned int bb_count;
	const char *pd;

	if (!ndctl_region_is_enabled(region))
		add_str(jregion, "state", "disabled");
	jbbs = region_badblocks(region, &bb_count, flags);
	if (bb_count)
		add(jregion, "badblock_count", json_object_new_int64(bb_count));
	if (jbbs)
		add(jregion, "badblocks", jbbs);
	if (flags & ND_JSON_CAPABILITIES)
		add(jregion, "capabilities", capabilities(region));
	switch (ndctl_region_get_persistence_domain(region)) {
	case PERSISTENCE_CPU_CACHE:
		pd = "cpu_cache";
		break;
	case PERSISTENCE_MEM_CTRL:
		pd = "memory_controller";
		break;
	case PERSISTENCE_NONE:
		pd = "none";
		break;
	default:
		pd = "unknown";
		break;
	}
	add_str(jregion, "persistence_domain", pd);
}

/*
 * The "daxregion" of a devdax namespace: upstream's daxctl region object
 * without its "path"; the devices as `daxctl list` prints them.
 */
static struct json_object *daxregion_to_json(struct daxctl_region *region, unsigned int flags)
{
	unsigned long dflags = DAXCTL_JSON_DEVS;
	struct json_object *jregion, *jdevs;
	unsigned long align;

	if (flags & ND_JSON_HUMAN)
		dflags |= DAXCTL_JSON_HUMAN;
	if (flags & ND_JSON_IDLE)
		dflags |= DAXCTL_JSON_IDLE;
	jregion = json_object_new_object();
	if (!jregion)
		return NULL;
	add(jregion, "id", json_object_new_int(daxctl_region_get_id(region)));
	add(jregion, "size", nd_json_size(daxctl_region_get_size(region), flags));
	if (daxctl_region_has_available_size(region)) {
		unsigned long long extent = daxctl_region_get_max_available_extent(region);

		add(jregion, "available_size",
		    nd_json_size(daxctl_region_get_available_size(region), flags));
		if (extent != ULLONG_MAX)
			add(jregion, "max_available_extent", nd_json_size(extent, flags));
	}
	align = daxctl_region_get_align(region);
	if (align)
		add(jregion, "align", nd_json_u64(align));
	jdevs = daxctl_devs_to_list(region, NULL, NULL, dflags);
	if (jdevs)
		add(jregion, "devices", jdevs);
	return jregion;
}

static void add_raw_uuid(struct json_object *jndns, struct ndctl_namespace *ndns,
			 unsigned int flags)
{
	uuid_t uu;

	if (!(flags & ND_JSON_VERBOSE))
		return;
	ndctl_namespace_get_uuid(ndns, uu);
	if (!uuid_is_null(uu))
		add_uuid(jndns, "raw_uuid", uu);
}

static const char *location_name(enum ndctl_pfn_loc loc)
{
	switch (loc) {
	case NDCTL_PFN_LOC_RAM:
		return "mem";
	case NDCTL_PFN_LOC_PMEM:
		return "dev";
	default:
		return "none";
	}
}

struct json_object *nd_namespace_to_json(struct ndctl_namespace *ndns, unsigned int flags)
{
	enum ndctl_namespace_mode mode = ndctl_namespace_get_mode(ndns);
	struct ndctl_region *region = ndctl_namespace_get_region(ndns);
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	enum ndctl_pfn_loc loc = NDCTL_PFN_LOC_NONE;
	unsigned long long size = ULLONG_MAX;
	unsigned int sector_size = UINT_MAX, bb_count = 0;
	struct json_object *jndns, *jbbs = NULL;
	const char *bdev = NULL, *modename = NULL, *name;
	unsigned long align = 0;
	uuid_t uu;
	int node;

	switch (mode) {
	case NDCTL_NS_MODE_FSDAX:
		if (pfn) {
			size = ndctl_pfn_get_size(pfn);
			loc = ndctl_pfn_get_location(pfn);
		} else {
			/* kernel-mapped pmem (e.g. e820): struct pages in RAM */
			size = ndctl_namespace_get_size(ndns);
			loc = NDCTL_PFN_LOC_RAM;
		}
		modename = "fsdax";
		break;
	case NDCTL_NS_MODE_DEVDAX:
		if (!dax)
			return NULL;
		size = ndctl_dax_get_size(dax);
		loc = ndctl_dax_get_location(dax);
		modename = "devdax";
		break;
	case NDCTL_NS_MODE_SECTOR:
		if (!btt)
			return NULL;
		size = ndctl_btt_get_size(btt);
		modename = "sector";
		break;
	case NDCTL_NS_MODE_RAW:
		size = ndctl_namespace_get_size(ndns);
		modename = "raw";
		break;
	default:
		break;
	}

	jndns = json_object_new_object();
	if (!jndns)
		return NULL;
	add_str(jndns, "dev", ndctl_namespace_get_devname(ndns));
	if (modename)
		add_str(jndns, "mode", modename);
	if (mode == NDCTL_NS_MODE_FSDAX || mode == NDCTL_NS_MODE_DEVDAX)
		add_str(jndns, "map", location_name(loc));
	if (size != ULLONG_MAX)
		add(jndns, "size", nd_json_size(size, flags));

	if (btt) {
		ndctl_btt_get_uuid(btt, uu);
		add_uuid(jndns, "uuid", uu);
		add_raw_uuid(jndns, ndns, flags);
		bdev = ndctl_btt_get_block_device(btt);
	} else if (pfn) {
		align = ndctl_pfn_get_align(pfn);
		ndctl_pfn_get_uuid(pfn, uu);
		add_uuid(jndns, "uuid", uu);
		add_raw_uuid(jndns, ndns, flags);
		bdev = ndctl_pfn_get_block_device(pfn);
	} else if (dax) {
		align = ndctl_dax_get_align(dax);
		ndctl_dax_get_uuid(dax, uu);
		add_uuid(jndns, "uuid", uu);
		add_raw_uuid(jndns, ndns, flags);
		struct daxctl_region *dregion = ndctl_dax_get_daxctl_region(dax);

		if ((flags & ND_JSON_DAX) && dregion) {
			add(jndns, "daxregion", daxregion_to_json(dregion, flags));
		} else if (dregion) {
			/* without -X: name the device, if there is one */
			struct daxctl_dev *dev = daxctl_dev_get_first(dregion);

			if (dev)
				add_str(jndns, "chardev", daxctl_dev_get_devname(dev));
		}
	} else {
		if (ndctl_namespace_get_type(ndns) != ND_DEVICE_NAMESPACE_IO) {
			ndctl_namespace_get_uuid(ndns, uu);
			add_uuid(jndns, "uuid", uu);
		}
		bdev = ndctl_namespace_get_block_device(ndns);
	}

	if (btt) {
		sector_size = ndctl_btt_get_sector_size(btt);
	} else if (!dax) {
		/* no selection (pre-1.2 labels, label-less): the kernel uses 512 */
		sector_size = ndctl_namespace_get_sector_size(ndns);
		if (!sector_size || sector_size == UINT_MAX)
			sector_size = 512;
	}
	if (sector_size != UINT_MAX)
		add(jndns, "sector_size", json_object_new_int64(sector_size));
	if (align)
		add(jndns, "align", nd_json_u64(align));
	if (bdev && bdev[0])
		add_str(jndns, "blockdev", bdev);
	if (!ndctl_namespace_is_active(ndns))
		add_str(jndns, "state", "disabled");
	name = ndctl_namespace_get_alt_name(ndns);
	if (name && name[0])
		add_str(jndns, "name", name);
	node = ndctl_namespace_get_numa_node(ndns);
	if (node >= 0 && (flags & ND_JSON_VERBOSE))
		add(jndns, "numa_node", json_object_new_int(node));
	node = ndctl_namespace_get_target_node(ndns);
	if (node >= 0 && (flags & ND_JSON_VERBOSE))
		add(jndns, "target_node", json_object_new_int(node));

	if (pfn) {
		if (ndctl_pfn_get_resource(pfn) == ULLONG_MAX)
			jbbs = ns_blockdev_badblocks(ndns, &bb_count, flags);
		else
			jbbs = dev_badblocks(region, ndctl_pfn_get_resource(pfn),
					     ndctl_pfn_get_size(pfn), &bb_count, flags);
	} else if (dax) {
		jbbs = dev_badblocks(region, ndctl_dax_get_resource(dax), ndctl_dax_get_size(dax),
				     &bb_count, flags);
	} else if (btt) {
		/* counts only: the kernel does not map BTT sectors to media */
		dev_badblocks(region, ndctl_namespace_get_resource(ndns),
			      ndctl_namespace_get_size(ndns), &bb_count, 0);
	} else if (ndctl_namespace_get_resource(ndns) != ULLONG_MAX) {
		jbbs = dev_badblocks(region, ndctl_namespace_get_resource(ndns),
				     ndctl_namespace_get_size(ndns), &bb_count, flags);
	} else {
		jbbs = ns_blockdev_badblocks(ndns, &bb_count, flags);
	}
	if (bb_count)
		add(jndns, "badblock_count", json_object_new_int64(bb_count));
	if (jbbs)
		add(jndns, "badblocks", jbbs);
	return jndns;
}

void nd_json_print_array(struct json_object *jarray, unsigned int flags)
{
	struct json_object *jobj = jarray;

	if ((flags & ND_JSON_HUMAN) && json_object_array_length(jarray) == 1)
		jobj = json_object_array_get_idx(jarray, 0);
	printf("%s\n", json_object_to_json_string_ext(jobj, JSON_C_TO_STRING_PRETTY));
}
