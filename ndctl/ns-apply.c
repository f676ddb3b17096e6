// SPDX-License-Identifier: GPL-2.0-only
/*
 * Namespace write sequences with rollback (see ns-apply.h). Sequence for a
 * labeled namespace: uuid, alt_name, size, sector_size, holder_class, then
 * the claim device (uuid, mode, align or sector_size, namespace) and its
 * bind; setters skip values already in place. Label-less namespaces keep
 * their identity and capacity: only the claim changes, and a namespace
 * going raw gets its stale info block zeroed first (the kernel would find
 * it again, as label-less namespaces have no uuid to tell it is stale).
 * The zeroed bytes are read first and kept: a rollback writes them back
 * before restoring the old claim, so the old BTT/pfn/dax finds its info
 * block again and the data behind it is what it was. (What the kernel
 * itself writes while a new claim fails to bind, e.g. a new BTT's map and
 * log, is not ours to undo; the binds refused in practice write nothing.)
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "ndctl/ns-apply.h"

#define INFO_WIPE_LEN 8192	/* pfn/dax info block at 4 KiB, BTT info at 0 or 4 KiB */

struct claim_ref {
	struct ndctl_btt *btt;
	struct ndctl_pfn *pfn;
	struct ndctl_dax *dax;
};

/* a claim's settings: the kernel may delete the idle claim device once released */
struct claim_cfg {
	enum { C_NONE, C_BTT, C_PFN, C_DAX } kind;
	char devname[32];
	uuid_t uuid;
	enum ndctl_pfn_loc loc;
	unsigned long align;
	unsigned int sector_size;
};

struct saved {
	uuid_t uuid;
	char name[80];
	unsigned long long size;
	unsigned int sector_size;
	enum ndctl_namespace_mode enforce;
	struct claim_cfg claim;
	bool active;
	/* label-less: the first bytes enable_raw() zeroed, for restore() */
	bool info_saved;
	unsigned char info[INFO_WIPE_LEN];
};

static void claim_of(struct ndctl_namespace *ndns, struct claim_ref *c)
{
	c->btt = ndctl_namespace_get_btt(ndns);
	c->pfn = ndctl_namespace_get_pfn(ndns);
	c->dax = ndctl_namespace_get_dax(ndns);
}

static int claim_set_ns(struct claim_ref *c, struct ndctl_namespace *ndns)
{
	if (c->btt)
		return ndctl_btt_set_namespace(c->btt, ndns);
	if (c->pfn)
		return ndctl_pfn_set_namespace(c->pfn, ndns);
	if (c->dax)
		return ndctl_dax_set_namespace(c->dax, ndns);
	return 0;
}

static int claim_enable(struct claim_ref *c)
{
	if (c->btt)
		return ndctl_btt_enable(c->btt);
	if (c->pfn)
		return ndctl_pfn_enable(c->pfn);
	if (c->dax)
		return ndctl_dax_enable(c->dax);
	return -ENODEV;
}

int ns_enable(struct ndctl_namespace *ndns)
{
	struct claim_ref c;

	claim_of(ndns, &c);
	if (c.btt || c.pfn || c.dax) {
		int rc = claim_enable(&c);

		ndctl_region_refresh(ndctl_namespace_get_region(ndns));
		return rc;
	}
	return ndctl_namespace_enable(ndns);
}

static bool is_io(struct ndctl_namespace *ndns)
{
	return ndctl_namespace_get_type(ndns) == ND_DEVICE_NAMESPACE_IO;
}

static void save_claim(struct ndctl_namespace *ndns, struct claim_cfg *c)
{
	struct claim_ref r;
	struct ndctl_pfn *pfn;

	memset(c, 0, sizeof(*c));
	claim_of(ndns, &r);
	if (r.btt) {
		c->kind = C_BTT;
		snprintf(c->devname, sizeof(c->devname), "%s", ndctl_btt_get_devname(r.btt));
		ndctl_btt_get_uuid(r.btt, c->uuid);
		c->sector_size = ndctl_btt_get_sector_size(r.btt);
		return;
	}
	pfn = r.pfn ? r.pfn : r.dax ? ndctl_dax_get_pfn(r.dax) : NULL;
	if (!pfn)
		return;
	c->kind = r.pfn ? C_PFN : C_DAX;
	snprintf(c->devname, sizeof(c->devname), "%s", ndctl_pfn_get_devname(pfn));
	ndctl_pfn_get_uuid(pfn, c->uuid);
	c->loc = ndctl_pfn_get_location(pfn);
	c->align = ndctl_pfn_get_align(pfn);
}

