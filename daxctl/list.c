// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxctl list: dax regions, devices and mappings as JSON. With no listing
 * option the devices are listed; -r / -d alone list what they name.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <daxctl/libdaxctl.h>
#include "daxctl/builtin.h"
#include "daxctl/json.h"
#include "util/parse.h"

struct list_opts {
	const char *region;
	const char *dev;
	bool regions, devs, mappings, idle, human;
};

struct list_log {
	const struct cmd_env *env;
	int errors;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: daxctl list [<options>]\n"
		"\n"
		"    -r, --region <region-id>  filter by region (id, regionN or all)\n"
		"    -d, --dev <dev-name>      filter by dax device (daxX.Y, X.Y or all)\n"
		"    -D, --devices             include dax device info\n"
		"    -R, --regions             include dax region info\n"
		"    -M, --mappings            include dax mapping info\n"
		"    -i, --idle                include idle (disabled) devices\n"
		"    -u, --human               use human friendly number formats\n"
		"    -h, --help                show this help\n");
}

/* Library messages become "daxctl list: ..." lines; errors make the exit status 1. */
static void log_to_cli(struct daxctl_ctx *ctx, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args)
{
	struct list_log *log = daxctl_get_userdata(ctx);

	if (priority <= LOG_ERR)
		log->errors++;
	fprintf(stderr, "%s %s: ", log->env->prog, log->env->cmd);
	vfprintf(stderr, format, args);
}

static bool valid_region_ident(const char *s)
{
	uint64_t v;

	if (strcmp(s, "all") == 0)
		return true;
	if (strncmp(s, "region", 6) == 0)
		s += 6;
	return *s >= '0' && *s <= '9' && parse_u64(s, &v) == 0 && v <= 0x7fffffff &&
	       !strchr(s, 'x') && !strchr(s, '\n');
}

static bool valid_dev_ident(const char *s)
{
	const char *dot;

	if (strcmp(s, "all") == 0)
		return true;
	if (strncmp(s, "dax", 3) == 0)
		s += 3;
	dot = strchr(s, '.');
	if (!dot || dot == s || !dot[1])
		return false;
	for (const char *p = s; *p; p++)
		if (p != dot && (*p < '0' || *p > '9'))
			return false;
	return true;
}

static int parse_args(int argc, char **argv, const struct cmd_env *env,
		      struct list_opts *o)
{
	static const struct option longopts[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "dev", required_argument, NULL, 'd' },
		{ "devices", no_argument, NULL, 'D' },
		{ "regions", no_argument, NULL, 'R' },
		{ "mappings", no_argument, NULL, 'M' },
		{ "idle", no_argument, NULL, 'i' },
		{ "human", no_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":r:d:DRMiuh", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			o->region = optarg;
			break;
		case 'd':
			o->dev = optarg;
			break;
		case 'D':
			o->devs = true;
			break;
		case 'R':
			o->regions = true;
			break;
		case 'M':
			o->mappings = true;
			break;
		case 'i':
			o->idle = true;
			break;
		case 'u':
			o->human = true;
			break;
		case 'h':
			usage(stdout);
			return 1;
		case ':':
			cmd_err(env, "option '%s' needs an argument; see 'daxctl list --help'",
				argv[optind - 1]);
			return -1;
		default:
			cmd_err(env, "unknown option '%s'; see 'daxctl list --help'",
				argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc) {
		cmd_err(env, "unexpected argument '%s'; filter with -r REGION or -d DEV",
			argv[optind]);
		return -1;
	}
	if (o->region && !valid_region_ident(o->region)) {
		cmd_err(env, "--region '%s': expected a region id (0), regionN or all",
			o->region);
		return -1;
	}
	if (o->dev && !valid_dev_ident(o->dev)) {
		cmd_err(env, "--dev '%s': expected a device name (dax0.1), X.Y or all", o->dev);
		return -1;
	}
	/* -r / -d alone list what they name; nothing at all lists devices */
	if (!o->regions && !o->devs) {
		o->regions = o->region != NULL;
		o->devs = o->dev != NULL;
		if (!o->regions && !o->devs)
			o->devs = true;
	}
	return 0;
}

static bool region_has_dev(struct daxctl_region *region, const char *ident,
			   unsigned long flags)
{
	struct daxctl_dev *dev;

	daxctl_dev_foreach(region, dev)
		if (daxctl_dev_filter(dev, ident) &&
		    ((flags & DAXCTL_JSON_IDLE) || daxctl_dev_is_enabled(dev)))
			return true;
	return false;
}

int cmd_list(int argc, char **argv, const struct cmd_env *env)
{
	struct json_object *jregions = NULL, *jdevs = NULL;
	struct list_opts o = { 0 };
	struct list_log log = { .env = env };
	struct daxctl_region *region;
	struct daxctl_ctx *ctx;
	unsigned long flags = 0;
	int rc;

	rc = parse_args(argc, argv, env, &o);
	if (rc)
		return rc < 0 ? 1 : 0;
	rc = daxctl_new(&ctx);
	if (rc < 0) {
		cmd_err(env, "cannot create the library context: %s", strerror(-rc));
		return 1;
	}
	daxctl_set_userdata(ctx, &log);
	daxctl_set_log_fn(ctx, log_to_cli);

	if (o.human)
		flags |= DAXCTL_JSON_HUMAN;
	if (o.idle)
		flags |= DAXCTL_JSON_IDLE;
	if (o.mappings)
		flags |= DAXCTL_JSON_MAPPINGS;
	if (o.devs)
		flags |= DAXCTL_JSON_DEVS;

	daxctl_region_foreach(ctx, region) {
		if (!daxctl_region_filter(region, o.region))
			continue;
		if (o.regions) {
			struct json_object *jregion;

			jregion = daxctl_region_to_json(region, o.dev, flags);
			if (!jregion)
				continue;
			/* asked for a device: skip regions that do not hold it */
			if (o.dev && !region_has_dev(region, o.dev, flags)) {
				json_object_put(jregion);
				continue;
			}
			if (!jregions)
				jregions = json_object_new_array();
			if (jregions)
				json_object_array_add(jregions, jregion);
			else
				json_object_put(jregion);
		} else if (o.devs) {
			jdevs = daxctl_devs_to_list(region, jdevs, o.dev, flags);
		}
	}

	daxctl_json_print_list(stdout, o.regions ? jregions : jdevs, flags);
	fflush(stdout);
	daxctl_unref(ctx);
	if (log.errors) {
		cmd_err(env, "%d sysfs error%s (see above): the listing is incomplete; "
			"check the files named and the kernel log",
			log.errors, log.errors == 1 ? "" : "s");
		return 1;
	}
	return 0;
}
