// SPDX-License-Identifier: GPL-2.0-only
/*
 * Applying a plan, change by change, through the calls the CLIs use:
 * namespaces through ndctl's write sequences (ndctl/ns-apply.h: rollback on
 * failure) under the region lock, with the plan made again there; instances
 * as `daxctl create-device` / `reconfigure-device -s` make them; system-ram
 * through daxctl_dev_enable_ram (auto-online held off around the bind so
 * the configured zone holds), back to devdax through daxctl_dev_disable_ram
 * (all blocks offline or none). A change that fails is reported and the
 * others still run; each outcome becomes a CHANGED or FAILED record.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "daemon/engine-private.h"
#include "daemon/engine-ns.h"

/* the last error libdaxctl logged, for the FAILED record */
struct lastmsg {
	char buf[400];
};

static void capture_log(struct daxctl_ctx *ctx, int priority, const char *file, int line,
			const char *fn, const char *format, va_list args)
{
	struct lastmsg *m = daxctl_get_userdata(ctx);
	size_t n;

	if (!m)
		return;
	vsnprintf(m->buf, sizeof(m->buf), format, args);
	n = strlen(m->buf);
	while (n && m->buf[n - 1] == '\n')
		m->buf[--n] = '\0';
}

static int disable_any(struct daxctl_dev *dd)
{
	if (!daxctl_dev_is_enabled(dd))
		return 0;
	if (daxctl_dev_get_mode(dd) == DAXCTL_DEV_MODE_RAM)
		return daxctl_dev_disable_ram(dd, true, NULL);
	return daxctl_dev_disable(dd);
}

