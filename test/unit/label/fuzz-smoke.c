// SPDX-License-Identifier: GPL-2.0-only
/*
 * Deterministic fuzz smoke run for fuzz-label.c in every `meson test`:
 * valid v1.1/v1.2 areas of several sizes, with labels, mutated in the
 * ways that reach deep checks (fields set to edge values and index
 * checksums recomputed afterwards, so validation gets past the checksum),
 * plus truncations and random byte flips.  Reports TAP.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/label/label.h"
#include "test/unit/tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void wr(uint8_t *p, uint64_t v, int width)
{
	for (int i = 0; i < width; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void reseal(uint8_t *buf, size_t size, uint64_t off, uint32_t index_size)
{
	if (off + index_size > size || index_size < 72)
		return;
	wr(buf + off + 64, 0, 8);
	wr(buf + off + 64, label_fletcher64(buf + off, index_size), 8);
}

static const uint64_t edge[] = {
	0, 1, 2, 3, 4, 71, 72, 127, 128, 255, 256, 257, 511, 512, 1020, 1021,
	0xffff, 0x10000, 0xffffffff, 0x100000000ull, 0x01000000, UINT64_MAX,
};

static void mutate_field(uint8_t *buf, size_t size, uint32_t index_size)
{
	static const struct {
		uint32_t off;
		int width;
	} fields[] = {
		{ 19, 1 }, { 20, 4 }, { 24, 8 }, { 32, 8 }, { 40, 8 },
		{ 48, 8 }, { 56, 4 }, { 60, 2 }, { 62, 2 }, { 72, 1 },
	};
	uint64_t blk = next_rand() % 2 * index_size;
	unsigned int f = next_rand() % (sizeof(fields) / sizeof(fields[0]));
	uint64_t v = next_rand() % 2 ? edge[next_rand() % (sizeof(edge) / sizeof(edge[0]))] :
				       next_rand();

	if (blk + fields[f].off + fields[f].width > size)
		return;
	wr(buf + blk + fields[f].off, v, fields[f].width);
	if (next_rand() % 4)
		reseal(buf, size, blk, index_size);
}

int main(void)
{
	static const struct {
		size_t size;
		uint32_t label_size;
	} shapes[] = {
		{ 768, 128 }, { 1024, 256 }, { 4096, 128 }, { 4096, 256 },
		{ 131072, 128 }, { 131072, 256 }, { 262144, 128 },
	};
	struct tap t = { 0 };
	unsigned int runs = 0, valid = 0, mutated = 0;

	for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
		size_t size = shapes[k].size;
		uint8_t *base = calloc(1, size), *m = malloc(size);
		struct label_geometry g;
		struct label_ns l[3] = { { 0 } };
		int iters = size > 65536 ? 300 : 2000;

		label_geometry_get(size, shapes[k].label_size, &g);
		label_area_init(base, size, shapes[k].label_size, 0, NULL);
		for (int i = 0; i < 2; i++) {
			l[i].rawsize = 4096;
			l[i].dpa = (uint64_t)i << 20;
			l[i].uuid[0] = (uint8_t)i;
		}
		label_area_commit(base, size, l, 2, NULL, 0, NULL, NULL);
		LLVMFuzzerTestOneInput(base, size);
		runs++;

		for (int it = 0; it < iters; it++) {
			size_t len = size;

			memcpy(m, base, size);
			switch (next_rand() % 4) {
			case 0: /* field edits, mostly resealed */
				for (int n = 1 + next_rand() % 3; n > 0; n--)
					mutate_field(m, size, g.index_size);
				break;
			case 1: /* random byte flips anywhere */
				for (int n = 1 + next_rand() % 8; n > 0; n--)
					m[next_rand() % size] ^= (uint8_t)(1 + next_rand() % 255);
				break;
			case 2: /* truncation */
				len = next_rand() % size;
				break;
			default: /* slot contents garbage, index intact */
				for (size_t i = g.labeloff; i < size && i < g.labeloff + 1024; i++)
					m[i] = (uint8_t)next_rand();
				break;
			}
			{
				struct label_area a;

				valid += label_area_parse(&a, m, len, NULL) == 0;
				mutated++;
			}
			LLVMFuzzerTestOneInput(m, len);
			runs++;
		}
		free(base);
		free(m);
	}
	/* tiny and empty inputs */
	for (size_t n = 0; n < 80; n++) {
		uint8_t z[80] = { 0 };

		LLVMFuzzerTestOneInput(z, n);
		runs++;
	}
	tap_ok(&t, runs > 5000, "%u mutated label areas survived the fuzz target", runs);
	/* the mutations must reach past validation often, and fail it often */
	tap_ok(&t, valid > mutated / 5 && valid < mutated * 9 / 10,
	       "%u of %u mutated areas still had a valid index", valid, mutated);
	return tap_done(&t);
}
