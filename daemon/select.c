// SPDX-License-Identifier: GPL-2.0-only
/*
 * Selectors of [device] / [reconfigure-device] sections against dax devices,
 * and of [instance] sections against dax regions (daxctl.conf(5)): every
 * selector given must match; `all = true` matches everything.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "daemon/engine-private.h"

/* "region1" or "1" (glob), the dax region's name */
static bool glob_name(const char *pattern, const char *name, const char *prefix)
{
	size_t n = strlen(prefix);

	if (fnmatch(pattern, name, 0) == 0)
		return true;
	return strncmp(name, prefix, n) == 0 && fnmatch(pattern, name + n, 0) == 0;
}

static bool kind_matches(enum conf_region_kind want, const struct eng_region *r)
{
	return want == CONF_REGION_ANY || want == r->kind;
}

/* the region-level selectors a device inherits from its region */
static bool region_part(const struct conf_select *sel, const struct eng_region *r)
{
	if ((sel->set & CONF_SEL_REGION_KIND) && !kind_matches(sel->region_kind, r))
		return false;
	if ((sel->set & CONF_SEL_REGION) && !glob_name(sel->region, r->name, "region"))
		return false;
	/*
	 * nvdimm.uuid: upstream tells users to copy it from `ndctl list`, which
	 * shows a devdax namespace's claim uuid; the namespace's own uuid
	 * (raw_uuid) matches too
	 */
	if ((sel->set & CONF_SEL_NVDIMM_UUID) &&
	    (!r->has_ns || (uuid_compare(r->ns_uuid, sel->nvdimm_uuid) != 0 &&
			    uuid_compare(r->claim_uuid, sel->nvdimm_uuid) != 0)))
		return false;
	if ((sel->set & CONF_SEL_NAMESPACE) &&
	    (!r->has_ns || !sel->namespace || strcmp(r->ns_name, sel->namespace) != 0))
		return false;
	return true;
}

bool select_match_dev(const struct conf_select *sel, const struct eng_dev *d)
{
	if (!sel->set)
		return false;
	if (!region_part(sel, d->reg))
		return false;
	if ((sel->set & CONF_SEL_DEVICE) && !glob_name(sel->device, d->name, "dax"))
		return false;
	if ((sel->set & CONF_SEL_NODE) && d->node != sel->node)
		return false;
	if ((sel->set & CONF_SEL_SIZE) && d->size != sel->size)
		return false;
	if (sel->set & CONF_SEL_ADDRESS) {
		if (!d->nranges)
			return false;
		for (size_t i = 0; i < d->nranges; i++)
			if (d->ranges[i].start < sel->addr_start || d->ranges[i].end > sel->addr_end)
				return false;
	}
	return true;
}

bool select_match_region(const struct conf_select *sel, const struct eng_region *r)
{
	if (!region_part(sel, r))
		return false;
	if ((sel->set & CONF_SEL_NODE) && r->node != sel->node)
		return false;
	if ((sel->set & CONF_SEL_SIZE) && r->size != sel->size)
		return false;
	if (sel->set & CONF_SEL_ADDRESS) {
		if (r->start == ENG_UNKNOWN || r->start < sel->addr_start ||
		    r->start + r->size - 1 > sel->addr_end)
			return false;
	}
	return true;
}

bool select_needs_nd(const struct conf_select *sel)
{
	return sel->set & (CONF_SEL_NVDIMM_UUID | CONF_SEL_NAMESPACE);
}
