/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Namespace capacity planner: what the kernel will do with a namespace of a
 * given size, mode, map and alignment, before anything is written to sysfs.
 *
 * Shared by `ndctl create-namespace` and its --dry-run. Pure arithmetic over
 * plain structs (no sysfs, no JSON, no allocation): the caller fills a
 * struct plan_region from sysfs and a struct plan_request from the command
 * line; the planner fills a struct plan_result. The formulas model the
 * kernel's own (drivers/nvdimm/pfn_devs.c nd_pfn_init(), drivers/nvdimm/btt.c
 * alloc_arena(), drivers/nvdimm/pmem.c, drivers/dax/pmem.c) for Debian's 6.1
 * and 6.12 kernels; see lib/plan/README.md.
 */
#ifndef PLAN_PLAN_H
#define PLAN_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#define PLAN_MAX_ALIGNS 8
#define PLAN_MAX_SECTOR_SIZES 16
#define PLAN_REASON_MAX 320

enum plan_mode {
	PLAN_MODE_RAW,
	PLAN_MODE_SECTOR,
	PLAN_MODE_FSDAX,
	PLAN_MODE_DEVDAX,
};

enum plan_map {
	PLAN_MAP_DEFAULT,	/* request: fsdax/devdax -> dev; result: none */
	PLAN_MAP_MEM,		/* struct pages in DRAM (pfn mode "ram") */
	PLAN_MAP_DEV,		/* struct pages on the pmem itself (pfn mode "pmem") */
	PLAN_MAP_AUTO,		/* request only: see plan_map_auto() */
};

/*
 * Kernel behaviour profile. The layout arithmetic is identical in 6.1 and
 * 6.12; they differ in what nd_pfn_init() refuses (see README):
 * PLAN_KERNEL_6_1 accepts a pfn/dax layout whose data area is empty once the
 * end is truncated to the alignment and creates a zero- (or wrapped-) size
 * device; PLAN_KERNEL_6_12 refuses it with ENXIO.
 */
enum plan_kernel {
	PLAN_KERNEL_6_1,
	PLAN_KERNEL_6_12,
};

enum plan_btt_version {
	PLAN_BTT_1_1,	/* claim class btt: label v1.1 or label-less; 4 KiB initial offset */
	PLAN_BTT_2_0,	/* claim class btt2: label v1.2; no initial offset */
};

/* What the caller knows about the region (all from sysfs). */
struct plan_region {
	uint64_t size;		/* region "size" */
	uint64_t available;	/* "max_available_extent": largest new namespace */
	uint64_t align;		/* region "align" (system-address bytes, covers all ways) */
	unsigned int ways;	/* interleave ways ("mappings"); 0 is taken as 1 */
	/* pfn/dax seed "supported_alignments"; none: the kernel's x86_64 set */
	uint64_t aligns[PLAN_MAX_ALIGNS];
	unsigned int n_aligns;
	/* btt seed "supported_sector_sizes"; none: the kernel's set */
	uint32_t sector_sizes[PLAN_MAX_SECTOR_SIZES];
	unsigned int n_sector_sizes;
	bool labelless;		/* one fixed namespace spans the region (e820, no labels) */
	bool pagemap;		/* legacy pmem whose raw namespace gets struct pages (e820) */
	enum plan_btt_version btt_version;
};

struct plan_request {
	enum plan_mode mode;
	enum plan_map map;
	uint64_t align;		/* fsdax/devdax: 0 = kernel default (2 MiB, else 4 KiB) */
	uint64_t size;		/* namespace size; 0 = as large as possible */
	uint32_t sector_size;	/* sector mode: 0 = 4096 */
	bool start_known;	/* physical start address of the namespace known? */
	uint64_t start;		/*   then: that address (else assumed aligned) */
	uint64_t dram_total;	/* map=auto: system RAM bytes (MemTotal); 0 = unknown */
	uint64_t dram_memmap_used; /* map=auto: DRAM already holding pmem memmaps */
	enum plan_kernel kernel;
};

struct plan_result {
	enum plan_mode mode;
	enum plan_map map;	/* resolved: MEM or DEV for pfn/dax, DEFAULT otherwise */
	bool pfn_device;	/* a pfn/dax info block is written (false: raw, sector,
				 * and fsdax+mem on a pagemap region, which stays raw) */
	uint64_t size;		/* namespace (raw) size */
	uint64_t align;		/* pfn/dax "align" to write; 0 for raw/sector */
	uint64_t granule;	/* valid sizes are multiples of this */
	uint64_t min_size;	/* smallest valid size (0: none fits) */
	uint64_t max_size;	/* largest valid size (0: none fits) */

