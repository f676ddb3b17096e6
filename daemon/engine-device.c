// SPDX-License-Identifier: GPL-2.0-only
/*
 * Planning of device actions: every [device] / [reconfigure-device] section
 * whose selectors match a dax device, plus the [instance] section the
 * device is, are merged key by key (two sections giving one key different
 * values: conflict, nothing is done to that device); the result is compared
 * with the device: mode (devdax, system-ram), memory online or offline and
 * its zone, owner/group/permissions of its device node.
 * Defaults once merged: system-ram memory online, in ZONE_MOVABLE.
 * Memory online outside ZONE_MOVABLE is not taken back to devdax (the kernel
 * cannot be relied on to offline it: a problem says so); a zone change is
 * attempted (all or nothing) and its failure reported.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon/engine-private.h"

struct want_field {
	const struct conf_section *sec;	/* the section that set it, NULL: unset */
	const char *key;
};

struct want {
	struct want_field f_mode, f_online, f_zone, f_uid, f_gid, f_perm;
	enum conf_mode mode;
	int online;
	enum conf_zone zone;
	uid_t uid;
	gid_t gid;
	mode_t perm;
	const struct conf_section *first;	/* first section that matched */
	bool conflict;
};

static const char *mode_name(enum conf_mode m)
{
	return m == CONF_MODE_SYSTEM_RAM ? "system-ram" : m == CONF_MODE_DEVDAX ? "devdax" : "keep";
}

static const char *zone_name(enum conf_zone z)
{
	return z == CONF_ZONE_NORMAL ? "normal" : "movable";
}

static void conflict(struct plan *p, struct eng_dev *d, struct want *w, struct want_field *f,
		     const struct conf_section *sec, const char *what, const char *a,
		     const char *b)
{
	struct eng_problem *pb;

	if (!w->conflict)
		pb = plan_add_problem(p, d->name, "conflict", f->sec, f->key,
				      "%s: sections disagree on %s (%s, %s): nothing is done to it",
				      d->name, what, a, b);
	else
		pb = &p->problems[p->nproblems - 1];
	problem_add_sec(pb, sec, f->key);
	w->conflict = true;
}

static void merge(struct plan *p, struct eng_dev *d, struct want *w,
		  const struct conf_section *sec)
{
	const struct conf_action *a = &sec->act;
	char x[32], y[32];

	if (!w->first)
		w->first = sec;
	if (a->mode != CONF_MODE_KEEP) {
		if (!w->f_mode.sec) {
			w->mode = a->mode;
			w->f_mode = (struct want_field){ sec, "mode" };
		} else if (w->mode != a->mode) {
			conflict(p, d, w, &w->f_mode, sec, "mode", mode_name(w->mode),
				 mode_name(a->mode));
		}
	}
	if (a->online >= 0) {
		if (!w->f_online.sec) {
			w->online = a->online;
			w->f_online = (struct want_field){ sec, "online" };
		} else if (w->online != a->online) {
			conflict(p, d, w, &w->f_online, sec, "online",
				 w->online ? "true" : "false", a->online ? "true" : "false");
		}
	}
	if (a->zone != CONF_ZONE_UNSET) {
		if (!w->f_zone.sec) {
			w->zone = a->zone;
			w->f_zone = (struct want_field){ sec, "zone" };
		} else if (w->zone != a->zone) {
			conflict(p, d, w, &w->f_zone, sec, "the zone", zone_name(w->zone),
				 zone_name(a->zone));
		}
	}
	if (a->has_owner) {
		if (!w->f_uid.sec) {
			w->uid = a->uid;
			w->f_uid = (struct want_field){ sec, "owner" };
		} else if (w->uid != a->uid) {
			snprintf(x, sizeof(x), "uid %u", (unsigned int)w->uid);
			snprintf(y, sizeof(y), "uid %u", (unsigned int)a->uid);
			conflict(p, d, w, &w->f_uid, sec, "the owner", x, y);
		}
	}
	if (a->has_group) {
		if (!w->f_gid.sec) {
			w->gid = a->gid;
			w->f_gid = (struct want_field){ sec, "group" };
		} else if (w->gid != a->gid) {
			snprintf(x, sizeof(x), "gid %u", (unsigned int)w->gid);
			snprintf(y, sizeof(y), "gid %u", (unsigned int)a->gid);
			conflict(p, d, w, &w->f_gid, sec, "the group", x, y);
		}
	}
	if (a->has_perm) {
		if (!w->f_perm.sec) {
			w->perm = a->perm;
			w->f_perm = (struct want_field){ sec, "permissions" };
		} else if (w->perm != a->perm) {
			snprintf(x, sizeof(x), "%04o", (unsigned int)w->perm);
			snprintf(y, sizeof(y), "%04o", (unsigned int)a->perm);
			conflict(p, d, w, &w->f_perm, sec, "the permissions", x, y);
		}
	}
}

