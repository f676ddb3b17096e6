// SPDX-License-Identifier: LGPL-2.1-or-later
/* The sysfs I/O layer: see sysfs.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "util/parse.h"
#include "util/sysfs.h"

struct sysfs_root {
	char *path;
	bool captured;
};

int sysfs_root_new(const char *root, struct sysfs_root **ret)
{
	struct sysfs_root *r;
	size_t len;

	if (!root || !*root)
		root = secure_getenv(SYSFS_ROOT_ENV);
	if (!root || !*root)
		root = SYSFS_DEFAULT_ROOT;

	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->path = strdup(root);
	if (!r->path) {
		free(r);
		return -ENOMEM;
	}
	len = strlen(r->path);
	while (len > 1 && r->path[len - 1] == '/')
		r->path[--len] = '\0';
	r->captured = strcmp(r->path, SYSFS_DEFAULT_ROOT) != 0;
	*ret = r;
	return 0;
}

void sysfs_root_free(struct sysfs_root *root)
{
	if (!root)
		return;
	free(root->path);
	free(root);
}

const char *sysfs_root_path(const struct sysfs_root *root)
{
	return root->path;
}

bool sysfs_root_is_captured(const struct sysfs_root *root)
{
	return root->captured;
}

char *sysfs_join(const char *dir, const char *name)
{
	size_t d = strlen(dir), n = strlen(name);
	char *p = malloc(d + n + 2);

	/* not asprintf: this runs for every attribute, and formatting was 40% of a listing's
	 * user time */
	if (!p)
		return NULL;
	memcpy(p, dir, d);
	p[d] = '/';
	memcpy(p + d + 1, name, n + 1);
	return p;
}

char *sysfs_path(const struct sysfs_root *root, const char *rel)
{
	while (*rel == '/')
		rel++;
	return sysfs_join(root->path, rel);
}

static int open_attr(const char *dir, const char *attr, int flags)
{
	size_t d = strlen(dir), n = strlen(attr);
	char stackbuf[512], *path = stackbuf;
	int fd;

	if (d + n + 2 > sizeof(stackbuf)) {
		path = malloc(d + n + 2);
		if (!path)
			return -ENOMEM;
	}
	memcpy(path, dir, d);
	path[d] = '/';
	memcpy(path + d + 1, attr, n + 1);
	fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		fd = -errno;
	if (path != stackbuf)
		free(path);
	return fd;
}

int sysfs_read(const char *dir, const char *attr, char *buf, size_t size)
{
	ssize_t n, total = 0;
	int fd;

	if (size < 1)
		return -EINVAL;
	fd = open_attr(dir, attr, O_RDONLY);
	if (fd < 0)
		return fd;
	for (;;) {
		n = read(fd, buf + total, size - 1 - total);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = -errno;
			close(fd);
			return (int)n;
		}
		if (n == 0)
			break;
		total += n;
		/*
		 * A sysfs attribute comes whole from one read (the kernel fills
		 * it at open or first read), and so does a regular file of a
		 * captured tree: a short read that ends a line is the end, which
		 * saves the read(2) that would return 0 (a quarter of the
		 * system calls of a listing). Anything else reads on to EOF.
		 */
		if ((size_t)total < size - 1 && buf[total - 1] == '\n')
			break;
		if ((size_t)total == size - 1) {
			char extra;

			/* full buffer: make sure nothing was cut off */
			n = read(fd, &extra, 1);
			if (n > 0) {
				close(fd);
				return -EFBIG;
			}
			break;
		}
	}
	close(fd);
	buf[total] = '\0';
	if (total > 0 && buf[total - 1] == '\n')
		buf[--total] = '\0';
	return (int)total;
}

char *sysfs_read_str(const char *dir, const char *attr, int *err)
{
	char buf[SYSFS_ATTR_MAX];
	char *s;
	int rc;

	rc = sysfs_read(dir, attr, buf, sizeof(buf));
	if (rc < 0) {
		if (err)
			*err = rc;
		return NULL;
	}
	s = strdup(buf);
	if (!s && err)
		*err = -ENOMEM;
	return s;
}

int sysfs_read_u64(const char *dir, const char *attr, uint64_t *ret)
{
	char buf[64];
	int rc;

	rc = sysfs_read(dir, attr, buf, sizeof(buf));
	if (rc < 0)
		return rc;
	return parse_u64(buf, ret);
}

