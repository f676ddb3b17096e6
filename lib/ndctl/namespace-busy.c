// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Is a namespace idle enough to be reconfigured or destroyed? On top of
 * ndctl_namespace_check_busy() (busy.c: mounted / exclusively held block
 * devices, mapped or system-ram device-dax), a plain open file descriptor
 * on its block device or dax character device also counts: unbinding would
 * pull the device from under that process. Found through /proc/PID/fd.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "private.h"

/* pid of a process with an open descriptor on node, 0 if none */
static int opened_by(const char *node, char *comm, size_t len)
{
	char path[600], target[300];
	DIR *proc = opendir("/proc");
	struct dirent *p;
	int found = 0;

	if (!proc)
		return 0;
	while (!found && (p = readdir(proc))) {
		struct dirent *f;
		DIR *fds;

		if (!isdigit((unsigned char)p->d_name[0]) || atoi(p->d_name) == getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%s/fd", p->d_name);
		fds = opendir(path);
		while (fds && !found && (f = readdir(fds))) {
			ssize_t n;

			if (f->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "/proc/%s/fd/%s", p->d_name, f->d_name);
			n = readlink(path, target, sizeof(target) - 1);
			if (n > 0) {
				target[n] = '\0';
				if (strcmp(target, node) == 0)
					found = atoi(p->d_name);
			}
		}
		if (fds)
			closedir(fds);
	}
	closedir(proc);
	comm[0] = '\0';
	if (found) {
		ssize_t n = -1;
		int fd;

		snprintf(path, sizeof(path), "/proc/%d/comm", found);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			n = read(fd, comm, len - 1);
			close(fd);
		}
		comm[n > 0 ? n : 0] = '\0';
		comm[strcspn(comm, "\n")] = '\0';
	}
	return found;
}

static int node_idle(const char *name, char *why, size_t len)
{
	char comm[64], *node;
	int pid;

	if (!name)
		return 0;
	node = nd_devnode(name);
	if (!node)
		return -ENOMEM;
	pid = opened_by(node, comm, sizeof(comm));
	if (pid && why && len)
		snprintf(why, len, "%s is open in process %d (%s); close it first", node, pid,
			 comm);
	free(node);
	return pid ? -EBUSY : 0;
}

/* the device-dax instances (daxX.Y directories) below an nd dax claim */
static int dax_nodes_idle(struct ndctl_dax *dax, char *why, size_t len)
{
	char **names = NULL;
	size_t count = 0;
	int rc = 0;

	if (sysfs_list(dax->pfn.d.path, "dax", true, &names, &count) < 0)
		return 0;
	for (size_t i = 0; i < count && rc == 0; i++)
		if (strcmp(names[i], "dax_region") != 0)
			rc = node_idle(names[i], why, len);
	sysfs_names_free(names, count);
	return rc;
}

/*
 * 0 when nothing uses the namespace; -EBUSY and a one-line reason in why
 * ("/dev/pmem1 is in use (mounted, ...)", "/dev/dax1.0 is open in process
 * 42 (fio)") otherwise. Not in upstream libndctl.
 */
NDCTL_EXPORT int ndctl_namespace_check_idle(struct ndctl_namespace *ndns, char *why, size_t len)
{
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	int rc = ndctl_namespace_check_busy(ndns, why, len);

	if (rc < 0)
		return rc;
	if (btt && btt->d.enabled && (rc = node_idle(btt->d.blockdev, why, len)) < 0)
		return rc;
	if (pfn && pfn->d.enabled && (rc = node_idle(pfn->d.blockdev, why, len)) < 0)
		return rc;
	if (dax && dax->pfn.d.enabled && (rc = dax_nodes_idle(dax, why, len)) < 0)
		return rc;
	if (ndns->d.enabled && (rc = node_idle(ndns->d.blockdev, why, len)) < 0)
		return rc;
	return 0;
}
