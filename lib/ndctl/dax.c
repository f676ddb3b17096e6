// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * dax claim devices (daxX.Y on the nd bus): devdax personality of a
 * namespace. When enabled, the claim's directory holds the device-dax
 * region (dax_region/) and its instances (daxX.Y children on the dax bus);
 * those are read here, on first use, for `ndctl list -X`.
 */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "private.h"

static void daxdev_free(struct ndctl_daxdev *dev)
{
	free(dev->path);
	free(dev->devname);
	free(dev->driver);
	free(dev);
}

void nd_dax_free(struct ndctl_dax *dax)
{
	struct ndctl_daxdev *dev, *next;

	for (dev = dax->devs; dev; dev = next) {
		next = dev->next;
		daxdev_free(dev);
	}
	nd_pfn_fini(&dax->pfn);
	free(dax);
}

struct ndctl_dax *nd_dax_load(struct ndctl_region *region, const char *name)
{
	struct ndctl_dax *dax = calloc(1, sizeof(*dax));

	if (!dax)
		return NULL;
	if (nd_pfn_init(region, &dax->pfn, name, "dax") < 0) {
		nd_dax_free(dax);
		return NULL;
	}
	dax->daxregion_id = -1;
	return dax;
}

static struct ndctl_daxdev *daxdev_load(struct ndctl_dax *dax, const char *name)
{
	struct ndctl_ctx *ctx = dax->pfn.region->bus->ctx;
	struct ndctl_daxdev *dev = calloc(1, sizeof(*dev));
	unsigned long long v;
	char drv[256];

	if (!dev)
		return NULL;
	dev->dax = dax;
	dev->devname = strdup(name);
	dev->path = sysfs_join(dax->pfn.d.path, name);
	if (!dev->devname || !dev->path)
		goto fail;
	if (nd_attr_u64(ctx, dev->path, name, "size", &dev->size) < 0) {
		nd_err(ctx, "%s: device-dax instance without a readable size; skipped\n", name);
		goto fail;
	}
	if (nd_attr_u64(ctx, dev->path, name, "align", &v) == 0 && v <= ULONG_MAX)
		dev->align = (unsigned long)v;
	if (nd_attr_int(ctx, dev->path, name, "target_node", &dev->target_node) < 0)
		dev->target_node = -1;
	if (nd_attr_int(ctx, dev->path, name, "numa_node", &dev->numa_node) < 0)
		dev->numa_node = -1;
	if (sysfs_link_name(dev->path, "driver", drv, sizeof(drv)) == 0)
		dev->driver = strdup(drv);
	return dev;
fail:
	daxdev_free(dev);
	return NULL;
}

static void daxregion_load(struct ndctl_dax *dax)
{
	struct ndctl_ctx *ctx = dax->pfn.region->bus->ctx;
	struct ndctl_daxdev **tail = &dax->devs;
	char **names = NULL;
	size_t count = 0;
	unsigned long long v;
	char label[128];
	char *rdir;
	int id;

	dax->daxregion_loaded = true;
	rdir = sysfs_join(dax->pfn.d.path, "dax_region");
	if (!rdir)
		return;
	snprintf(label, sizeof(label), "%s/dax_region", dax->pfn.d.devname);
	if (nd_attr_int(ctx, rdir, label, "id", &id) < 0 || id < 0) {
		free(rdir);
		return;
	}
	dax->daxregion_id = id;
	dax->daxregion_size = dax->daxregion_available = ND_U64_NONE;
	if (nd_attr_u64(ctx, rdir, label, "size", &v) == 0)
		dax->daxregion_size = v;
	if (nd_attr_u64(ctx, rdir, label, "available_size", &v) == 0)
		dax->daxregion_available = v;
	if (nd_attr_u64(ctx, rdir, label, "align", &v) == 0 && v <= ULONG_MAX)
		dax->daxregion_align = (unsigned long)v;
	free(rdir);

	if (sysfs_list(dax->pfn.d.path, "dax", true, &names, &count) < 0)
		return;
	for (size_t i = 0; i < count; i++) {
		unsigned int x, y;
		struct ndctl_daxdev *dev;

		/* dax_region is a directory too: only daxX.Y names */
		if (nd_name_id2(names[i], "dax", &x, &y) < 0)
			continue;
		dev = daxdev_load(dax, names[i]);
		if (!dev)
			continue;
		*tail = dev;
		tail = &dev->next;
	}
	sysfs_names_free(names, count);
}

NDCTL_EXPORT struct ndctl_dax *ndctl_dax_get_first(struct ndctl_region *region)
{
	if (!region->children_loaded)
		nd_region_load_children(region);
	return region->daxs;
}

NDCTL_EXPORT struct ndctl_dax *ndctl_dax_get_next(struct ndctl_dax *dax)
{
	return dax->next;
}

NDCTL_EXPORT struct ndctl_pfn *ndctl_dax_get_pfn(struct ndctl_dax *dax)
{
	return &dax->pfn;
}