static int apply_namespace(struct eng_change *c, char *err, size_t len)
{
	const struct conf_namespace *cn = &c->sec->ns;
	struct ndctl_region *region = c->nreg;
	struct ndctl_namespace *ndns = NULL;
	struct plan_region r;
	struct plan_request q;
	struct plan_result res;
	struct ns_config cfg;
	int lock, rc;

	lock = ns_lock_region(region);
	if (lock < 0) {
		snprintf(err, len, "%s: cannot lock the region: %s",
			 ndctl_region_get_devname(region), strerror(-lock));
		return lock;
	}
	if (c->act == ACT_CONFIGURE_NAMESPACE) {
		ndns = c->ndns;
		rc = ndctl_namespace_check_idle(ndns, err, len);
		if (rc < 0)
			goto out;
	} else if (eng_ns_find(region, c->sec->name)) {
		rc = 0;		/* someone made it meanwhile: the next plan compares it */
		goto out;
	}
	rc = eng_ns_plan(cn, region, ndns, 0, &r, &q, &res);
	if (rc < 0) {
		snprintf(err, len, "%s", res.reason);
		goto out;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.plan = &res;
	cfg.pregion = &r;
	cfg.preq = &q;
	cfg.rollback = true;
	cfg.ns_sector_size = eng_ns_sector_size(cn, &res);
	if (cn->has_uuid)
		uuid_copy(cfg.uuid, cn->uuid);
	else
		uuid_generate(cfg.uuid);
	if (ndns) {
		rc = ns_reconfigure(ndns, &cfg, err, len);
	} else {
		cfg.name = c->sec->name;
		rc = ns_create(region, &cfg, &ndns, err, len);
	}
out:
	close(lock);
	return rc;
}

/* a zero-sized, unbound device of the region to become the instance, else a new one */
static int new_instance(struct daxctl_region *dr, struct daxctl_dev **ret)
{
	struct daxctl_dev *dd;

	daxctl_dev_foreach(dr, dd)
		if (!daxctl_dev_is_deleted(dd) && daxctl_dev_get_size(dd) == 0 &&
		    !daxctl_dev_is_enabled(dd)) {
			*ret = dd;
			return 0;
		}
	return daxctl_region_create_dev(dr, ret);
}

static int size_instance(struct daxctl_dev *dd, uint64_t size, unsigned long align)
{
	int rc = 0;

	if (align && align != daxctl_dev_get_align(dd)) {
		if (daxctl_dev_get_size(dd))
			rc = daxctl_dev_set_size(dd, 0);
		if (rc == 0)
			rc = daxctl_dev_set_align(dd, align);
	}
	if (rc == 0 && daxctl_dev_get_size(dd) != size)
		rc = daxctl_dev_set_size(dd, size);
	if (rc == 0)
		rc = daxctl_dev_enable_devdax(dd);
	return rc;
}

static int apply_instance(struct eng_change *c, char *err, size_t len)
{
	struct daxctl_dev *dd = c->dev ? c->dev->dd : NULL;
	unsigned long long old;
	int rc;

	switch (c->act) {
	case ACT_SHRINK_INSTANCE:
		rc = disable_any(dd);
		if (rc == 0)
			rc = daxctl_dev_set_size(dd, 0);
		if (rc == 0 && daxctl_dev_get_id(dd) != 0)
			rc = daxctl_region_destroy_dev(daxctl_dev_get_region(dd), dd);
		return rc;
	case ACT_RESIZE_INSTANCE:
		old = daxctl_dev_get_size(dd);
		rc = disable_any(dd);
		if (rc < 0)
			return rc;
		rc = size_instance(dd, c->size, c->align);
		if (rc < 0 && !daxctl_dev_is_enabled(dd)) {
			/* back as it was, as far as the kernel lets us */
			if (daxctl_dev_get_size(dd) != old)
				daxctl_dev_set_size(dd, old);
			daxctl_dev_enable_devdax(dd);
		}
		return rc;
	case ACT_CREATE_INSTANCE:
		rc = new_instance(c->reg->dr, &dd);
		if (rc < 0)
			return rc;
		rc = size_instance(dd, c->size, c->align);
		if (rc < 0) {
			if (daxctl_dev_is_enabled(dd))
				daxctl_dev_disable(dd);
			if (daxctl_dev_get_size(dd))
				daxctl_dev_set_size(dd, 0);
			if (daxctl_dev_get_id(dd) != 0)
				daxctl_region_destroy_dev(c->reg->dr, dd);
		} else {
			snprintf(err, len, "%s", daxctl_dev_get_devname(dd));
		}
		return rc;
	default:
		return -EINVAL;
	}
}

static const char *dev_root(const struct engine_opts *o)
{
	return o->dev_root ? o->dev_root : "/dev";
}

static int apply_dev(const struct engine_opts *o, struct eng_change *c, char *err, size_t len)
{
	struct daxctl_dev *dd = c->dev->dd;
	struct daxctl_memory *mem;
	char path[512];
	int rc;

	switch (c->act) {
	case ACT_ENABLE_DEVDAX:
		return daxctl_dev_enable_devdax(dd);
	case ACT_DEVDAX:
		return daxctl_dev_disable_ram(dd, true, "device_dax");
	case ACT_SYSTEM_RAM:
		rc = daxctl_dev_enable_ram(dd, c->online, c->zone);
		/* all or nothing: back to devdax when kmem took it */
		if (rc < 0 && daxctl_dev_get_mode(dd) == DAXCTL_DEV_MODE_RAM)
			daxctl_dev_disable_ram(dd, true, "device_dax");
		return rc;
	case ACT_ONLINE:
	case ACT_OFFLINE:
	case ACT_REZONE:
		mem = daxctl_dev_get_memory(dd);
		if (!mem)
			return -errno;
		if (c->act == ACT_ONLINE)
			return daxctl_memory_online_zone(mem, c->zone, false);
		rc = daxctl_memory_offline_all(mem);
		if (c->act == ACT_OFFLINE)
			return rc;
		if (rc < 0) {
			snprintf(err, len, "the kernel cannot offline the memory of %s (%s), so it "
				 "cannot move to ZONE_%s: it onlined it itself and placed its own "
				 "allocations there; boot with memhp_default_state=offline (the "
				 "policy then onlines it in the configured zone)", c->dev->name,
				 strerror(-rc), c->zone == DAXCTL_ZONE_MOVABLE ? "MOVABLE" :
				 "NORMAL");
			return rc;
		}
		rc = daxctl_memory_online_zone(mem, c->zone, true);
		if (rc < 0)	/* at least online again, where the kernel allows */
			daxctl_memory_online_zone(mem, c->zone == DAXCTL_ZONE_MOVABLE ?
						  DAXCTL_ZONE_NORMAL : DAXCTL_ZONE_MOVABLE, false);
		return rc;
	case ACT_CHOWN:
		snprintf(path, sizeof(path), "%s/%s", dev_root(o), c->dev->name);
		if (chown(path, c->set_uid ? c->uid : (uid_t)-1,
			  c->set_gid ? c->gid : (gid_t)-1) < 0)
			return -errno;
		return 0;
	case ACT_CHMOD:
		snprintf(path, sizeof(path), "%s/%s", dev_root(o), c->dev->name);
		if (chmod(path, c->perm) < 0)
			return -errno;
		return 0;
	default:
		return -EINVAL;
	}
}

int eng_apply(struct plan *p, const struct engine_opts *o, unsigned int *applied,
	      unsigned int *failed)
{
	struct lastmsg last;
	int first = 0;

	*applied = *failed = 0;
	daxctl_set_userdata(p->st.dctx, &last);
	daxctl_set_log_fn(p->st.dctx, capture_log);
	for (size_t i = 0; i < p->nchanges; i++) {
		struct eng_change *c = &p->changes[i];
		char err[512] = "";
		const char *act = eng_action_name(c->act);
		int rc;

		last.buf[0] = '\0';
		switch (c->act) {
		case ACT_CREATE_NAMESPACE:
		case ACT_CONFIGURE_NAMESPACE:
			rc = apply_namespace(c, err, sizeof(err));
			break;
		case ACT_SHRINK_INSTANCE:
		case ACT_RESIZE_INSTANCE:
		case ACT_CREATE_INSTANCE:
			rc = apply_instance(c, err, sizeof(err));
			break;
		default:
			rc = apply_dev(o, c, err, sizeof(err));
			break;
		}
		if (rc == 0) {
			(*applied)++;
			eng_log(o, ENGINE_CHANGED, c->object, c->sec, c->key, act, 0,
				"%s: %s -> %s%s%s", act, c->from, c->to,
				c->act == ACT_CREATE_INSTANCE && err[0] ? " as " : "",
				c->act == ACT_CREATE_INSTANCE ? err : "");
			continue;
		}
		(*failed)++;
		c->failed = true;
		if (!first)
			first = rc;
		if (!err[0] || c->act == ACT_CREATE_INSTANCE)
			snprintf(err, sizeof(err), "%s", last.buf[0] ? last.buf : strerror(-rc));
		eng_log(o, ENGINE_FAILED, c->object, c->sec, c->key, act, rc, "%s failed: %s",
			act, err);
	}
	daxctl_set_userdata(p->st.dctx, NULL);
	return first;
}
