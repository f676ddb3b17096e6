// SPDX-License-Identifier: GPL-2.0-only
/*
 * ndctl create-namespace: options, region choice, planner preflight
 * (nothing is written before the plan holds), --dry-run, and the new or
 * in-place (-e) namespace, printed as `ndctl list` prints it.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <json-c/json.h>
#include <ndctl/libndctl.h>
#include "ndctl/builtin.h"
#include "ndctl/filter.h"
#include "ndctl/json.h"
#include "ndctl/ns-apply.h"
#include "ndctl/ns-plan.h"
#include "util/parse.h"

enum { OPT_AUTOLABEL = 1000, OPT_AUTORECOVER, OPT_DRY_RUN, OPT_USABLE };

struct create_opts {
	const char *bus, *region, *reconfig, *uuid, *name, *mode, *map, *type;
	const char *size, *usable, *align, *sector_size;
	bool force, cont, autolabel, autorecover, dry_run;
	int verbose;
	/* parsed */
	int mode_val;		/* -1: not given */
	enum plan_map map_val;
	uint64_t size_val, usable_val, align_val;
	uint32_t sector_val;
	uuid_t uuid_val;
};

static const struct option long_options[] = {
	{ "bus", required_argument, NULL, 'b' },
	{ "region", required_argument, NULL, 'r' },
	{ "reconfig", required_argument, NULL, 'e' },
	{ "uuid", required_argument, NULL, 'u' },
	{ "name", required_argument, NULL, 'n' },
	{ "size", required_argument, NULL, 's' },
	{ "usable-size", required_argument, NULL, OPT_USABLE },
	{ "mode", required_argument, NULL, 'm' },
	{ "map", required_argument, NULL, 'M' },
	{ "sector-size", required_argument, NULL, 'l' },
	{ "align", required_argument, NULL, 'a' },
	{ "type", required_argument, NULL, 't' },
	{ "force", no_argument, NULL, 'f' },
	{ "continue", no_argument, NULL, 'c' },
	{ "no-autolabel", no_argument, NULL, 'L' },
	{ "autolabel", no_argument, NULL, OPT_AUTOLABEL },
	{ "no-autorecover", no_argument, NULL, 'R' },
	{ "autorecover", no_argument, NULL, OPT_AUTORECOVER },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ndctl create-namespace [<options>]\n\n"
		"  -b, --bus=<bus-id>            limit to regions of this bus\n"
		"  -r, --region=<region-id>      create in this region (regionN or N)\n"
		"  -e, --reconfig=<namespace>    reconfigure this namespace in place\n"
		"  -u, --uuid=<uuid>             namespace uuid (default: generated)\n"
		"  -n, --name=<name>             namespace name (up to 63 characters)\n"
		"  -s, --size=<size>             namespace (raw) size, e.g. 256M; default: all\n"
		"      --usable-size=<size>      smallest namespace with at least this much usable\n"
		"  -m, --mode=<mode>             fsdax (default), devdax, sector or raw\n"
		"  -M, --map=<where>             struct page map: dev (default), mem, or auto\n"
		"  -l, --sector-size=<bytes>     logical block size (sector, raw)\n"
		"  -a, --align=<bytes>           fsdax/devdax alignment: 4K, 2M (default), 1G\n"
		"  -t, --type=<type>             region type: pmem\n"
		"  -f, --force                   reconfigure an active namespace (-e)\n"
		"  -c, --continue                create namespaces until the regions are full\n"
		"  -L, --no-autolabel            do not initialize labels of label-less regions\n"
		"      --autolabel               initialize labels when needed (default)\n"
		"  -R, --no-autorecover          leave a failed attempt as it is (no rollback)\n"
		"      --autorecover             roll back a failed attempt (default)\n"
		"      --dry-run                 print the plan as JSON, change nothing\n"
		"  -v, --verbose                 show the library's debug messages\n"
		"  -h, --help                    show this help\n");
}

