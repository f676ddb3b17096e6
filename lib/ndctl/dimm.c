// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * DIMMs (nmemN) of a bus: identity from the provider's subdirectory
 * (nfit/ for ACPI NFIT, papr/ for PAPR SCM), state, health flags, security
 * and label slots from the nvdimm core attributes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"


void nd_dimm_free(struct ndctl_dimm *dimm)
{
	free(dimm->path);
	free(dimm->devname);
	free(dimm->unique_id);
	free(dimm->family);
	free(dimm->state);
	free(dimm->security);
	free(dimm->commands);
	free(dimm->core_flags);
	free(dimm);
}

static unsigned int parse_flags(const char *s)
{
	static const struct {
		const char *name;
		unsigned int bit;
	} names[] = {
		{ "not_armed", ND_DIMM_F_ARM },
		{ "save_fail", ND_DIMM_F_SAVE },
		{ "flush_fail", ND_DIMM_F_FLUSH },
		{ "smart_event", ND_DIMM_F_SMART },
		{ "restore_fail", ND_DIMM_F_RESTORE },
		{ "map_fail", ND_DIMM_F_MAP },
		{ "smart_notify", ND_DIMM_F_NOTIFY },
	};
	unsigned int flags = 0;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (nd_word_in(s, names[i].name))
			flags |= names[i].bit;
	return flags;
}

static void u16_attr(struct ndctl_ctx *ctx, const char *dir, const char *dev, const char *attr,
		     unsigned short *ret)
{
	unsigned long long v;

	if (nd_attr_u64(ctx, dir, dev, attr, &v) == 0 && v < USHRT_MAX)
		*ret = (unsigned short)v;
	else
		*ret = USHRT_MAX;
}

static void nfit_load(struct ndctl_dimm *dimm, const char *nfit)
{
	struct ndctl_ctx *ctx = dimm->bus->ctx;
	unsigned long long v;
	char *flags = NULL;
	char name[64];

	snprintf(name, sizeof(name), "%s/nfit", dimm->devname);
	if (nd_attr_u64(ctx, nfit, name, "handle", &v) == 0 && v < UINT_MAX)
		dimm->handle = (unsigned int)v;
	u16_attr(ctx, nfit, name, "phys_id", &dimm->phys_id);
	u16_attr(ctx, nfit, name, "vendor", &dimm->vendor);
	u16_attr(ctx, nfit, name, "device", &dimm->device);
	u16_attr(ctx, nfit, name, "rev_id", &dimm->revision);
	u16_attr(ctx, nfit, name, "subsystem_vendor", &dimm->subsystem_vendor);
	u16_attr(ctx, nfit, name, "subsystem_device", &dimm->subsystem_device);
	u16_attr(ctx, nfit, name, "subsystem_rev_id", &dimm->subsystem_revision);
	if (nd_attr_u64(ctx, nfit, name, "serial", &v) == 0 && v <= UINT_MAX)
		dimm->serial = (unsigned int)v;
	if (nd_attr_u64(ctx, nfit, name, "format", &v) == 0 && v <= INT_MAX)
		dimm->format = (int)v;
	if (nd_attr_u64(ctx, nfit, name, "dsm_mask", &v) == 0)
		dimm->dsm_mask = (unsigned long)v;
	if (nd_attr_str(ctx, nfit, name, "id", &dimm->unique_id) == 0 && !dimm->unique_id[0]) {
		free(dimm->unique_id);
		dimm->unique_id = NULL;
	}
	if (nd_attr_str(ctx, nfit, name, "flags", &flags) == 0) {
		dimm->flags = parse_flags(flags);
		free(flags);
	}
	dimm->family = strdup("nfit");
}

static void papr_load(struct ndctl_dimm *dimm, const char *papr)
{
	struct ndctl_ctx *ctx = dimm->bus->ctx;
	char *flags = NULL;
	char name[64];

	snprintf(name, sizeof(name), "%s/papr", dimm->devname);
	if (nd_attr_str(ctx, papr, name, "flags", &flags) == 0) {
		dimm->flags = parse_flags(flags);
		free(flags);
	}
	dimm->family = strdup("papr");
}

struct ndctl_dimm *nd_dimm_load(struct ndctl_bus *bus, const char *name)
{
	struct ndctl_ctx *ctx = bus->ctx;
	struct ndctl_dimm *dimm = calloc(1, sizeof(*dimm));
	unsigned long long v;
	char *sub;
	int rc;

	if (!dimm)
		return NULL;
	dimm->bus = bus;
	if (nd_name_id(name, "nmem", &dimm->id) < 0) {
		nd_dbg(ctx, "%s: not a DIMM name, skipped\n", name);
		goto fail;
	}
	dimm->devname = strdup(name);
	dimm->path = sysfs_join(bus->path, name);
	if (!dimm->devname || !dimm->path)
		goto fail;
	dimm->handle = UINT_MAX;
	dimm->phys_id = USHRT_MAX;
	dimm->vendor = dimm->device = dimm->revision = USHRT_MAX;
	dimm->subsystem_vendor = dimm->subsystem_device = dimm->subsystem_revision = USHRT_MAX;
	dimm->serial = UINT_MAX;
	dimm->format = -1;
	dimm->frozen = -1;
	dimm->enabled = nd_dev_bound(dimm->path);

