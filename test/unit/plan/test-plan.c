// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for the namespace planner (lib/plan): every size Debian's
 * ndctl 76.1 observed on kernel 6.1 in the test bed
 * (/work/shared/reference/debian-76.1/02-ndctl-ns/), then edge cases:
 * misaligned / tiny / huge sizes, overflow, multi-arena BTT, the 6.1 vs 6.12
 * zero-size difference, the inverse and --map=auto; and, given the directory
 * test/unit/plan/vm-probe as argument, every line the VM probe logged on 6.1 and 6.12.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "lib/plan/plan.h"

#define K 1024ULL
#define M (1024ULL * K)
#define G (1024ULL * M)
#define T (1024ULL * G)

#define R1_BASE 0x1c0000000ULL	/* NFIT region1 "resource" */
#define R2_BASE 0x180000000ULL	/* e820 region2 "resource" */

enum rid { LAB, LL, E820 };

/* the test bed's regions as sysfs shows them */
static struct plan_region region(enum rid id, uint64_t available)
{
	struct plan_region r = {
		.align = 16 * M,
		.ways = 1,
		.aligns = { 4 * K, 2 * M, 1 * G },
		.n_aligns = 3,
		.sector_sizes = { 512, 520, 528, 4096, 4104, 4160, 4224 },
		.n_sector_sizes = 7,
	};

	switch (id) {
	case LAB:	/* region1 with v1.1 labels (init-labels) */
		r.size = 2 * G;
		r.available = available;
		r.btt_version = PLAN_BTT_1_1;
		break;
	case LL:	/* region1 with a zeroed label area: label-less, no index */
		r.size = 2 * G;
		r.labelless = true;
		r.btt_version = PLAN_BTT_2_0;
		break;
	case E820:	/* region2: memmap=512M!6G */
		r.size = 512 * M;
		r.ways = 0;	/* "mappings" is 0 there */
		r.labelless = true;
		r.pagemap = true;
		r.btt_version = PLAN_BTT_1_1;
		break;
	}
	return r;
}

struct obs {
	const char *file;	/* under 02-ndctl-ns/ */
	enum rid rid;
	uint64_t available;	/* max_available_extent before the command */
	uint64_t start;		/* namespace "resource" */
	enum plan_mode mode;
	enum plan_map map;
	uint64_t align;
	uint64_t size;		/* -s (0: none given) */
	uint32_t sector;	/* -l */
	int rc;			/* planner verdict */
	uint64_t usable;	/* JSON "size" (= pfn/dax/btt "size") */
	uint64_t dataoff;	/* pfn/dax "resource" - namespace "resource" (0: n/a) */
	enum plan_map map_out;
};

#define FS PLAN_MODE_FSDAX
#define DX PLAN_MODE_DEVDAX
#define SE PLAN_MODE_SECTOR
#define RAW PLAN_MODE_RAW
#define DEF PLAN_MAP_DEFAULT
#define MEM PLAN_MAP_MEM
#define DEV PLAN_MAP_DEV

