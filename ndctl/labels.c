// SPDX-License-Identifier: GPL-2.0-only
/*
 * ndctl init-labels, zero-labels, read-labels, write-labels, check-labels:
 * the namespace label storage area of DIMMs, through libndctl's label-area
 * handle (ioctls on the DIMM's device node) and lib/label (the format).
 * Only what a command needs is read: the two index blocks, then the label
 * slots in use; writes send only the bytes that change. Writing commands
 * refuse while an enabled region maps the DIMM (the kernel owns the labels
 * then) and re-probe the DIMM afterwards so the kernel reads the new ones.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>
#include <ndctl/libndctl.h>
#include "lib/label/label.h"
#include "ndctl/builtin.h"
#include "ndctl/targets.h"
#include "util/parse.h"

enum lcmd { L_INIT, L_ZERO, L_READ, L_WRITE, L_CHECK };

struct label_opts {
	enum lcmd cmd;
	const char *bus;
	int verbose;
	bool force, json, index_only, human;
	const char *output, *input;
	uint32_t label_size;	/* init: 128 (v1.1) or 256 (v1.2) */
	bool has_size, has_offset;
	uint64_t size, offset;
	/* write-labels: the input, read once */
	uint8_t *in_buf;
	size_t in_len;
	/* read-labels */
	FILE *out;
	struct json_object *jdimms;
};

struct label_cmd_info {
	const char *shortopts;
	const char *done;	/* "initialized", ... */
	const char *summary;
	const char *help;
};

static const struct label_cmd_info info[] = {
	[L_INIT] = { ":b:vfV:h", "initialized", "Write an empty label index to each DIMM",
		     "  -f, --force                 overwrite an existing valid label index\n"
		     "  -V, --label-version=<1.1|1.2>  label format (default 1.1)\n" },
	[L_ZERO] = { ":b:vs:O:h", "zeroed", "Zero the label area of each DIMM",
		     "  -s, --size=<bytes>          zero this many bytes (default: whole area)\n"
		     "  -O, --offset=<bytes>        zero starting at this offset\n" },
	[L_READ] = { ":b:vjuo:Is:O:h", "read", "Dump the label area of each DIMM",
		     "  -j, --json                  decode index blocks and labels as JSON\n"
		     "  -u, --human                 JSON with hex flags/cookie/DPA, sizes in units\n"
		     "  -o, --output=<file>         write to this file instead of stdout\n"
		     "  -I, --index                 only the two index blocks\n"
		     "  -s, --size=<bytes>          raw dump of this many bytes\n"
		     "  -O, --offset=<bytes>        raw dump starting at this offset\n" },
	[L_WRITE] = { ":b:vi:s:O:h", "wrote", "Write raw label data to each DIMM",
		      "  -i, --input=<file>          read the data from this file (default stdin)\n"
		      "  -s, --size=<bytes>          write this many bytes (default: whole area)\n"
		      "  -O, --offset=<bytes>        write starting at this offset\n" },
	[L_CHECK] = { ":b:vh", NULL, "Verify the label index and labels of each DIMM", "" },
};