	/* fsdax/devdax layout (nd_pfn_init) */
	uint64_t info_reserve;	/* 8 KiB: 4 KiB pad + info block at 4 KiB */
	uint64_t memmap_pmem;	/* struct pages reserved on pmem (map=dev) */
	uint64_t align_pad;	/* padding up to the data offset */
	uint64_t data_offset;	/* info block "dataoff" */
	uint64_t end_trunc;	/* bytes cut from the end to keep the end aligned */
	uint64_t npfns;		/* data pages (info block "npfns") */

	/* sector layout (btt alloc_arena) */
	uint32_t lbasize;	/* external LBA size (the requested sector size) */
	uint32_t internal_lbasize;
	uint32_t sector_size;	/* block device logical sector size (512/4096) */
	uint64_t btt_offset;	/* initial offset: 4 KiB for BTT 1.1, 0 for 2.0 */
	unsigned int arenas;
	uint64_t nlba;		/* external LBAs over all arenas */

	uint64_t metadata;	/* size - usable: everything the kernel keeps */
	uint64_t usable;	/* what the kernel reports: blockdev / dax device size */
	uint64_t memmap_dram;	/* struct pages in DRAM (64 bytes per 4 KiB page) */
	uint64_t memmap_dram_dedup; /* DRAM the kernel really spends: devdax map=mem
				     * with align >= 2 MiB keeps 8 KiB of vmemmap per
				     * compound page; else = memmap_dram */

	/*
	 * What the kernel itself would do if this namespace were configured
	 * through sysfs (bypassing our policy checks): 0 when it would enable
	 * the device, -EINVAL / -ENOSPC from the namespace "size" write, -ENXIO
	 * when enabling the pfn/dax/btt device fails.
	 */
	int kernel_rc;
	bool kernel_zero_size;	/* 6.1: enables, but with no (or wrapped) capacity */

	/* on -EINVAL/-ENOSPC/-ENXIO: the closest valid sizes (0: none) */
	uint64_t nearest_below;
	uint64_t nearest_above;
	char reason[PLAN_REASON_MAX];
};

/*
 * Plan one namespace. Returns 0 and a complete *ret, or -errno with
 * ret->reason (one line saying what is wrong and what would work) and, for
 * size problems, ret->nearest_below/nearest_above:
 *   -EINVAL  size not a multiple of the granule, unsupported align or sector
 *            size, option that does not apply to the mode, label-less region
 *            asked to sub-divide, start not 2 MiB aligned
 *   -ENOSPC  larger than the region can allocate
 *   -ENXIO   too small: the kernel would fail to enable it (no usable bytes)
 *   -ERANGE  arithmetic would overflow 64 bits
 */
int plan_namespace(const struct plan_region *region,
		const struct plan_request *req, struct plan_result *ret);

/*
 * Inverse: the smallest valid namespace size whose usable size is at least
 * `usable` (req->size is ignored). Returns 0 with *ret planned for that
 * size, or -ENOSPC (ret->nearest_below = largest valid size, ret->usable its
 * usable size) or another -errno as plan_namespace().
 */
int plan_size_for_usable(const struct plan_region *region,
		const struct plan_request *req, uint64_t usable,
		struct plan_result *ret);

/*
 * --map=auto rule: mem when the memmap's real DRAM cost (memmap_dram_dedup)
 * fits the DRAM budget, else dev. Budget: dram_total /
 * PLAN_AUTO_DRAM_DIVISOR, shared with memmaps already in DRAM. Unknown DRAM
 * (0) -> dev. See README "map=auto".
 */
#define PLAN_AUTO_DRAM_DIVISOR 64
enum plan_map plan_map_auto(uint64_t memmap_dram, uint64_t dram_total,
		uint64_t dram_memmap_used);

/* Behaviour profile for a `uname -r` string ("6.1.0-56-amd64"). */
int plan_kernel_from_release(const char *release, enum plan_kernel *ret);

const char *plan_mode_name(enum plan_mode mode);
const char *plan_map_name(enum plan_map map);

#endif /* PLAN_PLAN_H */
