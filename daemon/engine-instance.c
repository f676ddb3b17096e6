// SPDX-License-Identifier: GPL-2.0-only
/*
 * Planning of [instance] sections: the layout of a dynamic dax region.
 * Each section must select exactly one dynamic region. Per region, in file
 * order, a section claims the first existing instance (address order) of
 * its size (and align, when given). Sections left over take, in address
 * order, the instances no section claimed, resized (only when idle:
 * devdax not open or mapped, system-ram with no block online outside
 * ZONE_MOVABLE), else a new instance (a zero-sized device of the region if
 * there is one, else "create"). When the free capacity does not suffice,
 * idle unclaimed instances are shrunk to size 0 (deleted, except daxN.0
 * which the kernel keeps). Sizes that cannot fit are problems naming every
 * section of the region. Claimed instances get their section's actions
 * (engine-device.c); instances changed here get them in the next round.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/engine-private.h"

#define MAX_SECS 64

struct layout {
	struct eng_region *reg;
	const struct conf_section *secs[MAX_SECS];
	struct eng_dev *claim[MAX_SECS];	/* existing instance of each section */
	bool resize[MAX_SECS];			/* claim[] is reused and resized */
	size_t nsecs;
};

static bool align_ok(uint64_t a)
{
	return a == 0 || a == 4096 || a == (2ULL << 20) || a == (1ULL << 30);
}

/* idle enough to be resized or shrunk; else why not, in why */
static bool dev_idle(struct eng_dev *d, char *why, size_t len)
{
	struct daxctl_memory *mem;
	struct daxctl_memory_block *b;
	int pid;

	if (!d->enabled)
		return true;
	if (d->mode != DAXCTL_DEV_MODE_RAM) {
		if (daxctl_dev_get_user(d->dd, &pid) == 1) {
			snprintf(why, len, "%s is open or mapped by process %d", d->name, pid);
			return false;
		}
		return true;
	}
	mem = daxctl_dev_get_memory(d->dd);
	if (!mem) {
		snprintf(why, len, "%s: its memory blocks cannot be read", d->name);
		return false;
	}
	daxctl_memory_block_foreach(mem, b) {
		const char *z = daxctl_memory_block_get_zone(b);

		if (z && strcmp(z, "Movable") != 0) {
			snprintf(why, len, "%s is system-ram online in ZONE_%s, which the kernel "
				 "cannot be relied on to offline (boot with "
				 "memhp_default_state=offline to let the policy place it)",
				 d->name, strcmp(z, "Normal") == 0 ? "NORMAL" : z);
			return false;
		}
	}
	return true;
}

