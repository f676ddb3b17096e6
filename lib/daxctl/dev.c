// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Dax devices (bus/dax/devices/daxX.Y): dev, size, align, resource,
 * target_node, memmap_on_memory and the bound driver, read once at load.
 * The mode follows the driver: kmem means system-ram, anything else devdax.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "util/parse.h"

void dev_free(struct daxctl_dev *dev)
{
	if (!dev)
		return;
	dev_free_mappings(dev);
	memory_free(dev->memory);
	free(dev->devname);
	free(dev->path);
	free(dev->driver);
	free(dev);
}

static const char *why(int rc)
{
	return rc == -EINVAL ? "not a number" : rc == -ERANGE ? "out of range" : strerror(-rc);
}

/* "MAJOR:MINOR" */
static int parse_devt(const char *s, int *major, int *minor)
{
	const char *colon = strchr(s, ':');
	char buf[32];
	uint64_t ma, mi;

	if (!colon || colon == s || (size_t)(colon - s) >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, (size_t)(colon - s));
	buf[colon - s] = '\0';
	if (buf[0] == '0' && buf[1] == 'x')
		return -EINVAL;
	if (colon[1] == '0' && colon[2] == 'x')
		return -EINVAL;
	if (parse_u64(buf, &ma) < 0 || parse_u64(colon + 1, &mi) < 0)
		return -EINVAL;
	if (ma > 4095 || mi > 0xfffff)
		return -ERANGE;
	*major = (int)ma;
	*minor = (int)mi;
	return 0;
}

int dev_load(struct daxctl_region *region, const char *devname, const char *path,
	     struct daxctl_dev **ret)
{
	struct daxctl_ctx *ctx = region->ctx;
	struct daxctl_dev *dev;
	char buf[64];
	int rid, rc;
	int64_t v;

	*ret = NULL;
	dev = calloc(1, sizeof(*dev));
	if (!dev)
		return -ENOMEM;
	dev->region = region;
	dev->devname = strdup(devname);
	dev->path = strdup(path);
	if (!dev->devname || !dev->path) {
		rc = -ENOMEM;
		goto fail;
	}
	rc = parse_dax_name(devname, &rid, &dev->id);
	if (rc < 0) {
		err(ctx, "%s: not a dax device name; device skipped\n", path);
		goto fail;
	}

	rc = sysfs_read(path, "dev", buf, sizeof(buf));
	if (rc >= 0)
		rc = parse_devt(buf, &dev->major, &dev->minor);
	if (rc < 0) {
		err(ctx, "%s/dev: %s; device skipped\n", path,
		    rc == -EINVAL ? "not MAJOR:MINOR" : why(rc));
		goto fail;
	}

	rc = sysfs_read_u64(path, "size", &dev->size);
	if (rc == 0 && dev->size == DAX_UNKNOWN)
		rc = -ERANGE;
	if (rc < 0) {
		err(ctx, "%s/size: %s; device skipped\n", path, why(rc));
		goto fail;
	}

	rc = sysfs_read_u64(path, "align", &dev->align);
	if (rc == -ENOENT) {
		dev->align = 0;
	} else if (rc < 0) {
		err(ctx, "%s/align: %s; device skipped\n", path, why(rc));
		goto fail;
	}

	/* resource is root-only on some kernels: unknown, not an error */
	rc = sysfs_read_u64(path, "resource", &dev->resource);
	if (rc == -ENOENT || rc == -EACCES || rc == -EPERM) {
		dev->resource = DAX_UNKNOWN;
	} else if (rc < 0) {
		err(ctx, "%s/resource: %s; device skipped\n", path, why(rc));
		goto fail;
	}

	rc = sysfs_read_s64(path, "target_node", &v);
	if (rc == -ENOENT) {
		dev->target_node = -1;
	} else if (rc < 0 || v < INT_MIN || v > INT_MAX) {
		rc = rc < 0 ? rc : -ERANGE;
		err(ctx, "%s/target_node: %s; device skipped\n", path, why(rc));
		goto fail;
	} else {
		dev->target_node = (int)v;
	}

	rc = sysfs_read_s64(path, "memmap_on_memory", &v);
	if (rc == -ENOENT) {
		dev->memmap_on_memory = -ENOENT;
	} else if (rc < 0 || (v != 0 && v != 1)) {
		rc = rc < 0 ? rc : -ERANGE;
		err(ctx, "%s/memmap_on_memory: %s; device skipped\n", path, why(rc));
		goto fail;
	} else {
		dev->memmap_on_memory = (int)v;
	}

