/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Kernel layout models used by the planner (internal to lib/plan). */
#ifndef PLAN_LAYOUT_H
#define PLAN_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "plan.h"

#define PLAN_SZ_4K 4096ULL
#define PLAN_SZ_8K 8192ULL
#define PLAN_SZ_2M (2ULL << 20)
#define PLAN_SZ_16M (16ULL << 20)
#define PLAN_SZ_1G (1ULL << 30)

/* x86_64 constants of the kernels we model */
#define PLAN_PAGE_SIZE PLAN_SZ_4K
#define PLAN_STRUCT_PAGE 64ULL			/* MAX_STRUCT_PAGE_SIZE */
#define PLAN_COMPAT_ALIGN PLAN_SZ_2M		/* memremap_compat_align() = SUBSECTION_SIZE */
#define PLAN_PFN_RESERVE PLAN_SZ_8K		/* nd_info_block_reserve() */

/* BTT constants (drivers/nvdimm/btt.h) */
#define PLAN_BTT_PG 4096ULL			/* BTT_PG_SIZE */
#define PLAN_BTT_ARENA_MIN (1ULL << 24)		/* ARENA_MIN_SIZE */
#define PLAN_BTT_ARENA_MAX (1ULL << 39)		/* ARENA_MAX_SIZE */
#define PLAN_BTT_NFREE 256ULL			/* BTT_DEFAULT_NFREE = ND_MAX_LANES */
#define PLAN_BTT_LOG_GROUP 64ULL		/* sizeof(struct log_group) */
#define PLAN_BTT_MAP_ENT 4ULL			/* MAP_ENT_SIZE */
#define PLAN_BTT_INT_ALIGN 64ULL		/* INT_LBASIZE_ALIGNMENT */

struct pfn_layout {
	uint64_t offset;	/* dataoff */
	uint64_t end_trunc;
	uint64_t memmap;	/* 64 * npfns reserved on pmem (map=dev) */
	uint64_t npfns;		/* data pages */
	uint64_t range_pages;	/* pages of the dev_pagemap range */
	uint64_t usable;
	bool zero;		/* 6.1 only: enabled with no (or wrapped) capacity */
};

/*
 * nd_pfn_init() for a namespace at [start, start + size): 0, or the errno
 * the kernel returns (-EINVAL start misaligned, -ENXIO nothing left),
 * -ERANGE on 64-bit overflow.
 */
int plan_pfn_layout(uint64_t start, uint64_t size, uint64_t align, bool on_pmem,
		enum plan_kernel kernel, struct pfn_layout *l);

struct btt_layout {
	uint64_t initial_offset;
	uint32_t internal_lbasize;
	uint32_t sector_size;
	unsigned int arenas;
	uint64_t nlba;
	uint64_t usable;
};

/* create_arenas()/alloc_arena() + btt_blk_init(): 0 or -ENXIO (too small). */
int plan_btt_layout(uint64_t size, uint64_t initial_offset, uint32_t lbasize,
		struct btt_layout *b);

#endif /* PLAN_LAYOUT_H */