static void size_problem(struct plan *p, struct layout *l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void size_problem(struct plan *p, struct layout *l, const char *fmt, ...)
{
	struct eng_problem *pb;
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pb = plan_add_problem(p, l->reg->name, "impossible", l->secs[0], "size", "%s", msg);
	for (size_t i = 1; i < l->nsecs; i++)
		problem_add_sec(pb, l->secs[i], "size");
}

/* sizes that can never fit: problems, and the region is left alone */
static bool check_sizes(struct plan *p, struct layout *l)
{
	struct eng_region *r = l->reg;
	uint64_t total = 0;
	char a[32], b[32];

	for (size_t i = 0; i < l->nsecs; i++) {
		const struct conf_instance *in = &l->secs[i]->inst;
		uint64_t unit = in->align > r->align ? in->align : r->align;

		if (!align_ok(in->align)) {
			plan_add_problem(p, r->name, "impossible", l->secs[i], "align",
					 "%s: align %llu is not supported: use 4K, 2M or 1G",
					 r->name, (unsigned long long)in->align);
			return false;
		}
		if (!unit)
			unit = 4096;
		if (in->size == 0 || in->size % unit) {
			eng_size_str(unit, a, sizeof(a));
			plan_add_problem(p, r->name, "impossible", l->secs[i], "size",
					 "%s: size %llu is not a multiple of the alignment %s",
					 r->name, (unsigned long long)in->size, a);
			return false;
		}
		total += in->size;
	}
	if (total > r->size) {
		eng_size_str(total, a, sizeof(a));
		eng_size_str(r->size, b, sizeof(b));
		size_problem(p, l, "%s: the instances add up to %s, the region has %s", r->name,
			     a, b);
		return false;
	}
	return true;
}

static struct eng_change *dev_change(struct plan *p, enum eng_action act, struct eng_dev *d,
				     const struct conf_section *sec)
{
	struct eng_change *c = plan_add_change(p, act, d->name, sec, sec ? "size" : NULL);

	if (c) {
		c->dev = d;
		c->reg = d->reg;
	}
	d->layout_change = true;
	return c;
}

static int lay_out(struct plan *p, struct layout *l, bool plan_changes)
{
	struct eng_region *r = l->reg;
	struct eng_dev *free_devs[MAX_SECS * 4];
	bool shrink[MAX_SECS * 4] = { false };
	size_t nfree = 0;
	uint64_t need = 0, freed = 0;
	char why[400] = "", a[32], b[32];
	struct eng_change *c;

	/* 1. exact matches, file order against address order */
	for (size_t i = 0; i < l->nsecs; i++) {
		const struct conf_instance *in = &l->secs[i]->inst;

		for (size_t k = 0; k < p->st.ndevs; k++) {
			struct eng_dev *d = &p->st.devs[k];

			if (d->reg != r || d->inst || d->size != in->size ||
			    (in->align && d->align != in->align))
				continue;
			d->inst = l->secs[i];
			l->claim[i] = d;
			break;
		}
	}
	for (size_t k = 0; k < p->st.ndevs && nfree < MAX_SECS * 4; k++)
		if (p->st.devs[k].reg == r && !p->st.devs[k].inst)
			free_devs[nfree++] = &p->st.devs[k];
	/* 2. the other sections reuse unclaimed idle instances, in address order */
	for (size_t i = 0, f = 0; i < l->nsecs; i++) {
		const struct conf_instance *in = &l->secs[i]->inst;

		if (l->claim[i])
			continue;
		while (f < nfree && !dev_idle(free_devs[f], why, sizeof(why)))
			f++;
		if (f < nfree) {
			struct eng_dev *d = free_devs[f];

			free_devs[f++] = NULL;
			l->claim[i] = d;
			l->resize[i] = true;
			if (in->size > d->size)
				need += in->size - d->size;
			else
				freed += d->size - in->size;
		} else {
			need += in->size;
		}
	}
	/* 3. room: shrink idle leftovers, the highest addresses first */
	for (size_t f = nfree; f-- > 0 && r->avail + freed < need;) {
		struct eng_dev *d = free_devs[f];

		if (!d || !dev_idle(d, why, sizeof(why)))
			continue;
		shrink[f] = true;
		freed += d->size;
	}
	if (r->avail + freed < need) {
		eng_size_str(need, a, sizeof(a));
		eng_size_str(r->avail + freed, b, sizeof(b));
		size_problem(p, l, "%s: the instances need %s of free capacity, at most %s can "
			     "be had%s%s", r->name, a, b, why[0] ? "; " : "", why);
		return 0;
	}
	if (!plan_changes)
		return 0;
	/* the changes, in apply order: shrinks, resizes that shrink, growing ones, new ones */
	for (size_t f = 0; f < nfree; f++) {
		struct eng_dev *d = free_devs[f];
		const struct conf_section *cause = NULL;

		if (!shrink[f])
			continue;
		/* the first section that needs the room */
		for (size_t i = 0; i < l->nsecs && !cause; i++)
			if (!l->claim[i] || (l->resize[i] && l->secs[i]->inst.size > l->claim[i]->size))
				cause = l->secs[i];
		c = dev_change(p, ACT_SHRINK_INSTANCE, d, cause);
		if (!c)
			return -ENOMEM;
		eng_size_str(d->size, a, sizeof(a));
		snprintf(c->from, sizeof(c->from), "%s", a);
		snprintf(c->to, sizeof(c->to), d->id == 0 ? "size 0 (daxN.0 stays)" : "deleted");
		snprintf(c->reason, sizeof(c->reason), "no [instance] section claims it and %s "
			 "needs the room", r->name);
		r->laid_out = true;
	}
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < l->nsecs; i++) {
			const struct conf_instance *in = &l->secs[i]->inst;
			struct eng_dev *d = l->claim[i];

			if (!l->resize[i] || (pass == 0) != (in->size <= d->size))
				continue;
			c = dev_change(p, ACT_RESIZE_INSTANCE, d, l->secs[i]);
			if (!c)
				return -ENOMEM;
			c->size = in->size;
			c->align = in->align;
			eng_size_str(d->size, a, sizeof(a));
			eng_size_str(in->size, b, sizeof(b));
			snprintf(c->from, sizeof(c->from), "%s align %lu", a, d->align);
			snprintf(c->to, sizeof(c->to), "%s align %lu", b,
				 in->align ? (unsigned long)in->align : d->align);
			snprintf(c->reason, sizeof(c->reason), "an instance no section claims "
				 "becomes [instance %s]", l->secs[i]->name);
			r->laid_out = true;
		}
	for (size_t i = 0; i < l->nsecs; i++) {
		const struct conf_instance *in = &l->secs[i]->inst;

		if (l->claim[i])
			continue;
		c = plan_add_change(p, ACT_CREATE_INSTANCE, r->name, l->secs[i], "size");
		if (!c)
			return -ENOMEM;
		c->reg = r;
		c->size = in->size;
		c->align = in->align;
		eng_size_str(in->size, b, sizeof(b));
		snprintf(c->from, sizeof(c->from), "none");
		snprintf(c->to, sizeof(c->to), "%s align %lu", b,
			 in->align ? (unsigned long)in->align : r->align);
		snprintf(c->reason, sizeof(c->reason), "[instance %s] has no instance yet",
			 l->secs[i]->name);
		r->laid_out = true;
	}
	return 0;
}

