// SPDX-License-Identifier: GPL-2.0-only
/*
 * ndctl enable-region, disable-region, enable-dimm, disable-dimm: bind or
 * unbind the named regions / DIMMs (names, ids or "all", optionally on one
 * bus). Disabling never takes away a namespace that is in use (mounted,
 * held open exclusively, mapped device-dax or system-ram) nor a DIMM that
 * an enabled region maps; the refusal says what to do instead. stderr
 * gets "enabled N regions" etc.: the targets now in the wanted state; -v
 * adds one line per target saying whether it changed.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ndctl/libndctl.h>
#include "ndctl/builtin.h"
#include "ndctl/targets.h"

struct endis_opts {
	const char *bus;
	unsigned int type;	/* ND_DEVICE_REGION_* or 0 */
	int verbose;
};

enum kind { K_REGION, K_DIMM };

static const struct option long_options[] = {
	{ "bus", required_argument, NULL, 'b' },
	{ "type", required_argument, NULL, 't' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void usage(const struct cmd_env *env, enum kind k, FILE *f)
{
	const char *obj = k == K_REGION ? "region" : "dimm";
	bool enable = strncmp(env->cmd, "enable", 6) == 0;

	fprintf(f,
		"usage: ndctl %s <%s> [<%s>...] [<options>]\n\n"
		"%s the given %s (%s, or 'all').\n\n"
		"  -b, --bus=<bus-id>    only %ss on this bus (provider, ndbusN or id)\n"
		"%s"
		"  -v, --verbose         one line per %s saying what changed\n"
		"  -h, --help            show this help\n",
		env->cmd, obj, obj, enable ? "Enable" : "Disable",
		k == K_REGION ? "regions" : "DIMMs",
		k == K_REGION ? "regionN or N" : "nmemN or N",
		k == K_REGION ? "region" : "DIMM",
		k == K_REGION ? "  -t, --type=<type>     only regions of this type (pmem, blk)\n" : "",
		k == K_REGION ? "region" : "DIMM");
}

/* the reason of a failed bind/unbind, for one message line */
static const char *why(int rc)
{
	if (rc == -EROFS)
		return "the sysfs root is a captured tree, nothing there can change";
	return strerror(-rc);
}

/* 1: help printed, 0: go on, -EINVAL: reported */
static int parse(int argc, char **argv, struct endis_opts *o, const struct cmd_env *env,
		 enum kind k)
{
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, k == K_REGION ? ":b:t:vh" : ":b:vh", long_options,
				NULL)) != -1) {
		switch (c) {
		case 'b':
			o->bus = optarg;
			break;
		case 't':
			if (strcmp(optarg, "pmem") == 0)
				o->type = ND_DEVICE_REGION_PMEM;
			else if (strcmp(optarg, "blk") == 0)
				o->type = ND_DEVICE_REGION_BLK;
			else {
				cmd_err(env, "unknown region type '%s': use pmem or blk", optarg);
				return -EINVAL;
			}
			break;
		case 'v':
			o->verbose++;
			break;
		case 'h':
			usage(env, k, stdout);
			return 1;
		case ':':
			cmd_err(env, "option '%s' needs a value; see 'ndctl %s --help'",
				argv[optind - 1], env->cmd);
			return -EINVAL;
		default:
			cmd_err(env, "unknown option '%s'; see 'ndctl %s --help'",
				argv[optind - 1], env->cmd);
			return -EINVAL;
		}
	}
	return 0;
}

static int region_enable(struct ndctl_region *region, const struct endis_opts *o,
			 const struct cmd_env *env)
{
	const char *name = ndctl_region_get_devname(region);
	int rc;

	if (ndctl_region_is_enabled(region)) {
		if (o->verbose)
			fprintf(stderr, "%s: already enabled\n", name);
		return 0;
	}
	rc = ndctl_region_enable(region);
	if (rc < 0) {
		cmd_err(env, "%s: the region driver did not take it: %s%s", name, why(rc),
			rc == -EROFS ? "" : "; the kernel log (dmesg) says why");
		return rc;
	}
	if (o->verbose) {
		struct ndctl_namespace *ndns;
		int n = 0;

		ndctl_namespace_foreach(region, ndns)
			n += ndctl_namespace_is_active(ndns);
		fprintf(stderr, "%s: enabled (%d active namespace%s)\n", name, n, nd_plural(n));
	}
	return 0;
}

static int region_disable(struct ndctl_region *region, const struct endis_opts *o,
			  const struct cmd_env *env)
{
	const char *name = ndctl_region_get_devname(region);
	struct ndctl_namespace *ndns;
	char reason[512];
	int rc, n = 0;

	if (!ndctl_region_is_enabled(region)) {
		if (o->verbose)
			fprintf(stderr, "%s: already disabled\n", name);
		return 0;
	}
	ndctl_namespace_foreach(region, ndns) {
		rc = ndctl_namespace_check_busy(ndns, reason, sizeof(reason));
		if (rc == -EBUSY) {
			cmd_err(env, "%s: not disabled: %s is in use: %s", name,
				ndctl_namespace_get_devname(ndns), reason);
			return rc;
		}
		n += ndctl_namespace_is_active(ndns);
	}
	rc = ndctl_region_disable_invalidate(region);
	if (rc == -EBUSY) {
		cmd_err(env, "%s: not disabled: a namespace became busy; stop using it first",
			name);
		return rc;
	}
	if (rc < 0) {
		cmd_err(env, "%s: disable failed: %s", name, why(rc));
		return rc;
	}
	if (o->verbose)
		fprintf(stderr, "%s: disabled (%d active namespace%s went away)\n", name, n,
			nd_plural(n));
	return 0;
}