NDCTL_EXPORT struct ndctl_region *ndctl_dax_get_region(struct ndctl_dax *dax)
{
	return dax->pfn.region;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_dax_get_bus(struct ndctl_dax *dax)
{
	return dax->pfn.region->bus;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_dax_get_ctx(struct ndctl_dax *dax)
{
	return dax->pfn.region->bus->ctx;
}

NDCTL_EXPORT unsigned int ndctl_dax_get_id(struct ndctl_dax *dax)
{
	return dax->pfn.d.id;
}

NDCTL_EXPORT const char *ndctl_dax_get_devname(struct ndctl_dax *dax)
{
	return dax->pfn.d.devname;
}

NDCTL_EXPORT struct ndctl_namespace *ndctl_dax_get_namespace(struct ndctl_dax *dax)
{
	return ndctl_pfn_get_namespace(&dax->pfn);
}

NDCTL_EXPORT void ndctl_dax_get_uuid(struct ndctl_dax *dax, uuid_t uu)
{
	uuid_copy(uu, dax->pfn.d.uuid);
}

NDCTL_EXPORT enum ndctl_pfn_loc ndctl_dax_get_location(struct ndctl_dax *dax)
{
	return dax->pfn.loc;
}

NDCTL_EXPORT unsigned long ndctl_dax_get_align(struct ndctl_dax *dax)
{
	return dax->pfn.align;
}

NDCTL_EXPORT int ndctl_dax_has_align(struct ndctl_dax *dax)
{
	return dax->pfn.align != 0;
}

NDCTL_EXPORT int ndctl_dax_get_num_alignments(struct ndctl_dax *dax)
{
	return dax->pfn.num_alignments;
}

NDCTL_EXPORT unsigned long ndctl_dax_get_supported_alignment(struct ndctl_dax *dax, int i)
{
	return ndctl_pfn_get_supported_alignment(&dax->pfn, i);
}

NDCTL_EXPORT unsigned long long ndctl_dax_get_size(struct ndctl_dax *dax)
{
	return dax->pfn.d.size;
}

NDCTL_EXPORT unsigned long long ndctl_dax_get_resource(struct ndctl_dax *dax)
{
	return dax->pfn.d.resource;
}

NDCTL_EXPORT int ndctl_dax_is_enabled(struct ndctl_dax *dax)
{
	return dax->pfn.d.enabled;
}

NDCTL_EXPORT int ndctl_dax_is_configured(struct ndctl_dax *dax)
{
	return dax->pfn.ns_name != NULL;
}

NDCTL_EXPORT int ndctl_dax_get_daxregion_id(struct ndctl_dax *dax)
{
	if (!dax->daxregion_loaded)
		daxregion_load(dax);
	return dax->daxregion_id < 0 ? -ENXIO : dax->daxregion_id;
}

NDCTL_EXPORT unsigned long long ndctl_dax_get_daxregion_size(struct ndctl_dax *dax)
{
	if (ndctl_dax_get_daxregion_id(dax) < 0)
		return ND_U64_NONE;
	return dax->daxregion_size;
}

NDCTL_EXPORT unsigned long long ndctl_dax_get_daxregion_available_size(struct ndctl_dax *dax)
{
	if (ndctl_dax_get_daxregion_id(dax) < 0)
		return ND_U64_NONE;
	return dax->daxregion_available;
}

NDCTL_EXPORT unsigned long ndctl_dax_get_daxregion_align(struct ndctl_dax *dax)
{
	if (ndctl_dax_get_daxregion_id(dax) < 0)
		return 0;
	return dax->daxregion_align;
}

NDCTL_EXPORT struct ndctl_daxdev *ndctl_daxdev_get_first(struct ndctl_dax *dax)
{
	if (ndctl_dax_get_daxregion_id(dax) < 0)
		return NULL;
	return dax->devs;
}

NDCTL_EXPORT struct ndctl_daxdev *ndctl_daxdev_get_next(struct ndctl_daxdev *dev)
{
	return dev->next;
}

NDCTL_EXPORT const char *ndctl_daxdev_get_devname(struct ndctl_daxdev *dev)
{
	return dev->devname;
}

NDCTL_EXPORT unsigned long long ndctl_daxdev_get_size(struct ndctl_daxdev *dev)
{
	return dev->size;
}

NDCTL_EXPORT unsigned long ndctl_daxdev_get_align(struct ndctl_daxdev *dev)
{
	return dev->align;
}

NDCTL_EXPORT int ndctl_daxdev_get_target_node(struct ndctl_daxdev *dev)
{
	return dev->target_node;
}

NDCTL_EXPORT int ndctl_daxdev_get_numa_node(struct ndctl_daxdev *dev)
{
	return dev->numa_node;
}

NDCTL_EXPORT int ndctl_daxdev_is_enabled(struct ndctl_daxdev *dev)
{
	return dev->driver != NULL;
}

NDCTL_EXPORT const char *ndctl_daxdev_get_mode(struct ndctl_daxdev *dev)
{
	if (!dev->driver)
		return NULL;
	if (strcmp(dev->driver, "kmem") == 0)
		return "system-ram";
	return "devdax";
}
