// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Claim device write paths (pfnX.Y, daxX.Y, bttX.Y on the nd bus): identity,
 * map location, alignment, sector size, the claimed namespace, and enable.
 * Setters write only what differs from the cached value and return the
 * -errno of the failing write. A dax claim shares the pfn code.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

static int dev_write(struct ndctl_region *region, struct nd_dev *d, const char *attr,
		     const char *val)
{
	int rc;

	/* a captured tree (fixtures, --sysfs-root) is never written */
	if (sysfs_root_is_captured(region->bus->ctx->sysfs))
		return -EROFS;
	rc = sysfs_write(d->path, attr, val);

	if (rc < 0)
		nd_dbg(region->bus->ctx, "%s: write %s=\"%s\": %s\n", d->devname, attr, val,
		       strerror(-rc));
	return rc;
}

static int set_uuid(struct ndctl_region *region, struct nd_dev *d, uuid_t uu)
{
	char s[40];
	int rc;

	if (!uuid_is_null(uu) && uuid_compare(uu, d->uuid) == 0)
		return 0;
	uuid_unparse(uu, s);
	rc = dev_write(region, d, "uuid", s);
	if (rc == 0)
		uuid_copy(d->uuid, uu);
	return rc;
}

/* claim (or, with ndns NULL, release) a namespace */
static int set_namespace(struct ndctl_region *region, struct nd_dev *d, char **ns_name,
			 struct ndctl_namespace *ndns)
{
	const char *want = ndns ? ndns->d.devname : "";
	char *dup = NULL;
	int rc;

	if (strcmp(*ns_name ? *ns_name : "", want) == 0)
		return 0;
	if (ndns && !(dup = strdup(want)))
		return -ENOMEM;
	/* "\n" rather than "": the kernel rejects an empty write */
	rc = dev_write(region, d, "namespace", ndns ? want : "\n");
	if (rc < 0) {
		free(dup);
		return rc;
	}
	free(*ns_name);
	*ns_name = dup;
	return 0;
}

static int dev_enable(struct ndctl_region *region, struct nd_dev *d, const char *driver)
{
	int rc;

	if (d->enabled)
		return 0;
	rc = nd_bind(region->bus->ctx, d->path, d->devname, driver);
	if (rc < 0) {
		nd_dbg(region->bus->ctx, "%s: bind to %s: %s\n", d->devname, driver,
		       strerror(-rc));
		return rc;
	}
	d->enabled = true;
	free(d->blockdev);
	d->blockdev = nd_blockdev(d->path);
	nd_attr_u64(region->bus->ctx, d->path, d->devname, "size", &d->size);
	nd_attr_u64(region->bus->ctx, d->path, d->devname, "resource", &d->resource);
	return 0;
}

/* unbind one claim device, no re-read of the region (cheap, for write sequences) */
static int dev_disable(struct ndctl_region *region, struct nd_dev *d)
{
	int rc = nd_unbind(region->bus->ctx, d->path, d->devname);

	if (rc == 0) {
		d->enabled = false;
		free(d->blockdev);
		d->blockdev = NULL;
	}
	return rc;
}

/* pfn */
NDCTL_EXPORT int ndctl_pfn_set_uuid(struct ndctl_pfn *pfn, uuid_t uu)
{
	return set_uuid(pfn->region, &pfn->d, uu);
}

NDCTL_EXPORT int ndctl_pfn_set_location(struct ndctl_pfn *pfn, enum ndctl_pfn_loc loc)
{
	const char *s = loc == NDCTL_PFN_LOC_RAM ? "ram" : loc == NDCTL_PFN_LOC_PMEM ? "pmem" : NULL;
	int rc;

	if (!s)
		return -EINVAL;
	if (pfn->loc == loc)
		return 0;
	rc = dev_write(pfn->region, &pfn->d, "mode", s);
	if (rc == 0)
		pfn->loc = loc;
	return rc;
}

NDCTL_EXPORT int ndctl_pfn_set_align(struct ndctl_pfn *pfn, unsigned long align)
{
	char buf[32];
	int rc;

	if (pfn->align == align)
		return 0;
	snprintf(buf, sizeof(buf), "%lu", align);
	rc = dev_write(pfn->region, &pfn->d, "align", buf);
	if (rc == 0)
		pfn->align = align;
	return rc;
}

NDCTL_EXPORT int ndctl_pfn_set_namespace(struct ndctl_pfn *pfn, struct ndctl_namespace *ndns)
{
	return set_namespace(pfn->region, &pfn->d, &pfn->ns_name, ndns);
}

NDCTL_EXPORT int ndctl_pfn_enable(struct ndctl_pfn *pfn)
{
	return dev_enable(pfn->region, &pfn->d, "nd_pmem");
}

NDCTL_EXPORT int ndctl_pfn_disable(struct ndctl_pfn *pfn)
{
	return dev_disable(pfn->region, &pfn->d);
}

/* dax */
NDCTL_EXPORT int ndctl_dax_set_uuid(struct ndctl_dax *dax, uuid_t uu)
{
	return ndctl_pfn_set_uuid(&dax->pfn, uu);
}

NDCTL_EXPORT int ndctl_dax_set_location(struct ndctl_dax *dax, enum ndctl_pfn_loc loc)
{
	return ndctl_pfn_set_location(&dax->pfn, loc);
}

NDCTL_EXPORT int ndctl_dax_set_align(struct ndctl_dax *dax, unsigned long align)
{
	return ndctl_pfn_set_align(&dax->pfn, align);
}

NDCTL_EXPORT int ndctl_dax_set_namespace(struct ndctl_dax *dax, struct ndctl_namespace *ndns)
{
	return ndctl_pfn_set_namespace(&dax->pfn, ndns);
}

NDCTL_EXPORT int ndctl_dax_enable(struct ndctl_dax *dax)
{
	return dev_enable(dax->pfn.region, &dax->pfn.d, "dax_pmem");
}

NDCTL_EXPORT int ndctl_dax_disable(struct ndctl_dax *dax)
{
	return dev_disable(dax->pfn.region, &dax->pfn.d);
}

/* btt */
NDCTL_EXPORT int ndctl_btt_set_uuid(struct ndctl_btt *btt, uuid_t uu)
{
	return set_uuid(btt->region, &btt->d, uu);
}

NDCTL_EXPORT int ndctl_btt_set_sector_size(struct ndctl_btt *btt, unsigned int sector_size)
{
	char buf[16];
	int rc;

	if (btt->sector_size == sector_size)
		return 0;
	snprintf(buf, sizeof(buf), "%u", sector_size);
	rc = dev_write(btt->region, &btt->d, "sector_size", buf);
	if (rc == 0)
		btt->sector_size = sector_size;
	return rc;
}

NDCTL_EXPORT int ndctl_btt_set_namespace(struct ndctl_btt *btt, struct ndctl_namespace *ndns)
{
	return set_namespace(btt->region, &btt->d, &btt->ns_name, ndns);
}

NDCTL_EXPORT int ndctl_btt_enable(struct ndctl_btt *btt)
{
	return dev_enable(btt->region, &btt->d, "nd_pmem");
}

NDCTL_EXPORT int ndctl_btt_disable(struct ndctl_btt *btt)
{
	return dev_disable(btt->region, &btt->d);
}

NDCTL_EXPORT int ndctl_region_refresh(struct ndctl_region *region)
{
	return nd_region_refresh(region);
}