	sub = sysfs_join(dimm->path, "nfit");
	if (sub && sysfs_exists(dimm->path, "nfit"))
		nfit_load(dimm, sub);
	free(sub);
	sub = sysfs_join(dimm->path, "papr");
	if (sub && sysfs_exists(dimm->path, "papr"))
		papr_load(dimm, sub);
	free(sub);

	if (nd_attr_str(ctx, dimm->path, name, "state", &dimm->state) < 0)
		dimm->state = NULL;
	if (nd_attr_str(ctx, dimm->path, name, "security", &dimm->security) < 0)
		dimm->security = NULL;
	if (nd_attr_u64(ctx, dimm->path, name, "frozen", &v) == 0)
		dimm->frozen = v != 0;
	/* keep the failing read's -errno for ndctl_dimm_get_available_labels() */
	rc = nd_attr_u64(ctx, dimm->path, name, "available_slots", &v);
	if (rc == 0)
		dimm->available_slots = v <= INT64_MAX ? (long long)v : -ERANGE;
	else
		dimm->available_slots = rc;
	if (nd_attr_str(ctx, dimm->path, name, "commands", &dimm->commands) < 0)
		dimm->commands = NULL;
	if (nd_attr_str(ctx, dimm->path, name, "flags", &dimm->core_flags) < 0)
		dimm->core_flags = NULL;
	return dimm;
fail:
	nd_dimm_free(dimm);
	return NULL;
}

static void dimms_load(struct ndctl_bus *bus)
{
	struct ndctl_dimm **tail = &bus->dimms;
	char **names = NULL;
	size_t count = 0;

	bus->dimms_loaded = true;
	if (sysfs_list(bus->path, "nmem", true, &names, &count) < 0)
		return;
	for (size_t i = 0; i < count; i++) {
		struct ndctl_dimm *dimm = nd_dimm_load(bus, names[i]);

		if (!dimm)
			continue;
		*tail = dimm;
		tail = &dimm->next;
	}
	sysfs_names_free(names, count);
}

NDCTL_EXPORT struct ndctl_dimm *ndctl_dimm_get_first(struct ndctl_bus *bus)
{
	if (!bus->dimms_loaded)
		dimms_load(bus);
	return bus->dimms;
}

NDCTL_EXPORT struct ndctl_dimm *ndctl_dimm_get_next(struct ndctl_dimm *dimm)
{
	return dimm->next;
}

struct ndctl_dimm *nd_bus_dimm_by_name(struct ndctl_bus *bus, const char *devname)
{
	struct ndctl_dimm *dimm;

	ndctl_dimm_foreach(bus, dimm)
		if (strcmp(dimm->devname, devname) == 0)
			return dimm;
	return NULL;
}

