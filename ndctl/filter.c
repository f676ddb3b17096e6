// SPDX-License-Identifier: GPL-2.0-only
/* Object selection for ndctl commands; see filter.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ndctl/filter.h"
#include "util/parse.h"

int nd_mode_parse(const char *s)
{
	static const struct {
		const char *name;
		int mode;
	} modes[] = {
		{ "fsdax", NDCTL_NS_MODE_FSDAX }, { "memory", NDCTL_NS_MODE_FSDAX },
		{ "devdax", NDCTL_NS_MODE_DEVDAX }, { "dax", NDCTL_NS_MODE_DEVDAX },
		{ "sector", NDCTL_NS_MODE_SECTOR }, { "safe", NDCTL_NS_MODE_SECTOR },
		{ "raw", NDCTL_NS_MODE_RAW },
	};

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strcasecmp(s, modes[i].name) == 0)
			return modes[i].mode;
	return -1;
}

int nd_filter_init(struct nd_filter *f, char *msg, size_t len)
{
	f->mode_val = -1;
	f->type_val = 0;
	f->numa_val = -1;
	if (f->type) {
		if (strcmp(f->type, "pmem") == 0)
			f->type_val = ND_DEVICE_REGION_PMEM;
		else if (strcmp(f->type, "blk") == 0)
			f->type_val = ND_DEVICE_REGION_BLK;
		else {
			snprintf(msg, len, "unknown region type '%s': use pmem or blk", f->type);
			return -EINVAL;
		}
	}
	if (f->mode) {
		f->mode_val = nd_mode_parse(f->mode);
		if (f->mode_val < 0) {
			snprintf(msg, len,
				 "invalid mode '%s': use fsdax, devdax, sector or raw", f->mode);
			return -EINVAL;
		}
	}
	if (f->numa_node && strcmp(f->numa_node, "all") != 0) {
		int64_t v;

		if (parse_s64(f->numa_node, &v) < 0 || v < 0 || v > 65535) {
			snprintf(msg, len, "invalid numa node '%s': use a node number or all",
				 f->numa_node);
			return -EINVAL;
		}
		f->numa_val = (int)v;
	}
	return 0;
}

/* Call match(obj, word) for each space separated word of ident. */
static bool match_words(const char *ident, bool (*match)(void *obj, const char *word),
			void *obj)
{
	char *copy, *word, *save = NULL;
	bool found = false;

	if (!ident)
		return true;
	copy = strdup(ident);
	if (!copy)
		return false;
	for (word = strtok_r(copy, " ", &save); word && !found; word = strtok_r(NULL, " ", &save))
		found = strcmp(word, "all") == 0 || match(obj, word);
	free(copy);
	return found;
}

/* a plain number (decimal or 0x hex) */
static bool word_id(const char *word, unsigned long *ret)
{
	uint64_t v;

	if (parse_u64(word, &v) < 0 || v > UINT32_MAX)
		return false;
	*ret = (unsigned long)v;
	return true;
}

static bool bus_word(void *obj, const char *word)
{
	struct ndctl_bus *bus = obj;
	unsigned long id;

	if (word_id(word, &id))
		return id == ndctl_bus_get_id(bus);
	return strcmp(word, ndctl_bus_get_provider(bus)) == 0 ||
	       strcmp(word, ndctl_bus_get_devname(bus)) == 0;
}

bool nd_match_bus(struct ndctl_bus *bus, const char *ident)
{
	return match_words(ident, bus_word, bus);
}

static bool region_word(void *obj, const char *word)
{
	struct ndctl_region *region = obj;
	unsigned long id;

	if (word_id(word, &id))
		return id == ndctl_region_get_id(region);
	return strcmp(word, ndctl_region_get_devname(region)) == 0;
}

bool nd_match_region(struct ndctl_region *region, const char *ident)
{
	return match_words(ident, region_word, region);
}

static bool dimm_word(void *obj, const char *word)
{
	struct ndctl_dimm *dimm = obj;
	unsigned long id;

	if (word_id(word, &id))
		return id == ndctl_dimm_get_id(dimm);
	return strcmp(word, ndctl_dimm_get_devname(dimm)) == 0;
}

bool nd_match_dimm(struct ndctl_dimm *dimm, const char *ident)
{
	return match_words(ident, dimm_word, dimm);
}

