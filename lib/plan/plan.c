// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Namespace planner: option checks, size granule, valid size range, nearest
 * valid sizes, the inverse (usable -> namespace size) and the --map=auto
 * rule, on top of the kernel layout models in layout.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "layout.h"
#include "plan.h"

static const uint64_t kernel_aligns[] = { PLAN_SZ_4K, PLAN_SZ_2M, PLAN_SZ_1G };
/* drivers/nvdimm/btt_devs.c btt_lbasize_supported[] */
static const uint32_t kernel_sector_sizes[] = { 512, 520, 528, 4096, 4104, 4160, 4224 };

/* resolved request */
struct ctx {
	const struct plan_region *r;
	const struct plan_request *q;
	unsigned int ways;
	uint64_t align;		/* pfn/dax align (requested value, not max'ed) */
	uint32_t lbasize;
	uint64_t start;		/* 0 when unknown: aligned to everything */
	uint64_t granule;
	uint64_t min_size;
	uint64_t max_size;
};

static bool is_pfn_mode(enum plan_mode m)
{
	return m == PLAN_MODE_FSDAX || m == PLAN_MODE_DEVDAX;
}

const char *plan_mode_name(enum plan_mode mode)
{
	switch (mode) {
	case PLAN_MODE_RAW:
		return "raw";
	case PLAN_MODE_SECTOR:
		return "sector";
	case PLAN_MODE_FSDAX:
		return "fsdax";
	case PLAN_MODE_DEVDAX:
		return "devdax";
	}
	return "unknown";
}

const char *plan_map_name(enum plan_map map)
{
	switch (map) {
	case PLAN_MAP_DEFAULT:
		return "none";
	case PLAN_MAP_MEM:
		return "mem";
	case PLAN_MAP_DEV:
		return "dev";
	case PLAN_MAP_AUTO:
		return "auto";
	}
	return "unknown";
}

int plan_kernel_from_release(const char *release, enum plan_kernel *ret)
{
	unsigned int major, minor;

	if (!release || sscanf(release, "%u.%u", &major, &minor) != 2)
		return -EINVAL;
	/* the zero-size refusal in nd_pfn_init() arrived with v6.6 */
	if (major > 6 || (major == 6 && minor >= 6))
		*ret = PLAN_KERNEL_6_12;
	else
		*ret = PLAN_KERNEL_6_1;
	return 0;
}

enum plan_map plan_map_auto(uint64_t memmap_dram, uint64_t dram_total,
		uint64_t dram_memmap_used)
{
	uint64_t budget = dram_total / PLAN_AUTO_DRAM_DIVISOR;

	if (!dram_total || dram_memmap_used >= budget)
		return PLAN_MAP_DEV;
	return memmap_dram <= budget - dram_memmap_used ? PLAN_MAP_MEM : PLAN_MAP_DEV;
}

/* exact human form: "96 MiB (100663296)" or "12345 bytes" */
static const char *fmt_size(char *buf, size_t n, uint64_t v)
{
	static const struct {
		uint64_t unit;
		const char *name;
	} u[] = {
		{ 1ULL << 50, "PiB" }, { 1ULL << 40, "TiB" }, { 1ULL << 30, "GiB" },
		{ 1ULL << 20, "MiB" }, { 1ULL << 10, "KiB" },
	};
	size_t i;

	for (i = 0; i < sizeof(u) / sizeof(u[0]); i++)
		if (v >= u[i].unit && v % u[i].unit == 0) {
			snprintf(buf, n, "%llu %s (%llu)",
				 (unsigned long long)(v / u[i].unit), u[i].name,
				 (unsigned long long)v);
			return buf;
		}
	snprintf(buf, n, "%llu bytes", (unsigned long long)v);
	return buf;
}

#define SZ(v) fmt_size((char[48]){ 0 }, 48, (v))

__attribute__((format(printf, 3, 4)))
static int fail(struct plan_result *ret, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ret->reason, sizeof(ret->reason), fmt, ap);
	va_end(ap);
	return rc;
}

static bool is_pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;

		a = b;
		b = t;
	}
	return a;
}