static const struct option long_options[] = {
	{ "bus", required_argument, NULL, 'b' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "force", no_argument, NULL, 'f' },
	{ "label-version", required_argument, NULL, 'V' },
	{ "json", no_argument, NULL, 'j' },
	{ "human", no_argument, NULL, 'u' },
	{ "output", required_argument, NULL, 'o' },
	{ "index", no_argument, NULL, 'I' },
	{ "input", required_argument, NULL, 'i' },
	{ "size", required_argument, NULL, 's' },
	{ "offset", required_argument, NULL, 'O' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void usage(const struct cmd_env *env, enum lcmd c, FILE *f)
{
	fprintf(f,
		"usage: ndctl %s <nmem> [<nmem>...] [<options>]\n\n"
		"%s (nmemN, N, or 'all').\n\n"
		"  -b, --bus=<bus-id>          only DIMMs on this bus (provider, ndbusN or id)\n"
		"  -v, --verbose               say what is done to each DIMM\n"
		"%s"
		"  -h, --help                  show this help\n",
		env->cmd, info[c].summary, info[c].help);
}

/* 1: help printed, 0: go on, -EINVAL: reported */
static int parse(int argc, char **argv, struct label_opts *o, const struct cmd_env *env)
{
	int c;

	optind = 1;
	opterr = 0;
	o->label_size = LABEL_SIZE_V1_1;
	while ((c = getopt_long(argc, argv, info[o->cmd].shortopts, long_options, NULL)) != -1) {
		switch (c) {
		case 'b':
			o->bus = optarg;
			break;
		case 'v':
			o->verbose++;
			break;
		case 'f':
			o->force = true;
			break;
		case 'V':
			if (label_version_parse(optarg, &o->label_size) < 0) {
				cmd_err(env, "label version '%s' is not 1.1 or 1.2", optarg);
				return -EINVAL;
			}
			break;
		case 'j':
			o->json = true;
			break;
		case 'u':
			o->human = true;
			o->json = true;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'I':
			o->index_only = true;
			break;
		case 'i':
			o->input = optarg;
			break;
		case 's':
		case 'O':
			if (parse_size(optarg, c == 's' ? &o->size : &o->offset) < 0 ||
			    (c == 's' ? o->size : o->offset) > UINT32_MAX) {
				cmd_err(env, "invalid %s '%s': a byte count such as 4096 or 4K",
					c == 's' ? "size" : "offset", optarg);
				return -EINVAL;
			}
			if (c == 's')
				o->has_size = true;
			else
				o->has_offset = true;
			break;
		case 'h':
			usage(env, o->cmd, stdout);
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
	if (o->index_only && (o->has_size || o->has_offset)) {
		cmd_err(env, "--index and --size/--offset select different ranges; use one");
		return -EINVAL;
	}
	if (o->json && (o->has_size || o->has_offset)) {
		cmd_err(env, "--json decodes the whole area; --size/--offset are for raw dumps");
		return -EINVAL;
	}
	return 0;
}

static void label_log_stderr(void *ctx, enum label_log_level level, const char *msg)
{
	const char *dev = ctx;

	if (level == LABEL_LOG_INFO)
		return;
	fprintf(stderr, "  %s: %s%s\n", dev, level == LABEL_LOG_WARN ? "warning: " : "", msg);
}

/* the enabled region mapping the DIMM, NULL if none */
static struct ndctl_region *active_region(struct ndctl_dimm *dimm)
{
	struct ndctl_region *region;
	struct ndctl_dimm *d;

	ndctl_region_foreach(ndctl_dimm_get_bus(dimm), region) {
		if (!ndctl_region_is_enabled(region))
			continue;
		ndctl_dimm_foreach_in_region(region, d)
			if (d == dimm)
				return region;
	}
	return NULL;
}

static int refuse_if_active(struct ndctl_dimm *dimm, const struct cmd_env *env)
{
	struct ndctl_region *region = active_region(dimm);

	if (!region)
		return 0;
	cmd_err(env, "%s: labels unchanged: enabled %s uses them; run 'ndctl disable-region "
		"%s' first (and enable-region after)", ndctl_dimm_get_devname(dimm),
		ndctl_region_get_devname(region), ndctl_region_get_devname(region));
	return -EBUSY;
}

static int open_area(struct ndctl_dimm *dimm, struct ndctl_label_area **la,
		     const struct cmd_env *env)
{
	const char *name = ndctl_dimm_get_devname(dimm);
	int rc = ndctl_dimm_label_area_open(dimm, la);

	switch (rc) {
	case 0:
		return 0;
	case -ENOTTY:
	case -ENXIO:
	case -EOPNOTSUPP:
		cmd_err(env, "%s: the DIMM has no label storage area", name);
		break;
	case -EACCES:
		cmd_err(env, "%s: the label area is locked (DIMM security); unlock the DIMM "
			"first", name);
		break;
	case -ENOENT:
		cmd_err(env, "%s: no device node for it (is devtmpfs mounted?)", name);
		break;
	case -EROFS:
		cmd_err(env, "%s: the sysfs root is a captured tree: label areas can only be "
			"read on a live system", name);
		break;
	default:
		cmd_err(env, "%s: cannot open its label area: %s", name, strerror(-rc));
	}
	return rc;
}

/* one ioctl's worth from off (at least min bytes), clipped to the area */
static int read_chunk(struct ndctl_label_area *la, uint64_t off, uint64_t min)
{
	uint32_t size = ndctl_label_area_get_size(la);
	uint64_t len = ndctl_label_area_get_max_xfer(la);

	if (len < min)
		len = min;
	if (off >= size)
		return 0;
	if (len > size - off)
		len = size - off;
	return ndctl_label_area_read(la, (unsigned int)off, (unsigned int)len);
}

/*
 * Read both index blocks and parse: 0 / -ENODATA (no valid index) / -errno.
 * The first transfer is as large as one ioctl allows, so the first label
 * slots usually come with the index at no extra cost.
 */
static int read_index(struct ndctl_label_area *la, struct label_area *a)
{
	uint32_t size = ndctl_label_area_get_size(la);
	uint64_t span = label_index_span(size);
	int rc;

	if (!span)
		return -EMSGSIZE;
	rc = read_chunk(la, 0, span);
	if (rc < 0)
		return rc;
	return label_area_parse(a, ndctl_label_area_get_data(la), size, NULL);
}

/*
 * Read the label slots in use (and, if run, the leading run of slots, see
 * label_area_slot_run()) and re-parse. read_index() read [0, have); the rest
 * is read on from there in transfers as large as the DIMM allows.
 */
static int read_slots(struct ndctl_label_area *la, struct label_area *a, bool run)
{
	uint32_t size = ndctl_label_area_get_size(la);
	uint64_t xfer = ndctl_label_area_get_max_xfer(la);
	uint64_t have = xfer, need = 0;
	int rc;

	if (have < label_index_span(size))
		have = label_index_span(size);
	label_area_foreach_in_use(a, s)
		need = a->labeloff + ((uint64_t)s + 1) * a->label_size;
	for (;;) {
		if (have >= size)
			break;
		if (have < need) {
			rc = read_chunk(la, have, 1);
			if (rc < 0)
				return rc;
			have += xfer;
			continue;
		}
		/* the leading run needs the slot after its end to be known */
		if (!run || !a->label_size || have <= a->labeloff ||
		    label_area_slot_run(a) < (have - a->labeloff) / a->label_size)
			break;
		need = have + 1;
	}
	rc = label_area_parse(a, ndctl_label_area_get_data(la), size, NULL);
	return rc == -ENODATA ? 0 : rc;
}

static const char *version_of(uint32_t label_size)
{
	return label_size == LABEL_SIZE_V1_2 ? "1.2" : "1.1";
}

static void verbose_ioctls(const struct label_opts *o, struct ndctl_label_area *la,
			   const char *name)
{
	unsigned int r, w;

	if (o->verbose < 2)
		return;
	ndctl_label_area_get_ioctls(la, &r, &w);
	fprintf(stderr, "%s: %u read and %u write ioctls\n", name, r, w);
}

/* the -O/--offset, -s/--size window of a label area of `size` bytes, checked */
static int area_window(const struct label_opts *o, uint32_t size, const char *name,
		       const struct cmd_env *env, uint64_t *ret_off, uint64_t *ret_len)
{
	uint64_t off = o->has_offset ? o->offset : 0;
	uint64_t len = o->has_size ? o->size : size - (off < size ? off : size);

	if (off > size || len > size - off) {
		cmd_err(env, "%s: offset %llu + size %llu is beyond the %u-byte label area", name,
			(unsigned long long)off, (unsigned long long)len, size);
		return -ERANGE;
	}
	*ret_off = off;
	*ret_len = len;
	return 0;
}

/* a label area to change: refused while a region using the DIMM is active */
static int open_area_for_write(struct ndctl_dimm *dimm, struct ndctl_label_area **la,
			       const struct cmd_env *env)
{
	int rc = refuse_if_active(dimm, env);

	return rc < 0 ? rc : open_area(dimm, la, env);
}

static int do_init(struct ndctl_dimm *dimm, struct label_opts *o, const struct cmd_env *env)
{
	const char *name = ndctl_dimm_get_devname(dimm);
	struct ndctl_label_area *la;
	struct label_area a;
	uint8_t *nb = NULL;
	uint32_t size;
	int rc;

	if ((rc = open_area_for_write(dimm, &la, env)) < 0)
		return rc;
	size = ndctl_label_area_get_size(la);
	rc = read_index(la, &a);
	if (rc == 0 && !o->force) {
		cmd_err(env, "%s: already has a valid v%s label index (%u free of %u slots); "
			"-f replaces it, forgetting every namespace label on the DIMM", name,
			version_of(a.label_size), label_area_nfree(&a), a.nslot);
		rc = -EEXIST;
		goto out;
	}
	if (rc < 0 && rc != -ENODATA) {
		cmd_err(env, "%s: cannot read the label index: %s", name, strerror(-rc));
		goto out;
	}
	nb = malloc(size);
	if (!nb) {
		rc = -ENOMEM;
		goto out;
	}
	memcpy(nb, ndctl_label_area_get_data(la), size);
	rc = label_area_init(nb, size, o->label_size, 0, NULL);
	if (rc < 0) {
		cmd_err(env, "%s: a %u-byte label area cannot hold v%s labels: %s", name, size,
			version_of(o->label_size), strerror(-rc));
		goto out;
	}
	rc = ndctl_label_area_write(la, nb);
	if (rc == -EBUSY)
		refuse_if_active(dimm, env);
	else if (rc < 0)
		cmd_err(env, "%s: writing the label index failed: %s", name, strerror(-rc));
	else if (o->verbose)
		fprintf(stderr, "%s: v%s label index written\n", name, version_of(o->label_size));
out:
	verbose_ioctls(o, la, name);
	free(nb);
	if (ndctl_label_area_close(la) < 0 && rc == 0)
		rc = -EIO;
	return rc;
}

static int do_zero(struct ndctl_dimm *dimm, struct label_opts *o, const struct cmd_env *env)
{
	const char *name = ndctl_dimm_get_devname(dimm);
	struct ndctl_label_area *la;
	uint8_t *nb = NULL;
	uint64_t off, len;
	uint32_t size;
	int rc;

	if ((rc = open_area_for_write(dimm, &la, env)) < 0)
		return rc;
	size = ndctl_label_area_get_size(la);
	if ((rc = area_window(o, size, name, env, &off, &len)) < 0)
		goto out;
	/* what is there decides what needs writing: read it */
	rc = ndctl_label_area_read(la, (unsigned int)off, (unsigned int)len);
	if (rc < 0) {
		cmd_err(env, "%s: cannot read the label area: %s", name, strerror(-rc));
		goto out;
	}
	nb = malloc(size);
	if (!nb) {
		rc = -ENOMEM;
		goto out;
	}
	memcpy(nb, ndctl_label_area_get_data(la), size);
	memset(nb + off, 0, len);
	rc = ndctl_label_area_write(la, nb);
	if (rc == -EBUSY)
		refuse_if_active(dimm, env);
	else if (rc < 0)
		cmd_err(env, "%s: zeroing the label area failed: %s", name, strerror(-rc));
	else if (o->verbose)
		fprintf(stderr, "%s: %llu bytes of label area zeroed at offset %llu\n", name,
			(unsigned long long)len, (unsigned long long)off);
out:
	verbose_ioctls(o, la, name);
	free(nb);
	if (ndctl_label_area_close(la) < 0 && rc == 0)
		rc = -EIO;
	return rc;
}

static int do_check(struct ndctl_dimm *dimm, struct label_opts *o, const struct cmd_env *env)
{
	const char *name = ndctl_dimm_get_devname(dimm);
	struct label_log log = { .fn = label_log_stderr, .ctx = (void *)name };
	enum label_problem problem = LABEL_OK;
	struct ndctl_label_area *la;
	struct label_area a;
	int rc;

	if ((rc = open_area(dimm, &la, env)) < 0)
		return rc;
	rc = read_index(la, &a);
	if (rc == -ENODATA) {
		cmd_err(env, "%s: no valid label index (block 0: %s; block 1: %s); the DIMM is "
			"label-less, 'ndctl init-labels %s' makes it labeled", name,
			label_problem_str(a.index[0].status), label_problem_str(a.index[1].status),
			name);
		goto out;
	}
	if (rc < 0) {
		cmd_err(env, "%s: cannot read the label index: %s", name, strerror(-rc));
		goto out;
	}
	rc = read_slots(la, &a, false);
	if (rc < 0) {
		cmd_err(env, "%s: cannot read the labels: %s", name, strerror(-rc));
		goto out;
	}
	rc = label_area_verify(&a, &problem, o->verbose ? &log : NULL);
	if (rc < 0)
		cmd_err(env, "%s: label area invalid: %s", name, label_problem_str(problem));
	else if (o->verbose)
		fprintf(stderr, "%s: v%s index (seq %u), %u label%s in use\n", name,
			version_of(a.label_size), a.index[a.current].seq,
			a.nslot - label_area_nfree(&a), nd_plural((int)(a.nslot -
								     label_area_nfree(&a))));
out:
	verbose_ioctls(o, la, name);
	ndctl_label_area_close(la);
	return rc;
}

static struct json_object *json_index(const struct label_index *ix)
{
	struct json_object *j = json_object_new_object();

	json_object_object_add(j, "signature", json_object_new_string(ix->signature));
	json_object_object_add(j, "major", json_object_new_int(ix->major));
	json_object_object_add(j, "minor", json_object_new_int(ix->minor));
	json_object_object_add(j, "labelsize",
			       json_object_new_int64(label_index_labelsize(ix)));
	json_object_object_add(j, "seq", json_object_new_int64(ix->seq));
	json_object_object_add(j, "nslot", json_object_new_int64(ix->nslot));
	return j;
}

static struct json_object *json_hex(uint64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)v);
	return json_object_new_string(buf);
}

static struct json_object *json_size(uint64_t v)
{
	char buf[64];

	if (!format_size_human(v, buf, sizeof(buf)))
		return json_object_new_uint64(v);
	return json_object_new_string(buf);
}

static struct json_object *json_label(const struct label_ns *l, bool human)
{
	struct json_object *j = json_object_new_object();
	char uuid[37];

	label_uuid_unparse(l->uuid, uuid);
	json_object_object_add(j, "uuid", json_object_new_string(uuid));
	json_object_object_add(j, "name", json_object_new_string(l->name));
	json_object_object_add(j, "slot", json_object_new_int64(l->slot));
	json_object_object_add(j, "position", json_object_new_int(l->position));
	json_object_object_add(j, "nlabel", json_object_new_int(l->nlabel));
	json_object_object_add(j, "flags", human ? json_hex(l->flags)
						     : json_object_new_int64(l->flags));
	json_object_object_add(j, "isetcookie", human ? json_hex(l->isetcookie)
							: json_object_new_uint64(l->isetcookie));
	json_object_object_add(j, "lbasize", json_object_new_uint64(l->lbasize));
	json_object_object_add(j, "dpa", human ? json_hex(l->dpa)
						 : json_object_new_uint64(l->dpa));
	json_object_object_add(j, "rawsize", human ? json_size(l->rawsize)
						     : json_object_new_uint64(l->rawsize));
	if (l->v1_2) {
		label_uuid_unparse(l->type_guid, uuid);
		json_object_object_add(j, "type_guid", json_object_new_string(uuid));
		label_uuid_unparse(l->abstraction_guid, uuid);
		json_object_object_add(j, "abstraction_guid", json_object_new_string(uuid));
	}
	return j;
}

static int do_read(struct ndctl_dimm *dimm, struct label_opts *o, const struct cmd_env *env)
{
	const char *name = ndctl_dimm_get_devname(dimm);
	struct ndctl_label_area *la;
	struct label_area a;
	uint32_t size;
	uint64_t off = 0, len;
	int rc;

	if ((rc = open_area(dimm, &la, env)) < 0)
		return rc;
	size = ndctl_label_area_get_size(la);
	if (o->json || o->index_only) {
		rc = read_index(la, &a);
		if (rc < 0 && rc != -ENODATA) {
			cmd_err(env, "%s: cannot read the label index: %s", name, strerror(-rc));
			goto out;
		}
		if (!o->index_only) {
			rc = read_slots(la, &a, true);
			if (rc < 0) {
				cmd_err(env, "%s: cannot read the labels: %s", name,
					strerror(-rc));
				goto out;
			}
		}
		rc = 0;
	}
	if (o->json) {
		struct json_object *jd = json_object_new_object();
		struct json_object *jix = json_object_new_array();

		json_object_object_add(jd, "dev", json_object_new_string(name));
		for (int i = 0; i < 2; i++)
			json_object_array_add(jix, json_index(&a.index[i]));
		json_object_object_add(jd, "index", jix);
		if (!o->index_only) {
			struct json_object *jl = json_object_new_array();
			uint32_t run = label_area_slot_run(&a);

			for (uint32_t s = 0; s < run; s++) {
				struct label_ns l;

				if (label_area_decode(&a, s, &l) == 0)
					json_object_array_add(jl, json_label(&l, o->human));
			}
			json_object_object_add(jd, "label", jl);
		}
		json_object_array_add(o->jdimms, jd);
		goto out;
	}
	/* raw */
	if (o->index_only) {
		len = a.labeloff && a.labeloff <= size ? a.labeloff : label_index_span(size);
	} else {
		if ((rc = area_window(o, size, name, env, &off, &len)) < 0)
			goto out;
		rc = ndctl_label_area_read(la, (unsigned int)off, (unsigned int)len);
		if (rc < 0) {
			cmd_err(env, "%s: cannot read the label area: %s", name, strerror(-rc));
			goto out;
		}
	}
	if (fwrite((const uint8_t *)ndctl_label_area_get_data(la) + off, 1, len, o->out) != len) {
		cmd_err(env, "%s: cannot write the dump: %s", name, strerror(errno));
		rc = -EIO;
	}
out:
	verbose_ioctls(o, la, name);
	ndctl_label_area_close(la);
	return rc;
}

static int do_write(struct ndctl_dimm *dimm, struct label_opts *o, const struct cmd_env *env)
{
	const char *name = ndctl_dimm_get_devname(dimm);
	struct ndctl_label_area *la;
	uint8_t *nb = NULL;
	uint64_t off, len;
	uint32_t size;
	int rc;

	if ((rc = open_area_for_write(dimm, &la, env)) < 0)
		return rc;
	size = ndctl_label_area_get_size(la);
	if ((rc = area_window(o, size, name, env, &off, &len)) < 0)
		goto out;
	if (o->in_len != len) {
		cmd_err(env, "%s: the input has %zu bytes but %llu are to be written (the label "
			"area is %u bytes; --size/--offset write part of it)", name, o->in_len,
			(unsigned long long)len, size);
		rc = -EINVAL;
		goto out;
	}
	rc = ndctl_label_area_read(la, (unsigned int)off, (unsigned int)len);
	if (rc < 0) {
		cmd_err(env, "%s: cannot read the label area: %s", name, strerror(-rc));
		goto out;
	}
	nb = malloc(size);
	if (!nb) {
		rc = -ENOMEM;
		goto out;
	}
	memcpy(nb, ndctl_label_area_get_data(la), size);
	memcpy(nb + off, o->in_buf, len);
	rc = ndctl_label_area_write(la, nb);
	if (rc == -EBUSY)
		refuse_if_active(dimm, env);
	else if (rc < 0)
		cmd_err(env, "%s: writing the label area failed: %s", name, strerror(-rc));
	else if (o->verbose)
		fprintf(stderr, "%s: %llu bytes at offset %llu written\n", name,
			(unsigned long long)len, (unsigned long long)off);
out:
	verbose_ioctls(o, la, name);
	free(nb);
	if (ndctl_label_area_close(la) < 0 && rc == 0)
		rc = -EIO;
	return rc;
}

static int read_input(struct label_opts *o, const struct cmd_env *env)
{
	int fd = o->input && strcmp(o->input, "-") != 0 ? open(o->input, O_RDONLY | O_CLOEXEC)
							 : STDIN_FILENO;
	size_t cap = 0;

	if (fd < 0) {
		cmd_err(env, "cannot open input %s: %s", o->input, strerror(errno));
		return -errno;
	}
	for (;;) {
		ssize_t n;

		if (o->in_len == cap) {
			uint8_t *t = realloc(o->in_buf, cap ? cap * 2 : 65536);

			if (!t)
				return -ENOMEM;
			o->in_buf = t;
			cap = cap ? cap * 2 : 65536;
		}
		n = read(fd, o->in_buf + o->in_len, cap - o->in_len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			cmd_err(env, "cannot read input %s: %s", o->input ? o->input : "(stdin)",
				strerror(errno));
			return -errno;
		}
		if (n == 0)
			break;
		o->in_len += (size_t)n;
		if (o->in_len > UINT32_MAX) {
			cmd_err(env, "the input is larger than any label area");
			return -EFBIG;
		}
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return 0;
}

static int run(int argc, char **argv, const struct cmd_env *env, enum lcmd c)
{
	struct label_opts o = { .cmd = c, .out = stdout };
	struct ndctl_ctx *ctx = NULL;
	struct ndctl_bus *bus;
	struct nd_targets t;
	int rc, ok = 0, failed = 0;

	rc = parse(argc, argv, &o, env);
	if (rc)
		return rc > 0 ? 0 : 1;
	if (nd_targets_init(&t, o.bus, argc - optind, argv + optind, env, "DIMM") < 0)
		return 1;
	if (c == L_WRITE && read_input(&o, env) < 0) {
		failed = 1;
		goto done;
	}
	if (c == L_READ && o.output) {
		o.out = fopen(o.output, "we");
		if (!o.out) {
			cmd_err(env, "cannot create %s: %s", o.output, strerror(errno));
			failed = 1;
			goto done;
		}
	}
	if (c == L_READ && o.json)
		o.jdimms = json_object_new_array();
	rc = ndctl_new(&ctx);
	if (rc < 0) {
		cmd_err(env, "cannot create the library context: %s", strerror(-rc));
		failed = 1;
		goto done;
	}
	ndctl_bus_foreach(ctx, bus) {
		struct ndctl_dimm *dimm;

		ndctl_dimm_foreach(bus, dimm) {
			if (!nd_targets_dimm(&t, dimm))
				continue;
			switch (c) {
			case L_INIT:
				rc = do_init(dimm, &o, env);
				break;
			case L_ZERO:
				rc = do_zero(dimm, &o, env);
				break;
			case L_READ:
				rc = do_read(dimm, &o, env);
				break;
			case L_WRITE:
				rc = do_write(dimm, &o, env);
				break;
			case L_CHECK:
				rc = do_check(dimm, &o, env);
				break;
			}
			if (rc < 0)
				failed++;
			else
				ok++;
		}
	}
	failed += nd_targets_unmatched(&t, env, "DIMM", "ndctl list -D -i");
	if (o.jdimms) {
		if (json_object_array_length(o.jdimms) > 0)
			fprintf(o.out, "%s\n", json_object_to_json_string_ext(o.jdimms,
				JSON_C_TO_STRING_PRETTY));
		json_object_put(o.jdimms);
	}
	if (c == L_CHECK)
		fprintf(stderr, "successfully verified %d nmem label%s\n", ok, nd_plural(ok));
	else
		fprintf(stderr, "%s %d nmem%s\n", info[c].done, ok, nd_plural(ok));
done:
	if (o.out && o.out != stdout && fclose(o.out) != 0 && !failed) {
		cmd_err(env, "cannot write %s: %s", o.output, strerror(errno));
		failed = 1;
	}
	if (o.out == stdout && (fflush(stdout) != 0 || ferror(stdout)))
		failed = 1;
	free(o.in_buf);
	nd_targets_fini(&t);
	ndctl_unref(ctx);
	return failed ? 1 : 0;
}

int cmd_init_labels(int argc, char **argv, const struct cmd_env *env)
{
	return run(argc, argv, env, L_INIT);
}

int cmd_zero_labels(int argc, char **argv, const struct cmd_env *env)
{
	return run(argc, argv, env, L_ZERO);
}

int cmd_read_labels(int argc, char **argv, const struct cmd_env *env)
{
	return run(argc, argv, env, L_READ);
}

int cmd_write_labels(int argc, char **argv, const struct cmd_env *env)
{
	return run(argc, argv, env, L_WRITE);
}

int cmd_check_labels(int argc, char **argv, const struct cmd_env *env)
{
	return run(argc, argv, env, L_CHECK);
}
