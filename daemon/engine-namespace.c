// SPDX-License-Identifier: GPL-2.0-only
/*
 * Planning of [namespace] sections with the planner `ndctl create-namespace`
 * uses (ndctl/ns-plan.h, lib/plan). Identity: on a labeled region the
 * namespace whose alt_name is the section's NAME; on a label-less region its
 * one namespace, configured in place only while it is raw (no claim device)
 * and idle. An existing namespace that differs is a problem: nothing is
 * ever destroyed or reconfigured away from a personality it has.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/engine-private.h"
#include "daemon/engine-ns.h"

static const char *ns_mode_name(enum conf_ns_mode m)
{
	switch (m) {
	case CONF_NS_FSDAX:
		return "fsdax";
	case CONF_NS_DEVDAX:
		return "devdax";
	case CONF_NS_SECTOR:
		return "sector";
	default:
		return "raw";
	}
}

static enum plan_mode plan_mode_of(enum conf_ns_mode m)
{
	switch (m) {
	case CONF_NS_FSDAX:
		return PLAN_MODE_FSDAX;
	case CONF_NS_DEVDAX:
		return PLAN_MODE_DEVDAX;
	case CONF_NS_SECTOR:
		return PLAN_MODE_SECTOR;
	default:
		return PLAN_MODE_RAW;
	}
}

struct ndctl_region *eng_nd_region(struct ndctl_ctx *ctx, const char *name)
{
	struct ndctl_bus *bus;
	struct ndctl_region *region;

	ndctl_bus_foreach(ctx, bus)
		ndctl_region_foreach(bus, region)
			if (strcmp(ndctl_region_get_devname(region), name) == 0)
				return region;
	return NULL;
}

bool eng_region_labelless(struct ndctl_region *region)
{
	return ndctl_region_get_nstype(region) == ND_DEVICE_NAMESPACE_IO;
}

struct ndctl_namespace *eng_ns_find(struct ndctl_region *region, const char *name)
{
	struct ndctl_namespace *ndns;

	if (eng_region_labelless(region)) {
		ndctl_namespace_foreach(region, ndns)
			if (ndctl_namespace_get_size(ndns) && ndctl_namespace_get_size(ndns) !=
			    ULLONG_MAX)
				return ndns;
		return NULL;
	}
	ndctl_namespace_foreach(region, ndns)
		if (ndctl_namespace_get_size(ndns) && strcmp(ndctl_namespace_get_alt_name(ndns),
							     name) == 0)
			return ndns;
	return NULL;
}

int eng_ns_plan(const struct conf_namespace *cn, struct ndctl_region *region,
		struct ndctl_namespace *reconfig, uint64_t reserved, struct plan_region *r,
		struct plan_request *q, struct plan_result *res)
{
	ns_plan_region(region, reconfig, plan_mode_of(cn->mode), r);
	if (!r->labelless)
		r->available = r->available > reserved ? r->available - reserved : 0;
	memset(q, 0, sizeof(*q));
	q->mode = plan_mode_of(cn->mode);
	q->map = cn->map == CONF_MAP_MEM ? PLAN_MAP_MEM : cn->map == CONF_MAP_DEV ? PLAN_MAP_DEV :
		PLAN_MAP_DEFAULT;
	q->align = cn->align;
	q->size = cn->size;
	if (q->mode == PLAN_MODE_SECTOR)
		q->sector_size = cn->sector_size;
	ns_plan_host(ndctl_region_get_ctx(region), q);
	return plan_namespace(r, q, res);
}

unsigned int eng_ns_sector_size(const struct conf_namespace *cn, const struct plan_result *res)
{
	if (res->mode == PLAN_MODE_SECTOR)
		return res->lbasize >= 4096 ? 4096 : 512;
	if (res->mode == PLAN_MODE_RAW && cn->sector_size)
		return cn->sector_size;
	return 512;
}

/* claim device of a namespace: its mode, map location and align */
static bool has_claim(struct ndctl_namespace *ndns)
{
	return ndctl_namespace_get_btt(ndns) || ndctl_namespace_get_pfn(ndns) ||
	       ndctl_namespace_get_dax(ndns);
}

static struct ndctl_pfn *pfn_of(struct ndctl_namespace *ndns)
{
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);

	return dax ? ndctl_dax_get_pfn(dax) : ndctl_namespace_get_pfn(ndns);
}

static const char *cur_mode_name(struct ndctl_namespace *ndns)
{
	const char *name = nd_mode_name(ndctl_namespace_get_mode(ndns));

	return name ? name : "unknown";
}