	rc = sysfs_link_name(path, "driver", buf, sizeof(buf));
	if (rc == 0) {
		dev->driver = strdup(buf);
		if (!dev->driver) {
			rc = -ENOMEM;
			goto fail;
		}
	} else if (rc != -ENOENT) {
		err(ctx, "%s/driver: %s; device skipped\n", path,
		    rc == -EINVAL ? "not a link" : strerror(-rc));
		goto fail;
	}
	*ret = dev;
	return 0;
fail:
	dev_free(dev);
	return rc;
}

DAXCTL_EXPORT struct daxctl_region *daxctl_dev_get_region(struct daxctl_dev *dev)
{
	return dev->region;
}

DAXCTL_EXPORT struct daxctl_ctx *daxctl_dev_get_ctx(struct daxctl_dev *dev)
{
	return dev->region->ctx;
}

DAXCTL_EXPORT int daxctl_dev_get_id(struct daxctl_dev *dev)
{
	return dev->id;
}

DAXCTL_EXPORT const char *daxctl_dev_get_devname(struct daxctl_dev *dev)
{
	return dev->devname;
}

DAXCTL_EXPORT const char *daxctl_dev_get_sysfs_path(struct daxctl_dev *dev)
{
	return dev->path;
}

DAXCTL_EXPORT int daxctl_dev_get_major(struct daxctl_dev *dev)
{
	return dev->major;
}

DAXCTL_EXPORT int daxctl_dev_get_minor(struct daxctl_dev *dev)
{
	return dev->minor;
}

DAXCTL_EXPORT unsigned long long daxctl_dev_get_resource(struct daxctl_dev *dev)
{
	if (dev->resource == DAX_UNKNOWN)
		errno = ENXIO;
	return dev->resource;
}

DAXCTL_EXPORT unsigned long long daxctl_dev_get_size(struct daxctl_dev *dev)
{
	return dev->size;
}

DAXCTL_EXPORT unsigned long daxctl_dev_get_align(struct daxctl_dev *dev)
{
	return dev->align > ULONG_MAX ? ULONG_MAX : (unsigned long)dev->align;
}

DAXCTL_EXPORT int daxctl_dev_get_target_node(struct daxctl_dev *dev)
{
	return dev->target_node;
}

DAXCTL_EXPORT int daxctl_dev_get_memmap_on_memory(struct daxctl_dev *dev)
{
	return dev->memmap_on_memory;
}

DAXCTL_EXPORT int daxctl_dev_is_enabled(struct daxctl_dev *dev)
{
	return dev->driver != NULL;
}

DAXCTL_EXPORT const char *daxctl_dev_get_driver(struct daxctl_dev *dev)
{
	return dev->driver;
}

DAXCTL_EXPORT enum daxctl_dev_mode daxctl_dev_get_mode(struct daxctl_dev *dev)
{
	if (dev->driver && strcmp(dev->driver, "kmem") == 0)
		return DAXCTL_DEV_MODE_RAM;
	return DAXCTL_DEV_MODE_DEVDAX;
}

/*
 * Read the device again after a write: a fresh load, whose attributes
 * replace the old ones in place so pointers held by callers stay valid.
 * Mappings and memory blocks are dropped and reload on next use.
 */
int dev_refresh(struct daxctl_dev *dev)
{
	struct daxctl_dev *fresh;
	int rc;

	rc = dev_load(dev->region, dev->devname, dev->path, &fresh);
	if (rc < 0)
		return rc;
	dev_free_mappings(dev);
	dev->mappings_loaded = false;
	dev->mappings_err = 0;
	memory_free(dev->memory);
	dev->memory = NULL;
	dev->memory_loaded = false;
	dev->memory_err = 0;
	free(dev->driver);
	dev->driver = fresh->driver;
	fresh->driver = NULL;
	dev->major = fresh->major;
	dev->minor = fresh->minor;
	dev->size = fresh->size;
	dev->resource = fresh->resource;
	dev->align = fresh->align;
	dev->target_node = fresh->target_node;
	dev->memmap_on_memory = fresh->memmap_on_memory;
	dev_free(fresh);
	return 0;
}
