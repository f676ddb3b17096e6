// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Attribute helpers for the libndctl objects: typed reads of one sysfs
 * attribute with the device name in every error message, value lists
 * ("512 [4096]"), bad-block lists, driver binding, block device names,
 * device-name parsing, and the fields all namespace-like devices share.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "util/parse.h"

bool nd_quiet_errno(int rc)
{
	/* absent on this kernel, or unreadable in the device's current state */
	return rc == -ENOENT || rc == -ENXIO || rc == -EACCES || rc == -EPERM ||
	       rc == -ENODEV || rc == -EOPNOTSUPP || rc == -EBUSY;
}

static int report(struct ndctl_ctx *ctx, const char *dev, const char *attr, int rc)
{
	if (rc < 0 && !nd_quiet_errno(rc))
		nd_err(ctx, "%s: ignoring attribute %s: %s\n", dev, attr, strerror(-rc));
	return rc;
}

int nd_attr_u64(struct ndctl_ctx *ctx, const char *dir, const char *dev, const char *attr,
		unsigned long long *ret)
{
	uint64_t v;
	int rc = sysfs_read_u64(dir, attr, &v);

	if (rc < 0)
		return report(ctx, dev, attr, rc);
	/* ULLONG_MAX is the library's "unknown": never hand it out as a value */
	if (v == UINT64_MAX)
		return report(ctx, dev, attr, -ERANGE);
	*ret = v;
	return 0;
}

int nd_attr_int(struct ndctl_ctx *ctx, const char *dir, const char *dev, const char *attr,
		int *ret)
{
	return report(ctx, dev, attr, sysfs_read_int(dir, attr, ret));
}

int nd_attr_str(struct ndctl_ctx *ctx, const char *dir, const char *dev, const char *attr,
		char **ret)
{
	int rc = 0;
	char *s = sysfs_read_str(dir, attr, &rc);

	if (!s)
		return report(ctx, dev, attr, rc);
	/* one line is expected: ignore anything after the first */
	s[strcspn(s, "\n")] = '\0';
	*ret = s;
	return 0;
}

int nd_attr_uuid(struct ndctl_ctx *ctx, const char *dir, const char *dev, const char *attr,
		 uuid_t ret)
{
	char buf[64];
	int rc = sysfs_read(dir, attr, buf, sizeof(buf));

	if (rc < 0) {
		uuid_clear(ret);
		return report(ctx, dev, attr, rc);
	}
	if (buf[0] == '\0') {
		uuid_clear(ret);
		return 0;
	}
	if (uuid_parse(buf, ret) < 0) {
		uuid_clear(ret);
		return report(ctx, dev, attr, -EINVAL);
	}
	return 0;
}

int nd_attr_list(struct ndctl_ctx *ctx, const char *dir, const char *dev, const char *attr,
		 unsigned long long **ret_vals, int *ret_count, unsigned long long *ret_sel)
{
	char buf[SYSFS_ATTR_MAX];
	unsigned long long *vals = NULL, sel = 0;
	int n = 0, rc;
	char *tok, *save = NULL;

	rc = sysfs_read(dir, attr, buf, sizeof(buf));
	if (rc < 0)
		return report(ctx, dev, attr, rc);
	for (tok = strtok_r(buf, " \t\n", &save); tok; tok = strtok_r(NULL, " \t\n", &save)) {
		size_t len = strlen(tok);
		bool selected = false;
		uint64_t v;
		unsigned long long *tmp;

		if (tok[0] == '[') {
			if (len < 3 || tok[len - 1] != ']')
				goto bad;
			tok[len - 1] = '\0';
			tok++;
			selected = true;
		}
		if (parse_u64(tok, &v) < 0 || v == UINT64_MAX || n >= 64)
			goto bad;
		tmp = realloc(vals, (size_t)(n + 1) * sizeof(*vals));
		if (!tmp) {
			free(vals);
			return -ENOMEM;
		}
		vals = tmp;
		vals[n++] = v;
		if (selected)
			sel = v;
	}
	*ret_vals = vals;
	*ret_count = n;
	if (ret_sel)
		*ret_sel = sel;
	return 0;
bad:
	free(vals);
	return report(ctx, dev, attr, -EINVAL);
}

int nd_attr_badblocks(struct ndctl_ctx *ctx, const char *dir, const char *dev, const char *attr,
		      struct badblock **ret, int *ret_count)
{
	char buf[SYSFS_ATTR_MAX];
	struct badblock *bbs = NULL;
	char *line, *save = NULL;
	int n = 0, rc;

