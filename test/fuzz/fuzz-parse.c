// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target for the attribute and size parsers (libFuzzer entry point).
 * Built as a libFuzzer binary with clang when -Dfuzz=true; otherwise the
 * driver below replays the corpus files given on the command line so the
 * seeds run in every `meson test`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	uint64_t u;
	int64_t i;
	char buf[64];

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (parse_u64(s, &u) == 0)
		format_size_human(u, buf, sizeof(buf));
	parse_s64(s, &i);
	if (parse_size(s, &u) == 0)
		format_size_human(u, buf, sizeof(buf));
	free(s);
	return 0;
}
