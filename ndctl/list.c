// SPDX-License-Identifier: GPL-2.0-only
/*
 * ndctl list: walk buses, DIMMs, regions and namespaces through libndctl and
 * print the selected ones as JSON, in the shapes upstream ndctl prints:
 * buses at the top when listed, otherwise the one requested kind as an array,
 * or an object holding "dimms" / "regions" / "namespaces" arrays when several
 * kinds end up at the top.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <ndctl/libndctl.h>
#include "ndctl/builtin.h"
#include "ndctl/filter.h"
#include "ndctl/json.h"

struct list_opts {
	bool buses, dimms, regions, namespaces;
	bool idle, configured, health, firmware, dax, capabilities, media_errors, human;
	int verbose;
	struct nd_filter filter;
};

/* JSON under construction: the containers of the object being walked */
struct list_state {
	const struct list_opts *o;
	unsigned int flags;
	struct json_object *jbuses, *jbus;
	struct json_object *jdimms, *jregions, *jregion, *jnamespaces;
};

static const struct option long_options[] = {
	{ "bus", required_argument, NULL, 'b' },
	{ "region", required_argument, NULL, 'r' },
	{ "dimm", required_argument, NULL, 'd' },
	{ "namespace", required_argument, NULL, 'n' },
	{ "mode", required_argument, NULL, 'm' },
	{ "type", required_argument, NULL, 't' },
	{ "numa-node", required_argument, NULL, 'U' },
	{ "buses", no_argument, NULL, 'B' },
	{ "dimms", no_argument, NULL, 'D' },
	{ "firmware", no_argument, NULL, 'F' },
	{ "health", no_argument, NULL, 'H' },
	{ "regions", no_argument, NULL, 'R' },
	{ "namespaces", no_argument, NULL, 'N' },
	{ "device-dax", no_argument, NULL, 'X' },
	{ "capabilities", no_argument, NULL, 'C' },
	{ "idle", no_argument, NULL, 'i' },
	{ "configured", no_argument, NULL, 'c' },
	{ "media-errors", no_argument, NULL, 'M' },
	{ "human", no_argument, NULL, 'u' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ndctl list [<options>]\n\n"
		"Filters:\n"
		"  -b, --bus=<bus-id>            filter by bus (provider, ndbusN or id)\n"
		"  -r, --region=<region-id>      filter by region (regionN or id)\n"
		"  -d, --dimm=<dimm-id>          filter by DIMM (nmemN or id)\n"
		"  -n, --namespace=<namespace>   filter by namespace (namespaceX.Y or X.Y)\n"
		"  -m, --mode=<mode>             filter by namespace mode (fsdax, devdax, sector, raw)\n"
		"  -t, --type=<type>             filter by region type (pmem, blk)\n"
		"  -U, --numa-node=<node>        filter by NUMA node\n"
		"Objects:\n"
		"  -B, --buses                   include buses\n"
		"  -D, --dimms                   include DIMMs\n"
		"  -R, --regions                 include regions\n"
		"  -N, --namespaces              include namespaces (the default)\n"
		"  -X, --device-dax              include device-dax details of devdax namespaces\n"
		"  -M, --media-errors            include bad-block (media error) lists\n"
		"  -H, --health                  include DIMM health\n"
		"  -F, --firmware                include firmware information\n"
		"  -C, --capabilities            include region capabilities\n"
		"  -i, --idle                    include disabled (idle) devices\n"
		"  -c, --configured              include configured namespaces, enabled or not\n"
		"Format:\n"
		"  -u, --human                   sizes and ids in human-friendly form\n"
		"  -v, --verbose                 more detail; -vv and -vvv add more object kinds\n"
		"  -h, --help                    show this help\n");
}

static int parse_args(int argc, char **argv, struct list_opts *o, const struct cmd_env *env)
{
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":b:r:d:n:m:t:U:BDFHRNXCicMuvh", long_options,
				NULL)) != -1) {
		switch (c) {
		case 'b': o->filter.bus = optarg; break;
		case 'r': o->filter.region = optarg; break;
		case 'd': o->filter.dimm = optarg; break;
		case 'n': o->filter.namespace = optarg; break;
		case 'm': o->filter.mode = optarg; break;
		case 't': o->filter.type = optarg; break;
		case 'U': o->filter.numa_node = optarg; break;
		case 'B': o->buses = true; break;
		case 'D': o->dimms = true; break;
		case 'F': o->firmware = true; break;
		case 'H': o->health = true; break;
		case 'R': o->regions = true; break;
		case 'N': o->namespaces = true; break;
		case 'X': o->dax = true; break;
		case 'C': o->capabilities = true; break;
		case 'i': o->idle = true; break;
		case 'c': o->configured = true; break;
		case 'M': o->media_errors = true; break;
		case 'u': o->human = true; break;
		case 'v': o->verbose++; break;
		case 'h':
			usage(stdout);
			return 1;
		case ':':
			cmd_err(env, "option '%s' needs a value; see 'ndctl list --help'",
				argv[optind - 1]);
			return -EINVAL;
		default:
			cmd_err(env, "unknown option '%s'; see 'ndctl list --help'",
				argv[optind - 1]);
			return -EINVAL;
		}
	}
	if (optind < argc) {
		cmd_err(env, "unexpected argument '%s'; filters take options such as -r %s",
			argv[optind], argv[optind]);
		return -EINVAL;
	}
	return 0;
}

