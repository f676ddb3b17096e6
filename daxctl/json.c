// SPDX-License-Identifier: GPL-2.0-only
/*
 * JSON views of dax regions, devices and mappings (keys, nesting and value
 * formats of upstream daxctl, plus the extra keys listed in
 * Documentation/daxctl-list.adoc), filters, and the listing printer.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daxctl/json.h"
#include "util/parse.h"

struct json_object *daxctl_json_size(unsigned long long size, unsigned long flags)
{
	char buf[80];

	if (!(flags & DAXCTL_JSON_HUMAN) || !format_size_human(size, buf, sizeof(buf)))
		return json_object_new_uint64(size);
	return json_object_new_string(buf);
}

struct json_object *daxctl_json_hex(unsigned long long val, unsigned long flags)
{
	char buf[32];

	if (!(flags & DAXCTL_JSON_HUMAN))
		return json_object_new_uint64(val);
	snprintf(buf, sizeof(buf), "%#llx", val);
	return json_object_new_string(buf);
}

static void add(struct json_object *obj, const char *key, struct json_object *val)
{
	if (val)
		json_object_object_add(obj, key, val);
}

struct json_object *daxctl_mapping_to_json(struct daxctl_mapping *mapping,
					   unsigned long flags)
{
	struct json_object *jmap = json_object_new_object();

	if (!jmap)
		return NULL;
	add(jmap, "page_offset", daxctl_json_hex(daxctl_mapping_get_offset(mapping), flags));
	add(jmap, "start", daxctl_json_hex(daxctl_mapping_get_start(mapping), flags));
	add(jmap, "end", daxctl_json_hex(daxctl_mapping_get_end(mapping), flags));
	add(jmap, "size", daxctl_json_size(daxctl_mapping_get_size(mapping), flags));
	return jmap;
}

/* online/total blocks, movable and (an addition) the zones of the online blocks */
static void add_memory(struct json_object *jdev, struct daxctl_memory *mem)
{
	struct daxctl_memory_block *block;
	struct json_object *jzones;
	int movable;

	add(jdev, "online_memblocks", json_object_new_int(daxctl_memory_num_online(mem)));
	add(jdev, "total_memblocks", json_object_new_int(daxctl_memory_num_sections(mem)));
	movable = daxctl_memory_is_movable(mem);
	if (movable >= 0)
		add(jdev, "movable", json_object_new_boolean(movable));

	jzones = json_object_new_array();
	if (!jzones)
		return;
	daxctl_memory_block_foreach(mem, block) {
		const char *zone = daxctl_memory_block_get_zone(block);
		bool seen = false;

		if (!zone)
			continue;
		for (size_t i = 0; i < json_object_array_length(jzones); i++)
			if (strcmp(json_object_get_string(json_object_array_get_idx(jzones, i)),
				   zone) == 0)
				seen = true;
		if (!seen)
			json_object_array_add(jzones, json_object_new_string(zone));
	}
	if (json_object_array_length(jzones))
		json_object_object_add(jdev, "zones", jzones);
	else
		json_object_put(jzones);
}

struct json_object *daxctl_dev_to_json(struct daxctl_dev *dev, unsigned long flags)
{
	struct json_object *jdev = json_object_new_object();
	struct daxctl_mapping *mapping;
	unsigned long align;
	int node, memmap;

	if (!jdev)
		return NULL;
	add(jdev, "chardev", json_object_new_string(daxctl_dev_get_devname(dev)));
	add(jdev, "size", daxctl_json_size(daxctl_dev_get_size(dev), flags));
	node = daxctl_dev_get_target_node(dev);
	if (node >= 0)
		add(jdev, "target_node", json_object_new_int(node));
	align = daxctl_dev_get_align(dev);
	if (align)
		add(jdev, "align", daxctl_json_size(align, flags));

	if (daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM) {
		struct daxctl_memory *mem = daxctl_dev_get_memory(dev);

		add(jdev, "mode", json_object_new_string("system-ram"));
		if (mem)
			add_memory(jdev, mem);
	} else {
		add(jdev, "mode", json_object_new_string("devdax"));
	}
	memmap = daxctl_dev_get_memmap_on_memory(dev);
	if (memmap >= 0)
		add(jdev, "memmap_on_memory", json_object_new_boolean(memmap));
	if (!daxctl_dev_is_enabled(dev))
		add(jdev, "state", json_object_new_string("disabled"));

