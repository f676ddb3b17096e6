// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Namespace write paths: identity, capacity, logical block size, claim
 * class (holder_class), force_raw, delete, and reading, restoring or
 * wiping the info-block area (enable and disable are in bind.c). Each setter
 * writes one attribute only when the cached value differs, updates the
 * cache on success and returns the -errno of the failing write.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "private.h"

static int ns_write(struct ndctl_namespace *ndns, const char *attr, const char *val)
{
	int rc;

	/* a captured tree (fixtures, --sysfs-root) is never written */
	if (sysfs_root_is_captured(ndns->region->bus->ctx->sysfs))
		return -EROFS;
	rc = sysfs_write(ndns->d.path, attr, val);

	if (rc < 0)
		nd_dbg(ndns->region->bus->ctx, "%s: write %s=\"%s\": %s\n", ndns->d.devname,
		       attr, val, strerror(-rc));
	return rc;
}

NDCTL_EXPORT int ndctl_namespace_set_uuid(struct ndctl_namespace *ndns, uuid_t uu)
{
	char s[40];
	int rc;

	if (uuid_compare(uu, ndns->d.uuid) == 0 && !uuid_is_null(uu))
		return 0;
	uuid_unparse(uu, s);
	rc = ns_write(ndns, "uuid", s);
	if (rc == 0)
		uuid_copy(ndns->d.uuid, uu);
	return rc;
}

NDCTL_EXPORT int ndctl_namespace_set_alt_name(struct ndctl_namespace *ndns, const char *name)
{
	char *dup;
	int rc;

	if (!name)
		name = "";
	if (strlen(name) >= 64)
		return -ENAMETOOLONG;
	if (strcmp(ndctl_namespace_get_alt_name(ndns), name) == 0)
		return 0;
	dup = strdup(name);
	if (!dup)
		return -ENOMEM;
	rc = ns_write(ndns, "alt_name", name);
	if (rc < 0) {
		free(dup);
		return rc;
	}
	free(ndns->alt_name);
	ndns->alt_name = dup;
	return 0;
}

NDCTL_EXPORT int ndctl_namespace_set_size(struct ndctl_namespace *ndns, unsigned long long size)
{
	char s[32];
	int rc;

	if (ndns->d.size == size)
		return 0;
	snprintf(s, sizeof(s), "%#llx", size);
	rc = ns_write(ndns, "size", s);
	if (rc == 0) {
		ndns->d.size = size;
		/* the kernel forgets the identity of a namespace without capacity */
		if (size == 0)
			uuid_clear(ndns->d.uuid);
		nd_attr_u64(ndns->region->bus->ctx, ndns->d.path, ndns->d.devname, "resource",
			    &ndns->d.resource);
	}
	return rc;
}

NDCTL_EXPORT int ndctl_namespace_set_sector_size(struct ndctl_namespace *ndns,
						 unsigned int sector_size)
{
	char buf[16];
	int rc;

	if (ndns->sector_size == sector_size)
		return 0;
	if (ndns->sector_size == UINT_MAX)
		return -EOPNOTSUPP;
	snprintf(buf, sizeof(buf), "%u", sector_size);
	rc = ns_write(ndns, "sector_size", buf);
	if (rc == 0)
		ndns->sector_size = sector_size;
	return rc;
}

static const char *claim_class_name(enum ndctl_namespace_mode mode)
{
	switch (mode) {
	case NDCTL_NS_MODE_FSDAX:
		return "pfn";
	case NDCTL_NS_MODE_DEVDAX:
		return "dax";
	case NDCTL_NS_MODE_SECTOR:
		return "btt";
	default:
		return "";
	}
}

/* holder_class, read on first use (not needed by listings) */
static int holder_class(struct ndctl_namespace *ndns, char *buf, size_t len)
{
	int rc = sysfs_read(ndns->d.path, "holder_class", buf, len);

	if (rc < 0)
		buf[0] = '\0';
	return rc;
}

/*
 * The claim class the namespace accepts ("pfn", "dax", "btt", or "" for any
 * but a BTT of the label version's format). On a label-less NFIT namespace it
 * picks the BTT format (2.0 there); legacy (e820) namespaces have none.
 */
NDCTL_EXPORT int ndctl_namespace_set_enforce_mode(struct ndctl_namespace *ndns,
						  enum ndctl_namespace_mode mode)
{
	const char *want = claim_class_name(mode);
	char cur[32];
	int rc;