static const struct obs observed[] = {
	/* file, region, available, start, mode, map, align, size, sector, rc, usable, dataoff, map */
	{ "fsdax-dev-256M-create.out, sysfs-fsdax-dev-256M.txt", LAB, 2 * G, R1_BASE,
	  FS, DEV, 0, 256 * M, 0, 0, 262144000, 6 * M, DEV },
	{ "fsdax-mem-256M-create.out, sysfs-fsdax-mem-256M.txt", LAB, 2 * G, R1_BASE,
	  FS, MEM, 0, 256 * M, 0, 0, 266338304, 2 * M, MEM },
	{ "devdax-256M-create.out, sysfs-devdax-256M.txt", LAB, 2 * G, R1_BASE,
	  DX, DEV, 0, 256 * M, 0, 0, 262144000, 6 * M, DEV },
	{ "devdax-a4K-create.out, sysfs-devdax-a4K.txt", LAB, 2 * G, R1_BASE,
	  DX, DEF, 4 * K, 256 * M, 0, 0, 262144000, 6 * M, DEV },
	{ "devdax-a1G-1G-create.err (ENXIO: failed to enable)", LAB, 2 * G, R1_BASE,
	  DX, DEF, 1 * G, 1 * G, 0, -ENXIO, 0, 0, DEV },
	{ "devdax-a1G-full-create.out, sysfs-devdax-a1G-full.txt", LAB, 2 * G, R1_BASE,
	  DX, DEF, 1 * G, 0, 0, 0, 1073741824, 1 * G, DEV },
	{ "fsdax-a4K-create.out, sysfs-fsdax-a4K.txt", LAB, 2 * G, R1_BASE,
	  FS, DEV, 4 * K, 256 * M, 0, 0, 262144000, 6 * M, DEV },
	{ "fsdax-a1G-1G-create.err (ENXIO: failed to enable)", LAB, 2 * G, R1_BASE,
	  FS, DEF, 1 * G, 1 * G, 0, -ENXIO, 0, 0, DEV },
	{ "fsdax-a1G-full-create.out, sysfs-fsdax-a1G-full.txt", LAB, 2 * G, R1_BASE,
	  FS, DEF, 1 * G, 0, 0, 0, 1073741824, 1 * G, DEV },
	{ "sector-256M-create.out, sysfs-sector-256M.txt", LAB, 2 * G, R1_BASE,
	  SE, DEF, 0, 256 * M, 0, 0, 267091968, 0, DEF },
	{ "btt-create.out", LAB, 2 * G, R1_BASE,
	  SE, DEF, 0, 256 * M, 0, 0, 267091968, 0, DEF },
	{ "sector-l512-create.out, sysfs-sector-l512.txt", LAB, 2 * G, R1_BASE,
	  SE, DEF, 0, 256 * M, 512, 0, 266190848, 0, DEF },
	{ "raw-256M-create.out, sysfs-raw-256M.txt", LAB, 2 * G, R1_BASE,
	  RAW, DEF, 0, 256 * M, 0, 0, 268435456, 0, DEF },
	{ "fsdax-full-create.out, sysfs-fsdax-full.txt", LAB, 2 * G, R1_BASE,
	  FS, DEF, 0, 0, 0, 0, 2111832064, 34 * M, DEV },
	{ "devdax-full-create.out, sysfs-devdax-full.txt", LAB, 2 * G, R1_BASE,
	  DX, DEF, 0, 0, 0, 0, 2111832064, 34 * M, DEV },
	{ "named-uuid-create.out, sysfs-named-uuid.txt", LAB, 2 * G, R1_BASE,
	  FS, DEF, 0, 128 * M, 0, 0, 130023424, 4 * M, DEV },
	{ "fsdax-100M-create.err (align 0x1000000 size 0x6400000 misaligned)", LAB, 2 * G,
	  R1_BASE, FS, DEF, 0, 100 * M, 0, -EINVAL, 0, 0, DEF },
	{ "fsdax-too-big-create.err (ENOSPC)", LAB, 2 * G, R1_BASE,
	  FS, DEF, 0, 4 * G, 0, -ENOSPC, 0, 0, DEF },
	{ "devdax-mapmem-create.out, sysfs-devdax-mapmem.txt", LAB, 2 * G, R1_BASE,
	  DX, MEM, 0, 256 * M, 0, 0, 266338304, 2 * M, MEM },
	{ "default-mode-create.out, sysfs-default-mode.txt", LAB, 2 * G, R1_BASE,
	  FS, DEF, 0, 256 * M, 0, 0, 262144000, 6 * M, DEV },
	{ "re-create.out", LAB, 2 * G, R1_BASE,
	  FS, DEF, 0, 256 * M, 0, 0, 262144000, 0, DEV },
	{ "re-to-devdax.out", LAB, 2 * G, R1_BASE,
	  DX, DEF, 0, 256 * M, 0, 0, 262144000, 0, DEV },
	{ "re-to-sector.out", LAB, 2 * G, R1_BASE,
	  SE, DEF, 0, 256 * M, 0, 0, 267091968, 0, DEF },
	{ "re-to-fsdax-resize.out", LAB, 2 * G, R1_BASE,
	  FS, DEF, 0, 512 * M, 0, 0, 526385152, 0, DEV },
	{ "multi-1.out, sysfs-multi.txt", LAB, 2 * G, R1_BASE,
	  FS, DEF, 0, 256 * M, 0, 0, 262144000, 6 * M, DEV },
	{ "multi-2.out, sysfs-multi.txt", LAB, 2 * G - 256 * M, R1_BASE + 256 * M,
	  DX, DEF, 0, 256 * M, 0, 0, 262144000, 6 * M, DEV },
	{ "multi-3.out, sysfs-multi.txt", LAB, 2 * G - 512 * M, R1_BASE + 512 * M,
	  SE, DEF, 0, 256 * M, 0, 0, 267091968, 0, DEF },
	/* label-less NFIT region (zeroed label area) */
	{ "ll-fsdax-dev.out, sysfs-ll-fsdax-dev.txt", LL, 0, R1_BASE,
	  FS, DEV, 0, 0, 0, 0, 2111832064, 34 * M, DEV },
	{ "ll-fsdax-mem.out, sysfs-ll-fsdax-mem.txt", LL, 0, R1_BASE,
	  FS, MEM, 0, 0, 0, 0, 2145386496, 2 * M, MEM },
	{ "ll-devdax.out", LL, 0, R1_BASE,
	  DX, DEF, 0, 0, 0, 0, 2111832064, 0, DEV },
	{ "ll-raw.out", LL, 0, R1_BASE,
	  RAW, DEF, 0, 0, 0, 0, 2147483648, 0, DEF },
	{ "ll-sector.out (BTT 2.0: no label index)", LL, 0, R1_BASE,
	  SE, DEF, 0, 0, 0, 0, 2144309248, 0, DEF },
	{ "ll-create-s.err (ndctl: ENOSPC; we refuse sub-division)", LL, 0, R1_BASE,
	  FS, DEF, 0, 256 * M, 0, -EINVAL, 0, 0, DEF },
	/* e820 region2 (legacy, label-less, pagemap) */
	{ "e820-fsdax_map=dev.out, sysfs-e820-fsdax_map=dev.txt", E820, 0, R2_BASE,
	  FS, DEV, 0, 0, 0, 0, 526385152, 10 * M, DEV },
	{ "e820-fsdax_map=mem.out (stays raw: no pfn)", E820, 0, R2_BASE,
	  FS, MEM, 0, 0, 0, 0, 536870912, 0, MEM },
	{ "e820-devdax.out, sysfs-e820-devdax.txt", E820, 0, R2_BASE,
	  DX, DEF, 0, 0, 0, 0, 526385152, 10 * M, DEV },
	{ "e820-devdax_a_4K.out, sysfs-e820-devdax_a_4K.txt", E820, 0, R2_BASE,
	  DX, DEF, 4 * K, 0, 0, 0, 526385152, 10 * M, DEV },
	{ "e820-devdax_map=mem.out, sysfs-e820-devdax_map=mem.txt", E820, 0, R2_BASE,
	  DX, MEM, 0, 0, 0, 0, 534773760, 2 * M, MEM },
	{ "e820-devdax_a_1G.err (size must align to 1073741824)", E820, 0, R2_BASE,
	  DX, DEF, 1 * G, 0, 0, -EINVAL, 0, 0, DEF },
	{ "e820-fsdax_a_1G.err (size must align to 1073741824)", E820, 0, R2_BASE,
	  FS, DEF, 1 * G, 0, 0, -EINVAL, 0, 0, DEF },
	{ "e820-sector.out, sysfs-e820-sector.txt", E820, 0, R2_BASE,
	  SE, DEF, 0, 0, 0, 0, 535265280, 0, DEF },
	{ "e820-sector_l_512.out, sysfs-e820-sector_l_512.txt", E820, 0, R2_BASE,
	  SE, DEF, 0, 0, 512, 0, 532545536, 0, DEF },
	{ "e820-raw.out", E820, 0, R2_BASE,
	  RAW, DEF, 0, 0, 0, 0, 536870912, 0, DEF },
	{ "e820-create-s.err (Legacy / label-less: no sub-dividing)", E820, 0, R2_BASE,
	  FS, DEF, 0, 256 * M, 0, -EINVAL, 0, 0, DEF },
};

static struct plan_request request(const struct obs *o, enum plan_kernel k)
{
	return (struct plan_request){
		.mode = o->mode, .map = o->map, .align = o->align, .size = o->size,
		.sector_size = o->sector, .start_known = true, .start = o->start,
		.kernel = k,
	};
}

