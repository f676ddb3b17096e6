// SPDX-License-Identifier: GPL-2.0-only
/*
 * Explaining an offline that the kernel refused: which blocks, why, and
 * what the user can do. Shared by offline-memory, reconfigure-device and
 * destroy-device.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "daxctl/memfail.h"

void memfail_offline_why(struct daxctl_dev *dev, char *buf, size_t size)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	struct daxctl_memory_block *b;
	size_t len = 0;
	int n = 0, err = 0;
	bool normal = false;

	buf[0] = '\0';
	if (!mem)
		return;
	daxctl_memory_block_foreach(mem, b) {
		int e = daxctl_memory_block_get_op_error(b);
		const char *z = daxctl_memory_block_get_zone(b);

		if (!e)
			continue;
		err = e;
		if (z && strcmp(z, "Movable") != 0)
			normal = true;
		if (len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", n ? "," : "",
						daxctl_memory_block_get_name(b));
		n++;
	}
	if (!n || len >= size)
		return;
	snprintf(buf + len, size - len,
		 " could not be offlined (%s)%s; every block is back online in its zone, the "
		 "device is unchanged%s", strerror(-err),
		 err == -EBUSY && normal ? ": kernel allocations that cannot move sit there "
		 "(ZONE_NORMAL takes them; 6.12 onlines hmem there at boot)" :
		 err == -EBUSY ? ": pages there are pinned (e.g. by a pipe or a driver)" : "",
		 err == -EBUSY && normal ? "; online such memory movable (boot with "
		 "memhp_default_state=offline, then daxctl online-memory) to make it "
		 "removable" : "; free the pinning user and retry");
}
