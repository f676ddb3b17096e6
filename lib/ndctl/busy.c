// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Is a namespace in use, so that disabling it (or its region) could lose
 * data? Block devices (the namespace's own, its btt's or pfn's) are in use
 * when the kernel refuses an exclusive open (mounted filesystem, device
 * mapper, another O_EXCL holder). A device-dax instance is in use when it
 * is system RAM (kmem) or some process maps it (/proc/PID/maps names its
 * inode).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "private.h"

static int blockdev_busy(const char *name, char *why, size_t len)
{
	char *node = nd_devnode(name);
	int fd, err;

	if (!node)
		return -ENOMEM;
	fd = open(node, O_RDONLY | O_EXCL | O_CLOEXEC);
	err = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	if (err == EBUSY) {
		snprintf(why, len, "%s is mounted or held open exclusively (swap, device "
			 "mapper, ...); stop using it first", node);
		free(node);
		return -EBUSY;
	}
	free(node);
	/* a missing node (no udev/devtmpfs) cannot be checked, but nothing can hold it */
	return 0;
}

/* pid of a process mapping the inode (dev, ino), 0 if none */
static long mapped_by(dev_t dev, ino_t ino)
{
	DIR *proc = opendir("/proc");
	struct dirent *de;
	long found = 0;

	if (!proc)
		return 0;
	while (!found && (de = readdir(proc))) {
		char path[300], line[512];
		FILE *f;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/maps", de->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			unsigned int maj, min;
			unsigned long long inode;

			if (sscanf(line, "%*s %*s %*s %x:%x %llu", &maj, &min, &inode) == 3 &&
			    inode == (unsigned long long)ino && makedev(maj, min) == dev) {
				found = strtol(de->d_name, NULL, 10);
				break;
			}
		}
		fclose(f);
	}
	closedir(proc);
	return found;
}

static int daxdev_busy(const char *claim_dir, char *why, size_t len)
{
	char **names = NULL;
	size_t count = 0;
	int rc = 0;

	if (sysfs_list(claim_dir, "dax", true, &names, &count) < 0)
		return 0;
	for (size_t i = 0; i < count && rc == 0; i++) {
		char *dir = sysfs_join(claim_dir, names[i]);
		char drv[64];
		struct stat st;
		char *node;
		long pid;

		if (!dir)
			break;
		if (!strchr(names[i], '.')) {	/* dax_region */
			free(dir);
			continue;
		}
		if (sysfs_link_name(dir, "driver", drv, sizeof(drv)) == 0 &&
		    strcmp(drv, "kmem") == 0) {
			snprintf(why, len, "%s is system-ram; take it back with "
				 "'daxctl offline-memory %s' and 'daxctl reconfigure-device "
				 "-m devdax %s' first", names[i], names[i], names[i]);
			rc = -EBUSY;
		}
		free(dir);
		if (rc)
			break;
		node = nd_devnode(names[i]);
		if (node && stat(node, &st) == 0 && (pid = mapped_by(st.st_dev, st.st_ino))) {
			snprintf(why, len, "%s is mapped by process %ld; stop that first", node,
				 pid);
			rc = -EBUSY;
		}
		free(node);
	}
	sysfs_names_free(names, count);
	return rc;
}

NDCTL_EXPORT int ndctl_namespace_check_busy(struct ndctl_namespace *ndns, char *why,
					    size_t len)
{
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	int rc = 0;

	if (why && len)
		why[0] = '\0';
	else
		return -EINVAL;
	if (ndns->d.enabled && ndns->d.blockdev)
		rc = blockdev_busy(ndns->d.blockdev, why, len);
	if (rc == 0 && btt && btt->d.enabled && btt->d.blockdev)
		rc = blockdev_busy(btt->d.blockdev, why, len);
	if (rc == 0 && pfn && pfn->d.enabled && pfn->d.blockdev)
		rc = blockdev_busy(pfn->d.blockdev, why, len);
	if (rc == 0 && dax && dax->pfn.d.enabled)
		rc = daxdev_busy(dax->pfn.d.path, why, len);
	return rc;
}

NDCTL_EXPORT int ndctl_region_check_busy(struct ndctl_region *region, char *why, size_t len)
{
	struct ndctl_namespace *ndns;
	int rc;

	if (!why || !len)
		return -EINVAL;
	why[0] = '\0';
	ndctl_namespace_foreach(region, ndns) {
		rc = ndctl_namespace_check_busy(ndns, why, len);
		if (rc < 0)
			return rc;
	}
	return 0;
}