static void observations(struct tap *t)
{
	size_t i;
	int k;

	for (k = PLAN_KERNEL_6_1; k <= PLAN_KERNEL_6_12; k++)
		for (i = 0; i < sizeof(observed) / sizeof(observed[0]); i++) {
			const struct obs *o = &observed[i];
			struct plan_region r = region(o->rid, o->available);
			struct plan_request q = request(o, (enum plan_kernel)k);
			struct plan_result res;
			int rc = plan_namespace(&r, &q, &res);
			const char *kn = k == PLAN_KERNEL_6_1 ? "6.1" : "6.12";

			tap_ok(t, rc == o->rc, "[%s] %s: rc %d (%s)", kn, o->file, rc,
			       rc ? res.reason : "ok");
			if (o->rc)
				continue;
			tap_eq_u64(t, res.usable, o->usable, "[%s] %s: usable", kn, o->file);
			tap_eq_u64(t, res.metadata + res.usable, res.size,
				   "[%s] %s: metadata + usable = size", kn, o->file);
			if (o->dataoff)
				tap_eq_u64(t, res.data_offset, o->dataoff,
					   "[%s] %s: data offset", kn, o->file);
			tap_ok(t, res.map == o->map_out, "[%s] %s: map %s", kn, o->file,
			       plan_map_name(res.map));
			tap_ok(t, res.kernel_rc == 0 && !res.kernel_zero_size,
			       "[%s] %s: kernel accepts", kn, o->file);
		}
}

static struct plan_result plan(enum rid id, uint64_t avail, enum plan_mode mode,
		enum plan_map map, uint64_t align, uint64_t size, int *rc)
{
	struct plan_region r = region(id, avail);
	struct plan_request q = { .mode = mode, .map = map, .align = align, .size = size };
	struct plan_result res;

	*rc = plan_namespace(&r, &q, &res);
	return res;
}

static void preflight(struct tap *t)
{
	struct plan_result res;
	int rc;

	res = plan(LAB, 2 * G, FS, DEF, 0, 100 * M, &rc);
	tap_ok(t, rc == -EINVAL, "100M fsdax: -EINVAL");
	tap_eq_u64(t, res.nearest_below, 96 * M, "100M: nearest below 96M");
	tap_eq_u64(t, res.nearest_above, 112 * M, "100M: nearest above 112M");
	tap_ok(t, strstr(res.reason, "96 MiB (100663296)") &&
	       strstr(res.reason, "112 MiB (117440512)"), "100M: reason names both: %s",
	       res.reason);
	tap_ok(t, res.kernel_rc == -EINVAL, "100M: kernel size write would fail too");

	res = plan(LAB, 2 * G, FS, DEF, 0, 4 * G, &rc);
	tap_ok(t, rc == -ENOSPC, "4G in 2G: -ENOSPC");
	tap_eq_u64(t, res.nearest_below, 2 * G, "4G: nearest below 2G");
	tap_eq_u64(t, res.nearest_above, 0, "4G: nothing above");
	tap_ok(t, strstr(res.reason, "2 GiB (2147483648)") != NULL, "4G: reason %s", res.reason);

	res = plan(LAB, 2 * G, FS, DEF, 0, 2 * G + 16 * M + 5, &rc);
	tap_ok(t, rc == -EINVAL, "misaligned and too big: -EINVAL first");
	tap_eq_u64(t, res.nearest_below, 2 * G, "misaligned+big: below 2G");
	tap_eq_u64(t, res.nearest_above, 0, "misaligned+big: none above");

	res = plan(LAB, 2 * G, DX, DEF, 1 * G, 1 * G, &rc);
	tap_ok(t, rc == -ENXIO, "devdax 1G a1G: -ENXIO");
	tap_eq_u64(t, res.min_size, 2 * G, "devdax a1G: min size 2G");
	tap_eq_u64(t, res.nearest_above, 2 * G, "devdax 1G a1G: nearest above 2G");
	tap_eq_u64(t, res.nearest_below, 0, "devdax 1G a1G: nothing below");
	tap_ok(t, res.kernel_rc == -ENXIO, "devdax 1G a1G: kernel ENXIO on enable");
	tap_ok(t, strstr(res.reason, "2 GiB") != NULL, "devdax 1G a1G: %s", res.reason);

	res = plan(LAB, 2 * G, FS, DEF, 0, 1 * G + 8 * M, &rc);
	tap_ok(t, rc == -EINVAL, "1G+8M: -EINVAL");
	tap_eq_u64(t, res.nearest_below, 1 * G, "1G+8M: below 1G");
	tap_eq_u64(t, res.nearest_above, 1 * G + 16 * M, "1G+8M: above 1G+16M");

	res = plan(LAB, 2 * G, FS, DEF, 1 * G, 1 * G + 16 * M, &rc);
	tap_ok(t, rc == -EINVAL, "a1G, 1G+16M: -EINVAL (align x ways)");
	tap_eq_u64(t, res.granule, 1 * G, "a1G granule 1G");
	tap_eq_u64(t, res.nearest_above, 2 * G, "a1G 1G+16M: above 2G");
	tap_eq_u64(t, res.nearest_below, 0, "a1G 1G+16M: 1G below is not valid");
	tap_ok(t, res.kernel_rc == 0 && res.kernel_zero_size,
	       "a1G 1G+16M: kernel 6.1 would enable a zero-size device");

	res = plan(LAB, 4 * G, FS, DEF, 1 * G, 2 * G + 16 * M, &rc);
	tap_ok(t, rc == -EINVAL, "a1G, 2G+16M: -EINVAL");
	tap_eq_u64(t, res.nearest_below, 2 * G, "a1G 2G+16M: below 2G");
	tap_eq_u64(t, res.nearest_above, 3 * G, "a1G 2G+16M: above 3G");
	tap_ok(t, res.kernel_rc == 0 && !res.kernel_zero_size && res.usable == 1 * G &&
	       res.end_trunc == 16 * M,
	       "a1G 2G+16M: kernel would accept, truncating 16M off the end");

	res = plan(LAB, 2 * G, FS, DEF, 64 * K, 256 * M, &rc);
	tap_ok(t, rc == -EINVAL && strstr(res.reason, "4 KiB (4096), 2 MiB (2097152), 1 GiB"),
	       "align 64K unsupported: %s", res.reason);

	res = plan(LAB, 2 * G, RAW, MEM, 0, 256 * M, &rc);
	tap_ok(t, rc == -EINVAL, "raw --map=mem: -EINVAL (%s)", res.reason);
	res = plan(LAB, 2 * G, SE, DEF, 2 * M, 256 * M, &rc);
	tap_ok(t, rc == -EINVAL, "sector --align: -EINVAL (%s)", res.reason);

	{
		struct plan_region r = region(LAB, 2 * G);
		struct plan_request q = { .mode = SE, .size = 256 * M, .sector_size = 1000 };

		rc = plan_namespace(&r, &q, &res);
		tap_ok(t, rc == -EINVAL, "sector size 1000: -EINVAL (%s)", res.reason);
		q.sector_size = 520;
		rc = plan_namespace(&r, &q, &res);
		tap_ok(t, rc == 0, "sector 520: ok");
		tap_eq_u64(t, res.usable, 236803584, "sector 520: 462507 x 512");
		tap_eq_u64(t, res.internal_lbasize, 576, "sector 520: internal lba 576");
		tap_eq_u64(t, res.sector_size, 512, "sector 520: 512-byte blocks");
		tap_eq_u64(t, res.btt_offset, 4096, "BTT 1.1: 4K offset");
	}
}