static struct eng_change *change(struct plan *p, struct eng_dev *d, enum eng_action act,
				 struct want_field *f, const struct want *w)
{
	struct eng_change *c = plan_add_change(p, act, d->name, f->sec ? f->sec : w->first,
					       f->sec ? f->key : NULL);

	if (c)
		c->dev = d;
	return c;
}

/* memory of a system-ram device: online/offline and zone */
static int plan_memory(struct plan *p, struct eng_dev *d, struct want *w, bool *changed)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(d->dd);
	struct daxctl_memory_block *b;
	enum conf_zone zone = w->zone == CONF_ZONE_UNSET ? CONF_ZONE_MOVABLE : w->zone;
	bool want_online = w->online != 0;
	int total, on, wrong = 0;
	struct eng_change *c;

	if (!mem)
		return -errno;
	total = daxctl_memory_num_sections(mem);
	on = daxctl_memory_num_online(mem);
	daxctl_memory_block_foreach(mem, b) {
		const char *z = daxctl_memory_block_get_zone(b);

		if (z && (strcmp(z, "Movable") == 0) != (zone == CONF_ZONE_MOVABLE))
			wrong++;
	}
	if (!want_online) {
		if (on == 0)
			return 0;
		c = change(p, d, ACT_OFFLINE, &w->f_online, w);
		if (!c)
			return -ENOMEM;
		snprintf(c->from, sizeof(c->from), "%d/%d blocks online", on, total);
		snprintf(c->to, sizeof(c->to), "offline");
		snprintf(c->reason, sizeof(c->reason), "the configuration asks online = false");
		*changed = true;
		return 0;
	}
	if (on < total) {
		c = change(p, d, ACT_ONLINE, w->f_online.sec ? &w->f_online : &w->f_mode, w);
		if (!c)
			return -ENOMEM;
		c->online = true;
		c->zone = zone == CONF_ZONE_NORMAL ? DAXCTL_ZONE_NORMAL : DAXCTL_ZONE_MOVABLE;
		snprintf(c->from, sizeof(c->from), "%d/%d blocks online", on, total);
		snprintf(c->to, sizeof(c->to), "%d/%d blocks online (%s)", total, total,
			 zone_name(zone));
		snprintf(c->reason, sizeof(c->reason), "system-ram memory is to be online");
		*changed = true;
		return 0;
	}
	if (wrong) {
		c = change(p, d, ACT_REZONE, w->f_zone.sec ? &w->f_zone : &w->f_mode, w);
		if (!c)
			return -ENOMEM;
		c->online = true;
		c->zone = zone == CONF_ZONE_NORMAL ? DAXCTL_ZONE_NORMAL : DAXCTL_ZONE_MOVABLE;
		snprintf(c->from, sizeof(c->from), "%d/%d blocks in %s", wrong, total,
			 zone == CONF_ZONE_MOVABLE ? "Normal" : "Movable");
		snprintf(c->to, sizeof(c->to), "%s", zone_name(zone));
		snprintf(c->reason, sizeof(c->reason), "online in the wrong zone: offlined and "
			 "onlined again in the configured one; fails if the kernel keeps unmovable "
			 "data there (memory it onlined at boot: boot with "
			 "memhp_default_state=offline)");
		*changed = true;
	}
	return 0;
}

