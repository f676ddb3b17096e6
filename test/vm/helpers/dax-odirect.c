// SPDX-License-Identifier: GPL-2.0-only
/*
 * dax-odirect: use a DAX mapping as the buffer of an O_DIRECT read, the
 * operation that needs struct pages behind the mapping (the kernel pins the
 * buffer's pages: get_user_pages). VM test helper for ns-dax-io.
 *
 * usage: dax-odirect SRC TARGET LEN
 *   SRC     a block device (or file) opened O_DIRECT and read from offset 0
 *   TARGET  a file on a filesystem mounted -o dax (created/extended to LEN)
 *           or a device-dax character device (/dev/daxX.Y)
 *   LEN     bytes, a multiple of the dax alignment (2 MiB covers all)
 * Prints "ok LEN" when the read filled the mapping with SRC's bytes (checked
 * against a buffered read), else "fail STEP: strerror" and exits 1.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char *step)
{
	printf("fail %s: %s\n", step, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	struct stat st;
	size_t len;
	char *map, *copy;
	ssize_t n;
	int src, dst;

	if (argc != 4) {
		fprintf(stderr, "usage: dax-odirect SRC TARGET LEN\n");
		return 2;
	}
	len = strtoull(argv[3], NULL, 0);
	dst = open(argv[2], O_RDWR | O_CREAT, 0600);
	if (dst < 0)
		return fail("open target");
	if (fstat(dst, &st) < 0)
		return fail("stat target");
	if (S_ISREG(st.st_mode) && ftruncate(dst, (off_t)len) < 0)
		return fail("ftruncate target");
	map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, dst, 0);
	if (map == MAP_FAILED)
		return fail("mmap target");
	memset(map, 0x5a, len);	/* fault every page in */
	src = open(argv[1], O_RDONLY | O_DIRECT);
	if (src < 0)
		return fail("open source O_DIRECT");
	n = pread(src, map, len, 0);
	if (n < 0)
		return fail("O_DIRECT read into the dax mapping");
	if ((size_t)n != len) {
		errno = EIO;
		return fail("short O_DIRECT read");
	}
	copy = malloc(len);
	close(src);
	src = open(argv[1], O_RDONLY);
	if (!copy || src < 0 || pread(src, copy, len, 0) != (ssize_t)len)
		return fail("buffered read of the source");
	if (memcmp(copy, map, len) != 0) {
		errno = EILSEQ;
		return fail("compare");
	}
	printf("ok %zu\n", len);
	return 0;
}
