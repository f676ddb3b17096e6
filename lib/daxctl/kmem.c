// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * System-ram mode: handing a dax device to kmem and taking it back.
 *
 * Preflight (before any write): the device must cover at least one whole
 * memory block (kmem hot-adds only block-aligned parts of each range), have
 * a valid target_node, the kmem driver must be there or loadable, and no
 * process may have the device open or mapped.
 *
 * Onlining policy. The kernel may online hot-added memory by itself:
 * memory/auto_online_blocks (6.12 defaults to "online", i.e. ZONE_NORMAL)
 * and distro udev rules that write "online" into each new block. Onlining
 * ourselves after the bind would race with both (the kernel onlines inside
 * the bind, before we can act, and the result cannot always be undone: an
 * online ZONE_NORMAL block may be unremovable at once). So the policy the
 * user asked for is made the kernel's own for the duration of the bind:
 * auto_online_blocks is set to online_movable, online_kernel or offline,
 * the bind hot-adds the memory already in that state and zone, and the old
 * policy is restored right after (a concurrent hot-add elsewhere in that
 * window, some milliseconds, would follow our policy: the one trade-off).
 * Udev rules run after the hot-add: they find the blocks already online
 * (their usual state=="offline" condition does not match); with --no-online
 * they would online our blocks behind our back, so an onlining rule makes
 * the command stop before any change, naming the rule.
 * Afterwards every block's state and valid_zones are read back and blocks
 * the kernel left offline are onlined explicitly into the asked zone.
 * Two daxctl processes doing this at once would restore each other's
 * temporary policy; an flock on a lock file (waited for by the kernel, not
 * polled) serializes the read-set-bind-restore sequence between them.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "util/parse.h"

/* Node n listed in devices/system/node/possible ("0-1,4") */
static int node_possible(struct daxctl_ctx *ctx, int node)
{
	char *dir = sysfs_path(ctx->sysfs, "devices/system/node");
	char buf[256], *p, *save;
	int rc;

	if (!dir)
		return -ENOMEM;
	rc = sysfs_read(dir, "possible", buf, sizeof(buf));
	free(dir);
	if (rc < 0)
		return rc == -ENOENT ? 1 : rc;	/* !CONFIG_NUMA: node 0 only */
	for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		int a, b;

		if (sscanf(p, "%d-%d", &a, &b) == 2) {
			if (node >= a && node <= b)
				return 1;
		} else if (sscanf(p, "%d", &a) == 1 && a == node) {
			return 1;
		}
	}
	return 0;
}

/* Whole memory blocks kmem would add for the device (0 with errno on error). */
static uint64_t whole_blocks(struct daxctl_dev *dev, uint64_t bs)
{
	uint64_t n = 0;

	for (size_t i = 0; i < dev->nr_mappings; i++) {
		uint64_t s = (dev->mappings[i].start + bs - 1) / bs;
		uint64_t e = (dev->mappings[i].end + 1) / bs;

		if (e > s)
			n += e - s;
	}
	if (!dev->nr_mappings && dev->resource != DAX_UNKNOWN) {
		uint64_t s = (dev->resource + bs - 1) / bs, e = (dev->resource + dev->size) / bs;

		if (e > s)
			n = e - s;
	}
	return n;
}

static const char *const udev_dirs[] = {
	"/etc/udev/rules.d", "/run/udev/rules.d", "/usr/lib/udev/rules.d", "/lib/udev/rules.d",
};

static bool rule_onlines_memory(const char *line)
{
	const char *p = strstr(line, "ATTR{state}");

	if (line[strspn(line, " \t")] == '#' || !strstr(line, "\"memory\"") || !p)
		return false;
	/* an assignment (=, not ==) of an online state */
	for (; p; p = strstr(p + 1, "ATTR{state}")) {
		const char *q = p + strlen("ATTR{state}");

		while (*q == ' ')
			q++;
		if (q[0] == '=' && q[1] != '=') {
			q++;
			while (*q == ' ' || *q == '"')
				q++;
			if (strncmp(q, "online", 6) == 0)
				return true;
		}
	}
	return false;
}