static const char *dev_root(const struct plan *p)
{
	return p->st.o->dev_root ? p->st.o->dev_root : "/dev";
}

static int plan_owner(struct plan *p, struct eng_dev *d, struct want *w, bool *changed)
{
	bool own = w->f_uid.sec || w->f_gid.sec, perm = w->f_perm.sec;
	struct eng_change *c;
	char path[512];
	struct stat st;

	if (!own && !perm)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dev_root(p), d->name);
	if (stat(path, &st) < 0) {
		struct want_field *f = own ? (w->f_uid.sec ? &w->f_uid : &w->f_gid) : &w->f_perm;

		plan_add_problem(p, d->name, "missing", f->sec, f->key,
				 "%s: no device node %s (%s): ownership cannot be applied until "
				 "it exists", d->name, path, strerror(errno));
		return 0;
	}
	if (own && ((w->f_uid.sec && st.st_uid != w->uid) ||
		    (w->f_gid.sec && st.st_gid != w->gid))) {
		c = change(p, d, ACT_CHOWN, w->f_uid.sec ? &w->f_uid : &w->f_gid, w);
		if (!c)
			return -ENOMEM;
		c->set_uid = w->f_uid.sec;
		c->set_gid = w->f_gid.sec;
		c->uid = w->uid;
		c->gid = w->gid;
		snprintf(c->from, sizeof(c->from), "%u:%u", (unsigned int)st.st_uid,
			 (unsigned int)st.st_gid);
		if (c->set_uid && c->set_gid)
			snprintf(c->to, sizeof(c->to), "%u:%u", (unsigned int)c->uid,
				 (unsigned int)c->gid);
		else if (c->set_uid)
			snprintf(c->to, sizeof(c->to), "owner %u", (unsigned int)c->uid);
		else
			snprintf(c->to, sizeof(c->to), "group %u", (unsigned int)c->gid);
		snprintf(c->reason, sizeof(c->reason), "owner/group of %.200s", path);
		*changed = true;
	}
	if (perm && (st.st_mode & 07777) != w->perm) {
		c = change(p, d, ACT_CHMOD, &w->f_perm, w);
		if (!c)
			return -ENOMEM;
		c->perm = w->perm;
		snprintf(c->from, sizeof(c->from), "%04o", (unsigned int)(st.st_mode & 07777));
		snprintf(c->to, sizeof(c->to), "%04o", (unsigned int)w->perm);
		snprintf(c->reason, sizeof(c->reason), "permissions of %.200s", path);
		*changed = true;
	}
	return 0;
}

/* "NORMAL" when some block of a system-ram device is online outside ZONE_MOVABLE */
static const char *normal_zone_online(struct eng_dev *d)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(d->dd);
	struct daxctl_memory_block *b;

	if (!mem)
		return NULL;
	daxctl_memory_block_foreach(mem, b) {
		const char *z = daxctl_memory_block_get_zone(b);

		if (z && strcmp(z, "Movable") != 0)
			return strcmp(z, "Normal") == 0 ? "NORMAL" : z;
	}
	return NULL;
}