static void tiny_and_minimum(struct tap *t)
{
	struct plan_result res;
	int rc;

	res = plan(LAB, 2 * G, SE, DEF, 0, 16 * M, &rc);
	tap_ok(t, rc == -ENXIO, "sector 16M on BTT 1.1: -ENXIO (%s)", res.reason);
	tap_eq_u64(t, res.min_size, 32 * M, "sector BTT 1.1 min 32M");
	tap_eq_u64(t, res.nearest_above, 32 * M, "sector 16M: above 32M");
	res = plan(LAB, 2 * G, SE, DEF, 0, 32 * M, &rc);
	tap_ok(t, rc == 0, "sector 32M ok");
	tap_eq_u64(t, res.usable, 32440320, "sector 32M BTT 1.1: 7920 x 4096");
	{
		struct plan_region r = region(LAB, 2 * G);
		struct plan_request q = { .mode = SE, .size = 16 * M };

		r.btt_version = PLAN_BTT_2_0;
		rc = plan_namespace(&r, &q, &res);
		tap_ok(t, rc == 0, "sector 16M on BTT 2.0 ok");
		tap_eq_u64(t, res.usable, 15683584, "sector 16M BTT 2.0: 3829 x 4096");
		tap_eq_u64(t, res.min_size, 16 * M, "sector BTT 2.0 min 16M");
	}

	res = plan(LAB, 2 * G, FS, DEV, 0, 16 * M, &rc);
	tap_ok(t, rc == 0, "fsdax 16M ok");
	tap_eq_u64(t, res.usable, 14 * M, "fsdax 16M: 14M usable");
	tap_eq_u64(t, res.min_size, 16 * M, "fsdax min 16M");
	tap_eq_u64(t, res.memmap_pmem, 64 * ((16 * M - 8 * K) / (4 * K)), "fsdax 16M memmap");

	res = plan(LAB, 2 * G, FS, DEV, 0, 8 * M, &rc);
	tap_ok(t, rc == -EINVAL, "fsdax 8M: below the region align");
	tap_eq_u64(t, res.nearest_above, 16 * M, "8M: above 16M");
	tap_eq_u64(t, res.nearest_below, 0, "8M: nothing below");

	res = plan(LAB, 8 * M, FS, DEF, 0, 0, &rc);
	tap_ok(t, rc == -ENOSPC, "region with 8M free: -ENOSPC (%s)", res.reason);

	res = plan(LAB, 1 * G, DX, DEF, 1 * G, 0, &rc);
	tap_ok(t, rc == -ENOSPC, "a1G with 1G free: nothing fits (%s)", res.reason);
	tap_eq_u64(t, res.max_size, 0, "a1G with 1G free: no max");
}

static void memmap_costs(struct tap *t)
{
	struct plan_result res;
	int rc;

	res = plan(LAB, 2 * G, FS, MEM, 0, 256 * M, &rc);
	tap_eq_u64(t, res.memmap_dram, 4 * M, "fsdax mem 256M: 4M of struct pages in DRAM");
	tap_eq_u64(t, res.memmap_dram_dedup, 4 * M, "fsdax: no dedup");
	tap_eq_u64(t, res.memmap_pmem, 0, "fsdax mem: nothing on pmem");
	res = plan(LAB, 2 * G, DX, MEM, 0, 256 * M, &rc);
	tap_eq_u64(t, res.memmap_dram, 4 * M, "devdax mem 256M: 4M");
	tap_eq_u64(t, res.memmap_dram_dedup, 128 * 8 * K, "devdax mem 2M pages: 8K each");
	res = plan(LAB, 2 * G, DX, MEM, 4 * K, 256 * M, &rc);
	tap_eq_u64(t, res.memmap_dram_dedup, 4 * M, "devdax mem 4K pages: no dedup");
	res = plan(LAB, 2 * G, FS, DEV, 0, 2 * G, &rc);
	tap_eq_u64(t, res.memmap_dram, 0, "fsdax dev: no DRAM");
	tap_eq_u64(t, res.memmap_pmem, 64 * (524286ULL), "fsdax dev 2G: memmap of 524286 pages");
	tap_eq_u64(t, res.info_reserve + res.memmap_pmem + res.align_pad, res.data_offset,
		   "reserve + memmap + pad = data offset");
	{
		struct plan_region r = region(E820, 0);
		struct plan_request q = { .mode = FS, .map = MEM };

		rc = plan_namespace(&r, &q, &res);
		tap_ok(t, rc == 0 && !res.pfn_device, "e820 fsdax mem: no pfn device");
		tap_eq_u64(t, res.memmap_dram, 8 * M, "e820 fsdax mem: 8M DRAM memmap");
		q.mode = RAW;
		q.map = DEF;
		rc = plan_namespace(&r, &q, &res);
		tap_eq_u64(t, res.memmap_dram, 8 * M, "e820 raw: pages in DRAM too");
	}
}

