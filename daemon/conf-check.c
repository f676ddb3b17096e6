// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks of the configuration that need more than one key: required keys
 * of each section kind, keys that contradict or make each other useless
 * (zone/movable, online, mode), size against align; and checks across
 * sections and files: duplicate section names within a kind, two
 * [namespace] sections with one identity.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/conf-private.h"

static bool has_key(const struct conf_section *sec, const char *key)
{
	for (size_t i = 0; i < sec->nkeys; i++)
		if (strcmp(sec->keys[i].key, key) == 0)
			return true;
	return false;
}

/* the first of keys the section gave, NULL when none */
static const char *first_key(const struct conf_section *sec, const char *const *keys)
{
	for (; *keys; keys++)
		if (has_key(sec, *keys))
			return *keys;
	return NULL;
}

static void check_action(struct conf_section *sec, struct conf_scratch *x, const char *file,
			 struct conf_diags *diags)
{
	static const char *const ram_keys[] = { "online", "zone", "movable", NULL };
	static const char *const node_keys[] = { "owner", "group", "permissions", NULL };
	static const char *const act_keys[] = { "mode", "online", "zone", "movable", "owner",
						 "group", "permissions", NULL };
	struct conf_action *act = &sec->act;
	const char *k;

	if (x->movable >= 0) {
		enum conf_zone z = x->movable ? CONF_ZONE_MOVABLE : CONF_ZONE_NORMAL;

		if (x->has_zone && act->zone != z)
			conf_diags_add(diags, file, conf_key_line(sec, "movable"), true,
				       "movable = %s contradicts zone = %s (line %d): keep one of them",
				       x->movable ? "true" : "false",
				       act->zone == CONF_ZONE_MOVABLE ? "movable" : "normal",
				       conf_key_line(sec, "zone"));
		else
			act->zone = z;
	}
	if (act->online == 0 && (x->has_zone || x->movable >= 0)) {
		k = x->has_zone ? "zone" : "movable";
		conf_diags_add(diags, file, conf_key_line(sec, k), false,
			       "%s has no effect with online = false (line %d)", k,
			       conf_key_line(sec, "online"));
	}
	if (act->mode == CONF_MODE_DEVDAX && (k = first_key(sec, ram_keys)))
		conf_diags_add(diags, file, conf_key_line(sec, k), false,
			       "%s applies to memory in mode = system-ram; this section sets mode = devdax (line %d)",
			       k, conf_key_line(sec, "mode"));
	if (act->mode == CONF_MODE_SYSTEM_RAM && (k = first_key(sec, node_keys)))
		conf_diags_add(diags, file, conf_key_line(sec, k), false,
			       "%s applies to /dev/daxX.Y in mode = devdax; in mode = system-ram there is no device node (line %d)",
			       k, conf_key_line(sec, "mode"));
	if (sec->kind != CONF_INSTANCE && !x->bad && !first_key(sec, act_keys))
		conf_diags_add(diags, file, sec->loc.line, false,
			       "[%s %s] changes nothing: give mode, online, zone, owner, group or permissions",
			       conf_kind_name(sec->kind), sec->name);
}

static void check_multiple(struct conf_section *sec, struct conf_scratch *x, uint64_t size,
			   uint64_t align, const char *file, struct conf_diags *diags)
{
	if (size && align && size % align)
		conf_diags_add(diags, file, conf_key_line(sec, "size"), true,
			       "size = %s is not a multiple of align = %s (line %d)", x->size, x->align,
			       conf_key_line(sec, "align"));
}

static void check_namespace(struct conf_section *sec, struct conf_scratch *x, const char *file,
			    struct conf_diags *diags)
{
	struct conf_namespace *ns = &sec->ns;
	bool mapped = ns->mode == CONF_NS_FSDAX || ns->mode == CONF_NS_DEVDAX;

	if (!has_key(sec, "region"))
		conf_diags_add(diags, file, sec->loc.line, true,
			       "[namespace %s] has no region: give the nd region to create it in, e.g. region = region0",
			       sec->name);
	if (!has_key(sec, "mode"))
		conf_diags_add(diags, file, sec->loc.line, true,
			       "[namespace %s] has no mode: give fsdax, devdax, sector or raw",
			       sec->name);
	if (ns->mode && !mapped && ns->map)
		conf_diags_add(diags, file, conf_key_line(sec, "map"), true,
			       "map applies to mode = fsdax or devdax only; remove it (mode at line %d)",
			       conf_key_line(sec, "mode"));
	if (ns->mode && !mapped && ns->align)
		conf_diags_add(diags, file, conf_key_line(sec, "align"), true,
			       "align applies to mode = fsdax or devdax only; remove it (mode at line %d)",
			       conf_key_line(sec, "mode"));
	if (ns->mode && ns->mode != CONF_NS_SECTOR && ns->sector_size)
		conf_diags_add(diags, file, conf_key_line(sec, "sector-size"), true,
			       "sector-size applies to mode = sector only; remove it (mode at line %d)",
			       conf_key_line(sec, "mode"));
	check_multiple(sec, x, ns->size, ns->align, file, diags);
	if (strlen(sec->name) > 63)
		conf_diags_add(diags, file, sec->loc.line, true,
			       "namespace name longer than 63 characters (the kernel's limit for a namespace name)");
}

