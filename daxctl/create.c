// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxctl create-device: carve a new device out of a dynamic dax region,
 * from a size (the kernel picks the ranges: the last range grows, else the
 * first free hole, so a fragmented region yields several) or from --input,
 * the JSON 'daxctl list -M' printed, whose ranges are recreated at the same
 * addresses and page offsets through the device's "mapping" attribute.
 * Everything is checked before the first write; a failure after it removes
 * the half-made device again.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daxctl/builtin.h"
#include "daxctl/devcmd.h"
#include "daxctl/input.h"
#include "daxctl/json.h"
#include "util/parse.h"

struct create_opts {
	const char *size, *align, *input;
	bool human;
};

static bool align_supported(uint64_t a)
{
	return a == 4096 || a == (2ULL << 20) || a == (1ULL << 30);
}

static char *read_input(const char *file, size_t *len, struct devcmd *c)
{
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "re");
	size_t alloc = 4096, n = 0;
	char *buf;

	if (!f) {
		cmd_err(c->env, "--input %s: %s", file, strerror(errno));
		return NULL;
	}
	buf = malloc(alloc);
	while (buf) {
		size_t got = fread(buf + n, 1, alloc - n, f);

		n += got;
		if (n < alloc)
			break;
		if (alloc >= (1u << 24)) {
			cmd_err(c->env, "--input %s: larger than 16 MiB", file);
			free(buf);
			buf = NULL;
			break;
		}
		alloc *= 2;
		{
			char *tmp = realloc(buf, alloc);

			if (!tmp) {
				free(buf);
				buf = NULL;
			}
			buf = tmp;
		}
	}
	if (f != stdin)
		fclose(f);
	*len = n;
	return buf;
}

/* Undo a failed creation: no zero-size leftovers. */
static void rollback(struct daxctl_region *region, struct daxctl_dev *dev)
{
	if (daxctl_dev_is_enabled(dev))
		daxctl_dev_disable(dev);
	if (daxctl_dev_get_size(dev))
		daxctl_dev_set_size(dev, 0);
	if (daxctl_dev_get_id(dev) != 0)
		daxctl_region_destroy_dev(region, dev);
}

static int create_one(struct devcmd *c, struct daxctl_region *region, uint64_t size,
		      uint64_t align, const struct dax_input_dev *in, struct daxctl_dev **ret)
{
	struct daxctl_dev *dev;
	const char *step = "create";
	char why[600];
	int rc;

	devcmd_clear(c);
	rc = daxctl_region_create_dev(region, &dev);
	if (rc < 0) {
		cmd_err(c->env, "%s: creating a device failed: %s", daxctl_region_get_devname(region),
			c->lastmsg[0] ? c->lastmsg : strerror(-rc));
		c->failed++;
		return rc;
	}
	if (align && align != daxctl_dev_get_align(dev)) {
		step = "set align";
		rc = daxctl_dev_set_align(dev, align);
	}
	if (rc == 0 && in && in->nr_ranges) {
		step = "set mapping";
		for (size_t i = 0; i < in->nr_ranges && rc == 0; i++)
			rc = daxctl_dev_set_mapping(dev, in->ranges[i].start, in->ranges[i].end);
		if (rc == 0 && daxctl_dev_get_size(dev) != size) {
			snprintf(c->lastmsg, sizeof(c->lastmsg), "the kernel made it %llu bytes, "
				 "not %llu", daxctl_dev_get_size(dev), (unsigned long long)size);
			rc = -EIO;
		}
	} else if (rc == 0) {
		step = "set size";
		rc = daxctl_dev_set_size(dev, size);
	}
	if (rc == 0) {
		step = "enable";
		rc = daxctl_dev_enable_devdax(dev);
	}
	if (rc < 0) {
		snprintf(why, sizeof(why), "%s: %s; the new device was removed again", step,
			 c->lastmsg[0] ? c->lastmsg : strerror(-rc));
		rollback(region, dev);
		devcmd_fail(c, dev, "create", why, rc);
		return rc;
	}
	devcmd_done(c, dev, "create", "new");
	*ret = dev;
	return 0;
}

/* With several dynamic regions and --input: the one holding the first range. */
static struct daxctl_region *region_of_input(struct devcmd *c, const struct dax_input *in)
{
	struct daxctl_region *region;

