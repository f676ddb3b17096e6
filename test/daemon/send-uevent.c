// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helper: send one uevent the way udevd forwards processed events to
 * its listeners (netlink NETLINK_KOBJECT_UEVENT, multicast group 2, a
 * "libudev" header followed by NUL-separated KEY=VALUE properties), so the
 * daemon's sd-device monitor receives it without a udevd or a real device.
 * Run it in a private network namespace (`unshare -n`): netlink multicast
 * stays inside the namespace. Needs CAP_NET_ADMIN (sending to a group).
 *
 * usage: send-uevent ACTION DEVPATH SUBSYSTEM [SEQNUM]
 *   e.g. send-uevent add /devices/platform/hmem.0/dax0.0 dax
 *        send-uevent --kernel ACTION DEVPATH SUBSYSTEM DRIVER|- [SEQNUM]
 *   the second form sends the kernel's own format ("ACTION@DEVPATH" then the
 *   properties, DRIVER= unless "-") to group 1, where the kernel sends.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <linux/netlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define KERNEL_GROUP 1
#define UDEV_GROUP 2
#define UDEV_MAGIC 0xfeedcafe

/* the wire header udev puts before the properties (all fields 32 bit) */
struct udev_msg_header {
	char prefix[8];			/* "libudev" */
	uint32_t magic;			/* network order */
	uint32_t header_size;
	uint32_t properties_off;
	uint32_t properties_len;
	uint32_t subsystem_hash;	/* network order: listeners' BPF filters match it */
	uint32_t devtype_hash;
	uint32_t tag_bloom_hi;
	uint32_t tag_bloom_lo;
};

/* MurmurHash2, seed 0: the hash udev's listeners filter subsystems by */
static uint32_t murmur2(const char *s, size_t len)
{
	const uint32_t m = 0x5bd1e995;
	const unsigned char *p = (const unsigned char *)s;
	uint32_t h = (uint32_t)len;

	for (; len >= 4; len -= 4, p += 4) {
		uint32_t k = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
			     (uint32_t)p[3] << 24;

		k *= m;
		k ^= k >> 24;
		k *= m;
		h = h * m ^ k;
	}
	switch (len) {
	case 3:
		h ^= (uint32_t)p[2] << 16;
		/* fallthrough */
	case 2:
		h ^= (uint32_t)p[1] << 8;
		/* fallthrough */
	case 1:
		h ^= p[0];
		h *= m;
	}
	h ^= h >> 13;
	h *= m;
	h ^= h >> 15;
	return h;
}

/* append "s" and its NUL to buf at *len; false when it does not fit */
static bool put(char *buf, size_t size, size_t *len, const char *s)
{
	size_t n = strlen(s) + 1;

	if (*len + n > size)
		return false;
	memcpy(buf + *len, s, n);
	*len += n;
	return true;
}

static int send_kernel(int argc, char **argv)
{
	struct sockaddr_nl dst = { .nl_family = AF_NETLINK, .nl_groups = KERNEL_GROUP };
	char buf[2048], tmp[600];
	size_t len = 0;
	bool fits;
	int fd;

	if (argc < 5 || argc > 6) {
		fprintf(stderr, "usage: send-uevent --kernel ACTION DEVPATH SUBSYSTEM DRIVER|- [SEQNUM]\n");
		return 2;
	}
	snprintf(tmp, sizeof(tmp), "%s@%s", argv[1], argv[2]);
	fits = put(buf, sizeof(buf), &len, tmp);
	snprintf(tmp, sizeof(tmp), "ACTION=%s", argv[1]);
	fits = fits && put(buf, sizeof(buf), &len, tmp);
	snprintf(tmp, sizeof(tmp), "DEVPATH=%s", argv[2]);
	fits = fits && put(buf, sizeof(buf), &len, tmp);
	snprintf(tmp, sizeof(tmp), "SUBSYSTEM=%s", argv[3]);
	fits = fits && put(buf, sizeof(buf), &len, tmp);
	if (strcmp(argv[4], "-") != 0) {
		snprintf(tmp, sizeof(tmp), "DRIVER=%s", argv[4]);
		fits = fits && put(buf, sizeof(buf), &len, tmp);
	}
	snprintf(tmp, sizeof(tmp), "SEQNUM=%s", argc > 5 ? argv[5] : "1");
	fits = fits && put(buf, sizeof(buf), &len, tmp);
	if (!fits) {
		fprintf(stderr, "send-uevent: properties too long\n");
		return 2;
	}
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
	if (fd < 0 || sendto(fd, buf, len, 0, (struct sockaddr *)&dst, sizeof(dst)) < 0) {
		fprintf(stderr, "send-uevent: %s\n", strerror(errno));
		return 1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_nl dst = { .nl_family = AF_NETLINK, .nl_groups = UDEV_GROUP };
	struct udev_msg_header hdr = { .prefix = "libudev" };
	char props[2048];
	struct iovec iov[2];
	struct msghdr msg = { .msg_name = &dst, .msg_namelen = sizeof(dst), .msg_iov = iov,
			      .msg_iovlen = 2 };
	int fd, len;

	if (argc > 1 && strcmp(argv[1], "--kernel") == 0)
		return send_kernel(argc - 1, argv + 1);
	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: send-uevent ACTION DEVPATH SUBSYSTEM [SEQNUM]\n");
		return 2;
	}
	len = snprintf(props, sizeof(props), "ACTION=%s%cDEVPATH=%s%cSUBSYSTEM=%s%cSEQNUM=%s%c",
		       argv[1], 0, argv[2], 0, argv[3], 0, argc > 4 ? argv[4] : "1", 0);
	if (len < 0 || (size_t)len >= sizeof(props)) {
		fprintf(stderr, "send-uevent: properties too long\n");
		return 2;
	}
	hdr.magic = htonl(UDEV_MAGIC);
	hdr.header_size = sizeof(hdr);
	hdr.properties_off = sizeof(hdr);
	hdr.properties_len = len;
	hdr.subsystem_hash = htonl(murmur2(argv[3], strlen(argv[3])));
	iov[0] = (struct iovec){ .iov_base = &hdr, .iov_len = sizeof(hdr) };
	iov[1] = (struct iovec){ .iov_base = props, .iov_len = len };

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
	if (fd < 0 || sendmsg(fd, &msg, 0) < 0) {
		fprintf(stderr, "send-uevent: %s\n", strerror(errno));
		return 1;
	}
	close(fd);
	return 0;
}