NDCTL_EXPORT struct ndctl_dimm *ndctl_dimm_get_by_handle(struct ndctl_bus *bus,
							 unsigned int handle)
{
	struct ndctl_dimm *dimm;

	ndctl_dimm_foreach(bus, dimm)
		if (dimm->handle == handle)
			return dimm;
	return NULL;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_dimm_get_bus(struct ndctl_dimm *dimm)
{
	return dimm->bus;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_dimm_get_ctx(struct ndctl_dimm *dimm)
{
	return dimm->bus->ctx;
}

NDCTL_EXPORT unsigned int ndctl_dimm_get_id(struct ndctl_dimm *dimm)
{
	return dimm->id;
}

NDCTL_EXPORT const char *ndctl_dimm_get_devname(struct ndctl_dimm *dimm)
{
	return dimm->devname;
}

NDCTL_EXPORT const char *ndctl_dimm_get_unique_id(struct ndctl_dimm *dimm)
{
	return dimm->unique_id;
}

NDCTL_EXPORT unsigned int ndctl_dimm_get_handle(struct ndctl_dimm *dimm)
{
	return dimm->handle;
}

NDCTL_EXPORT unsigned short ndctl_dimm_get_phys_id(struct ndctl_dimm *dimm)
{
	return dimm->phys_id;
}

NDCTL_EXPORT unsigned short ndctl_dimm_get_vendor(struct ndctl_dimm *dimm)
{
	return dimm->vendor;
}

NDCTL_EXPORT unsigned short ndctl_dimm_get_device(struct ndctl_dimm *dimm)
{
	return dimm->device;
}

NDCTL_EXPORT unsigned short ndctl_dimm_get_revision(struct ndctl_dimm *dimm)
{
	return dimm->revision;
}

NDCTL_EXPORT unsigned short ndctl_dimm_get_subsystem_vendor(struct ndctl_dimm *dimm)
{
	return dimm->subsystem_vendor;
}

NDCTL_EXPORT unsigned short ndctl_dimm_get_subsystem_device(struct ndctl_dimm *dimm)
{
	return dimm->subsystem_device;
}

NDCTL_EXPORT unsigned short ndctl_dimm_get_subsystem_revision(struct ndctl_dimm *dimm)
{
	return dimm->subsystem_revision;
}

NDCTL_EXPORT unsigned int ndctl_dimm_get_serial(struct ndctl_dimm *dimm)
{
	return dimm->serial;
}

NDCTL_EXPORT int ndctl_dimm_get_format(struct ndctl_dimm *dimm)
{
	return dimm->format;
}

NDCTL_EXPORT unsigned long ndctl_dimm_get_dsm_mask(struct ndctl_dimm *dimm)
{
	return dimm->dsm_mask;
}

NDCTL_EXPORT const char *ndctl_dimm_get_family_name(struct ndctl_dimm *dimm)
{
	return dimm->family;
}

NDCTL_EXPORT int ndctl_dimm_is_enabled(struct ndctl_dimm *dimm)
{
	return dimm->enabled;
}

NDCTL_EXPORT int ndctl_dimm_is_active(struct ndctl_dimm *dimm)
{
	struct ndctl_region *region;
	struct ndctl_dimm *check;

	ndctl_region_foreach(dimm->bus, region) {
		if (!region->enabled)
			continue;
		ndctl_dimm_foreach_in_region(region, check)
			if (check == dimm)
				return 1;
	}
	return 0;
}

NDCTL_EXPORT int ndctl_dimm_failed_save(struct ndctl_dimm *dimm)
{
	return !!(dimm->flags & ND_DIMM_F_SAVE);
}

NDCTL_EXPORT int ndctl_dimm_failed_arm(struct ndctl_dimm *dimm)
{
	return !!(dimm->flags & ND_DIMM_F_ARM);
}

NDCTL_EXPORT int ndctl_dimm_failed_restore(struct ndctl_dimm *dimm)
{
	return !!(dimm->flags & ND_DIMM_F_RESTORE);
}

NDCTL_EXPORT int ndctl_dimm_failed_flush(struct ndctl_dimm *dimm)
{
	return !!(dimm->flags & ND_DIMM_F_FLUSH);
}

NDCTL_EXPORT int ndctl_dimm_failed_map(struct ndctl_dimm *dimm)
{
	return !!(dimm->flags & ND_DIMM_F_MAP);
}

NDCTL_EXPORT int ndctl_dimm_smart_pending(struct ndctl_dimm *dimm)
{
	return !!(dimm->flags & ND_DIMM_F_SMART);
}

NDCTL_EXPORT int ndctl_dimm_has_errors(struct ndctl_dimm *dimm)
{
	return !!(dimm->flags & (ND_DIMM_F_SAVE | ND_DIMM_F_ARM | ND_DIMM_F_RESTORE |
				 ND_DIMM_F_FLUSH | ND_DIMM_F_MAP));
}

NDCTL_EXPORT int ndctl_dimm_has_notifications(struct ndctl_dimm *dimm)
{
	return !!(dimm->flags & ND_DIMM_F_NOTIFY);
}

NDCTL_EXPORT long long ndctl_dimm_get_available_labels(struct ndctl_dimm *dimm)
{
	return dimm->available_slots;
}

NDCTL_EXPORT int ndctl_dimm_is_cmd_name_supported(struct ndctl_dimm *dimm, const char *name)
{
	return nd_word_in(dimm->commands, name);
}

NDCTL_EXPORT const char *ndctl_dimm_get_state(struct ndctl_dimm *dimm)
{
	return dimm->state;
}

NDCTL_EXPORT enum ndctl_security_state ndctl_dimm_get_security(struct ndctl_dimm *dimm)
{
	static const char *const names[] = {
		[NDCTL_SECURITY_DISABLED] = "disabled",
		[NDCTL_SECURITY_UNLOCKED] = "unlocked",
		[NDCTL_SECURITY_LOCKED] = "locked",
		[NDCTL_SECURITY_FROZEN] = "frozen",
		[NDCTL_SECURITY_OVERWRITE] = "overwrite",
	};

	if (!dimm->security)
		return NDCTL_SECURITY_INVALID;
	for (int i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++)
		if (strcmp(dimm->security, names[i]) == 0)
			return (enum ndctl_security_state)i;
	return NDCTL_SECURITY_INVALID;
}

NDCTL_EXPORT bool ndctl_dimm_security_is_frozen(struct ndctl_dimm *dimm)
{
	if (dimm->frozen >= 0)
		return dimm->frozen;
	return ndctl_dimm_get_security(dimm) == NDCTL_SECURITY_FROZEN;
}