static bool namespace_word(void *obj, const char *word)
{
	struct ndctl_namespace *ndns = obj;
	unsigned int x, y;
	char tail;

	if (strcmp(word, ndctl_namespace_get_devname(ndns)) == 0)
		return true;
	/* "X.Y": region id and namespace id */
	if (sscanf(word, "%u.%u%c", &x, &y, &tail) == 2)
		return x == ndctl_region_get_id(ndctl_namespace_get_region(ndns)) &&
		       y == ndctl_namespace_get_id(ndns);
	return false;
}

bool nd_match_namespace(struct ndctl_namespace *ndns, const char *ident)
{
	return match_words(ident, namespace_word, ndns);
}

static bool region_has_dimm(struct ndctl_region *region, const char *ident)
{
	struct ndctl_dimm *dimm;

	ndctl_dimm_foreach_in_region(region, dimm)
		if (nd_match_dimm(dimm, ident))
			return true;
	return false;
}

static bool region_has_namespace(struct ndctl_region *region, const char *ident)
{
	struct ndctl_namespace *ndns;

	ndctl_namespace_foreach(region, ndns)
		if (nd_match_namespace(ndns, ident))
			return true;
	return false;
}

static bool all_or_none(const char *ident)
{
	return !ident || strcmp(ident, "all") == 0;
}

bool nd_bus_in_scope(struct ndctl_bus *bus, const struct nd_filter *f)
{
	struct ndctl_region *region;
	struct ndctl_dimm *dimm;
	bool ok;

	if (!nd_match_bus(bus, f->bus))
		return false;
	if (!all_or_none(f->dimm)) {
		ok = false;
		ndctl_dimm_foreach(bus, dimm)
			ok = ok || nd_match_dimm(dimm, f->dimm);
		if (!ok)
			return false;
	}
	if (!all_or_none(f->region)) {
		ok = false;
		ndctl_region_foreach(bus, region)
			ok = ok || nd_match_region(region, f->region);
		if (!ok)
			return false;
	}
	if (!all_or_none(f->namespace)) {
		ok = false;
		ndctl_region_foreach(bus, region)
			ok = ok || region_has_namespace(region, f->namespace);
		if (!ok)
			return false;
	}
	return true;
}

bool nd_dimm_in_scope(struct ndctl_dimm *dimm, const struct nd_filter *f)
{
	struct ndctl_bus *bus = ndctl_dimm_get_bus(dimm);
	struct ndctl_region *region;
	struct ndctl_dimm *check;
	bool ok;

	if (!nd_match_dimm(dimm, f->dimm))
		return false;
	if (!all_or_none(f->region)) {
		ok = false;
		ndctl_region_foreach(bus, region) {
			if (!nd_match_region(region, f->region))
				continue;
			ndctl_dimm_foreach_in_region(region, check)
				ok = ok || check == dimm;
		}
		if (!ok)
			return false;
	}
	if (!all_or_none(f->namespace)) {
		ok = false;
		ndctl_region_foreach(bus, region) {
			if (!region_has_namespace(region, f->namespace))
				continue;
			ndctl_dimm_foreach_in_region(region, check)
				ok = ok || check == dimm;
		}
		if (!ok)
			return false;
	}
	if (f->numa_val >= 0) {
		ok = false;
		ndctl_region_foreach(bus, region) {
			if (ndctl_region_get_numa_node(region) != f->numa_val)
				continue;
			ndctl_dimm_foreach_in_region(region, check)
				ok = ok || check == dimm;
		}
		if (!ok)
			return false;
	}
	return true;
}

bool nd_region_in_scope(struct ndctl_region *region, const struct nd_filter *f)
{
	if (!nd_match_region(region, f->region))
		return false;
	if (!all_or_none(f->dimm) && !region_has_dimm(region, f->dimm))
		return false;
	if (!all_or_none(f->namespace) && !region_has_namespace(region, f->namespace))
		return false;
	if (f->numa_val >= 0 && ndctl_region_has_numa(region) &&
	    ndctl_region_get_numa_node(region) != f->numa_val)
		return false;
	if (f->type_val && ndctl_region_get_type(region) != f->type_val)
		return false;
	return true;
}

bool nd_namespace_in_scope(struct ndctl_namespace *ndns, const struct nd_filter *f)
{
	if (!nd_match_namespace(ndns, f->namespace))
		return false;
	if (f->mode_val >= 0 && (int)ndctl_namespace_get_mode(ndns) != f->mode_val)
		return false;
	if (f->numa_val >= 0 && ndctl_namespace_get_numa_node(ndns) != f->numa_val)
		return false;
	return true;
}
