// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Driver binding on the nd bus and the enable/disable operations built on
 * it: regions (nd_region), DIMMs (nvdimm), namespaces and their claim
 * devices (nd_pmem, dax_pmem). A device is bound to the one driver that
 * handles its kind, by writing its name to bus/nd/drivers/DRIVER/bind; the
 * kernel probes synchronously inside that write, and the device's "driver"
 * link says whether the probe took it. Children a region registers while
 * it probes are added asynchronously: the bus's wait_probe attribute
 * flushes that before the objects are re-read (refresh.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

#define ND_DEVNODE_DIR "/dev"

char *nd_devnode(const char *name)
{
	return sysfs_join(ND_DEVNODE_DIR, name);
}

static int driver_of(const char *dir, char *buf, size_t size)
{
	return sysfs_link_name(dir, "driver", buf, size);
}

static char *driver_dir(struct ndctl_ctx *ctx, const char *driver)
{
	char *drivers = sysfs_path(ctx->sysfs, "bus/nd/drivers");
	char *dir = drivers ? sysfs_join(drivers, driver) : NULL;

	free(drivers);
	return dir;
}

int nd_bind(struct ndctl_ctx *ctx, const char *dir, const char *devname, const char *driver)
{
	char cur[128];
	char *ddir;
	int rc;

	if (driver_of(dir, cur, sizeof(cur)) == 0) {
		if (strcmp(cur, driver) == 0)
			return 0;
		nd_err(ctx, "%s: bound to %s, not %s\n", devname, cur, driver);
		return -EBUSY;
	}
	if (sysfs_root_is_captured(ctx->sysfs))
		return -EROFS;
	ddir = driver_dir(ctx, driver);
	if (!ddir)
		return -ENOMEM;
	rc = sysfs_write(ddir, "bind", devname);
	free(ddir);
	if (driver_of(dir, cur, sizeof(cur)) == 0 && strcmp(cur, driver) == 0)
		return 0;
	if (rc == 0)
		rc = -ENXIO;	/* the write was taken but the probe failed */
	nd_dbg(ctx, "%s: bind to %s: %s\n", devname, driver, strerror(-rc));
	return rc;
}

int nd_unbind(struct ndctl_ctx *ctx, const char *dir, const char *devname)
{
	char cur[128];
	char *ddir;
	int rc;

	if (driver_of(dir, cur, sizeof(cur)) < 0)
		return 0;
	if (sysfs_root_is_captured(ctx->sysfs))
		return -EROFS;
	ddir = driver_dir(ctx, cur);
	if (!ddir)
		return -ENOMEM;
	rc = sysfs_write(ddir, "unbind", devname);
	free(ddir);
	if (driver_of(dir, cur, sizeof(cur)) < 0)
		return 0;
	if (rc == 0)
		rc = -EBUSY;
	nd_dbg(ctx, "%s: unbind: %s\n", devname, strerror(-rc));
	return rc;
}

/* flush the bus's asynchronous device registration and probing */
static void bus_flush(struct ndctl_bus *bus)
{
	char buf[64];

	sysfs_read(bus->path, "wait_probe", buf, sizeof(buf));
}

static const char *ns_driver(struct ndctl_namespace *ndns)
{
	return ndns->type == ND_DEVICE_NAMESPACE_BLK ? "nd_blk" : "nd_pmem";
}

/* unbind the claim devices and namespaces of a region (no busy check) */
static int region_unbind_children(struct ndctl_region *region)
{
	struct ndctl_ctx *ctx = region->bus->ctx;
	struct ndctl_namespace *ndns;
	struct ndctl_btt *btt;
	struct ndctl_pfn *pfn;
	struct ndctl_dax *dax;
	int rc;

	ndctl_dax_foreach(region, dax)
		if ((rc = nd_unbind(ctx, dax->pfn.d.path, dax->pfn.d.devname)) < 0)
			return rc;
	ndctl_pfn_foreach(region, pfn)
		if ((rc = nd_unbind(ctx, pfn->d.path, pfn->d.devname)) < 0)
			return rc;
	ndctl_btt_foreach(region, btt)
		if ((rc = nd_unbind(ctx, btt->d.path, btt->d.devname)) < 0)
			return rc;
	ndctl_namespace_foreach(region, ndns)
		if ((rc = nd_unbind(ctx, ndns->d.path, ndns->d.devname)) < 0)
			return rc;
	return 0;
}

NDCTL_EXPORT int ndctl_region_enable(struct ndctl_region *region)
{
	int rc = nd_bind(region->bus->ctx, region->path, region->devname, "nd_region");

	bus_flush(region->bus);
	nd_region_refresh(region);
	return rc;
}

static int region_disable(struct ndctl_region *region, bool preserve)
{
	struct ndctl_ctx *ctx = region->bus->ctx;
	char why[256];
	int rc;

	if (!nd_dev_bound(region->path)) {
		if (!preserve)
			nd_region_refresh(region);
		return 0;
	}
	rc = ndctl_region_check_busy(region, why, sizeof(why));
	if (rc < 0) {
		nd_dbg(ctx, "%s: %s\n", region->devname, why);
		return rc;
	}
	rc = region_unbind_children(region);
	if (rc == 0)
		rc = nd_unbind(ctx, region->path, region->devname);
	if (preserve) {
		/* keep the (now stale) children listed until the next enable */
		struct ndctl_namespace *ns = region->namespaces;
		struct ndctl_btt *btt = region->btts;
		struct ndctl_pfn *pfn = region->pfns;
		struct ndctl_dax *dax = region->daxs;
		bool loaded = region->children_loaded;

		region->children_loaded = false;
		nd_region_refresh(region);
		region->namespaces = ns;
		region->btts = btt;
		region->pfns = pfn;
		region->daxs = dax;
		region->children_loaded = loaded;
	} else {
		nd_region_refresh(region);
	}
	return rc;
}

NDCTL_EXPORT int ndctl_region_disable_invalidate(struct ndctl_region *region)
{
	return region_disable(region, false);
}

NDCTL_EXPORT int ndctl_region_disable_preserve(struct ndctl_region *region)
{
	return region_disable(region, true);
}

/* regions whose state derives from this DIMM's (labels, nstype) */
static void dimm_refresh_regions(struct ndctl_dimm *dimm)
{
	struct ndctl_region *region;
	struct ndctl_mapping *m;

	if (!dimm->bus->regions_loaded)
		return;
	for (region = dimm->bus->regions; region; region = region->next)
		for (m = region->mappings; m; m = m->next)
			if (m->dimm == dimm) {
				nd_region_refresh(region);
				break;
			}
}

NDCTL_EXPORT int ndctl_dimm_enable(struct ndctl_dimm *dimm)
{
	int rc = nd_bind(dimm->bus->ctx, dimm->path, dimm->devname, "nvdimm");

	nd_dimm_refresh(dimm);
	dimm_refresh_regions(dimm);
	return rc;
}

NDCTL_EXPORT int ndctl_dimm_disable(struct ndctl_dimm *dimm)
{
	int rc;

	if (ndctl_dimm_is_active(dimm)) {
		nd_dbg(dimm->bus->ctx, "%s: an enabled region maps it\n", dimm->devname);
		return -EBUSY;
	}
	rc = nd_unbind(dimm->bus->ctx, dimm->path, dimm->devname);
	nd_dimm_refresh(dimm);
	dimm_refresh_regions(dimm);
	return rc;
}

/*
 * Bind the namespace to its driver. A namespace holding a btt/pfn/dax info
 * block is not taken by the driver itself: the kernel hands it to a claim
 * device it creates, so success is "active", itself or through a claim.
 */
NDCTL_EXPORT int ndctl_namespace_enable(struct ndctl_namespace *ndns)
{
	struct ndctl_region *region = ndns->region;
	int rc = nd_bind(region->bus->ctx, ndns->d.path, ndns->d.devname, ns_driver(ndns));

	bus_flush(region->bus);
	nd_region_refresh(region);
	if (ndctl_namespace_is_active(ndns))
		return 0;
	return rc < 0 ? rc : -ENXIO;
}

/* Unbind the namespace and the claim device holding it; no busy check. */
NDCTL_EXPORT int ndctl_namespace_disable(struct ndctl_namespace *ndns)
{
	struct ndctl_ctx *ctx = ndns->region->bus->ctx;
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	int rc = 0;

	if (dax)
		rc = nd_unbind(ctx, dax->pfn.d.path, dax->pfn.d.devname);
	if (rc == 0 && pfn)
		rc = nd_unbind(ctx, pfn->d.path, pfn->d.devname);
	if (rc == 0 && btt)
		rc = nd_unbind(ctx, btt->d.path, btt->d.devname);
	if (rc == 0)
		rc = nd_unbind(ctx, ndns->d.path, ndns->d.devname);
	nd_region_refresh(ndns->region);
	return rc;
}

/* ndctl_namespace_disable() unless the namespace is in use (-EBUSY) */
NDCTL_EXPORT int ndctl_namespace_disable_safe(struct ndctl_namespace *ndns)
{
	char why[256];
	int rc = ndctl_namespace_check_busy(ndns, why, sizeof(why));

	if (rc < 0) {
		nd_dbg(ndns->region->bus->ctx, "%s: %s\n", ndns->d.devname, why);
		return rc;
	}
	return ndctl_namespace_disable(ndns);
}
