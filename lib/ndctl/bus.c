// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * NVDIMM buses (ndbusN): found under bus/nd/devices, each resolved to its
 * device directory, which also holds the bus's DIMMs and regions.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

void nd_bus_free(struct ndctl_bus *bus)
{
	struct ndctl_dimm *dimm, *dnext;
	struct ndctl_region *region, *rnext;

	for (region = bus->regions; region; region = rnext) {
		rnext = region->next;
		nd_region_free(region);
	}
	for (dimm = bus->dimms; dimm; dimm = dnext) {
		dnext = dimm->next;
		nd_dimm_free(dimm);
	}
	free(bus->path);
	free(bus->devname);
	free(bus->provider);
	free(bus->commands);
	free(bus);
}

static struct ndctl_bus *bus_load(struct ndctl_ctx *ctx, const char *devices, const char *name)
{
	struct ndctl_bus *bus = calloc(1, sizeof(*bus));
	int rc = 0;

	if (!bus)
		return NULL;
	bus->ctx = ctx;
	if (nd_name_id(name, "ndbus", &bus->id) < 0) {
		nd_dbg(ctx, "%s: not a bus name, skipped\n", name);
		goto fail;
	}
	bus->devname = strdup(name);
	bus->path = sysfs_link_resolve(devices, name, &rc);
	if (!bus->devname || !bus->path) {
		nd_err(ctx, "%s: skipped: cannot resolve its device directory: %s\n", name,
		       strerror(rc ? -rc : ENOMEM));
		goto fail;
	}
	rc = nd_attr_str(ctx, bus->path, name, "provider", &bus->provider);
	if (rc < 0) {
		nd_err(ctx, "%s: skipped: no usable provider (%s)\n", name,
		       strerror(-rc));
		goto fail;
	}
	if (nd_attr_str(ctx, bus->path, name, "commands", &bus->commands) < 0)
		bus->commands = NULL;
	bus->has_nfit = sysfs_exists(bus->path, "nfit");
	bus->scrub_state = -ENOENT;
	return bus;
fail:
	nd_bus_free(bus);
	return NULL;
}

static void buses_load(struct ndctl_ctx *ctx)
{
	struct ndctl_bus **tail = &ctx->buses;
	char *devices;
	char **names = NULL;
	size_t count = 0;
	int rc;

	ctx->buses_loaded = true;
	devices = sysfs_path(ctx->sysfs, "bus/nd/devices");
	if (!devices)
		return;
	rc = sysfs_list(devices, "ndbus", false, &names, &count);
	if (rc < 0) {
		if (rc != -ENOENT)
			nd_err(ctx, "cannot list %s: %s\n", devices, strerror(-rc));
		else
			nd_dbg(ctx, "no nd bus (libnvdimm not loaded?)\n");
		free(devices);
		return;
	}
	for (size_t i = 0; i < count; i++) {
		struct ndctl_bus *bus = bus_load(ctx, devices, names[i]);

		if (!bus)
			continue;
		*tail = bus;
		tail = &bus->next;
	}
	sysfs_names_free(names, count);
	free(devices);
}

NDCTL_EXPORT struct ndctl_bus *ndctl_bus_get_first(struct ndctl_ctx *ctx)
{
	if (!ctx->buses_loaded)
		buses_load(ctx);
	return ctx->buses;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_bus_get_next(struct ndctl_bus *bus)
{
	return bus->next;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_bus_get_ctx(struct ndctl_bus *bus)
{
	return bus->ctx;
}

NDCTL_EXPORT unsigned int ndctl_bus_get_id(struct ndctl_bus *bus)
{
	return bus->id;
}

NDCTL_EXPORT const char *ndctl_bus_get_devname(struct ndctl_bus *bus)
{
	return bus->devname;
}

NDCTL_EXPORT const char *ndctl_bus_get_provider(struct ndctl_bus *bus)
{
	return bus->provider;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_bus_get_by_provider(struct ndctl_ctx *ctx,
							 const char *provider)
{
	struct ndctl_bus *bus;

	ndctl_bus_foreach(ctx, bus)
		if (strcmp(bus->provider, provider) == 0)
			return bus;
	return NULL;
}

NDCTL_EXPORT int ndctl_bus_has_nfit(struct ndctl_bus *bus)
{
	return bus->has_nfit;
}

/* nfit/scrub: "<count>" or "<count>+" while a scrub is running */
static void scrub_load(struct ndctl_bus *bus)
{
	char buf[64], *end;
	unsigned long v;
	char *dir;
	int rc;

	bus->scrub_loaded = true;
	if (!bus->has_nfit) {
		bus->scrub_state = -EOPNOTSUPP;
		return;
	}
	dir = sysfs_join(bus->path, "nfit");
	if (!dir) {
		bus->scrub_state = -ENOMEM;
		return;
	}
	rc = sysfs_read(dir, "scrub", buf, sizeof(buf));
	free(dir);
	if (rc < 0) {
		bus->scrub_state = rc;
		return;
	}
	v = strtoul(buf, &end, 10);
	if (end == buf || (*end && strcmp(end, "+") != 0) || v > UINT_MAX) {
		nd_err(bus->ctx, "%s: malformed nfit/scrub \"%s\"\n", bus->devname, buf);
		bus->scrub_state = -EINVAL;
		return;
	}
	bus->scrub_count = (unsigned int)v;
	bus->scrub_state = *end == '+';
}

NDCTL_EXPORT int ndctl_bus_get_scrub_state(struct ndctl_bus *bus)
{
	if (!bus->scrub_loaded)
		scrub_load(bus);
	return bus->scrub_state;
}

NDCTL_EXPORT unsigned int ndctl_bus_get_scrub_count(struct ndctl_bus *bus)
{
	if (!bus->scrub_loaded)
		scrub_load(bus);
	return bus->scrub_state < 0 ? UINT_MAX : bus->scrub_count;
}

bool nd_word_in(const char *list, const char *word)
{
	size_t len = strlen(word);
	const char *p = list;

	if (!list || !len)
		return false;
	while ((p = strstr(p, word))) {
		if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return true;
		p += len;
	}
	return false;
}

NDCTL_EXPORT int ndctl_bus_is_cmd_name_supported(struct ndctl_bus *bus, const char *name)
{
	return nd_word_in(bus->commands, name);
}