static void kernels(struct tap *t)
{
	struct plan_region r = region(LAB, 2 * G - 512 * M);
	struct plan_request q = {
		.mode = DX, .align = 1 * G, .size = 1 * G,
		.start_known = true, .start = R1_BASE + 512 * M,
	};
	struct plan_result res;
	enum plan_kernel k;
	int rc;

	/* not 1G-aligned start: offset 512M, end_trunc 512M, nothing left */
	q.kernel = PLAN_KERNEL_6_12;
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == -ENXIO, "6.12 a1G 1G at +512M: -ENXIO");
	tap_ok(t, res.kernel_rc == -ENXIO && !res.kernel_zero_size, "6.12 kernel refuses");
	tap_eq_u64(t, res.end_trunc, 512 * M, "end_trunc 512M");
	tap_eq_u64(t, res.data_offset, 512 * M, "offset 512M");
	q.kernel = PLAN_KERNEL_6_1;
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == -ENXIO, "6.1 a1G 1G at +512M: we refuse too");
	tap_ok(t, res.kernel_rc == 0 && res.kernel_zero_size,
	       "6.1 kernel would enable a zero-size device");
	tap_ok(t, strstr(res.reason, "6.1") != NULL, "reason mentions 6.1: %s", res.reason);

	for (k = PLAN_KERNEL_6_1; k <= PLAN_KERNEL_6_12; k++) {
		q.kernel = k;
		q.size = 2 * G - 512 * M;
		rc = plan_namespace(&r, &q, &res);
		tap_ok(t, rc == -EINVAL, "a1G 1.5G: misaligned");
		q.size = 1 * G;
		q.align = 2 * M;
		rc = plan_namespace(&r, &q, &res);
		tap_ok(t, rc == 0 && res.usable == 1 * G - 18 * M, "a2M 1G at +512M ok");
		q.align = 1 * G;
	}

	q.start = R1_BASE + 1 * M;
	q.align = 2 * M;
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == -EINVAL && res.kernel_rc == -EINVAL, "start not 2M aligned: -EINVAL (%s)",
	       res.reason);

	tap_ok(t, plan_kernel_from_release("6.1.0-56-amd64", &k) == 0 &&
	       k == PLAN_KERNEL_6_1, "uname 6.1.0-56-amd64 -> 6.1 profile");
	tap_ok(t, plan_kernel_from_release("6.12.117+deb12-amd64", &k) == 0 &&
	       k == PLAN_KERNEL_6_12, "uname 6.12.117 -> 6.12 profile");
	tap_ok(t, plan_kernel_from_release("7.0", &k) == 0 && k == PLAN_KERNEL_6_12,
	       "7.0 -> 6.12 profile");
	tap_ok(t, plan_kernel_from_release("5.10.0", &k) == 0 && k == PLAN_KERNEL_6_1,
	       "5.10 -> 6.1 profile");
	tap_ok(t, plan_kernel_from_release("linux", &k) == -EINVAL, "garbage -> -EINVAL");
	tap_ok(t, plan_kernel_from_release(NULL, &k) == -EINVAL, "NULL -> -EINVAL");
}

static void huge_and_overflow(struct tap *t)
{
	struct plan_region r = region(LAB, UINT64_MAX);
	struct plan_request q = { .mode = FS };
	struct plan_result res;
	uint64_t npfns;
	int rc;

	r.size = UINT64_MAX;
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0, "largest fsdax (16 EiB - 16M): ok");
	tap_eq_u64(t, res.size, UINT64_MAX - (16 * M - 1), "size rounded down to 16M");
	npfns = (res.size - 8 * K) / (4 * K);
	tap_eq_u64(t, res.memmap_pmem, npfns * 64, "huge memmap");
	tap_eq_u64(t, res.data_offset, (8 * K + npfns * 64 + 2 * M - 1) / (2 * M) * (2 * M),
		   "huge data offset");
	tap_eq_u64(t, res.usable, res.size - res.data_offset, "huge usable");

	q.start_known = true;
	q.start = 1ULL << 63;
	q.size = UINT64_MAX - (16 * M - 1);
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == -ERANGE, "start + size overflows: -ERANGE (%s)", res.reason);

	q = (struct plan_request){ .mode = SE };
	r.btt_version = PLAN_BTT_2_0;
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0 && res.arenas == 33554432, "largest sector: 2^25 arenas (%u)",
	       res.arenas);
	tap_ok(t, res.usable < res.size && res.usable > res.size / 100 * 99,
	       "largest sector usable ~99.9%%");

	r = region(LAB, 2 * T);
	r.btt_version = PLAN_BTT_2_0;
	q = (struct plan_request){ .mode = SE, .size = 1 * T + 32 * M };
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0 && res.arenas == 3, "1T+32M sector: 3 arenas");
	tap_eq_u64(t, res.nlba, 268180961, "1T+32M: nlba");
	tap_eq_u64(t, res.usable, 1098469216256ULL, "1T+32M: usable");
	q = (struct plan_request){ .mode = SE, .size = 512 * G + 16 * M, .sector_size = 512 };
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0 && res.arenas == 2, "512G+16M sector 512: 2 arenas");
	r.btt_version = PLAN_BTT_1_1;
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0 && res.arenas == 1, "BTT 1.1 512G+16M: 16M-4K tail unused, 1 arena");
	tap_eq_u64(t, res.nlba, 1065418188ULL - 256, "512G arena of 512-byte sectors");

	r = region(LAB, 2 * T);
	r.aligns[3] = 1ULL << 63;
	r.n_aligns = 4;
	r.ways = 4;
	q = (struct plan_request){ .mode = DX, .align = 1ULL << 63, .size = 1 * G };
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == -ERANGE, "align x ways overflow: -ERANGE");
}

static void interleave(struct tap *t)
{
	struct plan_region r = region(LAB, 2 * G);
	struct plan_request q = { .mode = FS, .size = 256 * M };
	struct plan_result res;
	int rc;

	r.ways = 2;
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0 && res.granule == 16 * M, "2 ways a2M: granule 16M");
	q.align = 1 * G;
	q.size = 2 * G;
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0 && res.granule == 2 * G, "2 ways a1G: granule 2G");
	q.size = 1 * G;
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == -EINVAL && res.nearest_above == 2 * G, "2 ways a1G 1G: -EINVAL, 2G above");

	r.ways = 3;
	r.align = 48 * M;
	q = (struct plan_request){ .mode = RAW, .size = 96 * M };
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0 && res.granule == 48 * M, "3 ways raw: granule 48M");
	q = (struct plan_request){ .mode = FS, .size = 100 * M };
	rc = plan_namespace(&r, &q, &res);
	tap_eq_u64(t, res.nearest_below, 96 * M, "3 ways: below 96M");
	tap_eq_u64(t, res.nearest_above, 144 * M, "3 ways: above 144M");
	r.align = 40 * M;	/* not 3 x a power of two */
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == -EINVAL, "bad region align: -EINVAL");
}

