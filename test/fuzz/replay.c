// SPDX-License-Identifier: GPL-2.0-only
/* Replays fuzz inputs (files or built-in seeds) through a libFuzzer entry point. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	static const char *const seeds[] = {
		"", "0", "0x", "4096\n", "2G", "1.5T", "16E", "-1", "9999999999999999999999",
		"0xffffffffffffffff", "1.", ".5G", "2GiB", "\n\n", "0x1g", "1.123456789012G",
	};
	int n = 0;

	for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++, n++)
		LLVMFuzzerTestOneInput((const uint8_t *)seeds[i], strlen(seeds[i]));
	for (int a = 1; a < argc; a++) {
		FILE *f = fopen(argv[a], "rb");
		char buf[65536];
		size_t len;

		if (!f) {
			perror(argv[a]);
			return 1;
		}
		len = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
		n++;
	}
	printf("replayed %d inputs\n", n);
	return 0;
}
