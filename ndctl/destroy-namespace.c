// SPDX-License-Identifier: GPL-2.0-only
/*
 * ndctl destroy-namespace, enable-namespace, disable-namespace: select
 * namespaces by name (or "all") within the --bus/--region filters, lock
 * each region while its namespaces change, and report "<verb> N
 * namespace(s)" as upstream does. Namespaces in use are refused, with or
 * without --force.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <ndctl/libndctl.h>
#include "ndctl/builtin.h"
#include "ndctl/filter.h"
#include "ndctl/ns-apply.h"

enum ns_action { NS_DESTROY, NS_ENABLE, NS_DISABLE };

static const char *const verbs[] = { "destroy", "enable", "disable" };
static const char *const done[] = { "destroyed", "enabled", "disabled" };

static const struct option long_options[] = {
	{ "bus", required_argument, NULL, 'b' },
	{ "region", required_argument, NULL, 'r' },
	{ "force", no_argument, NULL, 'f' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f, enum ns_action a)
{
	fprintf(f, "usage: ndctl %s-namespace <namespace> [<namespace>...] [<options>]\n\n"
		   "  <namespace>                   namespaceX.Y, X.Y, or all\n"
		   "  -b, --bus=<bus-id>            limit to namespaces of this bus\n"
		   "  -r, --region=<region-id>      limit to namespaces of this region\n",
		verbs[a]);
	if (a == NS_DESTROY)
		fprintf(f, "  -f, --force                   destroy even if active (never if in use)\n");
	fprintf(f, "  -v, --verbose                 show the library's debug messages\n"
		   "  -h, --help                    show this help\n");
}

/* one namespace; 1 when it counts as done, 0 when skipped, -errno */
static int act(enum ns_action a, struct ndctl_namespace *ndns, bool force,
	       const struct cmd_env *env)
{
	const char *dev = ndctl_namespace_get_devname(ndns);
	char why[512];
	int rc;

	switch (a) {
	case NS_ENABLE:
		if (ndctl_namespace_is_active(ndns))
			return 1;
		rc = ns_enable(ndns);
		if (rc < 0)
			cmd_err(env, "%s: enable failed: %s; see 'ndctl list -Ni -n %s' and dmesg",
				dev, strerror(-rc), dev);
		return rc < 0 ? rc : 1;
	case NS_DISABLE:
		rc = ndctl_namespace_check_idle(ndns, why, sizeof(why));
		if (rc < 0) {
			cmd_err(env, "%s: %s (nothing was changed)", dev, why);
			return rc;
		}
		rc = ndctl_namespace_disable(ndns);
		if (rc < 0)
			cmd_err(env, "%s: disable failed: %s", dev, strerror(-rc));
		return rc < 0 ? rc : 1;
	case NS_DESTROY:
		if (!ndctl_namespace_is_configured(ndns))
			return 0;
		if (ndctl_namespace_get_type(ndns) == ND_DEVICE_NAMESPACE_IO &&
		    !ndctl_namespace_is_active(ndns) && !ndctl_namespace_get_pfn(ndns) &&
		    !ndctl_namespace_get_dax(ndns) && !ndctl_namespace_get_btt(ndns))
			return 0;	/* label-less, already disabled and raw */
		if (ndctl_namespace_is_active(ndns) && !force) {
			cmd_err(env, "%s is active: add -f to destroy it (its data will be lost)",
				dev);
			return -EBUSY;
		}
		rc = ndctl_namespace_check_idle(ndns, why, sizeof(why));
		if (rc < 0) {
			cmd_err(env, "%s: %s (nothing was changed)", dev, why);
			return rc;
		}
		rc = ns_destroy(ndns, why, sizeof(why));
		if (rc < 0)
			cmd_err(env, "%s", why);
		return rc < 0 ? rc : 1;
	}
	return -EINVAL;
}

/* can the region hold a namespace named by one of the arguments? (no sysfs reads) */
static bool may_hold(struct ndctl_region *region, char **names, int n)
{
	unsigned int id = ndctl_region_get_id(region);

	for (int i = 0; i < n; i++) {
		const char *s = names[i];
		unsigned int x;
		char dot;

		if (strncmp(s, "namespace", 9) == 0)
			s += 9;
		if (sscanf(s, "%u%c", &x, &dot) != 2 || dot != '.' || x == id)
			return true;	/* "all", or not a plain name: look inside */
	}
	return false;
}