static void inverse(struct tap *t)
{
	struct plan_region r = region(LAB, 2 * G);
	struct plan_request q = { .mode = FS };
	struct plan_result res;
	int rc;

	rc = plan_size_for_usable(&r, &q, 262144000, &res);
	tap_ok(t, rc == 0 && res.size == 256 * M, "250M usable -> 256M namespace");
	rc = plan_size_for_usable(&r, &q, 262144000 + 1, &res);
	tap_ok(t, rc == 0 && res.size == 272 * M && res.usable >= 262144001,
	       "250M+1 usable -> 272M namespace");
	rc = plan_size_for_usable(&r, &q, 0, &res);
	tap_ok(t, rc == 0 && res.size == 16 * M, "0 usable -> smallest namespace 16M");
	rc = plan_size_for_usable(&r, &q, 2111832064, &res);
	tap_ok(t, rc == 0 && res.size == 2 * G, "2014M usable -> 2G");
	rc = plan_size_for_usable(&r, &q, 2111832064 + 1, &res);
	tap_ok(t, rc == -ENOSPC && res.nearest_below == 2 * G, "2014M+1 -> -ENOSPC (%s)",
	       res.reason);
	q.mode = DX;
	q.align = 1 * G;
	rc = plan_size_for_usable(&r, &q, 1, &res);
	tap_ok(t, rc == 0 && res.size == 2 * G && res.usable == 1 * G, "devdax a1G 1 byte -> 2G");
	q = (struct plan_request){ .mode = SE };
	rc = plan_size_for_usable(&r, &q, 267091968, &res);
	tap_ok(t, rc == 0 && res.size == 256 * M, "sector 267091968 -> 256M");
	q.map = MEM;
	rc = plan_size_for_usable(&r, &q, 1, &res);
	tap_ok(t, rc == -EINVAL, "sector --map: -EINVAL");

	r = region(E820, 0);
	q = (struct plan_request){ .mode = DX };
	rc = plan_size_for_usable(&r, &q, 500 * M, &res);
	tap_ok(t, rc == 0 && res.size == 512 * M, "e820: the only size");
	rc = plan_size_for_usable(&r, &q, 511 * M, &res);
	tap_ok(t, rc == -ENOSPC, "e820: 511M does not fit with map=dev");
	rc = plan_size_for_usable(&r, &q, 505 * M, &res);
	tap_ok(t, rc == -ENOSPC && res.nearest_below == 512 * M && res.usable == 526385152,
	       "e820 default map (dev): 505M does not fit, 502M is the most (%s)", res.reason);
	q.map = MEM;
	rc = plan_size_for_usable(&r, &q, 510 * M, &res);
	tap_ok(t, rc == 0 && res.usable == 534773760, "e820 map=mem: 510M fits");
}

static void map_auto(struct tap *t)
{
	struct plan_region r = region(LAB, 2 * G);
	struct plan_request q = { .mode = FS, .map = PLAN_MAP_AUTO, .size = 256 * M };
	struct plan_result res;
	int rc;

	tap_ok(t, plan_map_auto(1, 0, 0) == PLAN_MAP_DEV, "unknown DRAM -> dev");
	tap_ok(t, plan_map_auto(96 * M, 6 * G, 0) == PLAN_MAP_MEM, "at budget -> mem");
	tap_ok(t, plan_map_auto(96 * M + 1, 6 * G, 0) == PLAN_MAP_DEV, "over budget -> dev");
	tap_ok(t, plan_map_auto(32 * M, 6 * G, 64 * M) == PLAN_MAP_MEM, "shared budget fits");
	tap_ok(t, plan_map_auto(33 * M, 6 * G, 64 * M) == PLAN_MAP_DEV, "shared budget full");
	tap_ok(t, plan_map_auto(0, 6 * G, 200 * M) == PLAN_MAP_DEV, "budget used up -> dev");

	q.dram_total = 6 * G;
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0 && res.map == PLAN_MAP_MEM && res.usable == 266338304,
	       "auto 256M with 6G DRAM -> mem");
	q.dram_total = 128 * M;
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0 && res.map == PLAN_MAP_DEV && res.usable == 262144000,
	       "auto 256M with 128M DRAM -> dev");
	q.dram_total = 0;
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0 && res.map == PLAN_MAP_DEV, "auto with unknown DRAM -> dev");

	/* auto weighs the real cost: devdax compound pages share their vmemmap */
	q = (struct plan_request){ .mode = DX, .map = PLAN_MAP_AUTO, .size = 2 * G,
				   .dram_total = 256 * M };	/* 4M budget */
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0 && res.map == PLAN_MAP_DEV && res.memmap_dram_dedup == 0,
	       "auto devdax a2M 2G, 4M budget: 8M cost -> dev");
	q.align = 1 * G;
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0 && res.map == PLAN_MAP_MEM && res.memmap_dram_dedup == 16 * K,
	       "auto devdax a1G 2G, 4M budget: 16K cost -> mem");
	q.align = 2 * M;
	q.dram_total = 512 * M;	/* 8M budget */
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0 && res.map == PLAN_MAP_MEM && res.memmap_dram_dedup == 8 * M,
	       "auto devdax a2M 2G, 8M budget -> mem");
	q.mode = FS;
	rc = plan_namespace(&r, &q, &res);
	tap_ok(t, rc == 0 && res.map == PLAN_MAP_DEV, "auto fsdax 2G, 8M budget: 32M cost -> dev");
	q = (struct plan_request){ .mode = FS, .map = PLAN_MAP_AUTO, .size = 256 * M };

	/* inverse with auto: 1G DRAM -> 16M budget -> mem up to 1G of pmem */
	q.dram_total = 1 * G;
	rc = plan_size_for_usable(&r, &q, 254 * M, &res);
	tap_ok(t, rc == 0 && res.size == 256 * M && res.map == PLAN_MAP_MEM,
	       "auto inverse small -> mem, 256M");
	rc = plan_size_for_usable(&r, &q, 1100 * M, &res);
	tap_ok(t, rc == 0 && res.map == PLAN_MAP_DEV && res.usable >= 1100 * M,
	       "auto inverse large -> dev (size %llu)", (unsigned long long)res.size);
}

/*
 * Cross-check the binary searches against brute force: min_size, the
 * inverse and the nearest sizes, for every mode x map x align on a 4G
 * region, with aligned and unaligned namespace starts.
 */