/* the same claim device if it still exists idle, else the region's seed of that kind */
static int restore_claim(struct ndctl_namespace *ndns, struct claim_cfg *c, bool enable)
{
	struct ndctl_region *region = ndctl_namespace_get_region(ndns);
	struct ndctl_btt *btt = NULL;
	struct ndctl_pfn *pfn = NULL;
	struct ndctl_dax *dax = NULL;
	int rc;

	if (c->kind == C_BTT) {
		ndctl_btt_foreach(region, btt)
			if (strcmp(ndctl_btt_get_devname(btt), c->devname) == 0 &&
			    !ndctl_btt_get_namespace(btt))
				break;
		if (!btt)
			btt = ndctl_region_get_btt_seed(region);
		if (!btt)
			return -ENODEV;
		rc = ndctl_btt_set_uuid(btt, c->uuid);
		rc = rc ? rc : ndctl_btt_set_sector_size(btt, c->sector_size);
		rc = rc ? rc : ndctl_btt_set_namespace(btt, ndns);
		return rc ? rc : enable ? ndctl_btt_enable(btt) : 0;
	}
	if (c->kind == C_PFN) {
		ndctl_pfn_foreach(region, pfn)
			if (strcmp(ndctl_pfn_get_devname(pfn), c->devname) == 0 &&
			    !ndctl_pfn_get_namespace(pfn))
				break;
		if (!pfn)
			pfn = ndctl_region_get_pfn_seed(region);
	} else {
		ndctl_dax_foreach(region, dax)
			if (strcmp(ndctl_dax_get_devname(dax), c->devname) == 0 &&
			    !ndctl_dax_get_namespace(dax))
				break;
		if (!dax)
			dax = ndctl_region_get_dax_seed(region);
		pfn = dax ? ndctl_dax_get_pfn(dax) : NULL;
	}
	if (!pfn)
		return -ENODEV;
	rc = ndctl_pfn_set_uuid(pfn, c->uuid);
	rc = rc ? rc : ndctl_pfn_set_location(pfn, c->loc);
	rc = rc ? rc : ndctl_pfn_set_align(pfn, c->align);
	rc = rc ? rc : ndctl_pfn_set_namespace(pfn, ndns);
	if (rc || !enable)
		return rc;
	return dax ? ndctl_dax_enable(dax) : ndctl_pfn_enable(pfn);
}

static void save(struct ndctl_namespace *ndns, struct saved *s)
{
	s->info_saved = false;
	ndctl_namespace_get_uuid(ndns, s->uuid);
	snprintf(s->name, sizeof(s->name), "%s", ndctl_namespace_get_alt_name(ndns));
	s->size = ndctl_namespace_get_size(ndns);
	s->sector_size = ndctl_namespace_get_sector_size(ndns);
	s->enforce = ndctl_namespace_get_enforce_mode(ndns);
	s->active = ndctl_namespace_is_active(ndns);
	save_claim(ndns, &s->claim);
}

/* unbind and release whatever claims ndns now */
static int release(struct ndctl_namespace *ndns)
{
	struct claim_ref c;
	int rc = 0;

	claim_of(ndns, &c);
	if (c.btt && ndctl_btt_is_enabled(c.btt))
		rc = ndctl_btt_disable(c.btt);
	if (rc == 0 && c.pfn && ndctl_pfn_is_enabled(c.pfn))
		rc = ndctl_pfn_disable(c.pfn);
	if (rc == 0 && c.dax && ndctl_dax_is_enabled(c.dax))
		rc = ndctl_dax_disable(c.dax);
	if (rc == 0 && ndctl_namespace_is_enabled(ndns))
		rc = ndctl_namespace_disable(ndns);
	if (rc < 0)
		return rc;
	return claim_set_ns(&c, NULL);
}

/*
 * Write the saved info-block area back (the namespace is released): enable
 * it raw, write, disable, clear force_raw whatever happened.
 */
