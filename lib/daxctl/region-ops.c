// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Changing a dynamic dax region: creating a device (region "create"),
 * deleting one (region "delete"), and sizing a device: "size", "align" and
 * "mapping" (one physical range at a time). Every function returns 0 or the
 * -errno of the sysfs write that failed, and leaves the object model showing
 * what the kernel shows afterwards.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

char *ctx_driver_dir(struct daxctl_ctx *ctx, const char *driver)
{
	char rel[96];

	snprintf(rel, sizeof(rel), "bus/dax/drivers/%s", driver);
	return sysfs_path(ctx->sysfs, rel);
}

static int refuse_captured(struct daxctl_ctx *ctx)
{
	if (sysfs_root_is_captured(ctx->sysfs)) {
		err(ctx, "%s is a captured tree, not the live sysfs: nothing can be changed\n",
		    sysfs_root_path(ctx->sysfs));
		return -EROFS;
	}
	return 0;
}

/* Load a device the kernel just created and add it to the region. */
static int region_adopt(struct daxctl_region *region, const char *devname,
			struct daxctl_dev **ret)
{
	struct daxctl_dev *dev = region_find_dev(region, devname);
	char *path;
	int rc;

	if (dev) {
		rc = dev_refresh(dev);
		*ret = dev;
		return rc;
	}
	path = sysfs_join(region->provider_path, devname);
	if (!path)
		return -ENOMEM;
	rc = dev_load(region, devname, path, &dev);
	free(path);
	if (rc < 0)
		return rc;
	rc = region_add_dev(region, dev);
	if (rc < 0) {
		dev_free(dev);
		return rc;
	}
	region_sort_devs(region);
	*ret = dev;
	return 0;
}

/*
 * A new zero-sized device. The kernel names it in "create" (the youngest
 * device) once created; the write itself is synchronous.
 */
DAXCTL_EXPORT int daxctl_region_create_dev(struct daxctl_region *region,
					   struct daxctl_dev **ret)
{
	struct daxctl_ctx *ctx = region->ctx;
	char name[64];
	int rid, did, rc;

	rc = refuse_captured(ctx);
	if (rc < 0)
		return rc;
	if (region->available_size == DAX_UNKNOWN) {
		err(ctx, "%s: static region (its device covers it): devices cannot be created\n",
		    region->devname);
		return -EOPNOTSUPP;
	}
	rc = sysfs_write(region->region_dir, "create", "1");
	if (rc < 0) {
		err(ctx, "%s/create: %s\n", region->region_dir, strerror(-rc));
		return rc;
	}
	rc = sysfs_read(region->region_dir, "create", name, sizeof(name));
	if (rc >= 0 && parse_dax_name(name, &rid, &did) < 0)
		rc = -EINVAL;
	if (rc < 0) {
		err(ctx, "%s/create: the kernel did not name the new device: %s\n",
		    region->region_dir, strerror(-rc));
		return rc;
	}
	rc = region_adopt(region, name, ret);
	if (rc == 0)
		rc = region_refresh(region);
	return rc;
}

/*
 * Remove a disabled, zero-sized device. Device 0 of a region can never be
 * deleted (the kernel keeps it so the dax bus stays populated): -EBUSY
 * without a write.
 */
DAXCTL_EXPORT int daxctl_region_destroy_dev(struct daxctl_region *region,
					    struct daxctl_dev *dev)
{
	struct daxctl_ctx *ctx = region->ctx;
	int rc;

	rc = refuse_captured(ctx);
	if (rc < 0)
		return rc;
	if (dev->id == 0) {
		err(ctx, "%s: the kernel keeps device 0 of every region; it can only be "
		    "shrunk to size 0\n", dev->devname);
		return -EBUSY;
	}
	rc = sysfs_write(region->region_dir, "delete", dev->devname);
	if (rc < 0) {
		err(ctx, "%s/delete %s: %s\n", region->region_dir, dev->devname, strerror(-rc));
		return rc;
	}
	/* the object stays (callers may hold it) but is marked gone */
	dev->size = 0;
	free(dev->driver);
	dev->driver = NULL;
	dev->deleted = true;
	return region_refresh(region);
}

static int dev_write(struct daxctl_dev *dev, const char *attr, const char *val)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	int rc, rc2;

	rc = refuse_captured(ctx);
	if (rc < 0)
		return rc;
	rc = sysfs_write(dev->path, attr, val);
	if (rc < 0)
		err(ctx, "%s/%s <- %s: %s\n", dev->path, attr, val, strerror(-rc));
	rc2 = dev_refresh(dev);
	if (rc2 == 0)
		rc2 = region_refresh(dev->region);
	return rc < 0 ? rc : rc2;
}

/* Grow (the kernel extends the last range, else takes the first free hole) or shrink. */
DAXCTL_EXPORT int daxctl_dev_set_size(struct daxctl_dev *dev, unsigned long long size)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%#llx", size);
	return dev_write(dev, "size", buf);
}

DAXCTL_EXPORT int daxctl_dev_set_align(struct daxctl_dev *dev, unsigned long align)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%#lx", align);
	return dev_write(dev, "align", buf);
}

/* Append the physical range [start, end] (inclusive) to a disabled device. */
DAXCTL_EXPORT int daxctl_dev_set_mapping(struct daxctl_dev *dev, unsigned long long start,
					 unsigned long long end)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%#llx-%#llx", start, end);
	return dev_write(dev, "mapping", buf);
}

/* 6.8+: put the memmap of the hot-added memory on that memory (kmem). */
DAXCTL_EXPORT int daxctl_dev_set_memmap_on_memory(struct daxctl_dev *dev, bool on)
{
	if (dev->memmap_on_memory == -ENOENT) {
		err(dev->region->ctx, "%s: this kernel has no memmap_on_memory attribute "
		    "(6.8 or later needed)\n", dev->devname);
		return -EOPNOTSUPP;
	}
	return dev_write(dev, "memmap_on_memory", on ? "1" : "0");
}

DAXCTL_EXPORT bool daxctl_dev_is_deleted(struct daxctl_dev *dev)
{
	return dev->deleted;
}