static int parse_args(int argc, char **argv, struct create_opts *o, const struct cmd_env *env)
{
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":b:r:e:u:n:s:m:M:l:a:t:fcLRvh", long_options,
				NULL)) != -1) {
		switch (c) {
		case 'b': o->bus = optarg; break;
		case 'r': o->region = optarg; break;
		case 'e': o->reconfig = optarg; break;
		case 'u': o->uuid = optarg; break;
		case 'n': o->name = optarg; break;
		case 's': o->size = optarg; break;
		case OPT_USABLE: o->usable = optarg; break;
		case 'm': o->mode = optarg; break;
		case 'M': o->map = optarg; break;
		case 'l': o->sector_size = optarg; break;
		case 'a': o->align = optarg; break;
		case 't': o->type = optarg; break;
		case 'f': o->force = true; break;
		case 'c': o->cont = true; break;
		case 'L': o->autolabel = false; break;
		case OPT_AUTOLABEL: o->autolabel = true; break;
		case 'R': o->autorecover = false; break;
		case OPT_AUTORECOVER: o->autorecover = true; break;
		case OPT_DRY_RUN: o->dry_run = true; break;
		case 'v': o->verbose++; break;
		case 'h':
			usage(stdout);
			return 1;
		case ':':
			cmd_err(env, "option '%s' needs a value; see 'ndctl create-namespace --help'",
				argv[optind - 1]);
			return -EINVAL;
		default:
			cmd_err(env, "unknown option '%s'; see 'ndctl create-namespace --help'",
				argv[optind - 1]);
			return -EINVAL;
		}
	}
	if (optind < argc) {
		cmd_err(env, "unexpected argument '%s'; did you mean -e %s?", argv[optind],
			argv[optind]);
		return -EINVAL;
	}
	return 0;
}

static int parse_values(struct create_opts *o, const struct cmd_env *env)
{
	uint64_t v;

	o->mode_val = -1;
	if (o->mode && (o->mode_val = nd_mode_parse(o->mode)) < 0) {
		cmd_err(env, "unknown mode '%s': use fsdax, devdax, sector or raw", o->mode);
		return -EINVAL;
	}
	o->map_val = PLAN_MAP_DEFAULT;
	if (o->map) {
		if (strcmp(o->map, "mem") == 0 || strcmp(o->map, "memory") == 0)
			o->map_val = PLAN_MAP_MEM;
		else if (strcmp(o->map, "dev") == 0)
			o->map_val = PLAN_MAP_DEV;
		else if (strcmp(o->map, "auto") == 0)
			o->map_val = PLAN_MAP_AUTO;
		else {
			cmd_err(env, "unknown map '%s': use dev (struct pages on the device), mem (in RAM) or auto",
				o->map);
			return -EINVAL;
		}
	}
	if (o->size && o->usable) {
		cmd_err(env, "give either --size (namespace size) or --usable-size, not both");
		return -EINVAL;
	}
	if (o->size) {
		if (parse_size(o->size, &o->size_val) < 0) {
			cmd_err(env, "invalid size '%s': use bytes or a K/M/G/T suffix, e.g. 256M",
				o->size);
			return -EINVAL;
		}
		if (o->size_val == 0) {
			cmd_err(env, "size 0 is not a namespace: give a size, or leave out -s to use all available capacity");
			return -EINVAL;
		}
	}
	if (o->usable) {
		if (parse_size(o->usable, &o->usable_val) < 0 || o->usable_val == 0) {
			cmd_err(env, "invalid usable size '%s': use a non-zero size such as 1G",
				o->usable);
			return -EINVAL;
		}
	}
	if (o->align && parse_size(o->align, &o->align_val) < 0) {
		cmd_err(env, "invalid align '%s': use 4K, 2M or 1G", o->align);
		return -EINVAL;
	}
	if (o->sector_size) {
		if (parse_u64(o->sector_size, &v) < 0 || v == 0 || v > UINT32_MAX) {
			cmd_err(env, "invalid sector size '%s': use 512 or 4096 (sector mode also 520, 528, 4104, 4160, 4224)",
				o->sector_size);
			return -EINVAL;
		}
		o->sector_val = (uint32_t)v;
	}
	if (o->uuid && uuid_parse(o->uuid, o->uuid_val) < 0) {
		cmd_err(env, "invalid uuid '%s': use the 8-4-4-4-12 hex form", o->uuid);
		return -EINVAL;
	}
	if (o->name && strlen(o->name) > 63) {
		cmd_err(env, "name '%s' is too long: at most 63 characters", o->name);
		return -EINVAL;
	}
	if (o->type && strcmp(o->type, "pmem") != 0) {
		cmd_err(env, "type '%s' is not supported: only pmem namespaces can be created",
			o->type);
		return -EINVAL;
	}
	return 0;
}