/* what the namespace is now, in the configuration's words */
static void describe(struct ndctl_namespace *ndns, char *buf, size_t len)
{
	struct ndctl_pfn *pfn = pfn_of(ndns);
	char sz[32];

	eng_size_str(ndctl_namespace_get_size(ndns), sz, sizeof(sz));
	if (pfn)
		snprintf(buf, len, "%s map=%s align=%lu size %s", cur_mode_name(ndns),
			 ndctl_pfn_get_location(pfn) == NDCTL_PFN_LOC_RAM ? "mem" : "dev",
			 ndctl_pfn_get_align(pfn), sz);
	else
		snprintf(buf, len, "%s%s size %s", cur_mode_name(ndns),
			 !has_claim(ndns) && ndctl_namespace_get_mode(ndns) == NDCTL_NS_MODE_FSDAX ?
			 " map=mem" : "", sz);
}

/* NULL when ndns is what res describes, else what differs */
static const char *differs(const struct conf_namespace *cn, struct ndctl_namespace *ndns,
			   const struct plan_result *res)
{
	enum ndctl_namespace_mode m = ndctl_namespace_get_mode(ndns);
	struct ndctl_pfn *pfn = pfn_of(ndns);
	uuid_t uu;

	if (strcmp(cur_mode_name(ndns), ns_mode_name(cn->mode)) != 0)
		return "mode";
	if (res->pfn_device) {
		if (!pfn)
			return "map";
		if ((ndctl_pfn_get_location(pfn) == NDCTL_PFN_LOC_RAM) != (res->map == PLAN_MAP_MEM))
			return "map";
		if (cn->align && ndctl_pfn_get_align(pfn) != cn->align)
			return "align";
	} else if (pfn) {
		return "map";
	}
	if (cn->size && ndctl_namespace_get_size(ndns) != res->size)
		return "size";
	if (m == NDCTL_NS_MODE_SECTOR && cn->sector_size) {
		struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);

		if (!btt || ndctl_btt_get_sector_size(btt) != cn->sector_size)
			return "sector-size";
	}
	if (cn->has_uuid && !eng_region_labelless(ndctl_namespace_get_region(ndns))) {
		ndctl_namespace_get_uuid(ndns, uu);
		if (uuid_compare(uu, cn->uuid) != 0)
			return "uuid";
	}
	return NULL;
}

static const char *key_of(const char *what)
{
	return strcmp(what, "sector-size") == 0 ? "sector-size" : what;
}