static int put_back_info(struct ndctl_namespace *ndns, struct saved *s)
{
	int rc, r;

	rc = ndctl_namespace_set_raw_mode(ndns, 1);
	rc = rc ? rc : ndctl_namespace_enable(ndns);
	rc = rc ? rc : ndctl_namespace_write_info(ndns, s->info, sizeof(s->info));
	if (ndctl_namespace_is_enabled(ndns)) {
		r = ndctl_namespace_disable(ndns);
		rc = rc ? rc : r;
	}
	r = ndctl_namespace_set_raw_mode(ndns, 0);
	rc = rc ? rc : r;
	if (rc == 0)
		s->info_saved = false;
	return rc;
}

/* put a namespace back as saved (best effort: every step is tried) */
static int restore(struct ndctl_namespace *ndns, struct saved *s, bool was_new)
{
	int rc = release(ndns), r;

	/* the kernel may have deleted released claim devices and made new seeds */
	ndctl_region_refresh(ndctl_namespace_get_region(ndns));

	if (is_io(ndns)) {
		if (rc == 0 && s->info_saved)
			rc = put_back_info(ndns, s);
		r = ndctl_namespace_set_enforce_mode(ndns, s->enforce);
		rc = rc ? rc : r;
	} else {
		if (was_new) {
			ndctl_namespace_set_alt_name(ndns, s->name);
			ndctl_namespace_set_enforce_mode(ndns, s->enforce);
			r = ndctl_namespace_set_size(ndns, 0);
		} else {
			r = ndctl_namespace_set_size(ndns, s->size);
			if (!uuid_is_null(s->uuid))
				r = r ? r : ndctl_namespace_set_uuid(ndns, s->uuid);
			r = r ? r : ndctl_namespace_set_alt_name(ndns, s->name);
			if (s->sector_size && s->sector_size != UINT_MAX)
				ndctl_namespace_set_sector_size(ndns, s->sector_size);
			r = r ? r : ndctl_namespace_set_enforce_mode(ndns, s->enforce);
		}
		rc = rc ? rc : r;
	}
	if (!was_new && s->claim.kind != C_NONE) {
		r = restore_claim(ndns, &s->claim, s->active);
		rc = rc ? rc : r;
	} else if (!was_new && s->active) {
		r = ndctl_namespace_enable(ndns);
		rc = rc ? rc : r;
	}
	ndctl_region_refresh(ndctl_namespace_get_region(ndns));
	return rc;
}

static enum ndctl_namespace_mode ns_mode(enum plan_mode m)
{
	switch (m) {
	case PLAN_MODE_FSDAX:
		return NDCTL_NS_MODE_FSDAX;
	case PLAN_MODE_DEVDAX:
		return NDCTL_NS_MODE_DEVDAX;
	case PLAN_MODE_SECTOR:
		return NDCTL_NS_MODE_SECTOR;
	default:
		return NDCTL_NS_MODE_RAW;
	}
}

#define STEP(call, what)                                                           \
	do {                                                                       \
		rc = (call);                                                       \
		if (rc < 0) {                                                      \
			snprintf(err, len, "%s: %s failed: %s", dev, what,         \
				 strerror(-rc));                                   \
			return rc;                                                 \
		}                                                                  \
	} while (0)

/*
 * Enable raw, zeroing a stale info block first where the kernel would find
 * it; keep: where to save the zeroed bytes (NULL: not needed, destroy).
 */
static int enable_raw(struct ndctl_namespace *ndns, struct saved *keep, char *err, size_t len)
{
	const char *dev = ndctl_namespace_get_devname(ndns);
	int rc;

	if (!is_io(ndns)) {
		STEP(ndctl_namespace_enable(ndns), "enable (raw)");
		return 0;
	}
	STEP(ndctl_namespace_set_raw_mode(ndns, 1), "force_raw");
	STEP(ndctl_namespace_enable(ndns), "enable (raw)");
	if (keep) {
		STEP(ndctl_namespace_read_info(ndns, keep->info, sizeof(keep->info)),
		     "saving the old info block");
		keep->info_saved = true;
	}
	STEP(ndctl_namespace_wipe_info(ndns, INFO_WIPE_LEN), "zeroing the old info block");
	STEP(ndctl_namespace_set_raw_mode(ndns, 0), "clearing force_raw");
	return 0;
}

