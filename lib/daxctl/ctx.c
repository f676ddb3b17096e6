// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libdaxctl context: sysfs root, logging, userdata, and discovery of the dax
 * regions and devices from the dax bus (bus/dax/devices/daxX.Y, whose parent
 * device holds the region's "dax_region" directory).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "private.h"
#include "util/parse.h"

static void log_stderr(struct daxctl_ctx *ctx, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args)
{
	fprintf(stderr, "libdaxctl: %s: ", fn);
	vfprintf(stderr, format, args);
}

void daxctl_log(struct daxctl_ctx *ctx, int priority, const char *file, int line,
		const char *fn, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	ctx->log_fn(ctx, priority, file, line, fn, format, args);
	va_end(args);
}

/* DAXCTL_LOG: a syslog priority number or err / info / debug */
static int log_priority_from_env(void)
{
	const char *env = secure_getenv("DAXCTL_LOG");
	int64_t v;

	if (!env || !*env)
		return LOG_ERR;
	if (parse_s64(env, &v) == 0 && v >= 0 && v <= LOG_DEBUG)
		return (int)v;
	if (strncmp(env, "err", 3) == 0)
		return LOG_ERR;
	if (strncmp(env, "info", 4) == 0)
		return LOG_INFO;
	if (strncmp(env, "debug", 5) == 0)
		return LOG_DEBUG;
	return LOG_ERR;
}

DAXCTL_EXPORT int daxctl_new_with_sysfs_root(const char *root, struct daxctl_ctx **ret)
{
	struct daxctl_ctx *ctx = calloc(1, sizeof(*ctx));
	int rc;

	if (!ctx)
		return -ENOMEM;
	rc = sysfs_root_new(root, &ctx->sysfs);
	if (rc < 0) {
		free(ctx);
		return rc;
	}
	ctx->refcount = 1;
	ctx->log_priority = log_priority_from_env();
	ctx->log_fn = log_stderr;
	*ret = ctx;
	return 0;
}

DAXCTL_EXPORT int daxctl_new(struct daxctl_ctx **ret)
{
	return daxctl_new_with_sysfs_root(NULL, ret);
}

DAXCTL_EXPORT struct daxctl_ctx *daxctl_ref(struct daxctl_ctx *ctx)
{
	if (ctx)
		ctx->refcount++;
	return ctx;
}

DAXCTL_EXPORT void daxctl_unref(struct daxctl_ctx *ctx)
{
	if (!ctx || --ctx->refcount > 0)
		return;
	for (size_t i = 0; i < ctx->nr_regions; i++)
		region_free(ctx->regions[i]);
	free(ctx->regions);
	free(ctx->devices_dir);
	free(ctx->memory_dir);
	sysfs_root_free(ctx->sysfs);
	free(ctx);
}

DAXCTL_EXPORT void daxctl_set_log_fn(struct daxctl_ctx *ctx,
	void (*log_fn)(struct daxctl_ctx *ctx, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args))
{
	ctx->log_fn = log_fn ? log_fn : log_stderr;
}

DAXCTL_EXPORT int daxctl_get_log_priority(struct daxctl_ctx *ctx)
{
	return ctx->log_priority;
}

DAXCTL_EXPORT void daxctl_set_log_priority(struct daxctl_ctx *ctx, int priority)
{
	ctx->log_priority = priority;
}

DAXCTL_EXPORT void daxctl_set_userdata(struct daxctl_ctx *ctx, void *userdata)
{
	ctx->userdata = userdata;
}

DAXCTL_EXPORT void *daxctl_get_userdata(struct daxctl_ctx *ctx)
{
	return ctx->userdata;
}

DAXCTL_EXPORT void daxctl_set_private_data(struct daxctl_ctx *ctx, void *data)
{
	ctx->private_data = data;
}

DAXCTL_EXPORT void *daxctl_get_private_data(struct daxctl_ctx *ctx)
{
	return ctx->private_data;
}

DAXCTL_EXPORT const char *daxctl_get_sysfs_root(struct daxctl_ctx *ctx)
{
	return sysfs_root_path(ctx->sysfs);
}

int parse_dax_name(const char *name, int *region_id, int *dev_id)
{
	const char *dot;
	char buf[32];
	int64_t r, d;

	if (strncmp(name, "dax", 3) != 0)
		return -EINVAL;
	name += 3;
	dot = strchr(name, '.');
	if (!dot || dot == name || (size_t)(dot - name) >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, name, (size_t)(dot - name));
	buf[dot - name] = '\0';
	/* digits only: no sign, no hex, no trailing newline */
	for (const char *p = name; *p; p++)
		if (p != dot && (*p < '0' || *p > '9'))
			return -EINVAL;
	if (parse_s64(buf, &r) < 0 || parse_s64(dot + 1, &d) < 0 || r > INT_MAX ||
	    d > INT_MAX)
		return -EINVAL;
	*region_id = (int)r;
	*dev_id = (int)d;
	return 0;
}

int parse_hex_u64(const char *s, uint64_t *ret)
{
	char buf[40];

	if (!s || !*s || strlen(s) > 30 ||
	    (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')))
		return -EINVAL;
	for (const char *p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') ||
		      (*p >= 'A' && *p <= 'F')))
			return -EINVAL;
	snprintf(buf, sizeof(buf), "0x%s", s);
	return parse_u64(buf, ret);
}

int ctx_add_region(struct daxctl_ctx *ctx, struct daxctl_region *region)
{
	size_t i;

	if (ctx->nr_regions == ctx->alloc_regions) {
		size_t n = ctx->alloc_regions ? ctx->alloc_regions * 2 : 8;
		struct daxctl_region **tmp = realloc(ctx->regions, n * sizeof(*tmp));

		if (!tmp)
			return -ENOMEM;
		ctx->regions = tmp;
		ctx->alloc_regions = n;
	}
	/* keep the list sorted by id, then by provider path */
	for (i = ctx->nr_regions; i > 0; i--) {
		struct daxctl_region *prev = ctx->regions[i - 1];

		if (prev->id < region->id ||
		    (prev->id == region->id &&
		     natural_cmp(prev->provider_path, region->provider_path) <= 0))
			break;
		ctx->regions[i] = prev;
	}
	ctx->regions[i] = region;
	ctx->nr_regions++;
	for (; i < ctx->nr_regions; i++)
		ctx->regions[i]->index = i;
	return 0;
}

struct daxctl_region *ctx_find_region(struct daxctl_ctx *ctx, const char *provider_path)
{
	for (size_t i = 0; i < ctx->nr_regions; i++)
		if (strcmp(ctx->regions[i]->provider_path, provider_path) == 0)
			return ctx->regions[i];
	return NULL;
}

static bool name_in(char **list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

/*
 * Resolve the relative link dir/name lexically inside the sysfs root, as the
 * kernel writes them (../../../devices/...): one readlink instead of a
 * realpath walk. Links that leave the root are refused.
 */
static char *resolve_link(struct daxctl_ctx *ctx, const char *dir, const char *name, int *err)
{
	const char *root = sysfs_root_path(ctx->sysfs);
	size_t rlen = strlen(root), n = 0;
	char target[PATH_MAX], *link, *buf, *tok, *save, *out, **parts;
	ssize_t len;

	link = sysfs_join(dir, name);
	if (!link) {
		*err = -ENOMEM;
		return NULL;
	}
	len = readlink(link, target, sizeof(target) - 1);
	free(link);
	if (len < 0) {
		*err = -errno;
		return NULL;
	}
	target[len] = '\0';
	if (target[0] == '/' || strncmp(dir, root, rlen) != 0 ||
	    (dir[rlen] != '/' && dir[rlen] != '\0')) {
		*err = -EXDEV;
		return NULL;
	}
	if (asprintf(&buf, "%s/%s", dir + rlen, target) < 0) {
		*err = -ENOMEM;
		return NULL;
	}
	parts = calloc(strlen(buf) / 2 + 2, sizeof(*parts));
	if (!parts) {
		free(buf);
		*err = -ENOMEM;
		return NULL;
	}
	for (tok = strtok_r(buf, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (n == 0) {
				free(parts);
				free(buf);
				*err = -EXDEV;
				return NULL;
			}
			n--;
			continue;
		}
		parts[n++] = tok;
	}
	out = malloc(rlen + strlen(dir + rlen) + strlen(target) + 3);
	if (out) {
		char *p = out + rlen;

		memcpy(out, root, rlen);
		for (size_t i = 0; i < n; i++)
			p += sprintf(p, "/%s", parts[i]);
		*p = '\0';
	} else {
		*err = -ENOMEM;
	}
	free(parts);
	free(buf);
	return out;
}

/* One dax bus entry: resolve it, find or load its region, load the device. */
static int load_bus_dev(struct daxctl_ctx *ctx, const char *bus_dir, const char *name,
			char ***bad, size_t *nbad)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;
	char *path, *slash;
	int rid, did, rc = 0;

	if (parse_dax_name(name, &rid, &did) < 0) {
		err(ctx, "%s/%s: not a dax device name, skipped\n", bus_dir, name);
		return -EINVAL;
	}
	path = resolve_link(ctx, bus_dir, name, &rc);
	if (path && access(path, F_OK) < 0) {
		rc = -errno;
		free(path);
		path = NULL;
	}
	if (!path) {
		err(ctx, "%s/%s: cannot resolve the device link: %s; device skipped\n",
		    bus_dir, name, rc == -EXDEV ? "it leaves the sysfs tree" : strerror(-rc));
		return rc;
	}
	slash = strrchr(path, '/');
	if (!slash || slash == path) {
		free(path);
		return -EINVAL;
	}
	*slash = '\0';
	region = ctx_find_region(ctx, path);
	if (!region) {
		/* report a broken region once, not once per device */
		if (name_in(*bad, *nbad, path)) {
			free(path);
			return -ENXIO;
		}
		rc = region_load(ctx, path, &region);
		if (rc == 0)
			rc = ctx_add_region(ctx, region);
		if (rc < 0) {
			char **tmp;

			if (region && !ctx_find_region(ctx, path))
				region_free(region);
			tmp = realloc(*bad, (*nbad + 1) * sizeof(*tmp));
			if (tmp) {
				*bad = tmp;
				tmp[*nbad] = strdup(path);
				if (tmp[*nbad])
					(*nbad)++;
			}
			free(path);
			return rc;
		}
	}
	*slash = '/';
	/* loaded before by daxctl_dev_lookup */
	if (region_find_dev(region, name)) {
		free(path);
		return 0;
	}
	rc = dev_load(region, name, path, &dev);
	free(path);
	if (rc < 0)
		return rc;
	rc = region_add_dev(region, dev);
	if (rc < 0)
		dev_free(dev);
	return rc;
}

static int scan_dax_bus(struct daxctl_ctx *ctx);

int ctx_load_regions(struct daxctl_ctx *ctx)
{
	int rc;

	if (ctx->regions_loaded)
		return ctx->regions_err;
	ctx->regions_loaded = true;
	rc = scan_dax_bus(ctx);
	ctx->regions_err = rc;
	return rc;
}

static int scan_dax_bus(struct daxctl_ctx *ctx)
{
	char **names = NULL, **bad = NULL;
	size_t count = 0, nbad = 0;
	char *bus_dir;
	int rc;

	if (!ctx->devices_dir)
		ctx->devices_dir = sysfs_path(ctx->sysfs, "devices");
	if (!ctx->devices_dir)
		return -ENOMEM;
	if (access(ctx->devices_dir, F_OK) < 0) {
		rc = -errno;
		err(ctx, "%s: %s\n", ctx->devices_dir, strerror(errno));
		return rc;
	}

	bus_dir = sysfs_path(ctx->sysfs, "bus/dax/devices");
	if (!bus_dir)
		return -ENOMEM;
	rc = sysfs_list(bus_dir, "dax", false, &names, &count);
	if (rc == -ENOENT) {
		/* no dax bus: device-dax is not loaded, nothing to list */
		dbg(ctx, "%s: no dax bus\n", bus_dir);
		free(bus_dir);
		return 0;
	}
	if (rc < 0) {
		err(ctx, "%s: %s\n", bus_dir, strerror(-rc));
		free(bus_dir);
		return rc;
	}
	for (size_t i = 0; i < count; i++) {
		rc = load_bus_dev(ctx, bus_dir, names[i], &bad, &nbad);
		if (rc == -ENOMEM)
			break;
	}
	for (size_t i = 0; i < ctx->nr_regions; i++)
		region_sort_devs(ctx->regions[i]);
	sysfs_names_free(bad, nbad);
	sysfs_names_free(names, count);
	free(bus_dir);
	return rc == -ENOMEM ? rc : 0;
}

int ctx_memblock_size(struct daxctl_ctx *ctx, uint64_t *ret, const char **ret_dir)
{
	char buf[64];
	int rc;

	if (!ctx->memblock_loaded) {
		ctx->memblock_loaded = true;
		ctx->memory_dir = sysfs_path(ctx->sysfs, "devices/system/memory");
		if (!ctx->memory_dir) {
			ctx->memblock_loaded = false;
			return -ENOMEM;
		}
		rc = sysfs_read(ctx->memory_dir, "block_size_bytes", buf, sizeof(buf));
		if (rc >= 0)
			rc = parse_hex_u64(buf, &ctx->memblock_size);
		if (rc == 0 && (ctx->memblock_size == 0 ||
				(ctx->memblock_size & (ctx->memblock_size - 1))))
			rc = -EINVAL;
		if (rc < 0)
			err(ctx, "%s/block_size_bytes: %s\n", ctx->memory_dir,
			    rc == -EINVAL ? "not a power-of-two hex size" : strerror(-rc));
		ctx->memblock_err = rc;
	}
	if (ctx->memblock_err < 0)
		return ctx->memblock_err;
	*ret = ctx->memblock_size;
	*ret_dir = ctx->memory_dir;
	return 0;
}

DAXCTL_EXPORT struct daxctl_region *daxctl_region_get_first(struct daxctl_ctx *ctx)
{
	int rc = ctx_load_regions(ctx);

	if (rc < 0) {
		errno = -rc;
		return NULL;
	}
	return ctx->nr_regions ? ctx->regions[0] : NULL;
}

DAXCTL_EXPORT struct daxctl_region *daxctl_region_get_next(struct daxctl_region *region)
{
	struct daxctl_ctx *ctx = region->ctx;

	return region->index + 1 < ctx->nr_regions ? ctx->regions[region->index + 1] : NULL;
}

/*
 * One device by name ("daxX.Y" or "X.Y"), loading only it and its region
 * while nothing has been scanned: commands that name their devices need not
 * read every other device. A later full scan keeps what is loaded.
 */
DAXCTL_EXPORT struct daxctl_dev *daxctl_dev_lookup(struct daxctl_ctx *ctx, const char *ident)
{
	char name[64], **bad = NULL;
	size_t nbad = 0;
	int rid, did, rc;

	snprintf(name, sizeof(name), "%s%s", strncmp(ident, "dax", 3) == 0 ? "" : "dax", ident);
	if (parse_dax_name(name, &rid, &did) < 0) {
		errno = EINVAL;
		return NULL;
	}
	if (!ctx->regions_loaded) {
		char *bus_dir = sysfs_path(ctx->sysfs, "bus/dax/devices");

		if (!ctx->devices_dir)
			ctx->devices_dir = sysfs_path(ctx->sysfs, "devices");
		if (!bus_dir || !ctx->devices_dir) {
			free(bus_dir);
			errno = ENOMEM;
			return NULL;
		}
		rc = sysfs_exists(bus_dir, name) ? load_bus_dev(ctx, bus_dir, name, &bad, &nbad)
						 : -ENOENT;
		sysfs_names_free(bad, nbad);
		free(bus_dir);
		for (size_t i = 0; i < ctx->nr_regions; i++)
			region_sort_devs(ctx->regions[i]);
		if (rc < 0 && rc != -ENOENT) {
			errno = -rc;
			return NULL;
		}
	}
	for (size_t i = 0; i < ctx->nr_regions; i++) {
		struct daxctl_dev *dev = region_find_dev(ctx->regions[i], name);

		if (dev)
			return dev;
	}
	errno = ENODEV;
	return NULL;
}
