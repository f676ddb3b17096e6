// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of ndctld's kernel uevent parser (daemon/kevent.c): well-formed
 * kernel messages, the device_dax bind test, and malformed messages (udev's
 * own format, no '@', a header that disagrees with ACTION=, a property
 * without its NUL, no DEVPATH) refused.
 */
#include <stdio.h>
#include <string.h>

#include "daemon/kevent.h"
#include "test/unit/tap.h"

/* "a\0b\0" style literals: len is sizeof - 1 (the literal's own NUL dropped) */
#define MSG(s) s, sizeof(s) - 1

static int parse(const char *buf, size_t len, struct kevent *ev)
{
	static char copy[4096];

	memcpy(copy, buf, len);
	return kevent_parse(copy, len, ev);
}

int main(void)
{
	struct tap t = { 0 };
	struct kevent ev;
	int rc;

	rc = parse(MSG("bind@/devices/platform/hmem.0/dax0.1\0ACTION=bind\0"
		       "DEVPATH=/devices/platform/hmem.0/dax0.1\0SUBSYSTEM=dax\0DEVNAME=dax0.1\0"
		       "DRIVER=device_dax\0SEQNUM=1234\0"), &ev);
	tap_ok(&t, rc == 0, "device_dax bind parses");
	tap_ok(&t, rc == 0 && strcmp(ev.action, "bind") == 0 && strcmp(ev.subsystem, "dax") == 0 &&
	       strcmp(ev.driver, "device_dax") == 0 && strcmp(ev.sysname, "dax0.1") == 0 &&
	       strcmp(ev.devpath, "/devices/platform/hmem.0/dax0.1") == 0,
	       "  action, subsystem, driver, sysname, devpath");
	tap_ok(&t, rc == 0 && kevent_is_devdax_bind(&ev), "  is a device_dax bind");

	rc = parse(MSG("bind@/devices/platform/hmem.0/dax0.1\0ACTION=bind\0"
		       "DEVPATH=/devices/platform/hmem.0/dax0.1\0SUBSYSTEM=dax\0DRIVER=kmem\0"
		       "SEQNUM=1\0"), &ev);
	tap_ok(&t, rc == 0 && !kevent_is_devdax_bind(&ev), "kmem bind: parsed, not the early path's");

	rc = parse(MSG("bind@/devices/LNXSYSTM:00/ndbus0/region0/dax0.0\0ACTION=bind\0"
		       "DEVPATH=/devices/LNXSYSTM:00/ndbus0/region0/dax0.0\0SUBSYSTEM=nd\0"
		       "DRIVER=dax_pmem\0SEQNUM=1\0"), &ev);
	tap_ok(&t, rc == 0 && !kevent_is_devdax_bind(&ev), "nd dax0.0 (dax_pmem): not a dax bus device");

	rc = parse(MSG("bind@/devices/platform/hmem.0/dax_region\0ACTION=bind\0"
		       "DEVPATH=/devices/platform/hmem.0/dax_region\0SUBSYSTEM=dax\0"
		       "DRIVER=device_dax\0SEQNUM=1\0"), &ev);
	tap_ok(&t, rc == 0 && !kevent_is_devdax_bind(&ev), "a dax name that is not daxX.Y: no");

	rc = parse(MSG("add@/devices/platform/hmem.0/dax0.1\0ACTION=add\0"
		       "DEVPATH=/devices/platform/hmem.0/dax0.1\0SUBSYSTEM=dax\0SEQNUM=1\0"), &ev);
	tap_ok(&t, rc == 0 && !kevent_is_devdax_bind(&ev) && !ev.driver, "add: no driver, no");

	tap_ok(&t, parse(MSG("libudev\0\xfe\xed\xca\xfe" "ACTION=bind\0"), &ev) < 0,
	       "udev's format refused");
	tap_ok(&t, parse(MSG("bind/devices/x\0ACTION=bind\0DEVPATH=/devices/x\0"), &ev) < 0,
	       "no '@' in the header: refused");
	tap_ok(&t, parse(MSG("add@/devices/x\0ACTION=bind\0DEVPATH=/devices/x\0"), &ev) < 0,
	       "header action differs from ACTION=: refused");
	tap_ok(&t, parse(MSG("bind@/devices/x\0ACTION=bind\0DEVPATH=/devices/x"), &ev) < 0,
	       "last property without its NUL: refused");
	tap_ok(&t, parse(MSG("bind@/devices/x\0ACTION=bind\0SUBSYSTEM=dax\0"), &ev) < 0,
	       "no DEVPATH=: refused");
	tap_ok(&t, parse(MSG("bind@/devices/x/\0ACTION=bind\0DEVPATH=/devices/x/\0"), &ev) < 0,
	       "DEVPATH ending in '/': refused");
	tap_ok(&t, parse(MSG("bind@x\0ACTION=bind\0DEVPATH=x\0"), &ev) < 0,
	       "relative DEVPATH: refused");
	tap_ok(&t, parse(MSG("@/devices/x\0ACTION=\0DEVPATH=/devices/x\0"), &ev) < 0,
	       "empty action: refused");
	tap_ok(&t, parse("", 0, &ev) < 0, "empty message: refused");
	return tap_done(&t);
}