static int dimm_enable(struct ndctl_dimm *dimm, const struct endis_opts *o,
		       const struct cmd_env *env)
{
	const char *name = ndctl_dimm_get_devname(dimm);
	int rc;

	if (ndctl_dimm_is_enabled(dimm)) {
		if (o->verbose)
			fprintf(stderr, "%s: already enabled\n", name);
		return 0;
	}
	rc = ndctl_dimm_enable(dimm);
	if (rc < 0) {
		cmd_err(env, "%s: the nvdimm driver did not take it: %s%s", name, why(rc),
			rc == -EROFS ? "" : "; the kernel log (dmesg) says why");
		return rc;
	}
	if (o->verbose)
		fprintf(stderr, "%s: enabled\n", name);
	return 0;
}

static int dimm_disable(struct ndctl_dimm *dimm, const struct endis_opts *o,
			const struct cmd_env *env)
{
	const char *name = ndctl_dimm_get_devname(dimm);
	struct ndctl_region *region;
	int rc;

	if (!ndctl_dimm_is_enabled(dimm)) {
		if (o->verbose)
			fprintf(stderr, "%s: already disabled\n", name);
		return 0;
	}
	ndctl_region_foreach(ndctl_dimm_get_bus(dimm), region) {
		struct ndctl_dimm *d;

		if (!ndctl_region_is_enabled(region))
			continue;
		ndctl_dimm_foreach_in_region(region, d)
			if (d == dimm) {
				cmd_err(env, "%s: not disabled: enabled %s uses it; run 'ndctl "
					"disable-region %s' first", name,
					ndctl_region_get_devname(region),
					ndctl_region_get_devname(region));
				return -EBUSY;
			}
	}
	rc = ndctl_dimm_disable(dimm);
	if (rc < 0) {
		cmd_err(env, "%s: disable failed: %s", name, why(rc));
		return rc;
	}
	if (o->verbose)
		fprintf(stderr, "%s: disabled\n", name);
	return 0;
}

static int run(int argc, char **argv, const struct cmd_env *env, enum kind k, bool enable)
{
	struct endis_opts o = { 0 };
	struct nd_targets t;
	struct ndctl_ctx *ctx;
	struct ndctl_bus *bus;
	int rc, ok = 0, failed = 0;

	rc = parse(argc, argv, &o, env, k);
	if (rc)
		return rc > 0 ? 0 : 1;
	if (nd_targets_init(&t, o.bus, argc - optind, argv + optind, env,
			    k == K_REGION ? "region" : "DIMM") < 0)
		return 1;
	rc = ndctl_new(&ctx);
	if (rc < 0) {
		cmd_err(env, "cannot create the library context: %s", strerror(-rc));
		nd_targets_fini(&t);
		return 1;
	}
	ndctl_bus_foreach(ctx, bus) {
		if (k == K_REGION) {
			struct ndctl_region *region;

			ndctl_region_foreach(bus, region) {
				if (!nd_targets_region(&t, region) ||
				    (o.type && ndctl_region_get_type(region) != o.type))
					continue;
				rc = enable ? region_enable(region, &o, env)
					    : region_disable(region, &o, env);
				if (rc < 0)
					failed++;
				else
					ok++;
			}
		} else {
			struct ndctl_dimm *dimm;

			ndctl_dimm_foreach(bus, dimm) {
				if (!nd_targets_dimm(&t, dimm))
					continue;
				rc = enable ? dimm_enable(dimm, &o, env)
					    : dimm_disable(dimm, &o, env);
				if (rc < 0)
					failed++;
				else
					ok++;
			}
		}
	}
	failed += nd_targets_unmatched(&t, env, k == K_REGION ? "region" : "DIMM",
				       k == K_REGION ? "ndctl list -R -i" : "ndctl list -D -i");
	fprintf(stderr, "%s %d %s%s\n", enable ? "enabled" : "disabled", ok,
		k == K_REGION ? "region" : "nmem", nd_plural(ok));
	nd_targets_fini(&t);
	ndctl_unref(ctx);
	return failed ? 1 : 0;
}

int cmd_enable_region(int argc, char **argv, const struct cmd_env *env)
{
	return run(argc, argv, env, K_REGION, true);
}

int cmd_disable_region(int argc, char **argv, const struct cmd_env *env)
{
	return run(argc, argv, env, K_REGION, false);
}

int cmd_enable_dimm(int argc, char **argv, const struct cmd_env *env)
{
	return run(argc, argv, env, K_DIMM, true);
}

int cmd_disable_dimm(int argc, char **argv, const struct cmd_env *env)
{
	return run(argc, argv, env, K_DIMM, false);
}
