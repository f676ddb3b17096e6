// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Is a devdax device in use? A process that has /dev/daxX.Y open (an fd
 * whose rdev is the device's) or mapped (a /proc/PID/maps line naming it)
 * would lose its mapping (SIGBUS) if the device were unbound, resized or
 * given to kmem, so changing commands check this first.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "private.h"

/*
 * true when pid has rdev open. A process whose fds cannot be listed
 * (EACCES/EPERM: a sandboxed caller without CAP_SYS_PTRACE or
 * CAP_DAC_READ_SEARCH) might hold it: *unknown is set and the caller must
 * treat the device as in use. A process that went away uses nothing.
 */
static bool fds_use(const char *pid, dev_t rdev, bool *unknown)
{
	char path[300];
	struct dirent *de;
	bool found = false;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%s/fd", pid);
	d = opendir(path);
	if (!d) {
		if (errno == EACCES || errno == EPERM)
			*unknown = true;
		return false;
	}
	while (!found && (de = readdir(d))) {
		char fd[600];
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		snprintf(fd, sizeof(fd), "%s/%s", path, de->d_name);
		if (stat(fd, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == rdev)
			found = true;
	}
	closedir(d);
	return found;
}

static bool maps_use(const char *pid, const char *devnode)
{
	char path[300], line[512];
	size_t nlen = strlen(devnode);
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/maps", pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		size_t len = strlen(line);

		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len > nlen && strcmp(line + len - nlen, devnode) == 0 &&
		    line[len - nlen - 1] == ' ')
			found = true;
	}
	fclose(f);
	return found;
}

/*
 * 1 and *pid when some process holds the device's character device open or
 * mapped, or when a process cannot be inspected (not enough privilege: in
 * doubt the device counts as in use, logged); 0 when none does (captured
 * trees: no scan).
 */
DAXCTL_EXPORT int daxctl_dev_get_user(struct daxctl_dev *dev, int *pid)
{
	char devnode[96];
	struct dirent *de;
	pid_t self = getpid();
	DIR *d;

	if (sysfs_root_is_captured(dev->region->ctx->sysfs) || !dev->major)
		return 0;
	snprintf(devnode, sizeof(devnode), "/dev/%s", dev->devname);
	d = opendir("/proc");
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		char exe[300], target[8];
		bool unknown = false;

		if (!isdigit((unsigned char)de->d_name[0]) || atoi(de->d_name) == self)
			continue;
		/* kernel threads have no exe, no files, no maps: one syscall to skip them */
		snprintf(exe, sizeof(exe), "/proc/%s/exe", de->d_name);
		if (readlink(exe, target, sizeof(target)) < 0 && errno == ENOENT)
			continue;
		if (fds_use(de->d_name, makedev(dev->major, dev->minor), &unknown) ||
		    unknown || maps_use(de->d_name, devnode)) {
			*pid = atoi(de->d_name);
			if (unknown)
				err(dev->region->ctx, "%s: cannot tell whether process %d uses it "
				    "(its /proc/%d/fd is not readable: needs CAP_SYS_PTRACE and "
				    "CAP_DAC_READ_SEARCH); treating the device as in use",
				    dev->devname, *pid, *pid);
			closedir(d);
			return 1;
		}
	}
	closedir(d);
	return 0;
}