/* the claim of the new personality, configured and bound */
static int enable_claim(struct ndctl_namespace *ndns, const struct plan_result *res, char *err,
			size_t len)
{
	struct ndctl_region *region = ndctl_namespace_get_region(ndns);
	enum ndctl_pfn_loc loc = res->map == PLAN_MAP_MEM ? NDCTL_PFN_LOC_RAM : NDCTL_PFN_LOC_PMEM;
	struct ndctl_btt *btt;
	struct ndctl_pfn *pfn;
	struct ndctl_dax *dax;
	const char *dev;
	uuid_t uu;
	int rc;

	uuid_generate(uu);
	switch (res->mode) {
	case PLAN_MODE_FSDAX:
		pfn = ndctl_region_get_pfn_seed(region);
		dev = pfn ? ndctl_pfn_get_devname(pfn) : ndctl_region_get_devname(region);
		if (!pfn)
			STEP(-ENODEV, "finding the pfn seed");
		STEP(ndctl_pfn_set_uuid(pfn, uu), "set uuid");
		STEP(ndctl_pfn_set_location(pfn, loc), "set map location");
		STEP(ndctl_pfn_set_align(pfn, res->align), "set align");
		STEP(ndctl_pfn_set_namespace(pfn, ndns), "claim");
		STEP(ndctl_pfn_enable(pfn), "enable");
		return 0;
	case PLAN_MODE_DEVDAX:
		dax = ndctl_region_get_dax_seed(region);
		dev = dax ? ndctl_dax_get_devname(dax) : ndctl_region_get_devname(region);
		if (!dax)
			STEP(-ENODEV, "finding the dax seed");
		STEP(ndctl_dax_set_uuid(dax, uu), "set uuid");
		STEP(ndctl_dax_set_location(dax, loc), "set map location");
		STEP(ndctl_dax_set_align(dax, res->align), "set align");
		STEP(ndctl_dax_set_namespace(dax, ndns), "claim");
		STEP(ndctl_dax_enable(dax), "enable");
		return 0;
	case PLAN_MODE_SECTOR:
		btt = ndctl_region_get_btt_seed(region);
		dev = btt ? ndctl_btt_get_devname(btt) : ndctl_region_get_devname(region);
		if (!btt)
			STEP(-ENODEV, "finding the btt seed");
		STEP(ndctl_btt_set_uuid(btt, uu), "set uuid");
		STEP(ndctl_btt_set_sector_size(btt, res->lbasize), "set sector size");
		STEP(ndctl_btt_set_namespace(btt, ndns), "claim");
		STEP(ndctl_btt_enable(btt), "enable");
		return 0;
	default:
		return -EINVAL;
	}
}

/* s: the saved state, also receives the info-block area enable_raw() zeroes */
static int configure(struct ndctl_namespace *ndns, struct ns_config *cfg, struct saved *s,
		     char *err, size_t len)
{
	const struct plan_result *res = cfg->plan;
	const char *dev = ndctl_namespace_get_devname(ndns);
	struct plan_result again;
	int rc;

	if (is_io(ndns)) {
		STEP(ndctl_namespace_set_enforce_mode(ndns, res->pfn_device ? ns_mode(res->mode) :
						      res->mode == PLAN_MODE_SECTOR ?
						      NDCTL_NS_MODE_SECTOR : NDCTL_NS_MODE_RAW),
		     "set claim class");
	} else {
		STEP(ndctl_namespace_set_uuid(ndns, cfg->uuid), "set uuid");
		if (cfg->name)
			STEP(ndctl_namespace_set_alt_name(ndns, cfg->name), "set name");
		STEP(ndctl_namespace_set_size(ndns, res->size), "set size");
		if (cfg->ns_sector_size)
			STEP(ndctl_namespace_set_sector_size(ndns, cfg->ns_sector_size),
			     "set sector size");
		STEP(ndctl_namespace_set_enforce_mode(ndns, res->pfn_device ? ns_mode(res->mode) :
						      res->mode == PLAN_MODE_SECTOR ?
						      NDCTL_NS_MODE_SECTOR : NDCTL_NS_MODE_RAW),
		     "set claim class");
	}
	/* the start is known now: -a 1G may not fit where the kernel put it */
	if (res->pfn_device && cfg->pregion && cfg->preq) {
		struct plan_request q = *cfg->preq;

		q.start_known = true;
		q.start = ndctl_namespace_get_resource(ndns);
		q.size = res->size;
		q.map = res->map;
		q.align = res->align;
		rc = plan_namespace(cfg->pregion, &q, &again);
		if (rc < 0) {
			snprintf(err, len, "%s: at %#llx: %s", dev,
				 (unsigned long long)q.start, again.reason);
			return rc;
		}
	}
	if (!res->pfn_device && res->mode != PLAN_MODE_SECTOR)
		return enable_raw(ndns, s, err, len);
	if (cfg->wipe) {
		/* a label-less BTT would be found again whatever the new claim says */
		rc = enable_raw(ndns, s, err, len);
		if (rc < 0)
			return rc;
		STEP(ndctl_namespace_disable(ndns), "disable after zeroing");
	}
	return enable_claim(ndns, res, err, len);
}

