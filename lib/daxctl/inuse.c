// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Is a devdax device in use? A process that has /dev/daxX.Y open (an fd
 * whose rdev is the device's) or mapped (a /proc/PID/maps line naming it)
 * would lose its mapping (SIGBUS) if the device were unbound, resized or
 * given to kmem, so changing commands check this first.
 *
 * The scan visits every process, so it is the costly part of a change on a
 * machine with many processes (ndctld's reaction to a hotplug): lookups are
 * relative to open directory fds (no path walk from / per file) and maps are
 * read in large chunks. A scan that found the device unused is remembered
 * on the device object for the next change made through it (kmem.c), so a
 * caller that checks first (to report a busy device as such) and then
 * changes the device does not scan twice.
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
#include <time.h>
#include <unistd.h>

#include "private.h"

/* how long a scan that found the device unused stands for the next change */
#define UNUSED_VALID_MS 200

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * true when pid has rdev open. A process whose fds cannot be listed
 * (EACCES/EPERM: a sandboxed caller without CAP_SYS_PTRACE or
 * CAP_DAC_READ_SEARCH) might hold it: *unknown is set and the caller must
 * treat the device as in use. A process that went away uses nothing.
 */
static bool fds_use(int procfd, const char *pid, dev_t rdev, bool *unknown)
{
	char path[300];
	struct dirent *de;
	bool found = false;
	int fd;
	DIR *d;

	snprintf(path, sizeof(path), "%s/fd", pid);
	fd = openat(procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == EACCES || errno == EPERM)
			*unknown = true;
		return false;
	}
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return false;
	}
	while (!found && (de = readdir(d))) {
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		if (fstatat(fd, de->d_name, &st, 0) == 0 && S_ISCHR(st.st_mode) &&
		    st.st_rdev == rdev)
			found = true;
	}
	closedir(d);
	return found;
}

/* true when a line of pid's maps ends in " DEVNODE" (pat is " DEVNODE\n") */
static bool maps_use(int procfd, const char *pid, const char *pat)
{
	size_t plen = strlen(pat), keep = 0;
	char path[300], buf[65536];
	bool found = false;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/maps", pid);
	fd = openat(procfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	/* the last plen - 1 bytes of each chunk are kept: a match may span two reads */
	while (!found && (n = read(fd, buf + keep, sizeof(buf) - keep)) > 0) {
		size_t len = keep + (size_t)n;

		found = memmem(buf, len, pat, plen) != NULL;
		keep = len < plen - 1 ? len : plen - 1;
		memmove(buf, buf + len - keep, keep);
	}
	close(fd);
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
	char pat[96];
	struct dirent *de;
	pid_t self = getpid();
	int procfd;
	DIR *d;

	dev->unused_at = 0;
	if (sysfs_root_is_captured(dev->region->ctx->sysfs) || !dev->major)
		return 0;
	snprintf(pat, sizeof(pat), " /dev/%s\n", dev->devname);
	procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (procfd < 0)
		return 0;
	d = fdopendir(procfd);
	if (!d) {
		close(procfd);
		return 0;
	}
	while ((de = readdir(d))) {
		char exe[300], target[8];
		bool unknown = false;

		if (!isdigit((unsigned char)de->d_name[0]) || atoi(de->d_name) == self)
			continue;
		/* kernel threads have no exe, no files, no maps: one syscall to skip them */
		snprintf(exe, sizeof(exe), "%s/exe", de->d_name);
		if (readlinkat(procfd, exe, target, sizeof(target)) < 0 && errno == ENOENT)
			continue;
		if (fds_use(procfd, de->d_name, makedev(dev->major, dev->minor), &unknown) ||
		    unknown || maps_use(procfd, de->d_name, pat)) {
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
	dev->unused_at = now_ms();
	return 0;
}

bool dev_unused_recently(struct daxctl_dev *dev)
{
	bool fresh = dev->unused_at && now_ms() - dev->unused_at <= UNUSED_VALID_MS;

	dev->unused_at = 0;	/* stands for one change only */
	return fresh;
}