static enum plan_mode plan_mode_of(int mode)
{
	switch (mode) {
	case NDCTL_NS_MODE_DEVDAX:
		return PLAN_MODE_DEVDAX;
	case NDCTL_NS_MODE_SECTOR:
		return PLAN_MODE_SECTOR;
	case NDCTL_NS_MODE_RAW:
		return PLAN_MODE_RAW;
	default:
		return PLAN_MODE_FSDAX;
	}
}

/* plan for region (and, with -e, the namespace changed in place) */
static int plan(struct ndctl_ctx *ctx, struct create_opts *o, struct ndctl_region *region,
		struct ndctl_namespace *ndns, bool as_labeled, struct plan_region *r,
		struct plan_request *q, struct plan_result *res)
{
	enum plan_mode mode;
	int cur = ndns ? (int)ndctl_namespace_get_mode(ndns) : -1;

	if (o->mode_val >= 0)
		mode = plan_mode_of(o->mode_val);
	else if (ndns && cur != NDCTL_NS_MODE_UNKNOWN)
		mode = plan_mode_of(cur);	/* -e without -m keeps the mode */
	else
		mode = PLAN_MODE_FSDAX;
	ns_plan_region(region, ndns, mode, r);
	if (as_labeled) {
		ns_plan_as_labeled(r);
		ndns = NULL;	/* a new namespace in the labeled region */
	}
	memset(q, 0, sizeof(*q));
	q->mode = mode;
	q->map = o->map_val;
	q->align = o->align_val;
	q->sector_size = o->sector_val;
	q->size = o->size_val;
	if (ndns && !o->size && !o->usable && !r->labelless)
		q->size = ndctl_namespace_get_size(ndns);	/* -e keeps the size */
	if (mode == PLAN_MODE_RAW && o->sector_val)
		q->sector_size = 0;	/* the namespace's block size, not a BTT's */
	/*
	 * In place the start is known and stays where it is (label-less, or
	 * the size kept): plan there, as configure()'s re-plan will. A new
	 * namespace's start is known only once its size is written.
	 */
	if (ndns && ndctl_namespace_get_resource(ndns) != ULLONG_MAX &&
	    (r->labelless || !q->size || q->size == ndctl_namespace_get_size(ndns))) {
		q->start_known = true;
		q->start = ndctl_namespace_get_resource(ndns);
	}
	ns_plan_host(ctx, q);
	if (o->usable)
		return plan_size_for_usable(r, q, o->usable_val, res);
	return plan_namespace(r, q, res);
}

static unsigned int ns_sector_size(struct create_opts *o, const struct plan_result *res)
{
	if (res->mode == PLAN_MODE_SECTOR)
		return res->lbasize >= 4096 ? 4096 : 512;
	if (res->mode == PLAN_MODE_RAW && o->sector_val)
		return o->sector_val;
	return 512;
}

static void print_ns(struct ndctl_namespace *ndns)
{
	struct json_object *j = nd_namespace_to_json(ndns, ND_JSON_DAX);

	if (!j)
		return;
	printf("%s\n", json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY));
	json_object_put(j);
}

static int dry_run(struct ndctl_region *region, struct ndctl_namespace *ndns,
		   const struct plan_result *res)
{
	struct ndctl_namespace *seed = ndns ? ndns : ndctl_region_get_namespace_seed(region);
	struct json_object *j = ns_plan_to_json(seed ? ndctl_namespace_get_devname(seed) : NULL,
						region, res);

	if (!j)
		return -ENOMEM;
	printf("%s\n", json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY));
	json_object_put(j);
	return 0;
}

static int create_in(struct ndctl_ctx *ctx, struct create_opts *o, struct ndctl_region *region,
		     struct ndctl_namespace *ndns, const struct cmd_env *env, bool quiet_nospace)
{
	const char *rname;
	struct plan_region r;
	struct plan_request q;
	struct plan_result res;
	struct ns_config cfg;
	char err[512];
	bool labelless, autolabel;
	int rc, lock;