static int finish(struct ndctl_namespace *ndns, struct saved *s, bool was_new, int rc,
		  struct ns_config *cfg, char *err, size_t len)
{
	size_t n;

	if (rc == 0)
		return 0;
	if (!cfg->rollback) {
		n = strlen(err);
		snprintf(err + n, len - n, "; left as is (--no-autorecover)");
		return rc;
	}
	n = strlen(err);
	if (restore(ndns, s, was_new) < 0)
		snprintf(err + n, len - n, "; restoring the previous state failed too, see 'ndctl list -Ni'");
	else
		snprintf(err + n, len - n, "; nothing was changed");
	return rc;
}

int ns_create(struct ndctl_region *region, struct ns_config *cfg, struct ndctl_namespace **ret,
	      char *err, size_t len)
{
	struct ndctl_namespace *ndns = ndctl_region_get_namespace_seed(region);
	struct saved s;
	int rc;

	if (!ndns) {
		snprintf(err, len, "%s: no namespace seed to configure (region disabled?)",
			 ndctl_region_get_devname(region));
		return -ENODEV;
	}
	save(ndns, &s);
	rc = configure(ndns, cfg, &s, err, len);
	rc = finish(ndns, &s, true, rc, cfg, err, len);
	ndctl_region_refresh(region);
	*ret = ndns;
	return rc;
}

int ns_reconfigure(struct ndctl_namespace *ndns, struct ns_config *cfg, char *err, size_t len)
{
	const char *dev = ndctl_namespace_get_devname(ndns);
	struct saved s;
	int rc;

	save(ndns, &s);
	cfg->wipe = is_io(ndns) && s.claim.kind != C_NONE;
	rc = release(ndns);
	if (rc < 0) {
		snprintf(err, len, "%s: disable failed: %s", dev, strerror(-rc));
	} else {
		/* released claim devices may be gone, seeds replaced */
		ndctl_region_refresh(ndctl_namespace_get_region(ndns));
		rc = configure(ndns, cfg, &s, err, len);
	}
	rc = finish(ndns, &s, false, rc, cfg, err, len);
	ndctl_region_refresh(ndctl_namespace_get_region(ndns));
	return rc;
}

int ns_destroy(struct ndctl_namespace *ndns, char *err, size_t len)
{
	const char *dev = ndctl_namespace_get_devname(ndns);
	struct claim_ref c;
	bool had_claim;
	int rc;

	claim_of(ndns, &c);
	had_claim = c.btt || c.pfn || c.dax;
	STEP(release(ndns), "disable");
	if (!is_io(ndns)) {
		STEP(ndctl_namespace_delete(ndns), "delete");
	} else if (had_claim) {
		/* label-less: it stays, raw, without the info block, disabled */
		rc = enable_raw(ndns, NULL, err, len);
		if (rc == 0)
			STEP(ndctl_namespace_disable(ndns), "disable");
	}
	return rc < 0 ? rc : 0;
}

int ns_lock_region(struct ndctl_region *region)
{
	struct ndctl_ctx *ctx = ndctl_region_get_ctx(region);
	char *path;
	int fd;

	if (asprintf(&path, "%s/bus/nd/devices/%s", ndctl_get_sysfs_root(ctx),
		     ndctl_region_get_devname(region)) < 0)
		return -ENOMEM;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return -errno;
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			int rc = -errno;

			close(fd);
			return rc;
		}
	}
	/* what other writers did before we got the lock */
	ndctl_region_refresh(region);
	return fd;
}