static uint64_t default_align(const struct plan_region *r)
{
	unsigned int i;

	/* nd_pfn_default_alignment(): PMD size when THP is available */
	if (!r->n_aligns)
		return PLAN_SZ_2M;
	for (i = 0; i < r->n_aligns && i < PLAN_MAX_ALIGNS; i++)
		if (r->aligns[i] == PLAN_SZ_2M)
			return PLAN_SZ_2M;
	return PLAN_SZ_4K;
}

static void list_aligns(const struct plan_region *r, char *buf, size_t n)
{
	const uint64_t *a = r->n_aligns ? r->aligns : kernel_aligns;
	unsigned int cnt = r->n_aligns ? r->n_aligns : 3;
	size_t len = 0;
	unsigned int i;
	char tmp[48];

	buf[0] = '\0';
	if (cnt > PLAN_MAX_ALIGNS)
		cnt = PLAN_MAX_ALIGNS;
	for (i = 0; i < cnt && len < n; i++) {
		int w = snprintf(buf + len, n - len, "%s%s", i ? ", " : "",
				 fmt_size(tmp, sizeof(tmp), a[i]));

		if (w < 0)
			break;
		len += (size_t)w;
	}
}

static bool align_supported(const struct plan_region *r, uint64_t align)
{
	const uint64_t *a = r->n_aligns ? r->aligns : kernel_aligns;
	unsigned int cnt = r->n_aligns ? r->n_aligns : 3;
	unsigned int i;

	if (cnt > PLAN_MAX_ALIGNS)
		cnt = PLAN_MAX_ALIGNS;
	for (i = 0; i < cnt; i++)
		if (a[i] == align)
			return true;
	return false;
}

static void list_sector_sizes(const struct plan_region *r, char *buf, size_t n)
{
	const uint32_t *s = r->n_sector_sizes ? r->sector_sizes : kernel_sector_sizes;
	unsigned int cnt = r->n_sector_sizes ? r->n_sector_sizes : 7;
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	if (cnt > PLAN_MAX_SECTOR_SIZES)
		cnt = PLAN_MAX_SECTOR_SIZES;
	for (i = 0; i < cnt && len < n; i++) {
		int w = snprintf(buf + len, n - len, "%s%u", i ? ", " : "", s[i]);

		if (w < 0)
			break;
		len += (size_t)w;
	}
}

static bool sector_supported(const struct plan_region *r, uint32_t lbasize)
{
	const uint32_t *s = r->n_sector_sizes ? r->sector_sizes : kernel_sector_sizes;
	unsigned int cnt = r->n_sector_sizes ? r->n_sector_sizes : 7;
	unsigned int i;

	if (cnt > PLAN_MAX_SECTOR_SIZES)
		cnt = PLAN_MAX_SECTOR_SIZES;
	for (i = 0; i < cnt; i++)
		if (s[i] == lbasize)
			return true;
	return false;
}

static void clear_layout(struct plan_result *ret)
{
	struct plan_result keep = *ret;

	*ret = (struct plan_result){ 0 };
	ret->mode = keep.mode;
	ret->align = keep.align;
	ret->granule = keep.granule;
	ret->min_size = keep.min_size;
	ret->max_size = keep.max_size;
	ret->lbasize = keep.lbasize;
}

/*
 * Layout of a namespace of `size` bytes with a resolved map, as the kernel
 * would build it. Returns the kernel's errno (0 when it enables the device).
 */
static int evaluate(const struct ctx *c, uint64_t size, enum plan_map map,
		struct plan_result *ret)
{
	const struct plan_region *r = c->r;
	struct pfn_layout l;
	struct btt_layout b;
	int rc;