	*ret = NULL;
	*ret_count = 0;
	rc = sysfs_read(dir, attr, buf, sizeof(buf));
	if (rc < 0)
		return report(ctx, dev, attr, rc);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *sp = strchr(line, ' ');
		uint64_t off, len;
		struct badblock *tmp;

		if (!sp)
			goto bad;
		*sp = '\0';
		if (parse_u64(line, &off) < 0 || parse_u64(sp + 1, &len) < 0 || len == 0 ||
		    len > UINT_MAX || off > (UINT64_MAX >> 9))
			goto bad;
		tmp = realloc(bbs, (size_t)(n + 1) * sizeof(*bbs));
		if (!tmp) {
			free(bbs);
			return -ENOMEM;
		}
		bbs = tmp;
		bbs[n].offset = off;
		bbs[n].len = (unsigned int)len;
		n++;
	}
	*ret = bbs;
	*ret_count = n;
	return 0;
bad:
	free(bbs);
	return report(ctx, dev, attr, -EINVAL);
}

bool nd_dev_bound(const char *dir)
{
	char name[256];

	return sysfs_link_name(dir, "driver", name, sizeof(name)) == 0;
}

char *nd_blockdev(const char *dir)
{
	char *bdir = sysfs_join(dir, "block");
	char **names = NULL;
	size_t count = 0;
	char *ret = NULL;

	if (!bdir)
		return NULL;
	if (sysfs_list(bdir, NULL, true, &names, &count) == 0 && count > 0)
		ret = strdup(names[0]);
	if (names)
		sysfs_names_free(names, count);
	free(bdir);
	return ret;
}

static int scan_uint(const char **sp, unsigned int *ret)
{
	const char *s = *sp;
	unsigned long v = 0;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v >= UINT_MAX)
			return -ERANGE;
		s++;
	}
	*sp = s;
	*ret = (unsigned int)v;
	return 0;
}

int nd_name_id(const char *name, const char *prefix, unsigned int *ret)
{
	size_t plen = strlen(prefix);
	const char *s = name + plen;

	if (strncmp(name, prefix, plen) != 0 || scan_uint(&s, ret) < 0 || *s)
		return -EINVAL;
	return 0;
}

int nd_name_id2(const char *name, const char *prefix, unsigned int *ret_x, unsigned int *ret_y)
{
	size_t plen = strlen(prefix);
	const char *s = name + plen;

	if (strncmp(name, prefix, plen) != 0 || scan_uint(&s, ret_x) < 0 || *s != '.')
		return -EINVAL;
	s++;
	if (scan_uint(&s, ret_y) < 0 || *s)
		return -EINVAL;
	return 0;
}

int nd_dev_load(struct ndctl_ctx *ctx, struct nd_dev *d, const char *dir, const char *name,
		const char *prefix)
{
	unsigned int x;

	memset(d, 0, sizeof(*d));
	if (nd_name_id2(name, prefix, &x, &d->id) < 0) {
		nd_dbg(ctx, "%s: not a %sX.Y device name, skipped\n", name, prefix);
		return -EINVAL;
	}
	d->path = strdup(dir);
	d->devname = strdup(name);
	if (!d->path || !d->devname) {
		nd_dev_free(d);
		return -ENOMEM;
	}
	d->enabled = nd_dev_bound(dir);
	d->numa_node = -1;
	d->target_node = -1;
	if (nd_attr_int(ctx, dir, name, "numa_node", &d->numa_node) == 0)
		d->has_numa = true;
	else
		d->numa_node = -1;
	if (nd_attr_int(ctx, dir, name, "target_node", &d->target_node) < 0)
		d->target_node = -1;
	d->size = ND_U64_NONE;
	d->resource = ND_U64_NONE;
	if (nd_attr_u64(ctx, dir, name, "size", &d->size) < 0)
		d->size = ND_U64_NONE;
	if (nd_attr_u64(ctx, dir, name, "resource", &d->resource) < 0)
		d->resource = ND_U64_NONE;
	nd_attr_uuid(ctx, dir, name, "uuid", d->uuid);
	d->blockdev = nd_blockdev(dir);
	return 0;
}

void nd_dev_free(struct nd_dev *d)
{
	free(d->path);
	free(d->devname);
	free(d->blockdev);
	memset(d, 0, sizeof(*d));
}