/* First udev rule (file:line) that onlines hot-added memory, or NULL. */
DAXCTL_EXPORT char *daxctl_find_memory_udev_rule(void)
{
	char **seen = NULL;
	size_t nseen = 0;
	char *found = NULL;

	for (size_t i = 0; i < sizeof(udev_dirs) / sizeof(udev_dirs[0]) && !found; i++) {
		struct dirent **ents;
		int n = scandir(udev_dirs[i], &ents, NULL, alphasort);

		for (int k = 0; k < n; k++) {
			const char *name = ents[k]->d_name;
			size_t len = strlen(name);
			bool masked = false;
			char path[512], line[1024];
			unsigned int lineno = 0;
			FILE *f;

			if (found || len < 7 || strcmp(name + len - 6, ".rules") != 0)
				goto next;
			/* a same-named file in an earlier directory overrides this one */
			for (size_t s = 0; s < nseen; s++)
				if (strcmp(seen[s], name) == 0)
					masked = true;
			if (masked)
				goto next;
			{
				char **tmp = realloc(seen, (nseen + 1) * sizeof(*tmp));

				if (tmp) {
					seen = tmp;
					seen[nseen] = strdup(name);
					if (seen[nseen])
						nseen++;
				}
			}
			snprintf(path, sizeof(path), "%s/%s", udev_dirs[i], name);
			f = fopen(path, "re");
			if (!f)
				goto next;
			while (fgets(line, sizeof(line), f)) {
				lineno++;
				if (rule_onlines_memory(line)) {
					if (asprintf(&found, "%s:%u", path, lineno) < 0)
						found = NULL;
					break;
				}
			}
			fclose(f);
next:
			free(ents[k]);
		}
		if (n >= 0)
			free(ents);
	}
	for (size_t s = 0; s < nseen; s++)
		free(seen[s]);
	free(seen);
	return found;
}

/* Everything that must hold before a device is handed to kmem. */
DAXCTL_EXPORT int daxctl_dev_kmem_preflight(struct daxctl_dev *dev, bool online)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	const char *memory_dir;
	uint64_t bs, blocks;
	int rc, pid;

	if (sysfs_root_is_captured(ctx->sysfs))
		return -EROFS;
	if (dev->size == 0) {
		err(ctx, "%s: size 0: give it a size (reconfigure-device -s) first\n",
		    dev->devname);
		return -ENXIO;
	}
	rc = ctx_memblock_size(ctx, &bs, &memory_dir);
	if (rc < 0) {
		err(ctx, "memory hotplug is not available (no memory block size): %s; "
		    "a kernel with CONFIG_MEMORY_HOTPLUG is needed\n", strerror(-rc));
		return rc;
	}
	rc = dev_load_mappings(dev);
	if (rc < 0)
		return rc;
	blocks = whole_blocks(dev, bs);
	if (blocks == 0) {
		err(ctx, "%s: no whole %llu MiB memory block in the device: kmem would add "
		    "nothing; resize it to a multiple of %llu MiB\n", dev->devname,
		    (unsigned long long)(bs >> 20), (unsigned long long)(bs >> 20));
		return -EINVAL;
	}
	if (blocks * bs != dev->size)
		info(ctx, "%s: only %llu of %llu bytes are whole memory blocks; the rest "
		     "stays unused\n", dev->devname, (unsigned long long)(blocks * bs),
		     (unsigned long long)dev->size);
	if (dev->target_node < 0) {
		err(ctx, "%s: no target_node (%d): kmem refuses memory without a NUMA node; "
		    "check the firmware tables (SRAT/HMAT) of this range\n", dev->devname,
		    dev->target_node);
		return -EINVAL;
	}
	rc = node_possible(ctx, dev->target_node);
	if (rc <= 0) {
		err(ctx, "%s: target_node %d is not a possible NUMA node of this kernel; "
		    "check devices/system/node/possible and the firmware tables\n",
		    dev->devname, dev->target_node);
		return rc < 0 ? rc : -EINVAL;
	}
	rc = ctx_driver_available(ctx, "kmem");
	if (rc < 0)
		return rc;
	if (dev->driver && strcmp(dev->driver, "kmem") != 0 && !dev_unused_recently(dev) &&
	    daxctl_dev_get_user(dev, &pid)) {
		err(ctx, "%s: in use by process %d (open or mapped); stop it before "
		    "changing the device\n", dev->devname, pid);
		return -EBUSY;
	}
	dev->unused_at = 0;
	if (!online) {
		char *rule = daxctl_find_memory_udev_rule();

		if (rule) {
			err(ctx, "%s: udev rule %s onlines hot-added memory, so --no-online "
			    "cannot hold; mask that rule (an empty file of the same name in "
			    "/etc/udev/rules.d) and retry\n", dev->devname, rule);
			free(rule);
			return -EBUSY;
		}
	}
	return 0;
}