	lock = o->dry_run ? -1 : ns_lock_region(region);
	if (!o->dry_run && lock < 0) {
		cmd_err(env, "%s: cannot lock the region: %s", ndctl_region_get_devname(region),
			strerror(-lock));
		return lock;
	}
	/* after the lock: the refresh it does replaces the region's strings */
	rname = ndctl_region_get_devname(region);
	if (!ndctl_region_is_enabled(region)) {
		cmd_err(env, "%s is disabled: enable it first with 'ndctl enable-region %s'", rname,
			rname);
		rc = -ENXIO;
		goto out;
	}
	if (ndctl_region_get_ro(region) == 1) {
		cmd_err(env, "%s is read-only: nothing can be created there", rname);
		rc = -EROFS;
		goto out;
	}
	labelless = ndctl_region_get_nstype(region) == ND_DEVICE_NAMESPACE_IO;
	/* a label-less NVDIMM region gets labels first (upstream's --autolabel) */
	autolabel = labelless && o->autolabel && ndctl_region_get_mappings(region) > 0;
	if (!ndns && labelless && !autolabel) {
		ndns = ndctl_namespace_get_first(region);
		cmd_err(env, "%s is label-less: its one namespace spans it and can only be reconfigured in place: 'ndctl create-namespace -f -e %s ...'",
			rname, ndns ? ndctl_namespace_get_devname(ndns) : "namespaceX.0");
		rc = -EINVAL;
		goto out;
	}
	if (autolabel && !ndns)
		ndns = ndctl_namespace_get_first(region);
	rc = plan(ctx, o, region, ndns, autolabel, &r, &q, &res);
	if (rc < 0) {
		if (rc == -ENOSPC && ndns && !labelless)
			cmd_err(env, "%s: %s (in place, %s can only grow into the free space next to it)",
				rname, res.reason, ndctl_namespace_get_devname(ndns));
		else if (!(quiet_nospace && rc == -ENOSPC))
			cmd_err(env, "%s: %s", rname, res.reason);
		goto out;
	}
	if (o->dry_run) {
		rc = dry_run(region, autolabel ? NULL : ndns, &res);
		goto out;
	}
	if (autolabel) {
		char why[256];

		if (ndns && ndctl_namespace_is_active(ndns) && !o->force) {
			cmd_err(env, "%s is active: add -f to label %s and replace it (its data will be lost), or -L to reconfigure it without labels",
				ndctl_namespace_get_devname(ndns), rname);
			rc = -EBUSY;
			goto out;
		}
		if (ndns && (rc = ndctl_namespace_check_idle(ndns, why, sizeof(why))) < 0) {
			cmd_err(env, "%s: %s (nothing was changed)", ndctl_namespace_get_devname(ndns),
				why);
			goto out;
		}
		rc = ns_autolabel(region, err, sizeof(err));
		if (rc < 0) {
			cmd_err(env, "%s", err);
			goto out;
		}
		ndns = NULL;
		rc = plan(ctx, o, region, NULL, false, &r, &q, &res);
		if (rc < 0) {
			cmd_err(env, "%s: labeled now, but: %s", rname, res.reason);
			goto out;
		}
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.plan = &res;
	cfg.pregion = &r;
	cfg.preq = &q;
	cfg.rollback = o->autorecover;
	cfg.name = o->name;
	cfg.ns_sector_size = ns_sector_size(o, &res);
	if (o->uuid)
		uuid_copy(cfg.uuid, o->uuid_val);
	else
		uuid_generate(cfg.uuid);
	if (ndns) {
		char why[256];

		if (ndctl_namespace_is_active(ndns) && !o->force) {
			cmd_err(env, "%s is active: add -f to reconfigure it (its data will be lost)",
				ndctl_namespace_get_devname(ndns));
			rc = -EBUSY;
			goto out;
		}
		rc = ndctl_namespace_check_idle(ndns, why, sizeof(why));
		if (rc < 0) {
			cmd_err(env, "%s: %s (nothing was changed)",
				ndctl_namespace_get_devname(ndns), why);
			goto out;
		}
		rc = ns_reconfigure(ndns, &cfg, err, sizeof(err));
	} else {
		rc = ns_create(region, &cfg, &ndns, err, sizeof(err));
	}
	if (rc < 0) {
		cmd_err(env, "%s", err);
		goto out;
	}
	print_ns(ndns);
out:
	if (lock >= 0)
		close(lock);
	return rc;
}

static struct ndctl_namespace *find_ns(struct ndctl_ctx *ctx, struct create_opts *o,
				       struct ndctl_region **ret_region)
{
	struct nd_filter f = { .bus = o->bus, .region = o->region };
	struct ndctl_bus *bus;
	struct ndctl_region *region;
	struct ndctl_namespace *ndns;