	if (c->region || !in->nr_devs || !in->devs[0].nr_ranges)
		return devcmd_region(c);
	daxctl_region_foreach(c->ctx, region) {
		unsigned long long res = daxctl_region_get_resource(region);

		if (!daxctl_region_has_available_size(region) || res == ~0ULL)
			continue;
		if (in->devs[0].ranges[0].start >= res &&
		    in->devs[0].ranges[0].start - res < daxctl_region_get_size(region))
			return region;
	}
	return devcmd_region(c);
}

static int check_one(struct devcmd *c, struct daxctl_region *region, uint64_t size,
		     uint64_t align, uint64_t avail, const struct dax_input_dev *in)
{
	uint64_t ralign = daxctl_region_get_align(region), unit;
	char hs[40];

	if (align && !align_supported(align)) {
		cmd_err(c->env, "align %llu is not supported: use 4K, 2M or 1G; nothing was "
			"changed", (unsigned long long)align);
		return -EINVAL;
	}
	unit = align > ralign ? align : ralign;
	if (!unit)
		unit = 4096;
	if (size == 0) {
		cmd_err(c->env, "%s has no capacity left (available_size 0); nothing was "
			"changed", daxctl_region_get_devname(region));
		return -ENOSPC;
	}
	if (size % unit) {
		cmd_err(c->env, "size %llu is not a multiple of the alignment %llu; try %llu; "
			"nothing was changed", (unsigned long long)size,
			(unsigned long long)unit, (unsigned long long)(size / unit * unit));
		return -EINVAL;
	}
	if (size > avail) {
		snprintf(hs, sizeof(hs), "%llu", (unsigned long long)avail);
		cmd_err(c->env, "size %llu is more than %s has available (%s bytes); nothing "
			"was changed", (unsigned long long)size,
			daxctl_region_get_devname(region), hs);
		return -ENOSPC;
	}
	if (in) {
		unsigned long long res = daxctl_region_get_resource(region);

		for (size_t i = 0; i < in->nr_ranges; i++) {
			const struct dax_input_range *r = &in->ranges[i];

			if (res != ~0ULL && (r->start < res ||
					     r->end >= res + daxctl_region_get_size(region))) {
				cmd_err(c->env, "range %#llx-%#llx is outside %s (%#llx-%#llx); "
					"nothing was changed", (unsigned long long)r->start,
					(unsigned long long)r->end,
					daxctl_region_get_devname(region), res,
					res + daxctl_region_get_size(region) - 1);
				return -ERANGE;
			}
			if ((r->end - r->start + 1) % unit || r->start % unit) {
				cmd_err(c->env, "range %#llx-%#llx is not aligned to %llu; nothing "
					"was changed", (unsigned long long)r->start,
					(unsigned long long)r->end, (unsigned long long)unit);
				return -EINVAL;
			}
		}
	}
	return 0;
}