static void brute_force(struct tap *t)
{
	static const struct {
		enum plan_mode mode;
		enum plan_map map;
		uint64_t align;
		uint32_t sector;
	} combos[] = {
		{ FS, MEM, 4 * K, 0 }, { FS, MEM, 2 * M, 0 }, { FS, MEM, 1 * G, 0 },
		{ FS, DEV, 4 * K, 0 }, { FS, DEV, 2 * M, 0 }, { FS, DEV, 1 * G, 0 },
		{ DX, MEM, 4 * K, 0 }, { DX, MEM, 2 * M, 0 }, { DX, MEM, 1 * G, 0 },
		{ DX, DEV, 4 * K, 0 }, { DX, DEV, 2 * M, 0 }, { DX, DEV, 1 * G, 0 },
		{ SE, DEF, 0, 512 }, { SE, DEF, 0, 520 }, { SE, DEF, 0, 4096 },
		{ SE, DEF, 0, 4224 }, { RAW, DEF, 0, 0 },
	};
	static const uint64_t starts[] = { R1_BASE, R1_BASE + 256 * M };
	size_t i, s;

	for (i = 0; i < sizeof(combos) / sizeof(combos[0]); i++)
		for (s = 0; s < 2; s++) {
			struct plan_region r = region(LAB, 4 * G);
			struct plan_request q = {
				.mode = combos[i].mode, .map = combos[i].map,
				.align = combos[i].align, .sector_size = combos[i].sector,
				.start_known = true, .start = starts[s],
				.kernel = PLAN_KERNEL_6_12,
			};
			struct plan_result res, info;
			uint64_t g, size, prev = 0, brute_min = 0, want;
			bool mono = true, nearest_ok = true, inverse_ok = true;
			int rc;

			q.size = 0;
			rc = plan_namespace(&r, &q, &info);
			g = info.granule;
			for (size = g; size <= 4 * G; size += g) {
				q.size = size;
				rc = plan_namespace(&r, &q, &res);
				if (!rc && !brute_min)
					brute_min = size;
				if (!rc && res.usable < prev)
					mono = false;
				if (!rc)
					prev = res.usable;
				if (brute_min && rc)
					mono = false;	/* valid sizes are contiguous */
			}
			tap_eq_u64(t, info.min_size, brute_min,
				   "%s/%s/%llu/%u start+%lluM: min_size matches brute force",
				   plan_mode_name(q.mode), plan_map_name(q.map),
				   (unsigned long long)q.align, q.sector_size,
				   (unsigned long long)((starts[s] - R1_BASE) / M));
			tap_ok(t, mono, "%s/%s/%llu: usable grows with size, valid sizes contiguous",
			       plan_mode_name(q.mode), plan_map_name(q.map),
			       (unsigned long long)q.align);

			/* inverse at a spread of targets versus a linear scan */
			for (want = 1; want < 4 * G; want = want * 3 + 12345) {
				uint64_t lin = 0;

				for (size = g; size <= 4 * G; size += g) {
					q.size = size;
					if (!plan_namespace(&r, &q, &res) && res.usable >= want) {
						lin = size;
						break;
					}
				}
				rc = plan_size_for_usable(&r, &q, want, &res);
				if ((lin && (rc || res.size != lin)) || (!lin && rc != -ENOSPC))
					inverse_ok = false;
			}
			tap_ok(t, inverse_ok, "%s/%s/%llu: inverse matches linear scan",
			       plan_mode_name(q.mode), plan_map_name(q.map),
			       (unsigned long long)q.align);

			/* nearest sizes are valid and nothing valid lies between */
			for (size = 5 * M; size < 4 * G + 64 * M; size += 333 * M) {
				uint64_t lo, hi, x;

				q.size = size;
				rc = plan_namespace(&r, &q, &res);
				if (!rc)
					continue;
				lo = res.nearest_below;
				hi = res.nearest_above;
				if (lo) {
					q.size = lo;
					if (plan_namespace(&r, &q, &info))
						nearest_ok = false;
				}
				if (hi) {
					q.size = hi;
					if (plan_namespace(&r, &q, &info))
						nearest_ok = false;
				}
				for (x = (lo ? lo + g : g); x < (hi ? hi : 4 * G + g); x += g) {
					if (x == size)
						continue;
					q.size = x;
					if (!plan_namespace(&r, &q, &info))
						nearest_ok = false;
				}
			}
			tap_ok(t, nearest_ok, "%s/%s/%llu: nearest sizes valid and closest",
			       plan_mode_name(q.mode), plan_map_name(q.map),
			       (unsigned long long)q.align);
		}
}

/* value of " key=" in a PROBE line, "" if absent */
static const char *field(const char *line, const char *key, char *buf, size_t n)
{
	char pat[32];
	const char *p;
	size_t i = 0;

	snprintf(pat, sizeof(pat), " %s=", key);
	buf[0] = '\0';
	p = strstr(line, pat);
	if (!p)
		return buf;
	p += strlen(pat);
	while (p[i] && p[i] != ' ' && p[i] != '\n' && i + 1 < n) {
		buf[i] = p[i];
		i++;
	}
	buf[i] = '\0';
	return buf;
}

static uint64_t probe_size(const char *s)
{
	char *end;
	uint64_t v = strtoull(s, &end, 10);

	switch (*end) {
	case 'K':
		return v * K;
	case 'M':
		return v * M;
	case 'G':
		return v * G;
	}
	return 0;
}

