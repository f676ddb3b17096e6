// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The kernel's own layout arithmetic, re-derived (not copied) from:
 *   pfn/dax info block: drivers/nvdimm/pfn_devs.c nd_pfn_init(),
 *     __nvdimm_setup_pfn(), size_show(); consumed by drivers/nvdimm/pmem.c
 *     pmem_attach_disk() (fsdax) and drivers/dax/pmem.c __dax_pmem_probe()
 *     (devdax);
 *   BTT: drivers/nvdimm/btt.c create_arenas(), alloc_arena(),
 *     nvdimm_namespace_attach_btt(), btt_blk_init(); btt_devs.c
 *     nd_btt_version().
 * Everything is u64 with explicit overflow checks.
 */
#include <errno.h>

#include "layout.h"

static bool align_up(uint64_t x, uint64_t a, uint64_t *ret)
{
	uint64_t r = x % a;

	if (!r) {
		*ret = x;
		return true;
	}
	return !__builtin_add_overflow(x, a - r, ret);
}

int plan_pfn_layout(uint64_t start, uint64_t size, uint64_t align, bool on_pmem,
		enum plan_kernel kernel, struct pfn_layout *l)
{
	uint64_t end, npfns, x, top, avail;

	*l = (struct pfn_layout){ 0 };
	/* align = max(nd_pfn->align, memremap_compat_align()) */
	if (align < PLAN_COMPAT_ALIGN)
		align = PLAN_COMPAT_ALIGN;
	/* "start %pa misaligned to %#lx" */
	if (start % PLAN_COMPAT_ALIGN)
		return -EINVAL;
	if (size <= PLAN_PFN_RESERVE)
		return -ENXIO;
	if (__builtin_add_overflow(start, size, &end))
		return -ERANGE;
	l->end_trunc = end % align;

	/* npfns = PHYS_PFN(size - SZ_8K): memmap is sized for the whole namespace */
	npfns = (size - PLAN_PFN_RESERVE) / PLAN_PAGE_SIZE;
	x = start + PLAN_PFN_RESERVE;	/* cannot overflow: <= end */
	if (on_pmem) {
		l->memmap = PLAN_STRUCT_PAGE * npfns;	/* < size, no overflow */
		if (__builtin_add_overflow(x, l->memmap, &x))
			return -ERANGE;
	}
	if (!align_up(x, align, &top))
		return -ERANGE;
	l->offset = top - start;

	avail = size - l->end_trunc;
	if (l->offset >= avail) {
		/*
		 * 6.12 (and mainline since the 2023 "Prevent the creation of
		 * zero-sized namespaces" fix): refused. 6.1 only refuses
		 * offset >= size and otherwise enables a device whose size,
		 * size - end_trunc - offset, is zero or wraps around.
		 */
		if (kernel == PLAN_KERNEL_6_12 || l->offset >= size)
			return -ENXIO;
		l->zero = true;
		l->range_pages = avail / PLAN_PAGE_SIZE;
		return 0;
	}
	l->usable = avail - l->offset;
	l->npfns = l->usable / PLAN_PAGE_SIZE;
	/* dev_pagemap range: [start, end - end_trunc) incl. the reserved head */
	l->range_pages = avail / PLAN_PAGE_SIZE;
	return 0;
}

/* external LBAs of one arena of `size` bytes (alloc_arena) */
static uint64_t btt_arena_nlba(uint64_t size, uint64_t internal_lbasize)
{
	uint64_t avail = size - size % PLAN_BTT_PG;
	uint64_t logsize = PLAN_BTT_NFREE * PLAN_BTT_LOG_GROUP;
	uint64_t internal_nlba;

	logsize = (logsize + PLAN_BTT_PG - 1) / PLAN_BTT_PG * PLAN_BTT_PG;
	/* two info blocks, the flog, and one page kept back from the split */
	avail -= 2 * PLAN_BTT_PG + logsize;
	internal_nlba = (avail - PLAN_BTT_PG) / (internal_lbasize + PLAN_BTT_MAP_ENT);
	return internal_nlba - PLAN_BTT_NFREE;
}

int plan_btt_layout(uint64_t size, uint64_t initial_offset, uint32_t lbasize,
		struct btt_layout *b)
{
	uint64_t rawsize, full, tail, per_full;

	*b = (struct btt_layout){ 0 };
	b->initial_offset = initial_offset;
	b->internal_lbasize = (uint32_t)((lbasize + PLAN_BTT_INT_ALIGN - 1) /
			PLAN_BTT_INT_ALIGN * PLAN_BTT_INT_ALIGN);
	b->sector_size = lbasize >= 4096 ? 4096 : 512;
	/* __nd_btt_probe(): capacity < SZ_16M; attach: rawsize < ARENA_MIN_SIZE */
	if (size < PLAN_SZ_16M || size - initial_offset < PLAN_BTT_ARENA_MIN)
		return -ENXIO;
	rawsize = size - initial_offset;

	/*
	 * create_arenas(): 512 GiB arenas, then the remainder as a last arena
	 * unless it is below 16 MiB (that tail is simply unused).
	 */
	full = rawsize / PLAN_BTT_ARENA_MAX;
	tail = rawsize % PLAN_BTT_ARENA_MAX;
	per_full = full ? btt_arena_nlba(PLAN_BTT_ARENA_MAX, b->internal_lbasize) : 0;
	b->nlba = full * per_full;
	b->arenas = (unsigned int)full;
	if (tail >= PLAN_BTT_ARENA_MIN) {
		b->nlba += btt_arena_nlba(tail, b->internal_lbasize);
		b->arenas++;
	}
	/* btt_blk_init(): nd_btt->size = nlba * sector_size (PI bytes excluded) */
	b->usable = b->nlba * b->sector_size;
	return 0;
}