static int plan_one(struct plan *p, struct eng_dev *d, struct want *w)
{
	bool changed = false, ram = d->enabled && d->mode == DAXCTL_DEV_MODE_RAM;
	size_t nproblems = p->nproblems;
	struct eng_change *c;
	char state[128];
	int rc = 0, pid;

	eng_dev_describe(d, state, sizeof(state));
	if (w->mode == CONF_MODE_DEVDAX && ram) {
		const char *zone = normal_zone_online(d);

		if (zone) {
			plan_add_problem(p, d->name, "busy", w->f_mode.sec, "mode",
					 "%s: its memory is online in ZONE_%s, which the kernel cannot "
					 "be relied on to offline: it stays system-ram (to try anyway: "
					 "daxctl reconfigure-device -m devdax -f %s)", d->name, zone,
					 d->name);
			return 0;
		}
		c = change(p, d, ACT_DEVDAX, &w->f_mode, w);
		if (!c)
			return -ENOMEM;
		snprintf(c->from, sizeof(c->from), "%s", state);
		snprintf(c->to, sizeof(c->to), "devdax");
		snprintf(c->reason, sizeof(c->reason), "mode = devdax (its memory is offline or "
			 "movable: offlined first, all or nothing)");
		return 0;
	}
	if (w->mode == CONF_MODE_DEVDAX && !d->enabled) {
		c = change(p, d, ACT_ENABLE_DEVDAX, &w->f_mode, w);
		if (!c)
			return -ENOMEM;
		snprintf(c->from, sizeof(c->from), "disabled");
		snprintf(c->to, sizeof(c->to), "devdax");
		snprintf(c->reason, sizeof(c->reason), "mode = devdax");
		return 0;
	}
	if (w->mode == CONF_MODE_SYSTEM_RAM && !ram) {
		bool online = w->online != 0;
		enum conf_zone zone = w->zone == CONF_ZONE_UNSET ? CONF_ZONE_MOVABLE : w->zone;

		if (d->enabled && daxctl_dev_get_user(d->dd, &pid) == 1) {
			plan_add_problem(p, d->name, "busy", w->f_mode.sec, "mode",
					 "%s: process %d has it open or mapped: it stays devdax "
					 "until that ends", d->name, pid);
			return 0;
		}
		c = change(p, d, ACT_SYSTEM_RAM, &w->f_mode, w);
		if (!c)
			return -ENOMEM;
		c->online = online;
		c->zone = zone == CONF_ZONE_NORMAL ? DAXCTL_ZONE_NORMAL : DAXCTL_ZONE_MOVABLE;
		snprintf(c->from, sizeof(c->from), "%s", state);
		if (online)
			snprintf(c->to, sizeof(c->to), "system-ram online (%s)", zone_name(zone));
		else
			snprintf(c->to, sizeof(c->to), "system-ram offline");
		snprintf(c->reason, sizeof(c->reason), "mode = system-ram");
		return 0;
	}
	if (ram && (w->mode == CONF_MODE_SYSTEM_RAM || w->f_online.sec || w->f_zone.sec))
		rc = plan_memory(p, d, w, &changed);
	else if (d->enabled && !ram)
		rc = plan_owner(p, d, w, &changed);
	if (rc == 0 && !changed && p->nproblems == nproblems)
		plan_add_ok(p, d->name, w->first, "%s", state);
	return rc;
}

int eng_plan_devices(struct plan *p)
{
	const struct conf *conf = p->conf;
	int rc = 0;

	for (size_t i = 0; i < p->st.ndevs && rc == 0; i++) {
		struct eng_dev *d = &p->st.devs[i];
		struct want w;

		/* opts.only: the others would be filtered out anyway (no in-use scans for them) */
		if (d->layout_change || (p->st.o->only && strcmp(d->name, p->st.o->only) != 0))
			continue;
		/*
		 * A disabled device that is not one of our instances is someone
		 * else's: `daxctl create-device` between setting the size and
		 * binding, or an administrator who disabled it. Its bind uevent
		 * brings it back here.
		 */
		if (!d->enabled && !d->inst) {
			eng_log(p->st.o, ENGINE_SEEN, d->name, NULL, NULL, NULL, 0,
				"%s is disabled: left alone until it is enabled", d->name);
			continue;
		}
		memset(&w, 0, sizeof(w));
		w.online = -1;
		for (size_t k = 0; k < conf->nsec; k++) {
			const struct conf_section *s = &conf->sec[k];

			if (s->kind == CONF_INSTANCE ? d->inst != s :
			    (s->kind == CONF_NAMESPACE || !select_match_dev(&s->sel, d)))
				continue;
			eng_log(p->st.o, ENGINE_SEEN, d->name, s, NULL, NULL, 0,
				"%s (%s, %s) matches", d->name, d->reg->name, d->reg->provider);
			merge(p, d, &w, s);
		}
		if (!w.first || w.conflict)
			continue;
		rc = plan_one(p, d, &w);
	}
	return rc;
}