static int object_kinds(const struct list_opts *o)
{
	return o->buses + o->dimms + o->regions + o->namespaces;
}

/* what the filters and verbosity imply, as upstream derives it */
static void imply(struct list_opts *o, bool lint)
{
	if (object_kinds(o) == 0) {
		o->buses = !!o->filter.bus;
		o->regions = !!o->filter.region;
		o->dimms = !!o->filter.dimm;
		if (o->dax && !o->filter.mode)
			o->filter.mode = "devdax";
	}
	if (o->verbose >= 3) {
		o->idle = o->firmware = o->health = o->capabilities = true;
	}
	if (o->verbose >= 2) {
		if (!lint) {
			o->dimms = o->buses = o->regions = true;
		} else if (object_kinds(o) == 0) {
			o->dimms = o->buses = o->regions = o->namespaces = true;
		}
	}
	if (o->verbose >= 1) {
		o->media_errors = true;
		o->dax = true;
		if (!lint)
			o->namespaces = true;
	}
	if (object_kinds(o) == 0)
		o->namespaces = true;
}

static unsigned int json_flags(const struct list_opts *o)
{
	return (o->human ? ND_JSON_HUMAN : 0) | (o->verbose ? ND_JSON_VERBOSE : 0) |
	       (o->media_errors ? ND_JSON_MEDIA_ERRORS : 0) | (o->dax ? ND_JSON_DAX : 0) |
	       (o->capabilities ? ND_JSON_CAPABILITIES : 0) |
	       (o->firmware ? ND_JSON_FIRMWARE : 0) | (o->health ? ND_JSON_HEALTH : 0) |
	       (o->idle ? ND_JSON_IDLE : 0);
}

/* append obj to *arr, creating the array (and its parent link) on first use */
static void append(struct json_object **arr, struct json_object *parent, const char *key,
		   struct json_object *obj)
{
	if (!obj)
		return;
	if (!*arr) {
		*arr = json_object_new_array();
		if (!*arr) {
			json_object_put(obj);
			return;
		}
		if (parent)
			json_object_object_add(parent, key, *arr);
	}
	json_object_array_add(*arr, obj);
}

static void list_dimms(struct list_state *s, struct ndctl_bus *bus)
{
	const struct list_opts *o = s->o;
	struct ndctl_dimm *dimm;

	ndctl_dimm_foreach(bus, dimm) {
		if (!nd_dimm_in_scope(dimm, &o->filter))
			continue;
		if (!o->configured && !o->idle && !ndctl_dimm_is_enabled(dimm))
			continue;
		append(&s->jdimms, s->jbus, "dimms", nd_dimm_to_json(dimm, s->flags));
	}
}

static void list_mappings(struct list_state *s, struct json_object *jregion,
			  struct ndctl_region *region)
{
	const struct list_opts *o = s->o;
	struct json_object *jmaps = NULL;
	struct ndctl_mapping *m;

	if (!o->dimms)
		return;
	ndctl_mapping_foreach(region, m) {
		struct ndctl_dimm *dimm = ndctl_mapping_get_dimm(m);

		if (!nd_match_dimm(dimm, o->filter.dimm))
			continue;
		if (!o->configured && !o->idle && !ndctl_dimm_is_enabled(dimm))
			continue;
		append(&jmaps, jregion, "mappings", nd_mapping_to_json(m, s->flags));
	}
}

static void list_namespaces(struct list_state *s, struct ndctl_region *region)
{
	const struct list_opts *o = s->o;
	struct ndctl_namespace *ndns;

	ndctl_namespace_foreach(region, ndns) {
		unsigned long long size = ndctl_namespace_get_size(ndns);
		struct json_object *parent = s->jregion ? s->jregion : s->jbus;

		if (!nd_namespace_in_scope(ndns, &o->filter))
			continue;
		if (!ndctl_namespace_is_active(ndns) && !o->idle &&
		    !(o->configured && size > 0 && size != ULLONG_MAX))
			continue;
		append(&s->jnamespaces, parent, "namespaces",
		       nd_namespace_to_json(ndns, s->flags));
	}
}

