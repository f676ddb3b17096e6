// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target for the create-device --input parser (daxctl/input.c),
 * libFuzzer entry point; test/fuzz/replay.c drives it in every test run.
 * Besides not crashing, a successful parse must describe devices that can be
 * recreated: ranges sorted by page_offset, contiguous from 0, page aligned,
 * non-overlapping, adding up to the size. The first call also runs the
 * JSON seeds below (what 'daxctl list' prints and broken variants of it),
 * since the shared replay driver only has generic seeds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "daxctl/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct dax_input *in)
{
	for (size_t d = 0; d < in->nr_devs; d++) {
		const struct dax_input_dev *dev = &in->devs[d];
		uint64_t total = 0;

		if (!dev->size)
			abort();
		for (size_t i = 0; i < dev->nr_ranges; i++) {
			const struct dax_input_range *r = &dev->ranges[i];

			if (r->end < r->start || r->start % 4096 || (r->end + 1) % 4096 ||
			    r->page_offset != total / 4096)
				abort();
			for (size_t k = 0; k < i; k++)
				if (r->start <= dev->ranges[k].end && dev->ranges[k].start <= r->end)
					abort();
			total += r->end - r->start + 1;
		}
		if (dev->nr_ranges && total != dev->size)
			abort();
		if (dev->align && (dev->align & (dev->align - 1)))
			abort();
	}
}

static void one(const char *buf, size_t len)
{
	struct dax_input in;
	char why[256];

	if (dax_input_parse(buf, len, &in, why, sizeof(why)) == 0) {
		check(&in);
		dax_input_free(&in);
	} else if (!why[0] || !memchr(why, '\0', sizeof(why))) {
		abort();	/* every refusal says why */
	}
}

static const char *const seeds[] = {
	"[{\"chardev\":\"dax0.3\",\"size\":805306368,\"target_node\":0,\"align\":2097152,"
	"\"mode\":\"devdax\",\"mappings\":[{\"page_offset\":65536,\"start\":4563402752,"
	"\"end\":5100273663,\"size\":536870912},{\"page_offset\":0,\"start\":5100273664,"
	"\"end\":5368709119,\"size\":268435456}]}]",
	"{\"chardev\":\"dax0.3\",\"size\":\"768.00 MiB (805.31 MB)\",\"align\":2097152,"
	"\"mappings\":[{\"page_offset\":\"0x10000\",\"start\":\"0x110000000\","
	"\"end\":\"0x12fffffff\",\"size\":\"512.00 MiB (536.87 MB)\"},{\"page_offset\":\"0\","
	"\"start\":\"0x130000000\",\"end\":\"0x13fffffff\",\"size\":\"256.00 MiB (268.44 MB)\"}]}",
	"{\"path\":\"/platform/hmem.0\",\"id\":0,\"devices\":[{\"chardev\":\"dax0.1\","
	"\"size\":268435456}]}",
	"[{\"size\":268435456},{\"size\":536870912,\"align\":4096}]",
	"{\"mappings\":[{\"page_offset\":1,\"start\":0,\"end\":4095}]}",
	"{\"mappings\":[{\"page_offset\":0,\"start\":0,\"end\":8191},"
	"{\"page_offset\":2,\"start\":4096,\"end\":8191}]}",
	"{\"size\":-1}", "{\"size\":1e30}", "{\"align\":3}", "[[[[{}]]]]", "[]", "{}",
	"{\"size\":4096} trailing", "{\"size\":\"1.5 GiB\"}", "{\"size\":\"1.555 GiB\"}",
	"{\"mappings\":[{\"page_offset\":0,\"start\":18446744073709547520,"
	"\"end\":18446744073709551615}]}",
	"{\"mappings\":{}}", "{\"chardev\":7,\"size\":4096}", "\"dax0.1\"", "nul\x01l",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int seeded;

	if (!seeded) {
		seeded = 1;
		for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++)
			one(seeds[i], strlen(seeds[i]));
	}
	one((const char *)data, size);
	return 0;
}
