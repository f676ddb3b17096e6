// SPDX-License-Identifier: GPL-2.0-only
/*
 * The snapshot one engine_plan() works on: fresh libndctl/libdaxctl contexts
 * on opts.sysfs_root (libdaxctl's is libndctl's own, so a pmem dax region is
 * the same object whichever library found it), every dax region with its
 * kind, and every dax device that has a size, with its ranges (or, for a run
 * about one device, that device and its region only). The parent
 * namespaces of pmem dax regions come from libndctl, read only when a
 * selector or a section needs them.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/engine-private.h"

static void quiet_log(struct daxctl_ctx *ctx, int priority, const char *file, int line,
		      const char *fn, const char *format, va_list args)
{
}

static void quiet_nd_log(struct ndctl_ctx *ctx, int priority, const char *file, int line,
			 const char *fn, const char *format, va_list args)
{
}

static int load_ranges(struct eng_dev *d)
{
	struct daxctl_mapping *m;
	size_t n = 0;

	daxctl_mapping_foreach(d->dd, m)
		n++;
	if (n == 0) {
		unsigned long long res = daxctl_dev_get_resource(d->dd);

		if (res == ULLONG_MAX)
			return 0;
		d->ranges = calloc(1, sizeof(*d->ranges));
		if (!d->ranges)
			return -ENOMEM;
		d->ranges[0].start = res;
		d->ranges[0].end = res + d->size - 1;
		d->nranges = 1;
		d->start = res;
		return 0;
	}
	d->ranges = calloc(n, sizeof(*d->ranges));
	if (!d->ranges)
		return -ENOMEM;
	daxctl_mapping_foreach(d->dd, m) {
		struct eng_range *r = &d->ranges[d->nranges++];

		r->start = daxctl_mapping_get_start(m);
		r->end = daxctl_mapping_get_end(m);
		if (r->start < d->start)
			d->start = r->start;
	}
	return 0;
}

static int cmp_devs(const void *a, const void *b)
{
	const struct eng_dev *x = a, *y = b;

	if (x->reg != y->reg)
		return x->reg < y->reg ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->id - y->id;
}

/* region.kind: hmem is soft-reserved memory, whether hmem or CXL provides the region */
static enum conf_region_kind kind_of(const char *provider)
{
	if (strcmp(provider, "hmem") == 0 || strcmp(provider, "cxl") == 0)
		return CONF_REGION_HMEM;
	if (strcmp(provider, "pmem") == 0)
		return CONF_REGION_PMEM;
	return CONF_REGION_ANY;
}