	clear_layout(ret);
	ret->size = size;
	ret->map = map;
	switch (c->q->mode) {
	case PLAN_MODE_RAW:
		ret->usable = size;
		if (r->pagemap)
			ret->memmap_dram = size / PLAN_PAGE_SIZE * PLAN_STRUCT_PAGE;
		break;
	case PLAN_MODE_SECTOR:
		rc = plan_btt_layout(size, r->btt_version == PLAN_BTT_2_0 ? 0 : PLAN_SZ_4K,
				c->lbasize, &b);
		ret->btt_offset = b.initial_offset;
		ret->internal_lbasize = b.internal_lbasize;
		ret->sector_size = b.sector_size;
		ret->arenas = b.arenas;
		ret->nlba = b.nlba;
		ret->usable = b.usable;
		if (rc)
			return rc;
		break;
	case PLAN_MODE_FSDAX:
	case PLAN_MODE_DEVDAX:
		if (r->pagemap && c->q->mode == PLAN_MODE_FSDAX && map == PLAN_MAP_MEM) {
			/* legacy pmem: the raw namespace already has struct pages */
			ret->usable = size;
			ret->memmap_dram = size / PLAN_PAGE_SIZE * PLAN_STRUCT_PAGE;
			break;
		}
		ret->pfn_device = true;
		rc = plan_pfn_layout(c->start, size, c->align, map == PLAN_MAP_DEV,
				c->q->kernel, &l);
		ret->info_reserve = PLAN_PFN_RESERVE;
		ret->memmap_pmem = l.memmap;
		ret->data_offset = l.offset;
		ret->end_trunc = l.end_trunc;
		if (rc)
			return rc;
		ret->align_pad = l.offset - PLAN_PFN_RESERVE - l.memmap;
		ret->npfns = l.npfns;
		ret->usable = l.usable;
		ret->kernel_zero_size = l.zero;
		if (map == PLAN_MAP_MEM)
			ret->memmap_dram = l.range_pages * PLAN_STRUCT_PAGE;
		break;
	}
	ret->metadata = size - ret->usable;
	ret->memmap_dram_dedup = ret->memmap_dram;
	if (c->q->mode == PLAN_MODE_DEVDAX && map == PLAN_MAP_MEM && ret->pfn_device) {
		/*
		 * device-dax maps compound pages of `align` bytes; without an
		 * altmap the vmemmap of each compound page keeps only its first
		 * two pages (VMEMMAP_RESERVE_NR) and reuses the rest.
		 */
		uint64_t per = c->align / PLAN_PAGE_SIZE;
		uint64_t vpages = per * PLAN_STRUCT_PAGE / PLAN_PAGE_SIZE;

		if (vpages > 2) {
			uint64_t pages = ret->memmap_dram / PLAN_STRUCT_PAGE;

			ret->memmap_dram_dedup = pages / per * 2 * PLAN_PAGE_SIZE +
				pages % per * PLAN_STRUCT_PAGE;
		}
	}
	return 0;
}

static bool usable_ok(int rc, const struct plan_result *ret)
{
	return !rc && !ret->kernel_zero_size && ret->usable > 0;
}

static enum plan_map resolve_map(const struct ctx *c, uint64_t size)
{
	struct plan_result tmp = { 0 };
	uint64_t cost;

	if (!is_pfn_mode(c->q->mode))
		return PLAN_MAP_DEFAULT;
	switch (c->q->map) {
	case PLAN_MAP_MEM:
	case PLAN_MAP_DEV:
		return c->q->map;
	case PLAN_MAP_DEFAULT:
		return PLAN_MAP_DEV;
	case PLAN_MAP_AUTO:
		break;
	}
	/* the real DRAM cost: devdax compound pages share most of their vmemmap */
	if (usable_ok(evaluate(c, size, PLAN_MAP_MEM, &tmp), &tmp))
		cost = tmp.memmap_dram_dedup;
	else
		cost = size / PLAN_PAGE_SIZE * PLAN_STRUCT_PAGE;
	return plan_map_auto(cost, c->q->dram_total, c->q->dram_memmap_used);
}

/*
 * usable bytes of k granules with `map`, 0 if invalid; DEFAULT and AUTO are
 * resolved per size as the request would be
 */
static uint64_t usable_at(const struct ctx *c, uint64_t k, enum plan_map map)
{
	struct plan_result tmp = { 0 };
	uint64_t size = k * c->granule;

	if (map == PLAN_MAP_AUTO || map == PLAN_MAP_DEFAULT)
		map = resolve_map(c, size);
	if (!usable_ok(evaluate(c, size, map, &tmp), &tmp))
		return 0;
	return tmp.usable;
}