static bool numeric(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

/*
 * The VM probe (vm-probe/plan-probe.sh, Debian ndctl 76.1 in the test bed): every
 * PROBE line of probe-<kernel>.log against the planner. Names:
 * [ll-|e820-]MODE-MAP[-aALIGN[-SIZE]], [ll-|e820-]sector-[l]N[-SIZE], raw[-SIZE].
 */
static void vm_probe(struct tap *t, const char *dir, const char *kname, enum plan_kernel k)
{
	char path[512], line[2048], name[64], work[64], b[64], *tok, *save;
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "%s/probe-%s.log", dir, kname);
	f = fopen(path, "r");
	tap_ok(t, f != NULL, "open %s", path);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		struct plan_region r;
		struct plan_request q = { .kernel = k, .start_known = true };
		struct plan_result res;
		enum rid id = LAB;
		char *nm = work;
		uint64_t obs, nsres;
		int krc, rc, i;

		if (strncmp(line, "PROBE name=", 11))
			continue;
		field(line, "name", name, sizeof(name));
		memcpy(work, name, sizeof(work));	/* strtok_r cuts the copy */
		if (!strncmp(nm, "pad-", 4))
			continue;
		krc = atoi(field(line, "rc", b, sizeof(b)));
		if (krc && strstr(line, "No space left"))
			continue;	/* the probe's own sequencing after a 6.1 zero-size device */
		if (!strncmp(nm, "ll-", 3)) {
			id = LL;
			nm += 3;
		} else if (!strncmp(nm, "e820-", 5)) {
			id = E820;
			nm += 5;
		}
		if (!strcmp(nm, "back"))
			strcpy(nm, "fsdax-mem");	/* e820-back: fsdax --map=mem */
		nsres = strtoull(field(line, "nsres", b, sizeof(b)), NULL, 16);
		q.start = nsres ? nsres : (id == E820 ? R2_BASE : R1_BASE);
		if (strstr(name, "at512M"))
			q.start = R1_BASE + 512 * M;
		r = region(id, 2 * G - (q.start - R1_BASE));
		for (i = 0, tok = strtok_r(nm, "-", &save); tok; tok = strtok_r(NULL, "-", &save), i++) {
			if (i == 0) {
				q.mode = !strcmp(tok, "fsdax") ? FS : !strcmp(tok, "devdax") ? DX :
					 !strcmp(tok, "sector") ? SE : RAW;
			} else if (q.mode == FS || q.mode == DX) {
				if (i == 1)
					q.map = !strcmp(tok, "mem") ? MEM : DEV;
				else if (i == 2)
					q.align = probe_size(tok + 1);
				else if (i == 3)
					q.size = probe_size(tok);
			} else if (q.mode == SE) {
				if (i == 1)
					q.sector_size = (uint32_t)atoi(tok[0] == 'l' ? tok + 1 : tok);
				else if (i == 2)
					q.size = probe_size(tok);
			} else if (i == 1) {
				q.size = probe_size(tok);
			}
		}
		rc = plan_namespace(&r, &q, &res);
		n++;
		obs = strtoull(field(line, "json", b, sizeof(b)), NULL, 10);
		if (krc) {
			tap_ok(t, rc && res.kernel_rc, "[%s probe] %s: kernel and plan refuse (%s)",
			       kname, name, res.reason);
			continue;
		}
		if (!obs) {
			tap_ok(t, rc == -ENXIO && res.kernel_rc == 0 && res.kernel_zero_size,
			       "[%s probe] %s: kernel made a zero-size device, as planned", kname, name);
			continue;
		}
		tap_ok(t, rc == 0, "[%s probe] %s: plan ok (%s)", kname, name, rc ? res.reason : "");
		tap_eq_u64(t, res.usable, obs, "[%s probe] %s: usable = ndctl size", kname, name);
		if (numeric(field(line, "hsize", b, sizeof(b))))
			tap_eq_u64(t, res.usable, strtoull(b, NULL, 10),
				   "[%s probe] %s: = pfn/dax/btt size", kname, name);
		if (numeric(field(line, "blk", b, sizeof(b))))
			tap_eq_u64(t, res.usable, strtoull(b, NULL, 10),
				   "[%s probe] %s: = block device size", kname, name);
		if (numeric(field(line, "daxsize", b, sizeof(b))))
			tap_eq_u64(t, res.usable, strtoull(b, NULL, 10),
				   "[%s probe] %s: = dax device size", kname, name);
		if (!strncmp(field(line, "hres", b, sizeof(b)), "0x", 2))
			tap_eq_u64(t, res.data_offset, strtoull(b, NULL, 16) - nsres,
				   "[%s probe] %s: data offset = resource - namespace", kname, name);
	}
	fclose(f);
	tap_ok(t, n >= 50, "[%s probe] %d lines checked", kname, n);
}

/*
 * vm-probe/memmap-6.12.log: growth of /proc/vmstat nr_memmap_pages when a map=mem
 * namespace is enabled = memmap_dram_dedup (struct pages in DRAM, after the
 * compound-page vmemmap deduplication of devdax). map=dev lines are skipped: 6.12
 * counts the vmemmap it carves from the pmem too.
 */
static void vm_memmap(struct tap *t, const char *dir)
{
	char path[512], line[512], cmd[128], b[64];
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "%s/memmap-6.12.log", dir);
	f = fopen(path, "r");
	tap_ok(t, f != NULL, "open %s", path);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		struct plan_region r = region(LAB, 2 * G);
		struct plan_request q = { .kernel = PLAN_KERNEL_6_12 };
		struct plan_result res;
		char mode[16], map[8], align[8], size[8];
		uint64_t delta;
		int rc;

		if (strncmp(line, "MEMMAP cmd=", 11))
			continue;
		field(line, "cmd", cmd, sizeof(cmd));
		if (sscanf(cmd, "%15[a-z]_-M_%7[a-z]_-a_%7[0-9KMG]_-s_%7[0-9KMG]",
			   mode, map, align, size) != 4 || strcmp(map, "mem"))
			continue;
		q.mode = !strcmp(mode, "fsdax") ? FS : DX;
		q.map = MEM;
		q.align = probe_size(align);
		q.size = probe_size(size);
		delta = strtoull(field(line, "delta_pages", b, sizeof(b)), NULL, 10);
		rc = plan_namespace(&r, &q, &res);
		tap_ok(t, rc == 0, "[6.12 memmap] %s: plan ok", cmd);
		tap_eq_u64(t, res.memmap_dram_dedup, delta * 4096,
			   "[6.12 memmap] %s: DRAM memmap = nr_memmap_pages growth", cmd);
		n++;
	}
	fclose(f);
	tap_ok(t, n >= 6, "[6.12 memmap] %d map=mem lines checked", n);
}

int main(int argc, char **argv)
{
	struct tap t = { 0 };

	observations(&t);
	preflight(&t);
	tiny_and_minimum(&t);
	memmap_costs(&t);
	kernels(&t);
	huge_and_overflow(&t);
	interleave(&t);
	inverse(&t);
	map_auto(&t);
	brute_force(&t);
	if (argc > 1) {
		vm_probe(&t, argv[1], "6.1", PLAN_KERNEL_6_1);
		vm_probe(&t, argv[1], "6.12", PLAN_KERNEL_6_12);
		vm_memmap(&t, argv[1]);
	}
	return tap_done(&t);
}