	if (flags & DAXCTL_JSON_MAPPINGS) {
		struct json_object *jmaps = NULL;

		daxctl_mapping_foreach(dev, mapping) {
			struct json_object *jmap = daxctl_mapping_to_json(mapping, flags);

			if (!jmap)
				continue;
			if (!jmaps)
				jmaps = json_object_new_array();
			if (!jmaps) {
				json_object_put(jmap);
				break;
			}
			json_object_array_add(jmaps, jmap);
		}
		if (jmaps)
			json_object_object_add(jdev, "mappings", jmaps);
	}
	return jdev;
}

bool daxctl_dev_filter(struct daxctl_dev *dev, const char *ident)
{
	const char *name = daxctl_dev_get_devname(dev);

	if (!ident || strcmp(ident, "all") == 0 || strcmp(ident, name) == 0)
		return true;
	/* "X.Y" for daxX.Y */
	return strncmp(name, "dax", 3) == 0 && strcmp(ident, name + 3) == 0;
}

bool daxctl_region_filter(struct daxctl_region *region, const char *ident)
{
	char buf[32];

	if (!ident || strcmp(ident, "all") == 0 ||
	    strcmp(ident, daxctl_region_get_devname(region)) == 0)
		return true;
	snprintf(buf, sizeof(buf), "%d", daxctl_region_get_id(region));
	return strcmp(ident, buf) == 0;
}

struct json_object *daxctl_devs_to_list(struct daxctl_region *region,
					struct json_object *jdevs,
					const char *dev_filter, unsigned long flags)
{
	struct daxctl_dev *dev;

	daxctl_dev_foreach(region, dev) {
		struct json_object *jdev;

		if (!daxctl_dev_filter(dev, dev_filter))
			continue;
		if (!(flags & DAXCTL_JSON_IDLE) && !daxctl_dev_is_enabled(dev))
			continue;
		jdev = daxctl_dev_to_json(dev, flags);
		if (!jdev)
			continue;
		if (!jdevs)
			jdevs = json_object_new_array();
		if (!jdevs) {
			json_object_put(jdev);
			break;
		}
		json_object_array_add(jdevs, jdev);
	}
	return jdevs;
}

struct json_object *daxctl_region_to_json(struct daxctl_region *region,
					  const char *dev_filter, unsigned long flags)
{
	struct json_object *jregion = json_object_new_object();
	unsigned long align;

	if (!jregion)
		return NULL;
	add(jregion, "path", json_object_new_string(daxctl_region_get_path(region)));
	add(jregion, "id", json_object_new_int(daxctl_region_get_id(region)));
	add(jregion, "size", daxctl_json_size(daxctl_region_get_size(region), flags));
	if (daxctl_region_has_available_size(region)) {
		unsigned long long extent;

		add(jregion, "available_size",
		    daxctl_json_size(daxctl_region_get_available_size(region), flags));
		extent = daxctl_region_get_max_available_extent(region);
		if (extent != ~0ULL)
			add(jregion, "max_available_extent", daxctl_json_size(extent, flags));
	}
	align = daxctl_region_get_align(region);
	if (align)
		add(jregion, "align", daxctl_json_size(align, flags));
	if (flags & DAXCTL_JSON_DEVS) {
		struct json_object *jdevs = daxctl_devs_to_list(region, NULL, dev_filter, flags);

		if (jdevs)
			json_object_object_add(jregion, "devices", jdevs);
	}
	return jregion;
}

void daxctl_json_print_list(FILE *f, struct json_object *jarray, unsigned long flags)
{
	size_t len;

	if (!jarray)
		return;
	len = json_object_array_length(jarray);
	if (len == 1 && (flags & DAXCTL_JSON_HUMAN))
		fprintf(f, "%s\n", json_object_to_json_string_ext(
				   json_object_array_get_idx(jarray, 0), JSON_C_TO_STRING_PRETTY));
	else if (len)
		fprintf(f, "%s\n", json_object_to_json_string_ext(jarray,
								  JSON_C_TO_STRING_PRETTY));
	json_object_put(jarray);
}