/*
 * Smallest k in [lo, hi] with usable_at(k) >= want (want >= 1); 0 if none.
 * usable_at() is non-decreasing in k for a fixed map: each granule adds
 * `granule` bytes and at most `granule` bytes of metadata (README).
 */
static uint64_t search_k(const struct ctx *c, uint64_t lo, uint64_t hi,
		uint64_t want, enum plan_map map)
{
	if (!lo || lo > hi || usable_at(c, hi, map) < want)
		return 0;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (usable_at(c, mid, map) >= want)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static int setup(struct ctx *c, const struct plan_region *r,
		const struct plan_request *q, struct plan_result *ret)
{
	char list[160];
	uint64_t g, unit, max_k, k;

	*c = (struct ctx){ .r = r, .q = q };
	*ret = (struct plan_result){ 0 };
	ret->mode = q->mode;
	c->ways = r->ways ? r->ways : 1;

	if (!is_pfn_mode(q->mode) && q->mode != PLAN_MODE_RAW &&
	    q->mode != PLAN_MODE_SECTOR)
		return fail(ret, -EINVAL, "unknown namespace mode %d", (int)q->mode);
	/* region align_store(): align / ways must be a power of two >= 4 KiB */
	if (!r->labelless && (r->align % c->ways || !is_pow2(r->align / c->ways) ||
			      r->align / c->ways < PLAN_SZ_4K))
		return fail(ret, -EINVAL,
			    "region align %llu is not %u x a power of two >= 4096",
			    (unsigned long long)r->align, c->ways);

	if (!is_pfn_mode(q->mode)) {
		if (q->map != PLAN_MAP_DEFAULT)
			return fail(ret, -EINVAL,
				    "--map applies to fsdax and devdax only, not %s",
				    plan_mode_name(q->mode));
		if (q->align)
			return fail(ret, -EINVAL,
				    "--align applies to fsdax and devdax only, not %s",
				    plan_mode_name(q->mode));
	} else {
		if (q->map != PLAN_MAP_DEFAULT && q->map != PLAN_MAP_MEM &&
		    q->map != PLAN_MAP_DEV && q->map != PLAN_MAP_AUTO)
			return fail(ret, -EINVAL, "unknown map %d", (int)q->map);
		c->align = q->align ? q->align : default_align(r);
		if (!align_supported(r, c->align)) {
			list_aligns(r, list, sizeof(list));
			return fail(ret, -EINVAL,
				    "align %s is not supported by this region; supported: %s",
				    SZ(c->align), list);
		}
		ret->align = c->align;
	}
	if (q->mode == PLAN_MODE_SECTOR) {
		c->lbasize = q->sector_size ? q->sector_size : 4096;
		if (!sector_supported(r, c->lbasize)) {
			list_sector_sizes(r, list, sizeof(list));
			return fail(ret, -EINVAL,
				    "sector size %u is not supported by this region; supported: %s",
				    c->lbasize, list);
		}
		ret->lbasize = c->lbasize;
	}
	if (q->start_known)
		c->start = q->start;

	/*
	 * Granule. The kernel's namespace "size" write wants a multiple of
	 * the region align (already a multiple of the ways). For fsdax/devdax
	 * we also want a multiple of align x ways, as ndctl does, so that the
	 * end never needs truncating. A label-less namespace is never resized.
	 */
	if (is_pfn_mode(q->mode)) {
		if (__builtin_mul_overflow(c->align, (uint64_t)c->ways, &unit))
			return fail(ret, -ERANGE, "align x ways overflows");
	} else {
		unit = PLAN_SZ_4K;
	}
	if (r->labelless) {
		g = unit;
	} else {
		uint64_t d = gcd(r->align, unit);

		if (__builtin_mul_overflow(r->align / d, unit, &g))
			return fail(ret, -ERANGE, "size granule overflows");
	}
	c->granule = ret->granule = g;

	if (r->labelless)
		c->max_size = r->size % g ? 0 : r->size;
	else
		c->max_size = r->available - r->available % g;
	if (c->max_size) {
		max_k = c->max_size / g;
		if (r->labelless) {
			struct plan_result tmp = { 0 };
			int rc = evaluate(c, c->max_size,
					  resolve_map(c, c->max_size), &tmp);

			k = usable_ok(rc, &tmp) ? max_k : 0;
		} else {
			k = search_k(c, 1, max_k, 1, q->map);
		}
		if (k) {
			c->min_size = k * g;
		} else {
			c->max_size = 0;
		}
	}
	ret->min_size = c->min_size;
	ret->max_size = c->max_size;
	return 0;
}

/* nearest valid sizes around a rejected `size` */
static void nearest(const struct ctx *c, uint64_t size, struct plan_result *ret)
{
	uint64_t g = c->granule, down, up;

	ret->nearest_below = ret->nearest_above = 0;
	if (!c->max_size)
		return;
	down = size - size % g;
	if (down > c->max_size)
		down = c->max_size;
	if (down >= c->min_size && down < size)
		ret->nearest_below = down;
	if (size % g) {
		if (size <= c->max_size - g + size % g)
			up = size - size % g + g;
		else
			up = 0;
	} else {
		up = size < c->max_size ? size + g : 0;
	}
	if (up && up < c->min_size)
		up = c->min_size;
	if (up && up <= c->max_size && up > size)
		ret->nearest_above = up;
}

static void nearest_text(const struct plan_result *ret, char *buf, size_t n)
{
	char a[48], b[48];

	if (ret->nearest_below && ret->nearest_above)
		snprintf(buf, n, "nearest valid sizes: %s below, %s above",
			 fmt_size(a, sizeof(a), ret->nearest_below),
			 fmt_size(b, sizeof(b), ret->nearest_above));
	else if (ret->nearest_below)
		snprintf(buf, n, "nearest valid size: %s below, none above",
			 fmt_size(a, sizeof(a), ret->nearest_below));
	else if (ret->nearest_above)
		snprintf(buf, n, "nearest valid size: none below, %s above",
			 fmt_size(b, sizeof(b), ret->nearest_above));
	else
		snprintf(buf, n, "no valid size fits this region");
}

static int plan_size(const struct ctx *c, uint64_t size, struct plan_result *ret)
{
	const struct plan_region *r = c->r;
	const struct plan_request *q = c->q;
	char near[160];
	enum plan_map map;
	int rc;

	if (size % c->granule) {
		if (!r->labelless && size % r->align)
			ret->kernel_rc = -EINVAL;
		else if (!r->labelless && size > r->available)
			ret->kernel_rc = -ENOSPC;
		else
			ret->kernel_rc = evaluate(c, size, resolve_map(c, size), ret);
		ret->size = size;
		nearest(c, size, ret);
		nearest_text(ret, near, sizeof(near));
		if (r->labelless)
			return fail(ret, -EINVAL,
				    "the label-less namespace is %s, not a multiple of %s (align %s x %u ways); choose a smaller --align",
				    SZ(size), SZ(c->granule), SZ(c->align), c->ways);
		if (is_pfn_mode(q->mode))
			return fail(ret, -EINVAL,
				    "size %s is not a multiple of %s (region align %s, align %s x %u ways); %s",
				    SZ(size), SZ(c->granule), SZ(r->align), SZ(c->align),
				    c->ways, near);
		return fail(ret, -EINVAL, "size %s is not a multiple of the region align %s; %s",
			    SZ(size), SZ(c->granule), near);
	}
	if (!r->labelless && size > r->available) {
		ret->size = size;
		ret->kernel_rc = -ENOSPC;
		nearest(c, size, ret);
		nearest_text(ret, near, sizeof(near));
		return fail(ret, -ENOSPC, "size %s exceeds the %s the region can allocate; %s",
			    SZ(size), SZ(r->available), near);
	}

	map = resolve_map(c, size);
	rc = evaluate(c, size, map, ret);
	ret->kernel_rc = rc;
	if (rc == -ERANGE)
		return fail(ret, -ERANGE, "namespace at %#llx + %s overflows 64 bits",
			    (unsigned long long)c->start, SZ(size));
	if (rc == -EINVAL)
		return fail(ret, -EINVAL,
			    "namespace start %#llx is not 2 MiB aligned; the kernel refuses fsdax/devdax there",
			    (unsigned long long)c->start);
	if (!usable_ok(rc, ret)) {
		nearest(c, size, ret);
		ret->nearest_below = 0;
		nearest_text(ret, near, sizeof(near));
		if (q->mode == PLAN_MODE_SECTOR)
			return fail(ret, -ENXIO,
				    "sector mode needs a BTT arena of at least 16 MiB%s, %s is too small; %s",
				    ret->btt_offset ? " after the 4 KiB BTT 1.1 offset" : "",
				    SZ(size), near);
		return fail(ret, -ENXIO,
			    "%s of %s with align %s leaves no usable capacity (info block %s + memmap %s padded to %s%s)%s; %s",
			    plan_mode_name(q->mode), SZ(size), SZ(c->align),
			    SZ(PLAN_PFN_RESERVE), SZ(ret->memmap_pmem),
			    SZ(c->align > PLAN_COMPAT_ALIGN ? c->align : PLAN_COMPAT_ALIGN),
			    ret->end_trunc ? ", end truncated to the alignment" : "",
			    ret->kernel_zero_size ?
			    "; kernel 6.1 would enable it with a zero or wrapped size" : "",
			    near);
	}
	return 0;
}

int plan_namespace(const struct plan_region *region,
		const struct plan_request *req, struct plan_result *ret)
{
	struct ctx c;
	uint64_t size;
	int rc;

	rc = setup(&c, region, req, ret);
	if (rc)
		return rc;
	size = req->size;
	if (region->labelless) {
		if (size && size != region->size) {
			ret->size = size;
			ret->nearest_below = size > region->size && c.max_size ? region->size : 0;
			ret->nearest_above = size < region->size && c.max_size ? region->size : 0;
			return fail(ret, -EINVAL,
				    "a label-less region cannot be sub-divided: its namespace is always %s; retry without --size",
				    SZ(region->size));
		}
		size = region->size;
	} else if (!size) {
		if (!c.max_size)
			return fail(ret, -ENOSPC,
				    "no valid %s namespace fits the %s this region can allocate",
				    plan_mode_name(req->mode), SZ(region->available));
		size = c.max_size;
	}
	return plan_size(&c, size, ret);
}

int plan_size_for_usable(const struct plan_region *region,
		const struct plan_request *req, uint64_t usable,
		struct plan_result *ret)
{
	struct plan_result tmp;
	struct ctx c;
	uint64_t lo, hi, k = 0;
	int rc;

	rc = setup(&c, region, req, ret);
	if (rc)
		return rc;
	if (!c.max_size)
		return fail(ret, -ENOSPC, "no valid %s namespace fits this region",
			    plan_mode_name(req->mode));
	lo = c.min_size / c.granule;
	hi = c.max_size / c.granule;
	if (!usable)
		usable = 1;
	if (region->labelless) {
		k = usable_at(&c, hi, req->map) >= usable ? hi : 0;
	} else if (req->map == PLAN_MAP_AUTO && is_pfn_mode(req->mode)) {
		/*
		 * mem gives more usable bytes than dev at the same size, and
		 * auto only moves from mem to dev as the size grows: take the
		 * mem answer when auto keeps mem there, else the dev answer.
		 */
		k = search_k(&c, lo, hi, usable, PLAN_MAP_MEM);
		if (!k || resolve_map(&c, k * c.granule) != PLAN_MAP_MEM)
			k = search_k(&c, lo, hi, usable, PLAN_MAP_DEV);
	} else {
		k = search_k(&c, lo, hi, usable, req->map);
	}
	if (!k) {
		rc = plan_size(&c, c.max_size, ret);
		tmp = *ret;
		ret->nearest_below = rc ? 0 : c.max_size;
		ret->nearest_above = 0;
		return fail(ret, -ENOSPC,
			    "no %s namespace in this region has %s usable; the largest, %s, has %s",
			    plan_mode_name(req->mode), SZ(usable), SZ(c.max_size),
			    SZ(rc ? 0 : tmp.usable));
	}
	rc = plan_size(&c, k * c.granule, ret);
	if (!rc && ret->usable < usable)	/* cannot happen: search invariant */
		return fail(ret, -ENOSPC, "internal: planned %s usable, wanted %s",
			    SZ(ret->usable), SZ(usable));
	return rc;
}
