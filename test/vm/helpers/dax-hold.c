// SPDX-License-Identifier: GPL-2.0-only
/*
 * dax-hold: map a device-dax character device and keep only the mapping (the
 * fd is closed), the way an application may hold the memory: nothing in
 * /proc/PID/fd names the device any more, only /proc/PID/maps. VM test helper
 * for the in-use checks (dax-inuse).
 *
 * usage: dax-hold DEV [LEN]
 *   DEV  /dev/daxX.Y;  LEN  bytes to map (default 2 MiB, a multiple of the align)
 * Prints "mapped PID" once the mapping exists and the fd is closed, then
 * sleeps until killed; "fail STEP: strerror" and exit 1 otherwise.
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
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t len = argc > 2 ? strtoull(argv[2], NULL, 0) : 2 << 20;
	void *p;
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: dax-hold DEV [LEN]\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		printf("fail open: %s\n", strerror(errno));
		return 1;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		printf("fail mmap: %s\n", strerror(errno));
		return 1;
	}
	close(fd);
	*(volatile char *)p = 1;	/* fault a page in: the mapping is really used */
	printf("mapped %d\n", (int)getpid());
	fflush(stdout);
	for (;;)
		pause();
}