static int plan_one(struct plan *p, const struct conf_section *s, uint64_t *reserved,
		    const struct conf_section **labelless_owner)
{
	const struct conf_namespace *cn = &s->ns;
	struct ndctl_region *region = eng_nd_region(p->st.nctx, cn->region);
	struct ndctl_namespace *ndns;
	struct plan_region r;
	struct plan_request q;
	struct plan_result res;
	struct eng_change *c;
	const char *what, *rname;
	char cur[160], sz[32], why[256];
	bool labelless;
	int rc;

	if (!region) {
		plan_add_problem(p, cn->region, "missing", s, "region",
				 "[namespace %s]: there is no NVDIMM region %s (see 'ndctl list -R')",
				 s->name, cn->region);
		return 0;
	}
	rname = ndctl_region_get_devname(region);
	if (!ndctl_region_is_enabled(region)) {
		plan_add_problem(p, rname, "missing", s, "region",
				 "[namespace %s]: %s is disabled ('ndctl enable-region %s')",
				 s->name, rname, rname);
		return 0;
	}
	labelless = eng_region_labelless(region);
	if (labelless && *labelless_owner) {
		struct eng_problem *pb = plan_add_problem(
			p, rname, "conflict", *labelless_owner, "region",
			"%s is label-less: its one namespace can be configured by one [namespace] "
			"section only", rname);

		problem_add_sec(pb, s, "region");
		return 0;
	}
	if (labelless)
		*labelless_owner = s;
	ndns = eng_ns_find(region, s->name);
	if (labelless && cn->size && cn->size != ndctl_region_get_size(region)) {
		eng_size_str(ndctl_region_get_size(region), sz, sizeof(sz));
		plan_add_problem(p, rname, "impossible", s, "size",
				 "[namespace %s]: %s is label-less: its namespace spans the whole "
				 "region (%s); leave size out", s->name, rname, sz);
		return 0;
	}
	if (labelless && !ndns) {
		plan_add_problem(p, rname, "missing", s, "region",
				 "[namespace %s]: label-less %s shows no namespace", s->name, rname);
		return 0;
	}
	rc = eng_ns_plan(cn, region, ndns, ndns ? 0 : *reserved, &r, &q, &res);
	if (ndns) {
		const char *nsdev = ndctl_namespace_get_devname(ndns);

		describe(ndns, cur, sizeof(cur));
		what = rc == 0 ? differs(cn, ndns, &res) : "size";
		if (!what) {
			plan_add_ok(p, nsdev, s, "%s", cur);
			return 0;
		}
		if (!labelless || has_claim(ndns) ||
		    (ndctl_namespace_get_mode(ndns) != NDCTL_NS_MODE_RAW &&
		     ndctl_namespace_get_mode(ndns) != NDCTL_NS_MODE_FSDAX)) {
			plan_add_problem(p, nsdev, "differs", s, key_of(what),
					 "%s ([namespace %s]) is %s: its %s differs from the "
					 "configuration; it is left as it is (destroy it with 'ndctl "
					 "destroy-namespace %s' to have it made again)", nsdev,
					 s->name, cur, what, nsdev);
			return 0;
		}
		if (rc < 0) {
			plan_add_problem(p, nsdev, "impossible", s, "size", "[namespace %s]: %s",
					 s->name, res.reason);
			return 0;
		}
		rc = ndctl_namespace_check_idle(ndns, why, sizeof(why));
		if (rc < 0) {
			plan_add_problem(p, nsdev, "busy", s, "mode",
					 "%s is raw but in use (%s): it is configured once idle",
					 nsdev, why);
			return 0;
		}
		c = plan_add_change(p, ACT_CONFIGURE_NAMESPACE, nsdev, s, "mode");
		if (!c)
			return -ENOMEM;
		c->nreg = region;
		c->ndns = ndns;
		snprintf(c->from, sizeof(c->from), "%s", cur);
		eng_size_str(res.usable, sz, sizeof(sz));
		snprintf(c->to, sizeof(c->to), "%s%s%s usable %s", plan_mode_name(res.mode),
			 res.pfn_device ? " map=" : "", res.pfn_device ? plan_map_name(res.map) : "",
			 sz);
		snprintf(c->reason, sizeof(c->reason), "label-less %s: its raw, idle namespace "
			 "is configured in place", rname);
		return 0;
	}
	if (rc < 0) {
		plan_add_problem(p, rname, "impossible", s, cn->size ? "size" : "mode",
				 "[namespace %s]: %s%s", s->name, res.reason,
				 *reserved ? " (after the namespaces sections before it)" : "");
		return 0;
	}
	c = plan_add_change(p, ACT_CREATE_NAMESPACE, rname, s, NULL);
	if (!c)
		return -ENOMEM;
	c->nreg = region;
	*reserved += res.size;
	eng_size_str(res.size, sz, sizeof(sz));
	snprintf(c->from, sizeof(c->from), "none");
	snprintf(c->to, sizeof(c->to), "%s%s%s size %s name %s", plan_mode_name(res.mode),
		 res.pfn_device ? " map=" : "", res.pfn_device ? plan_map_name(res.map) : "", sz,
		 s->name);
	snprintf(c->reason, sizeof(c->reason), "no namespace named %s in %s", s->name, rname);
	return 0;
}

int eng_plan_namespaces(struct plan *p)
{
	const struct conf *conf = p->conf;
	struct ndctl_bus *bus;
	struct ndctl_region *region;
	size_t n = 0;
	int rc = 0;
	struct {
		struct ndctl_region *region;
		uint64_t reserved;
		const struct conf_section *labelless_owner;
	} *acc = NULL;
	size_t nacc = 0;

	for (size_t k = 0; k < conf->nsec; k++)
		if (conf->sec[k].kind == CONF_NAMESPACE)
			n++;
	if (!n)
		return 0;
	ndctl_bus_foreach(p->st.nctx, bus)
		ndctl_region_foreach(bus, region)
			nacc++;
	acc = calloc(nacc + 1, sizeof(*acc));
	if (!acc)
		return -ENOMEM;
	nacc = 0;
	ndctl_bus_foreach(p->st.nctx, bus)
		ndctl_region_foreach(bus, region)
			acc[nacc++].region = region;
	for (size_t k = 0; k < conf->nsec && rc == 0; k++) {
		const struct conf_section *s = &conf->sec[k];
		struct ndctl_region *nr;
		size_t i;

		if (s->kind != CONF_NAMESPACE)
			continue;
		nr = eng_nd_region(p->st.nctx, s->ns.region);
		for (i = 0; i < nacc && acc[i].region != nr; i++)
			;
		/* a region that does not exist: plan_one reports it */
		rc = plan_one(p, s, i < nacc ? &acc[i].reserved : &acc[nacc].reserved,
			      i < nacc ? &acc[i].labelless_owner : &acc[nacc].labelless_owner);
	}
	free(acc);
	return rc;
}