/* Exclusive lock for the policy swap; -1 (no lock) when no lock directory is writable. */
static int policy_lock(struct daxctl_ctx *ctx)
{
	static const char *const paths[] = {
		"/run/lock/daxctl-auto-online.lock", "/run/daxctl-auto-online.lock",
		"/tmp/daxctl-auto-online.lock",
	};

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		int fd = open(paths[i], O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);

		if (fd < 0)
			continue;
		while (flock(fd, LOCK_EX) < 0) {
			if (errno != EINTR) {
				close(fd);
				fd = -1;
				break;
			}
		}
		if (fd >= 0)
			return fd;
	}
	dbg(ctx, "no lock file for the auto_online_blocks swap\n");
	return -1;
}

static int policy_write(struct daxctl_ctx *ctx, const char *val)
{
	int rc = sysfs_write(ctx->memory_dir, "auto_online_blocks", val);

	if (rc < 0)
		err(ctx, "%s/auto_online_blocks <- %s: %s\n", ctx->memory_dir, val, strerror(-rc));
	return rc;
}

DAXCTL_EXPORT int daxctl_dev_enable_ram(struct daxctl_dev *dev, bool online,
					enum daxctl_zone zone)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	const char *want = !online ? "offline" :
			   zone == DAXCTL_ZONE_MOVABLE ? "online_movable" : "online_kernel";
	struct daxctl_memory *mem;
	char policy[32];
	bool swapped = false;
	int rc, rc2, lock;

	if (dev->driver && strcmp(dev->driver, "kmem") == 0)
		return -EALREADY;
	rc = daxctl_dev_kmem_preflight(dev, online);
	if (rc < 0)
		return rc;
	lock = policy_lock(ctx);
	rc = sysfs_read(ctx->memory_dir, "auto_online_blocks", policy, sizeof(policy));
	if (rc < 0) {
		err(ctx, "%s/auto_online_blocks: %s\n", ctx->memory_dir, strerror(-rc));
		goto unlock;
	}
	if (strcmp(policy, want) != 0) {
		rc = policy_write(ctx, want);
		if (rc < 0)
			goto unlock;
		swapped = true;
	}
	rc = dev_switch_driver(dev, "kmem");
	if (swapped) {
		rc2 = policy_write(ctx, policy);
		if (rc == 0 && rc2 < 0)
			rc = rc2;
	}
unlock:
	if (lock >= 0)
		close(lock);	/* releases the flock */
	if (rc < 0)
		return rc;

	mem = daxctl_dev_get_memory(dev);
	if (!mem)
		return -errno;
	if (online)
		return daxctl_memory_online_zone(mem, zone, true);
	if (mem->nr_online) {
		/* something onlined them after the bind: take them back */
		rc = daxctl_memory_offline_all(mem);
		err(ctx, "%s: %d memory blocks were onlined by someone else after the hot-add%s\n",
		    dev->devname, mem->nr_online, rc ? "" : "; offlined them again");
		return rc ? rc : -EBUSY;
	}
	return 0;
}

/* Back to devdax: memory offline (all or nothing, with force), then device_dax. */
DAXCTL_EXPORT int daxctl_dev_disable_ram(struct daxctl_dev *dev, bool force,
					 const char *to_driver)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	struct daxctl_memory *mem;
	int rc;

	if (sysfs_root_is_captured(ctx->sysfs))
		return -EROFS;
	mem = daxctl_dev_get_memory(dev);
	if (!mem)
		return -errno;
	if (mem->nr_online) {
		if (!force) {
			err(ctx, "%s: %d of %zu memory blocks are online; offline them first "
			    "(daxctl offline-memory) or use --force\n", dev->devname,
			    mem->nr_online, mem->nr_blocks);
			return -EBUSY;
		}
		rc = daxctl_memory_offline_all(mem);
		if (rc < 0)
			return rc;
	}
	if (!to_driver)
		return daxctl_dev_disable(dev);
	return dev_switch_driver(dev, to_driver);
}

DAXCTL_EXPORT int daxctl_get_auto_online_policy(struct daxctl_ctx *ctx, char *buf, size_t size)
{
	const char *memory_dir;
	uint64_t bs;
	int rc = ctx_memblock_size(ctx, &bs, &memory_dir);

	if (rc < 0)
		return rc;
	return sysfs_read(memory_dir, "auto_online_blocks", buf, size);
}
