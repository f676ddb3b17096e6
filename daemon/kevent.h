/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's own uevents (netlink group 1), for ndctld's early path: a dax
 * device that the device_dax driver has just bound is complete (size,
 * ranges, target node are in sysfs), and converting it to system-ram needs
 * nothing udev makes. Waiting for udev to process the device's add and bind
 * first costs tens of milliseconds on a busy machine, so the daemon acts on
 * the kernel's bind uevent for that one device; everything else still goes
 * through udev's events (monitor.c).
 */
#ifndef NDCTLD_KEVENT_H
#define NDCTLD_KEVENT_H

#include <stddef.h>

struct kevent {
	const char *action;	/* "bind", ... (the message's ACTION=) */
	const char *devpath;
	const char *subsystem;	/* NULL when absent */
	const char *driver;	/* NULL when absent */
	const char *sysname;	/* the last component of devpath */
};

/*
 * A non-blocking, close-on-exec NETLINK_KOBJECT_UEVENT socket on the
 * kernel's group with a socket filter that passes only "bind@" messages (a
 * driver bound to a device: rare while the machine is idle). Returns the
 * fd or -errno.
 */
int kevent_open(void);

/*
 * Parse one kernel uevent message ("ACTION@DEVPATH\0KEY=VALUE\0..."): buf
 * must stay alive while ev is used. Returns 0, or -EINVAL when it is not a
 * well-formed kernel uevent (udev's "libudev" messages included).
 */
int kevent_parse(const char *buf, size_t len, struct kevent *ev);

/*
 * Receive one message from fd into buf (len bytes) and parse it into ev;
 * messages whose sender is not root (SCM_CREDENTIALS) are refused (-EPERM).
 * Returns 0, -EAGAIN when nothing is queued, or another -errno.
 */
int kevent_receive(int fd, char *buf, size_t len, struct kevent *ev);

/* true for the uevent the early path acts on: device_dax bound to daxX.Y */
int kevent_is_devdax_bind(const struct kevent *ev);

#endif