int eng_plan_instances(struct plan *p)
{
	const struct conf *conf = p->conf;
	struct layout *ls;
	size_t nl = p->st.nregions;
	int rc = 0;

	ls = calloc(nl ? nl : 1, sizeof(*ls));
	if (!ls)
		return -ENOMEM;
	for (size_t i = 0; i < nl; i++)
		ls[i].reg = &p->st.regions[i];
	for (size_t k = 0; k < conf->nsec; k++) {
		const struct conf_section *s = &conf->sec[k];
		struct eng_region *hit = NULL;
		char names[128] = "";
		size_t n = 0;

		if (s->kind != CONF_INSTANCE)
			continue;
		for (size_t i = 0; i < nl; i++) {
			struct eng_region *r = &p->st.regions[i];

			if (!r->dynamic || !select_match_region(&s->inst.region, r))
				continue;
			hit = r;
			if (n++ < 4) {
				size_t len = strlen(names);

				snprintf(names + len, sizeof(names) - len, "%s%s", len ? ", " : "",
					 r->name);
			}
		}
		if (n != 1) {
			plan_add_problem(p, n ? names : s->name, "ambiguous", s, NULL,
					 "[instance %s] selects %s dynamic dax region%s%s%s: it "
					 "must select exactly one", s->name, n ? "several" : "no",
					 n ? "s (" : "", names, n ? ")" : "");
			continue;
		}
		for (size_t i = 0; i < nl; i++)
			if (ls[i].reg == hit && ls[i].nsecs < MAX_SECS)
				ls[i].secs[ls[i].nsecs++] = s;
	}
	for (size_t i = 0; i < nl && rc == 0; i++) {
		if (!ls[i].nsecs || !check_sizes(p, &ls[i]))
			continue;
		rc = lay_out(p, &ls[i], !p->st.o->only);
	}
	free(ls);
	return rc;
}