	ndctl_bus_foreach(ctx, bus) {
		if (!nd_bus_in_scope(bus, &f))
			continue;
		ndctl_region_foreach(bus, region) {
			if (!nd_region_in_scope(region, &f))
				continue;
			ndctl_namespace_foreach(region, ndns)
				if (nd_match_namespace(ndns, o->reconfig)) {
					*ret_region = region;
					return ndns;
				}
		}
	}
	return NULL;
}

int cmd_create_namespace(int argc, char **argv, const struct cmd_env *env)
{
	struct create_opts o = { .autolabel = true, .autorecover = true };
	struct nd_filter f;
	struct ndctl_ctx *ctx;
	struct ndctl_bus *bus;
	struct ndctl_region *region;
	char msg[256];
	int rc, created = 0, tried = 0, total = 0;

	rc = parse_args(argc, argv, &o, env);
	if (rc)
		return rc > 0 ? 0 : 1;
	if (parse_values(&o, env) < 0)
		return 1;
	memset(&f, 0, sizeof(f));
	f.bus = o.bus;
	f.region = o.region;
	f.type = o.type;
	if (nd_filter_init(&f, msg, sizeof(msg)) < 0) {
		cmd_err(env, "%s", msg);
		return 1;
	}
	rc = ndctl_new(&ctx);
	if (rc < 0) {
		cmd_err(env, "cannot read sysfs: %s", strerror(-rc));
		return 1;
	}
	if (o.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	if (o.reconfig) {
		struct ndctl_namespace *ndns = find_ns(ctx, &o, &region);

		if (!ndns) {
			cmd_err(env, "no namespace '%s'%s%s: see 'ndctl list -Ni'", o.reconfig,
				o.region ? " in region " : "", o.region ? o.region : "");
			rc = -ENOENT;
		} else {
			rc = create_in(ctx, &o, region, ndns, env, false);
		}
		ndctl_unref(ctx);
		return rc < 0 ? 1 : 0;
	}
	do {
		int last = -ENOSPC;

		created = 0;
		ndctl_bus_foreach(ctx, bus) {
			if (!nd_bus_in_scope(bus, &f))
				continue;
			ndctl_region_foreach(bus, region) {
				if (!nd_region_in_scope(region, &f))
					continue;
				/* without -r, label-less and disabled regions are not candidates */
				if (!o.region && (ndctl_region_get_nstype(region) ==
						  ND_DEVICE_NAMESPACE_IO ||
						  !ndctl_region_is_enabled(region)))
					continue;
				tried++;
				last = create_in(ctx, &o, region, NULL, env, !o.region || o.cont);
				if (last == 0) {
					created++;
					break;
				}
				if (last != -ENOSPC)
					break;
			}
			if (created || last != -ENOSPC)
				break;
		}
		rc = created ? 0 : last;
		total += created;
	} while (o.cont && created && !o.dry_run);
	/* --continue ends when the regions are full: success if it created any */
	if (o.cont && total && rc == -ENOSPC)
		rc = 0;
	if (!tried) {
		cmd_err(env, "no region to create a namespace in%s%s: see 'ndctl list -R'; label-less regions take 'create-namespace -e namespaceX.0 -f'",
			o.region ? " matching " : "", o.region ? o.region : "");
		rc = -ENODEV;
	} else if (rc == -ENOSPC && (!o.region || o.cont)) {
		cmd_err(env, "no region has room for it: see 'ndctl list -R' (available_size) or use a smaller --size");
	}
	ndctl_unref(ctx);
	return rc < 0 ? 1 : 0;
}
