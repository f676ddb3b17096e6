// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel uevents for ndctld's early path (kevent.h): the netlink socket with
 * its "bind@" filter, the message parser and the test for a device_dax bind.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/netlink.h>

#include "daemon/kevent.h"

#define KERNEL_GROUP 1

int kevent_open(void)
{
	/* accept when the message starts with "bind@": 'b' 'i' 'n' 'd' as one big-endian word */
	static struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x62696e64, 0, 3),
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 4),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, '@', 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0xffffffff),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_fprog prog = { .len = sizeof(code) / sizeof(code[0]), .filter = code };
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = KERNEL_GROUP };
	int one = 1, fd, rc;

	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_KOBJECT_UEVENT);
	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	return fd;
}

int kevent_parse(const char *buf, size_t len, struct kevent *ev)
{
	const char *end = buf + len, *p, *at, *action = NULL;
	size_t n;

	memset(ev, 0, sizeof(*ev));
	/* the header ACTION@DEVPATH, NUL-terminated (udev's messages start "libudev\0") */
	p = memchr(buf, '\0', len);
	at = p ? memchr(buf, '@', (size_t)(p - buf)) : NULL;
	if (!p || !at || at == buf)
		return -EINVAL;
	for (p++; p < end; p += n + 1) {
		n = strnlen(p, (size_t)(end - p));
		if (p + n == end)
			return -EINVAL;		/* a property without its NUL */
		if (strncmp(p, "ACTION=", 7) == 0)
			action = p + 7;
		else if (strncmp(p, "DEVPATH=", 8) == 0)
			ev->devpath = p + 8;
		else if (strncmp(p, "SUBSYSTEM=", 10) == 0)
			ev->subsystem = p + 10;
		else if (strncmp(p, "DRIVER=", 7) == 0)
			ev->driver = p + 7;
	}
	if (!action || !ev->devpath || !*action || ev->devpath[0] != '/' ||
	    (size_t)(at - buf) != strlen(action) || strncmp(buf, action, (size_t)(at - buf)) != 0)
		return -EINVAL;
	ev->action = action;
	ev->sysname = strrchr(ev->devpath, '/') + 1;
	return *ev->sysname ? 0 : -EINVAL;
}

int kevent_receive(int fd, char *buf, size_t len, struct kevent *ev)
{
	char control[CMSG_SPACE(sizeof(struct ucred))];
	struct sockaddr_nl sa;
	struct iovec iov = { .iov_base = buf, .iov_len = len - 1 };
	struct msghdr msg = {
		.msg_name = &sa,
		.msg_namelen = sizeof(sa),
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = control,
		.msg_controllen = sizeof(control),
	};
	struct cmsghdr *cmsg;
	struct ucred *cred = NULL;
	ssize_t n;

	n = recvmsg(fd, &msg, MSG_DONTWAIT);
	if (n < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	if (msg.msg_flags & MSG_TRUNC)
		return -EMSGSIZE;
	buf[n] = '\0';
	for (cmsg = CMSG_FIRSTHDR(&msg); cmsg; cmsg = CMSG_NXTHDR(&msg, cmsg))
		if (cmsg->cmsg_level == SOL_SOCKET && cmsg->cmsg_type == SCM_CREDENTIALS)
			cred = (struct ucred *)CMSG_DATA(cmsg);
	if (!cred || cred->uid != 0)
		return -EPERM;
	return kevent_parse(buf, (size_t)n, ev);
}

int kevent_is_devdax_bind(const struct kevent *ev)
{
	unsigned int r, d;
	char tail;

	return strcmp(ev->action, "bind") == 0 && ev->subsystem &&
	       strcmp(ev->subsystem, "dax") == 0 && ev->driver &&
	       strcmp(ev->driver, "device_dax") == 0 &&
	       sscanf(ev->sysname, "dax%u.%u%c", &r, &d, &tail) == 2;
}
