// SPDX-License-Identifier: GPL-2.0-only
/*
 * A stable text form of a loaded configuration (every field of every
 * section that its kind uses), for the golden files of the unit tests.
 */
#include <inttypes.h>

#include "dump.h"

static void dump_select(const struct conf_select *s, FILE *f)
{
	char u[37];

	fprintf(f, "  select:");
	if (s->set & CONF_SEL_ALL)
		fprintf(f, " all");
	if (s->set & CONF_SEL_NVDIMM_UUID) {
		uuid_unparse(s->nvdimm_uuid, u);
		fprintf(f, " nvdimm.uuid=%s", u);
	}
	if (s->set & CONF_SEL_NAMESPACE)
		fprintf(f, " namespace=%s", s->namespace);
	if (s->set & CONF_SEL_REGION_KIND)
		fprintf(f, " region.kind=%s", s->region_kind == CONF_REGION_HMEM ? "hmem" :
			s->region_kind == CONF_REGION_PMEM ? "pmem" : "?");
	if (s->set & CONF_SEL_REGION)
		fprintf(f, " region=%s", s->region);
	if (s->set & CONF_SEL_DEVICE)
		fprintf(f, " device=%s", s->device);
	if (s->set & CONF_SEL_ADDRESS)
		fprintf(f, " address=%#" PRIx64 "-%#" PRIx64, s->addr_start, s->addr_end);
	if (s->set & CONF_SEL_NODE)
		fprintf(f, " node=%d", s->node);
	if (s->set & CONF_SEL_SIZE)
		fprintf(f, " size=%" PRIu64, s->size);
	fprintf(f, "\n");
}

static void dump_action(const struct conf_action *a, FILE *f)
{
	static const char *const modes[] = { "keep", "devdax", "system-ram" };
	static const char *const zones[] = { "unset", "movable", "normal" };

	fprintf(f, "  action: mode=%s online=%s zone=%s", modes[a->mode],
		a->online < 0 ? "unset" : a->online ? "true" : "false", zones[a->zone]);
	if (a->has_owner)
		fprintf(f, " owner=%s(%u)", a->owner_name, (unsigned int)a->uid);
	if (a->has_group)
		fprintf(f, " group=%s(%u)", a->group_name, (unsigned int)a->gid);
	if (a->has_perm)
		fprintf(f, " permissions=%04o", (unsigned int)a->perm);
	fprintf(f, "\n");
}

static void dump_namespace(const struct conf_namespace *ns, FILE *f)
{
	static const char *const modes[] = { "?", "fsdax", "devdax", "sector", "raw" };
	static const char *const maps[] = { "default", "mem", "dev" };
	char u[37];

	fprintf(f, "  namespace: region=%s mode=%s map=%s size=%" PRIu64 " align=%" PRIu64
		" sector-size=%u", ns->region ? ns->region : "(null)", modes[ns->mode],
		maps[ns->map], ns->size, ns->align, ns->sector_size);
	if (ns->has_uuid) {
		uuid_unparse(ns->uuid, u);
		fprintf(f, " uuid=%s", u);
	}
	fprintf(f, "\n");
}

void conf_dump(const struct conf *conf, FILE *f)
{
	for (size_t i = 0; i < conf->nsec; i++) {
		const struct conf_section *sec = &conf->sec[i];

		fprintf(f, "[%s %s] %s:%d\n", conf_kind_name(sec->kind), sec->name,
			sec->loc.file, sec->loc.line);
		switch (sec->kind) {
		case CONF_RECONFIGURE_DEVICE:
		case CONF_DEVICE:
			dump_select(&sec->sel, f);
			dump_action(&sec->act, f);
			break;
		case CONF_NAMESPACE:
			dump_namespace(&sec->ns, f);
			break;
		case CONF_INSTANCE:
			dump_select(&sec->inst.region, f);
			fprintf(f, "  instance: size=%" PRIu64 " align=%" PRIu64 "\n",
				sec->inst.size, sec->inst.align);
			dump_action(&sec->act, f);
			break;
		}
		fprintf(f, "  keys:");
		for (size_t k = 0; k < sec->nkeys; k++)
			fprintf(f, " %s@%d", sec->keys[k].key, sec->keys[k].line);
		fprintf(f, "\n");
	}
}