int cmd_create_device(int argc, char **argv, const struct cmd_env *env)
{
	static const struct option longopts[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "size", required_argument, NULL, 's' },
		{ "align", required_argument, NULL, 'a' },
		{ "input", required_argument, NULL, 'I' },
		{ "human", no_argument, NULL, 'u' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct devcmd c = { .env = env };
	struct create_opts o = { 0 };
	struct dax_input in = { 0 };
	struct daxctl_region *region;
	struct json_object *jdevs = NULL;
	uint64_t size = 0, align = 0, avail, total = 0;
	struct daxctl_dev **made = NULL;
	size_t nmade = 0;
	int ch, rc;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":r:s:a:uvh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			c.region = optarg;
			break;
		case 's':
			o.size = optarg;
			break;
		case 'a':
			o.align = optarg;
			break;
		case 'I':
			o.input = optarg;
			break;
		case 'u':
			o.human = true;
			break;
		case 'v':
			c.verbose = true;
			break;
		case 'h':
			printf("usage: daxctl create-device [<options>]\n\n"
			       "Create a dax device in a dynamic region (e.g. hmem).\n\n"
			       "    -s, --size <size>         size (default: all available)\n"
			       "    -a, --align <align>       alignment: 4K, 2M or 1G\n"
			       "        --input <file>        recreate the device(s) 'daxctl list -M'"
			       " printed (- for stdin)\n"
			       "    -u, --human               human friendly numbers in the JSON\n"
			       DEVCMD_USAGE_COMMON);
			return 0;
		case ':':
			cmd_err(env, "option '%s' needs an argument", argv[optind - 1]);
			return 1;
		default:
			cmd_err(env, "unknown option '%s'; see 'daxctl create-device --help'",
				argv[optind - 1]);
			return 1;
		}
	}
	if (optind < argc) {
		cmd_err(env, "unexpected argument '%s'; the region is chosen with -r",
			argv[optind]);
		return 1;
	}
	if (c.region && !devcmd_valid_region_ident(c.region)) {
		cmd_err(env, "--region '%s': expected a region id (0) or regionN", c.region);
		return 1;
	}
	if (o.size && (parse_size(o.size, &size) < 0 || size == 0)) {
		cmd_err(env, "--size '%s': not a size (e.g. 256M, 1G, 0x10000000)", o.size);
		return 1;
	}
	if (o.align && (parse_size(o.align, &align) < 0 || !align_supported(align))) {
		cmd_err(env, "--align '%s': unsupported alignment; use 4K, 2M or 1G", o.align);
		return 1;
	}
	if (o.input && o.size) {
		cmd_err(env, "--input and --size exclude each other: the input gives the size");
		return 1;
	}
	if (o.input) {
		char why[256], *buf;
		size_t len;

		buf = read_input(o.input, &len, &c);
		if (!buf)
			return 1;
		rc = dax_input_parse(buf, len, &in, why, sizeof(why));
		free(buf);
		if (rc < 0) {
			cmd_err(env, "--input %s: %s; nothing was changed", o.input,
				rc == -ENOMEM ? "out of memory" : why);
			return 1;
		}
	}
	if (devcmd_init(&c, env) < 0) {
		dax_input_free(&in);
		return 1;
	}
	region = o.input ? region_of_input(&c, &in) : devcmd_region(&c);
	if (!region)
		goto out_fail;
	if (!daxctl_region_has_available_size(region)) {
		cmd_err(env, "%s is static (its one device spans it): devices cannot be created; "
			"nothing was changed", daxctl_region_get_devname(region));
		goto out_fail;
	}
	avail = daxctl_region_get_available_size(region);
	/* every check before the first write */
	if (o.input) {
		for (size_t i = 0; i < in.nr_devs; i++) {
			uint64_t a = align ? align : in.devs[i].align;

			total += in.devs[i].size;
			if (check_one(&c, region, in.devs[i].size, a, avail, &in.devs[i]) < 0)
				goto out_fail;
		}
		if (total > avail) {
			cmd_err(env, "the input needs %llu bytes, %s has %llu available; nothing "
				"was changed", (unsigned long long)total,
				daxctl_region_get_devname(region), (unsigned long long)avail);
			goto out_fail;
		}
	} else {
		if (!o.size)
			size = avail;
		if (check_one(&c, region, size, align, avail, NULL) < 0)
			goto out_fail;
	}

	made = calloc(o.input ? in.nr_devs : 1, sizeof(*made));
	if (!made)
		goto out_fail;
	for (size_t i = 0; i < (o.input ? in.nr_devs : 1); i++) {
		struct daxctl_dev *dev;

		if (o.input)
			rc = create_one(&c, region, in.devs[i].size,
					align ? align : in.devs[i].align, &in.devs[i], &dev);
		else
			rc = create_one(&c, region, size, align, NULL, &dev);
		if (rc < 0) {
			/* an input is recreated as a whole or not at all */
			for (size_t k = 0; k < nmade; k++) {
				rollback(region, made[k]);
				fprintf(stderr, "%s: removed again (the input is created all or "
					"nothing)\n", daxctl_dev_get_devname(made[k]));
				c.ok--;
				c.failed++;
			}
			nmade = 0;
			break;
		}
		made[nmade++] = dev;
	}
	for (size_t k = 0; k < nmade; k++) {
		if (!jdevs)
			jdevs = json_object_new_array();
		if (jdevs)
			json_object_array_add(jdevs, daxctl_dev_to_json(made[k], o.human ?
									DAXCTL_JSON_HUMAN : 0));
	}
	free(made);
	daxctl_json_print_list(stdout, jdevs, o.human ? DAXCTL_JSON_HUMAN : 0);
	fflush(stdout);
	dax_input_free(&in);
	rc = devcmd_summary(&c, "created");
	devcmd_fini(&c);
	return rc;
out_fail:
	dax_input_free(&in);
	devcmd_fini(&c);
	return 1;
}