int sysfs_read_s64(const char *dir, const char *attr, int64_t *ret)
{
	char buf[64];
	int rc;

	rc = sysfs_read(dir, attr, buf, sizeof(buf));
	if (rc < 0)
		return rc;
	return parse_s64(buf, ret);
}

int sysfs_read_int(const char *dir, const char *attr, int *ret)
{
	int64_t v;
	int rc;

	rc = sysfs_read_s64(dir, attr, &v);
	if (rc < 0)
		return rc;
	if (v < INT_MIN || v > INT_MAX)
		return -ERANGE;
	*ret = (int)v;
	return 0;
}

int sysfs_write(const char *dir, const char *attr, const char *val)
{
	size_t len = strlen(val);
	ssize_t n;
	int fd, rc = 0;

	fd = open_attr(dir, attr, O_WRONLY);
	if (fd < 0)
		return fd;
	do {
		n = write(fd, val, len);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		rc = -errno;
	else if ((size_t)n != len)
		rc = -EIO;
	if (close(fd) < 0 && rc == 0 && errno != EINTR)
		rc = -errno;
	return rc;
}

int sysfs_write_u64(const char *dir, const char *attr, uint64_t val)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)val);
	return sysfs_write(dir, attr, buf);
}

bool sysfs_exists(const char *dir, const char *name)
{
	char *path = sysfs_join(dir, name);
	bool ok;

	if (!path)
		return false;
	ok = access(path, F_OK) == 0;
	free(path);
	return ok;
}

int sysfs_link_name(const char *dir, const char *link, char *buf, size_t size)
{
	char target[PATH_MAX];
	char *path = sysfs_join(dir, link);
	const char *base;
	ssize_t n;

	if (!path)
		return -ENOMEM;
	n = readlink(path, target, sizeof(target) - 1);
	free(path);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= size)
		return -ENAMETOOLONG;
	strcpy(buf, base);
	return 0;
}

char *sysfs_link_resolve(const char *dir, const char *link, int *err)
{
	char *path = sysfs_join(dir, link);
	char *real;

	if (!path) {
		if (err)
			*err = -ENOMEM;
		return NULL;
	}
	real = realpath(path, NULL);
	if (!real && err)
		*err = -errno;
	free(path);
	return real;
}

int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			const char *sa = a, *sb = b;
			size_t la, lb;

			while (*sa == '0' && sa[1] >= '0' && sa[1] <= '9')
				sa++;
			while (*sb == '0' && sb[1] >= '0' && sb[1] <= '9')
				sb++;
			for (a = sa; *a >= '0' && *a <= '9'; a++)
				;
			for (b = sb; *b >= '0' && *b <= '9'; b++)
				;
			la = (size_t)(a - sa);
			lb = (size_t)(b - sb);
			if (la != lb)
				return la < lb ? -1 : 1;
			int c = strncmp(sa, sb, la);
			if (c)
				return c;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static int cmp_names(const void *a, const void *b)
{
	return natural_cmp(*(char *const *)a, *(char *const *)b);
}

void sysfs_names_free(char **names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

int sysfs_list(const char *dir, const char *prefix, bool want_dir,
	       char ***ret_names, size_t *ret_count)
{
	size_t plen = prefix ? strlen(prefix) : 0;
	char **names = NULL;
	size_t count = 0, alloc = 0;
	struct dirent *de;
	DIR *d;
	int rc = 0;

	d = opendir(dir);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (plen && strncmp(de->d_name, prefix, plen) != 0)
			continue;
		if (want_dir && de->d_type != DT_DIR) {
			struct stat st;

			/* links (and file systems without d_type) are followed */
			if ((de->d_type != DT_LNK && de->d_type != DT_UNKNOWN) ||
			    fstatat(dirfd(d), de->d_name, &st, 0) < 0 || !S_ISDIR(st.st_mode))
				continue;
		}
		if (count == alloc) {
			size_t n = alloc ? alloc * 2 : 16;
			char **tmp = realloc(names, n * sizeof(*names));

			if (!tmp) {
				rc = -ENOMEM;
				break;
			}
			names = tmp;
			alloc = n;
		}
		names[count] = strdup(de->d_name);
		if (!names[count]) {
			rc = -ENOMEM;
			break;
		}
		count++;
	}
	closedir(d);
	if (rc < 0) {
		sysfs_names_free(names, count);
		return rc;
	}
	if (count)
		qsort(names, count, sizeof(*names), cmp_names);
	*ret_names = names;
	*ret_count = count;
	return 0;
}