/* region dr and the devices of it that are loaded, with a size, into st (room allocated) */
static int add_region(struct eng_state *st, struct daxctl_region *dr)
{
	struct eng_region *r = &st->regions[st->nregions++];
	struct daxctl_dev *dd;
	int rc;

	r->dr = dr;
	r->name = daxctl_region_get_devname(dr);
	r->id = daxctl_region_get_id(dr);
	r->provider = daxctl_region_get_provider(dr);
	r->kind = kind_of(r->provider);
	r->dynamic = daxctl_region_has_available_size(dr);
	r->size = daxctl_region_get_size(dr);
	r->avail = daxctl_region_get_available_size(dr);
	r->align = daxctl_region_get_align(dr);
	r->start = daxctl_region_get_resource(dr);
	r->node = -1;
	daxctl_dev_foreach(dr, dd) {
		struct eng_dev *d;

		if (r->node < 0)
			r->node = daxctl_dev_get_target_node(dd);
		if (daxctl_dev_get_size(dd) == 0 || daxctl_dev_get_size(dd) == ULLONG_MAX)
			continue;
		d = &st->devs[st->ndevs++];
		d->dd = dd;
		d->reg = r;
		d->name = daxctl_dev_get_devname(dd);
		d->id = daxctl_dev_get_id(dd);
		d->size = daxctl_dev_get_size(dd);
		d->align = daxctl_dev_get_align(dd);
		d->node = daxctl_dev_get_target_node(dd);
		d->enabled = daxctl_dev_is_enabled(dd) > 0;
		d->mode = daxctl_dev_get_mode(dd);
		d->start = ENG_UNKNOWN;
		rc = load_ranges(d);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * one: a dax device name ("dax1.0"): that device and its region alone (a run
 * for one device that no instance layout concerns: the rest is not read)
 */
static int load_one(struct eng_state *st, const char *one)
{
	struct daxctl_dev *dd = daxctl_dev_lookup(st->dctx, one), *x;
	struct daxctl_region *dr;
	size_t nd = 0;

	if (!dd)
		return errno == ENODEV ? 0 : -errno;	/* gone again: nothing to do */
	dr = daxctl_dev_get_region(dd);
	daxctl_dev_foreach(dr, x)
		nd++;
	st->regions = calloc(1, sizeof(*st->regions));
	st->devs = calloc(nd, sizeof(*st->devs));
	if (!st->regions || !st->devs)
		return -ENOMEM;
	return add_region(st, dr);
}

int eng_state_load(struct eng_state *st, const struct engine_opts *o, const char *one)
{
	struct daxctl_region *dr;
	size_t nr = 0, nd = 0;
	int rc;

	memset(st, 0, sizeof(*st));
	st->o = o;
	rc = ndctl_new_with_sysfs_root(o->sysfs_root, &st->nctx);
	if (rc < 0)
		return rc;
	ndctl_set_log_fn(st->nctx, quiet_nd_log);
	st->dctx = ndctl_get_daxctl_ctx(st->nctx);
	if (!st->dctx)
		return -ENOMEM;
	daxctl_set_log_fn(st->dctx, quiet_log);
	if (one)
		return load_one(st, one);

	daxctl_region_foreach(st->dctx, dr) {
		struct daxctl_dev *dd;

		nr++;
		daxctl_dev_foreach(dr, dd)
			nd++;
	}
	st->regions = calloc(nr ? nr : 1, sizeof(*st->regions));
	st->devs = calloc(nd ? nd : 1, sizeof(*st->devs));
	if (!st->regions || !st->devs)
		return -ENOMEM;

	daxctl_region_foreach(st->dctx, dr) {
		rc = add_region(st, dr);
		if (rc < 0)
			return rc;
	}
	qsort(st->devs, st->ndevs, sizeof(*st->devs), cmp_devs);
	return 0;
}

int eng_state_load_nd(struct eng_state *st)
{
	struct ndctl_bus *bus;
	struct ndctl_region *region;
	struct ndctl_dax *dax;
	bool any = false;

	if (st->nd_loaded)
		return st->nd_err;
	st->nd_loaded = true;
	for (size_t i = 0; i < st->nregions; i++)
		if (st->regions[i].kind == CONF_REGION_PMEM)
			any = true;
	if (!any)
		return 0;
	ndctl_bus_foreach(st->nctx, bus)
		ndctl_region_foreach(bus, region)
			ndctl_dax_foreach(region, dax) {
				struct daxctl_region *dr = ndctl_dax_get_daxctl_region(dax);
				struct ndctl_namespace *ndns = ndctl_dax_get_namespace(dax);

				if (!dr || !ndns)
					continue;
				for (size_t i = 0; i < st->nregions; i++) {
					struct eng_region *r = &st->regions[i];

					if (r->dr != dr)
						continue;
					r->has_ns = true;
					ndctl_namespace_get_uuid(ndns, r->ns_uuid);
					ndctl_dax_get_uuid(dax, r->claim_uuid);
					snprintf(r->ns_name, sizeof(r->ns_name), "%s",
						 ndctl_namespace_get_alt_name(ndns));
					snprintf(r->ns_dev, sizeof(r->ns_dev), "%s",
						 ndctl_namespace_get_devname(ndns));
				}
			}
	return 0;
}

void eng_state_free(struct eng_state *st)
{
	for (size_t i = 0; i < st->ndevs; i++)
		free(st->devs[i].ranges);
	free(st->devs);
	free(st->regions);
	/* libndctl owns the libdaxctl context it made */
	ndctl_unref(st->nctx);
	memset(st, 0, sizeof(*st));
}

struct eng_dev *eng_state_find_dev(struct eng_state *st, const char *name)
{
	for (size_t i = 0; i < st->ndevs; i++)
		if (strcmp(st->devs[i].name, name) == 0)
			return &st->devs[i];
	return NULL;
}

void eng_dev_describe(struct eng_dev *d, char *buf, size_t len)
{
	struct daxctl_memory *mem;
	struct daxctl_memory_block *b;
	const char *zone = NULL;
	bool mixed = false;

	if (!d->enabled) {
		snprintf(buf, len, "disabled");
		return;
	}
	if (d->mode != DAXCTL_DEV_MODE_RAM) {
		snprintf(buf, len, "devdax");
		return;
	}
	mem = daxctl_dev_get_memory(d->dd);
	if (!mem) {
		snprintf(buf, len, "system-ram");
		return;
	}
	daxctl_memory_block_foreach(mem, b) {
		const char *z = daxctl_memory_block_get_zone(b);

		if (!z)
			continue;
		if (!zone)
			zone = z;
		else if (strcmp(zone, z) != 0)
			mixed = true;
	}
	snprintf(buf, len, "system-ram %d/%d online%s%s%s", daxctl_memory_num_online(mem),
		 daxctl_memory_num_sections(mem), zone ? " (" : "",
		 zone ? (mixed ? "mixed zones" : zone) : "", zone ? ")" : "");
}

void eng_size_str(uint64_t v, char *buf, size_t len)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	int u = -1;
	uint64_t x = v;

	while (x && x % 1024 == 0 && u < 3) {
		x /= 1024;
		u++;
	}
	if (u < 0 || v == 0)
		snprintf(buf, len, "%llu", (unsigned long long)v);
	else
		snprintf(buf, len, "%llu %s", (unsigned long long)x, units[u]);
}