static void check_instance(struct conf_section *sec, struct conf_scratch *x, const char *file,
			   struct conf_diags *diags)
{
	if (!sec->inst.region.set && !first_key(sec, (const char *const[]){
			"region", "region.kind", "node", "address", NULL }))
		conf_diags_add(diags, file, sec->loc.line, true,
			       "[instance %s] has no region selector: give region, region.kind, node or address to name the dax region to carve it from",
			       sec->name);
	if (!has_key(sec, "size"))
		conf_diags_add(diags, file, sec->loc.line, true,
			       "[instance %s] has no size: give the size of the instance, e.g. size = 16G",
			       sec->name);
	check_multiple(sec, x, sec->inst.size, sec->inst.align, file, diags);
	check_action(sec, x, file, diags);
}

void conf_check_section(struct conf_section *sec, struct conf_scratch *x, const char *file,
			struct conf_diags *diags)
{
	switch (sec->kind) {
	case CONF_RECONFIGURE_DEVICE:
		if (!has_key(sec, "nvdimm.uuid"))
			conf_diags_add(diags, file, sec->loc.line, true,
				       "[reconfigure-device %s] has no nvdimm.uuid: give the uuid of the namespace behind the device (ndctl list), or use a [device] section",
				       sec->name);
		check_action(sec, x, file, diags);
		break;
	case CONF_DEVICE:
		if (!sec->sel.set && !first_key(sec, (const char *const[]){
				"nvdimm.uuid", "namespace", "region.kind", "region", "device",
				"address", "node", "size", NULL }))
			conf_diags_add(diags, file, sec->loc.line, true,
				       "[device %s] selects nothing: give all = true or at least one of nvdimm.uuid, namespace, region.kind, region, device, address, node, size",
				       sec->name);
		check_action(sec, x, file, diags);
		break;
	case CONF_NAMESPACE:
		check_namespace(sec, x, file, diags);
		break;
	case CONF_INSTANCE:
		check_instance(sec, x, file, diags);
		break;
	}
}

static int cmp_name(const void *a, const void *b, void *arg)
{
	const struct conf *conf = arg;
	const struct conf_section *x = &conf->sec[*(const size_t *)a];
	const struct conf_section *y = &conf->sec[*(const size_t *)b];
	int c;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	c = strcasecmp(x->name, y->name);
	if (c)
		return c;
	return x < y ? -1 : x > y;
}

static int cmp_uuid(const void *a, const void *b, void *arg)
{
	const struct conf *conf = arg;
	const struct conf_section *x = &conf->sec[*(const size_t *)a];
	const struct conf_section *y = &conf->sec[*(const size_t *)b];
	int c = uuid_compare(x->ns.uuid, y->ns.uuid);

	if (c)
		return c;
	return x < y ? -1 : x > y;
}

void conf_check_all(struct conf *conf, struct conf_diags *diags)
{
	size_t *idx, n = 0;

	if (conf->nsec < 2)
		return;
	idx = malloc(conf->nsec * sizeof(*idx));
	if (!idx)
		return;
	for (size_t i = 0; i < conf->nsec; i++)
		idx[n++] = i;
	qsort_r(idx, n, sizeof(*idx), cmp_name, conf);
	for (size_t i = 1, first = 0; i < n; i++) {
		const struct conf_section *a = &conf->sec[idx[first]], *b = &conf->sec[idx[i]];

		if (a->kind != b->kind || strcasecmp(a->name, b->name)) {
			first = i;
			continue;
		}
		conf_diags_add(diags, b->loc.file, b->loc.line, true,
			       "duplicate section [%s %s]: also at %s:%d (names are unique within a kind); rename or remove one",
			       conf_kind_name(b->kind), b->name, a->loc.file, a->loc.line);
	}
	n = 0;
	for (size_t i = 0; i < conf->nsec; i++)
		if (conf->sec[i].kind == CONF_NAMESPACE && conf->sec[i].ns.has_uuid)
			idx[n++] = i;
	qsort_r(idx, n, sizeof(*idx), cmp_uuid, conf);
	for (size_t i = 1, first = 0; i < n; i++) {
		const struct conf_section *a = &conf->sec[idx[first]], *b = &conf->sec[idx[i]];

		if (uuid_compare(a->ns.uuid, b->ns.uuid)) {
			first = i;
			continue;
		}
		conf_diags_add(diags, b->loc.file, conf_key_line(b, "uuid"), true,
			       "[namespace %s] has the uuid of [namespace %s] (%s:%d): one namespace cannot be two sections",
			       b->name, a->name, a->loc.file, conf_key_line(a, "uuid"));
	}
	free(idx);
}