static void list_regions(struct list_state *s, struct ndctl_bus *bus)
{
	const struct list_opts *o = s->o;
	struct ndctl_region *region;

	ndctl_region_foreach(bus, region) {
		if (!nd_region_in_scope(region, &o->filter))
			continue;
		/* old kernels give regions no node: only namespaces can be filtered then */
		if (o->filter.numa_val >= 0 && !ndctl_region_has_numa(region) && !o->namespaces) {
			fprintf(stderr, "ndctl list: %s: the kernel gives no NUMA node for regions; "
				"add -N to filter namespaces by node\n",
				ndctl_region_get_devname(region));
			continue;
		}
		if (o->regions) {
			struct json_object *jregion;

			if (!o->configured && !o->idle && !ndctl_region_is_enabled(region))
				continue;
			jregion = nd_region_to_json(region, s->flags);
			if (!jregion)
				continue;
			list_mappings(s, jregion, region);
			nd_region_json_finish(jregion, region, s->flags);
			append(&s->jregions, s->jbus, "regions", jregion);
			s->jregion = jregion;
			/* each region gets its own namespace array */
			s->jnamespaces = NULL;
		}
		if (o->namespaces)
			list_namespaces(s, region);
	}
}

static void walk(struct list_state *s, struct ndctl_ctx *ctx)
{
	const struct list_opts *o = s->o;
	struct ndctl_bus *bus;

	ndctl_bus_foreach(ctx, bus) {
		if (!nd_bus_in_scope(bus, &o->filter))
			continue;
		if (s->jbuses) {
			/* the previous bus owns what was collected so far */
			s->jdimms = s->jregions = s->jregion = s->jnamespaces = NULL;
		}
		if (o->buses) {
			s->jbus = nd_bus_to_json(bus, s->flags);
			append(&s->jbuses, NULL, NULL, s->jbus);
		}
		if (o->dimms)
			list_dimms(s, bus);
		list_regions(s, bus);
	}
}

static void display(struct list_state *s)
{
	/*
	 * Namespaces listed with regions sit inside them: they are not a kind
	 * of their own at the top (upstream counts them when the last region
	 * listed happens to have namespaces, which makes the shape depend on
	 * enumeration order).
	 */
	int kinds = !!s->jdimms + !!s->jregions + (!!s->jnamespaces && !s->jregions);

	if (s->jbuses) {
		nd_json_print_array(s->jbuses, s->flags);
		json_object_put(s->jbuses);
	} else if (kinds > 1) {
		struct json_object *jtop = json_object_new_object();

		if (!jtop)
			return;
		if (s->jdimms)
			json_object_object_add(jtop, "dimms", s->jdimms);
		if (s->jregions)
			json_object_object_add(jtop, "regions", s->jregions);
		/* namespaces already sit inside their regions */
		if (s->jnamespaces && !s->jregions)
			json_object_object_add(jtop, "namespaces", s->jnamespaces);
		printf("%s\n", json_object_to_json_string_ext(jtop, JSON_C_TO_STRING_PRETTY));
		json_object_put(jtop);
	} else if (s->jdimms) {
		nd_json_print_array(s->jdimms, s->flags);
		json_object_put(s->jdimms);
	} else if (s->jregions) {
		nd_json_print_array(s->jregions, s->flags);
		json_object_put(s->jregions);
	} else if (s->jnamespaces) {
		nd_json_print_array(s->jnamespaces, s->flags);
		json_object_put(s->jnamespaces);
	}
}

int cmd_list(int argc, char **argv, const struct cmd_env *env)
{
	struct list_opts o = { 0 };
	struct list_state s = { 0 };
	struct ndctl_ctx *ctx;
	char msg[160];
	int rc;

	rc = parse_args(argc, argv, &o, env);
	if (rc)
		return rc > 0 ? 0 : 1;
	imply(&o, secure_getenv("NDCTL_LIST_LINT") != NULL);
	if (nd_filter_init(&o.filter, msg, sizeof(msg)) < 0) {
		cmd_err(env, "%s", msg);
		return 1;
	}
	rc = ndctl_new(&ctx);
	if (rc < 0) {
		cmd_err(env, "cannot create the library context: %s", strerror(-rc));
		return 1;
	}
	s.o = &o;
	s.flags = json_flags(&o);
	walk(&s, ctx);
	display(&s);
	fflush(stdout);
	ndctl_unref(ctx);
	if (ferror(stdout)) {
		cmd_err(env, "cannot write the listing: %s", strerror(errno));
		return 1;
	}
	return 0;
}