static int ns_command(int argc, char **argv, const struct cmd_env *env, enum ns_action a)
{
	struct nd_filter f;
	struct ndctl_ctx *ctx;
	struct ndctl_bus *bus;
	struct ndctl_region *region;
	struct ndctl_namespace *ndns;
	bool force = false, verbose = false;
	int c, rc = 0, count = 0, first;
	char msg[256];

	memset(&f, 0, sizeof(f));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, a == NS_DESTROY ? ":b:r:fvh" : ":b:r:vh",
				long_options, NULL)) != -1) {
		switch (c) {
		case 'b': f.bus = optarg; break;
		case 'r': f.region = optarg; break;
		case 'f': force = true; break;
		case 'v': verbose = true; break;
		case 'h':
			usage(stdout, a);
			return 0;
		case ':':
			cmd_err(env, "option '%s' needs a value; see 'ndctl %s-namespace --help'",
				argv[optind - 1], verbs[a]);
			return 1;
		default:
			cmd_err(env, "unknown option '%s'; see 'ndctl %s-namespace --help'",
				argv[optind - 1], verbs[a]);
			return 1;
		}
	}
	if (optind >= argc) {
		cmd_err(env, "which namespace? name one (namespaceX.Y) or 'all'; see 'ndctl list -N'");
		return 1;
	}
	if (nd_filter_init(&f, msg, sizeof(msg)) < 0) {
		cmd_err(env, "%s", msg);
		return 1;
	}
	rc = ndctl_new(&ctx);
	if (rc < 0) {
		cmd_err(env, "cannot read sysfs: %s", strerror(-rc));
		return 1;
	}
	if (verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	first = optind;
	rc = 0;
	ndctl_bus_foreach(ctx, bus) {
		if (!nd_bus_in_scope(bus, &f))
			continue;
		ndctl_region_foreach(bus, region) {
			char names[64][32];
			int lock = -1, n = 0;

			if (!nd_region_in_scope(region, &f) || !may_hold(region, argv + first,
								   argc - first))
				continue;
			/* lock first: the children are then read once, as they are now */
			lock = ns_lock_region(region);
			if (lock < 0) {
				cmd_err(env, "%s: cannot lock the region: %s",
					ndctl_region_get_devname(region), strerror(-lock));
				rc = lock;
				continue;
			}
			ndctl_namespace_foreach(region, ndns) {
				bool want = false;

				for (int i = first; i < argc; i++)
					want |= nd_match_namespace(ndns, argv[i]);
				if (want && n < 64)
					snprintf(names[n++], sizeof(names[0]), "%s",
						 ndctl_namespace_get_devname(ndns));
			}
			if (!n) {
				close(lock);
				continue;
			}
			/* by name: destroying may drop objects from the region's list */
			for (int k = 0; k < n; k++) {
				int r;

				ndctl_namespace_foreach(region, ndns)
					if (strcmp(ndctl_namespace_get_devname(ndns), names[k]) == 0)
						break;
				if (!ndns)
					continue;
				r = act(a, ndns, force, env);
				if (r > 0)
					count++;
				else if (r < 0)
					rc = r;
			}
			close(lock);
		}
	}
	ndctl_unref(ctx);
	fprintf(stderr, "%s %d namespace%s\n", done[a], count, count == 1 ? "" : "s");
	if (count == 0 && rc == 0 && a != NS_DESTROY) {
		cmd_err(env, "no namespace matched: see 'ndctl list -Ni'");
		return 1;
	}
	return rc < 0 ? 1 : 0;
}

int cmd_destroy_namespace(int argc, char **argv, const struct cmd_env *env)
{
	return ns_command(argc, argv, env, NS_DESTROY);
}

int cmd_enable_namespace(int argc, char **argv, const struct cmd_env *env)
{
	return ns_command(argc, argv, env, NS_ENABLE);
}

int cmd_disable_namespace(int argc, char **argv, const struct cmd_env *env)
{
	return ns_command(argc, argv, env, NS_DISABLE);
}