	/* legacy pmem (no DIMMs) has no claim class: the kernel answers ENXIO */
	if (ndns->type == ND_DEVICE_NAMESPACE_IO && ndns->region->num_mappings == 0)
		return 0;
	holder_class(ndns, cur, sizeof(cur));
	/* the kernel shows btt2 as "btt" too */
	if (strcmp(cur, want) == 0)
		return 0;
	/* an empty write never reaches the kernel: "\n" clears the class */
	rc = ns_write(ndns, "holder_class", *want ? want : "\n");
	/*
	 * Label-less NFIT: the kernel takes the class, then fails to write a
	 * label for it (ENXIO). What it shows afterwards is what counts.
	 */
	if (rc == -ENXIO && ndns->type == ND_DEVICE_NAMESPACE_IO) {
		holder_class(ndns, cur, sizeof(cur));
		if (strcmp(cur, want) == 0)
			rc = 0;
	}
	return rc;
}

NDCTL_EXPORT enum ndctl_namespace_mode ndctl_namespace_get_enforce_mode(struct ndctl_namespace *ndns)
{
	char cur[32];

	holder_class(ndns, cur, sizeof(cur));
	if (strcmp(cur, "pfn") == 0)
		return NDCTL_NS_MODE_FSDAX;
	if (strcmp(cur, "dax") == 0)
		return NDCTL_NS_MODE_DEVDAX;
	if (strcmp(cur, "btt") == 0)
		return NDCTL_NS_MODE_SECTOR;
	return NDCTL_NS_MODE_RAW;
}

NDCTL_EXPORT int ndctl_namespace_set_raw_mode(struct ndctl_namespace *ndns, int raw)
{
	int rc;

	raw = !!raw;
	if (ndns->force_raw == raw)
		return 0;
	rc = ns_write(ndns, "force_raw", raw ? "1" : "0");
	if (rc == 0)
		ndns->force_raw = raw;
	return rc;
}

/*
 * Delete: release the capacity (size 0). The namespace must be disabled
 * and unclaimed; a labeled region then drops its label and, unless it is
 * the seed or the region's first namespace, the device itself.
 */
NDCTL_EXPORT int ndctl_namespace_delete(struct ndctl_namespace *ndns)
{
	if (ndns->type == ND_DEVICE_NAMESPACE_IO)
		return -EOPNOTSUPP;
	if (ndns->d.enabled)
		return -EBUSY;
	return ndctl_namespace_set_size(ndns, 0);
}

/*
 * The first len bytes of the raw namespace (where info blocks live), read
 * or written (then fsync'ed) through its block device: the namespace must
 * be enabled raw (force_raw) with a block device. O_EXCL: nobody else has
 * it open; O_DIRECT through a page-aligned bounce buffer.
 */
static int info_io(struct ndctl_namespace *ndns, void *data, size_t len, bool write)
{
	char *path;
	void *buf;
	ssize_t n;
	int fd, rc = 0;

	if (!ndns->d.blockdev)
		ndns->d.blockdev = nd_blockdev(ndns->d.path);
	if (!ndns->d.blockdev)
		return -ENXIO;
	if (sysfs_root_is_captured(ndns->region->bus->ctx->sysfs))
		return -EROFS;
	if (len == 0 || len % 4096)
		return -EINVAL;
	path = nd_devnode(ndns->d.blockdev);
	if (!path)
		return -ENOMEM;
	fd = open(path, (write ? O_RDWR : O_RDONLY) | O_EXCL | O_DIRECT | O_CLOEXEC);
	rc = fd < 0 ? -errno : 0;
	free(path);
	if (fd < 0)
		return rc;
	if (posix_memalign(&buf, 4096, len)) {
		close(fd);
		return -ENOMEM;
	}
	errno = 0;
	if (write) {
		memcpy(buf, data, len);
		n = pwrite(fd, buf, len, 0);
	} else {
		n = pread(fd, buf, len, 0);
	}
	if (n != (ssize_t)len)
		rc = errno ? -errno : -EIO;
	if (rc == 0 && write && fsync(fd) < 0)
		rc = -errno;
	if (rc == 0 && !write)
		memcpy(data, buf, len);
	free(buf);
	close(fd);
	return rc;
}

NDCTL_EXPORT int ndctl_namespace_read_info(struct ndctl_namespace *ndns, void *buf, size_t len)
{
	return info_io(ndns, buf, len, false);
}

NDCTL_EXPORT int ndctl_namespace_write_info(struct ndctl_namespace *ndns, const void *buf,
					    size_t len)
{
	return info_io(ndns, (void *)buf, len, true);
}

/* zero the first len bytes: a stale info block the kernel would find again */
NDCTL_EXPORT int ndctl_namespace_wipe_info(struct ndctl_namespace *ndns, size_t len)
{
	void *zero = calloc(1, len ? len : 1);
	int rc;

	if (!zero)
		return -ENOMEM;
	rc = info_io(ndns, zero, len, true);
	free(zero);
	return rc;
}
