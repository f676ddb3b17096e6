// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Dax regions: the "dax_region" directory of a provider device (hmem
 * platform device, nd dax device, cxl dax region). Attributes id, size,
 * align, available_size and seed are read once at load. The physical start
 * and the largest free extent are worked out on demand from the provider's
 * resource (or the firmware memory map) and the mappings of the devices.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

void region_free(struct daxctl_region *region)
{
	if (!region)
		return;
	for (size_t i = 0; i < region->nr_devs; i++)
		dev_free(region->devs[i]);
	free(region->devs);
	free(region->provider_path);
	free(region->region_dir);
	free(region->seed);
	free(region);
}

static int read_u64_opt(struct daxctl_ctx *ctx, const char *dir, const char *attr,
			uint64_t *ret, uint64_t absent)
{
	int rc = sysfs_read_u64(dir, attr, ret);

	if (rc == -ENOENT) {
		*ret = absent;
		return 0;
	}
	if (rc < 0)
		err(ctx, "%s/%s: %s\n", dir, attr,
		    rc == -EINVAL ? "not a number" : strerror(-rc));
	return rc;
}

int region_load(struct daxctl_ctx *ctx, const char *provider_path,
		struct daxctl_region **ret)
{
	struct daxctl_region *region;
	size_t dlen = strlen(ctx->devices_dir);
	char buf[64];
	int rc;

	*ret = NULL;
	if (strncmp(provider_path, ctx->devices_dir, dlen) != 0 ||
	    provider_path[dlen] != '/') {
		err(ctx, "%s: region provider outside %s, skipped\n", provider_path,
		    ctx->devices_dir);
		return -EXDEV;
	}
	region = calloc(1, sizeof(*region));
	if (!region)
		return -ENOMEM;
	region->ctx = ctx;
	region->refcount = 1;
	region->provider_path = strdup(provider_path);
	region->region_dir = sysfs_join(provider_path, "dax_region");
	if (!region->provider_path || !region->region_dir) {
		rc = -ENOMEM;
		goto fail;
	}
	region->path = region->provider_path + dlen;

	rc = sysfs_read_int(region->region_dir, "id", &region->id);
	if (rc == 0 && region->id < 0)
		rc = -ERANGE;
	if (rc < 0) {
		err(ctx, "%s/id: %s; region skipped\n", region->region_dir,
		    rc == -EINVAL ? "not a number" : strerror(-rc));
		goto fail;
	}
	snprintf(region->devname, sizeof(region->devname), "region%d", region->id);

	rc = sysfs_read_u64(region->region_dir, "size", &region->size);
	if (rc == 0 && region->size == DAX_UNKNOWN)
		rc = -ERANGE;
	if (rc < 0) {
		err(ctx, "%s/size: %s; region skipped\n", region->region_dir,
		    rc == -EINVAL ? "not a number" : strerror(-rc));
		goto fail;
	}
	rc = read_u64_opt(ctx, region->region_dir, "align", &region->align, 0);
	if (rc < 0)
		goto fail;
	rc = read_u64_opt(ctx, region->region_dir, "available_size",
			  &region->available_size, DAX_UNKNOWN);
	if (rc < 0)
		goto fail;
	if (region->available_size != DAX_UNKNOWN &&
	    region->available_size > region->size) {
		rc = -ERANGE;
		err(ctx, "%s/available_size: larger than the region; region skipped\n",
		    region->region_dir);
		goto fail;
	}

	rc = sysfs_read(region->region_dir, "seed", buf, sizeof(buf));
	if (rc > 0) {
		int rid, did;

		if (parse_dax_name(buf, &rid, &did) < 0) {
			rc = -EINVAL;
			err(ctx, "%s/seed: not a dax device name; region skipped\n",
			    region->region_dir);
			goto fail;
		}
		region->seed = strdup(buf);
		if (!region->seed) {
			rc = -ENOMEM;
			goto fail;
		}
	} else if (rc < 0 && rc != -ENOENT) {
		err(ctx, "%s/seed: %s; region skipped\n", region->region_dir, strerror(-rc));
		goto fail;
	}
	*ret = region;
	return 0;
fail:
	region_free(region);
	return rc;
}

int region_add_dev(struct daxctl_region *region, struct daxctl_dev *dev)
{
	if (region->nr_devs == region->alloc_devs) {
		size_t n = region->alloc_devs ? region->alloc_devs * 2 : 8;
		struct daxctl_dev **tmp = realloc(region->devs, n * sizeof(*tmp));

		if (!tmp)
			return -ENOMEM;
		region->devs = tmp;
		region->alloc_devs = n;
	}
	region->devs[region->nr_devs++] = dev;
	return 0;
}

static int cmp_devs(const void *a, const void *b)
{
	const struct daxctl_dev *da = *(struct daxctl_dev *const *)a;
	const struct daxctl_dev *db = *(struct daxctl_dev *const *)b;

	return natural_cmp(da->devname, db->devname);
}

void region_sort_devs(struct daxctl_region *region)
{
	if (region->nr_devs > 1)
		qsort(region->devs, region->nr_devs, sizeof(*region->devs), cmp_devs);
	for (size_t i = 0; i < region->nr_devs; i++)
		region->devs[i]->index = i;
}

struct daxctl_dev *region_find_dev(struct daxctl_region *region, const char *devname)
{
	for (size_t i = 0; i < region->nr_devs; i++)
		if (strcmp(region->devs[i]->devname, devname) == 0)
			return region->devs[i];
	return NULL;
}

/* Devices of a region loaded through daxctl_new_region(): its provider's daxX.Y dirs. */
static int region_scan_devs(struct daxctl_region *region)
{
	char **names = NULL;
	size_t count = 0;
	int rc;

	rc = sysfs_list(region->provider_path, "dax", true, &names, &count);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < count; i++) {
		struct daxctl_dev *dev;
		char *path;
		int rid, did;

		if (parse_dax_name(names[i], &rid, &did) < 0)
			continue;
		path = sysfs_join(region->provider_path, names[i]);
		if (!path) {
			rc = -ENOMEM;
			break;
		}
		rc = dev_load(region, names[i], path, &dev);
		free(path);
		if (rc < 0)
			continue;
		rc = region_add_dev(region, dev);
		if (rc < 0) {
			dev_free(dev);
			break;
		}
	}
	region_sort_devs(region);
	sysfs_names_free(names, count);
	return rc == -ENOMEM ? rc : 0;
}

/*
 * The provider path as the bus scan names it: below the sysfs root string.
 * A path given otherwise (another spelling of the root, links) is made
 * canonical and put back under the root.
 */
static char *provider_in_root(struct daxctl_ctx *ctx, const char *path, int *err)
{
	const char *root = sysfs_root_path(ctx->sysfs);
	size_t rlen = strlen(root), clen;
	char *real, *croot, *out = NULL;

	if (strncmp(path, root, rlen) == 0 && path[rlen] == '/' && !strstr(path, "/.") &&
	    !strstr(path, "//") && path[strlen(path) - 1] != '/')
		return strdup(path);
	real = realpath(path, NULL);
	croot = realpath(root, NULL);
	if (!real || !croot) {
		*err = -errno;
		goto out;
	}
	clen = strlen(croot);
	if (strcmp(croot, "/") == 0)
		clen = 0;
	if (strncmp(real, croot, clen) != 0 || real[clen] != '/') {
		*err = -EXDEV;
		goto out;
	}
	if (asprintf(&out, "%s%s", root, real + clen) < 0) {
		out = NULL;
		*err = -ENOMEM;
	}
out:
	free(real);
	free(croot);
	return out;
}

DAXCTL_EXPORT struct daxctl_region *daxctl_new_region(struct daxctl_ctx *ctx, int id,
						      uuid_t uuid, const char *path)
{
	struct daxctl_region *region;
	char *real;
	int rc;

	rc = ctx_load_regions(ctx);
	if (rc < 0 || !path) {
		errno = rc < 0 ? -rc : EINVAL;
		return NULL;
	}
	real = provider_in_root(ctx, path, &rc);
	if (!real) {
		err(ctx, "%s: %s\n", path, rc == -EXDEV ? "not inside the sysfs tree" :
		    strerror(-rc));
		errno = -rc;
		return NULL;
	}
	region = ctx_find_region(ctx, real);
	if (!region) {
		rc = region_load(ctx, real, &region);
		if (rc == 0)
			rc = region_scan_devs(region);
		if (rc == 0)
			rc = ctx_add_region(ctx, region);
		if (rc < 0) {
			region_free(region);
			free(real);
			errno = -rc;
			return NULL;
		}
	}
	free(real);
	if (uuid && !region->has_uuid && !uuid_is_null(uuid)) {
		uuid_copy(region->uuid, uuid);
		region->has_uuid = true;
	}
	return region;
}

DAXCTL_EXPORT void daxctl_region_ref(struct daxctl_region *region)
{
	if (region)
		region->refcount++;
}

/* Regions belong to their context; the count only guards against misuse. */
DAXCTL_EXPORT void daxctl_region_unref(struct daxctl_region *region)
{
	if (region && region->refcount > 1)
		region->refcount--;
}

DAXCTL_EXPORT struct daxctl_ctx *daxctl_region_get_ctx(struct daxctl_region *region)
{
	return region->ctx;
}

DAXCTL_EXPORT int daxctl_region_get_id(struct daxctl_region *region)
{
	return region->id;
}

DAXCTL_EXPORT void daxctl_region_get_uuid(struct daxctl_region *region, uuid_t uu)
{
	if (region->has_uuid)
		uuid_copy(uu, region->uuid);
	else
		uuid_clear(uu);
}

DAXCTL_EXPORT unsigned long long daxctl_region_get_size(struct daxctl_region *region)
{
	return region->size;
}

DAXCTL_EXPORT bool daxctl_region_has_available_size(struct daxctl_region *region)
{
	return region->available_size != DAX_UNKNOWN;
}

DAXCTL_EXPORT unsigned long long daxctl_region_get_available_size(struct daxctl_region *region)
{
	return region->available_size == DAX_UNKNOWN ? 0 : region->available_size;
}

DAXCTL_EXPORT unsigned long daxctl_region_get_align(struct daxctl_region *region)
{
	return region->align > ULONG_MAX ? ULONG_MAX : (unsigned long)region->align;
}

DAXCTL_EXPORT const char *daxctl_region_get_devname(struct daxctl_region *region)
{
	return region->devname;
}

DAXCTL_EXPORT const char *daxctl_region_get_path(struct daxctl_region *region)
{
	return region->path;
}

DAXCTL_EXPORT const char *daxctl_region_get_sysfs_path(struct daxctl_region *region)
{
	return region->region_dir;
}

/*
 * What kind of memory backs the region, from the provider device's bus
 * (its "subsystem" link, read on first use): an nd dax device on an NVDIMM
 * namespace ("pmem"), a soft-reserved range (platform device hmem.N: "hmem"),
 * a CXL dax region ("cxl"); any other bus by its name.
 */
static const char *set_provider(struct daxctl_region *region, const char *name)
{
	size_t n = strlen(name);

	if (n >= sizeof(region->provider))
		n = sizeof(region->provider) - 1;
	memcpy(region->provider, name, n);
	region->provider[n] = '\0';
	return region->provider;
}

DAXCTL_EXPORT const char *daxctl_region_get_provider(struct daxctl_region *region)
{
	char bus[64];
	const char *base;
	bool hmem;
	int rc;

	if (region->provider[0])
		return region->provider;
	base = strrchr(region->provider_path, '/');
	base = base ? base + 1 : region->provider_path;
	hmem = strncmp(base, "hmem.", 5) == 0;
	rc = sysfs_link_name(region->provider_path, "subsystem", bus, sizeof(bus));
	if (rc < 0) {
		dbg(region->ctx, "%s/subsystem: %s\n", region->provider_path, strerror(-rc));
		/* no link (unusual tree): the provider's name still tells hmem */
		return set_provider(region, hmem ? "hmem" : "unknown");
	}
	if (strcmp(bus, "nd") == 0)
		return set_provider(region, "pmem");
	if (strcmp(bus, "platform") == 0 && hmem)
		return set_provider(region, "hmem");
	return set_provider(region, bus);
}

DAXCTL_EXPORT struct daxctl_dev *daxctl_region_get_dev_seed(struct daxctl_region *region)
{
	if (!region->seed)
		return NULL;
	return region_find_dev(region, region->seed);
}

DAXCTL_EXPORT struct daxctl_dev *daxctl_dev_get_first(struct daxctl_region *region)
{
	return region->nr_devs ? region->devs[0] : NULL;
}

DAXCTL_EXPORT struct daxctl_dev *daxctl_dev_get_next(struct daxctl_dev *dev)
{
	struct daxctl_region *region = dev->region;

	return dev->index + 1 < region->nr_devs ? region->devs[dev->index + 1] : NULL;
}

struct range {
	uint64_t start, end;	/* inclusive */
};

static int cmp_ranges(const void *a, const void *b)
{
	const struct range *ra = a, *rb = b;

	if (ra->start != rb->start)
		return ra->start < rb->start ? -1 : 1;
	return 0;
}

/*
 * Every allocated range of the region, sorted: the mappings of each device
 * (or resource + size on kernels without mappingN directories).
 */
static int region_ranges(struct daxctl_region *region, struct range **ret, size_t *ret_n)
{
	struct range *r = NULL;
	size_t n = 0, alloc = 0;

	for (size_t i = 0; i < region->nr_devs; i++) {
		struct daxctl_dev *dev = region->devs[i];
		int rc;

		if (dev->size == 0)
			continue;
		rc = dev_load_mappings(dev);
		if (rc < 0) {
			free(r);
			return rc;
		}
		for (size_t k = 0; k < dev->nr_mappings || (k == 0 && !dev->nr_mappings); k++) {
			struct range one;

			if (dev->nr_mappings) {
				one.start = dev->mappings[k].start;
				one.end = dev->mappings[k].end;
			} else if (dev->resource != DAX_UNKNOWN &&
				   dev->resource <= UINT64_MAX - dev->size) {
				one.start = dev->resource;
				one.end = dev->resource + dev->size - 1;
			} else {
				free(r);
				return -ENXIO;
			}
			if (n == alloc) {
				size_t na = alloc ? alloc * 2 : 16;
				struct range *tmp = realloc(r, na * sizeof(*tmp));

				if (!tmp) {
					free(r);
					return -ENOMEM;
				}
				r = tmp;
				alloc = na;
			}
			r[n++] = one;
		}
	}
	if (n > 1)
		qsort(r, n, sizeof(*r), cmp_ranges);
	*ret = r;
	*ret_n = n;
	return 0;
}

/* /sys/firmware/memmap entry of exactly the region's size that holds addr. */
static int memmap_find(struct daxctl_region *region, uint64_t addr, uint64_t *ret)
{
	char *dir = sysfs_path(region->ctx->sysfs, "firmware/memmap");
	char **names = NULL;
	size_t count = 0;
	int rc;

	if (!dir)
		return -ENOMEM;
	rc = sysfs_list(dir, NULL, true, &names, &count);
	if (rc < 0) {
		free(dir);
		return rc;
	}
	rc = -ENXIO;
	for (size_t i = 0; i < count; i++) {
		char *entry = sysfs_join(dir, names[i]);
		uint64_t start, end;

		if (!entry) {
			rc = -ENOMEM;
			break;
		}
		if (sysfs_read_u64(entry, "start", &start) == 0 &&
		    sysfs_read_u64(entry, "end", &end) == 0 && end >= start &&
		    end - start == region->size - 1 && addr >= start && addr <= end) {
			*ret = start;
			rc = 0;
		}
		free(entry);
		if (rc == 0)
			break;
	}
	sysfs_names_free(names, count);
	free(dir);
	return rc;
}

/*
 * /proc/iomem names the provider's range after it ("hmem.0"): the hmem case
 * when the firmware map shows the range as plain RAM (memmap=...%...). Live
 * systems only: a captured tree has no /proc of its own.
 */
static int iomem_find(struct daxctl_region *region, uint64_t hint, uint64_t *ret)
{
	const char *name = strrchr(region->provider_path, '/');
	char line[256];
	int rc = -ENXIO;
	FILE *f;

	if (!name || sysfs_root_is_captured(region->ctx->sysfs))
		return -ENXIO;
	name++;
	f = fopen("/proc/iomem", "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end;
		int n = 0;

		if (sscanf(line, "%llx-%llx : %n", &start, &end, &n) != 2 || !n)
			continue;
		line[strcspn(line, "\n")] = '\0';
		/* 6.12 shows only "Soft Reserved": the one holding an allocation */
		if ((strcmp(line + n, name) == 0 ||
		     (strcmp(line + n, "Soft Reserved") == 0 && hint >= start && hint <= end)) &&
		    end >= start && end - start + 1 == region->size && start) {
			*ret = start;
			rc = 0;
			break;
		}
	}
	fclose(f);
	return rc;
}

static int region_load_resource(struct daxctl_region *region)
{
	struct range *r = NULL;
	size_t n = 0;
	uint64_t start;
	int rc;

	if (region->resource_loaded)
		return region->resource_err;
	region->resource_loaded = true;

	/*
	 * Providers that show their range: nd dax devices; for cxl dax regions
	 * (dax_regionN) the parent cxl region, when it is exactly as large.
	 */
	rc = sysfs_read_u64(region->provider_path, "resource", &start);
	if (rc < 0) {
		char *parent = sysfs_join(region->provider_path, "..");
		uint64_t psize;

		if (!parent)
			return region->resource_err = -ENOMEM;
		rc = sysfs_read_u64(parent, "size", &psize);
		if (rc == 0 && psize != region->size)
			rc = -ENXIO;
		if (rc == 0)
			rc = sysfs_read_u64(parent, "resource", &start);
		free(parent);
	}
	if (rc == 0 && start <= UINT64_MAX - region->size) {
		region->resource = start;
		region->resource_err = 0;
		return 0;
	}
	/* hmem: /proc/iomem or the firmware map entry that holds the allocations */
	rc = region_ranges(region, &r, &n);
	if (rc == 0 && iomem_find(region, n ? r[0].start : UINT64_MAX, &start) == 0) {
		free(r);
		region->resource = start;
		region->resource_err = 0;
		return 0;
	}
	if (rc == 0 && n)
		rc = memmap_find(region, r[0].start, &start);
	else if (rc == 0)
		rc = -ENXIO;
	free(r);
	if (rc == 0) {
		region->resource = start;
		region->resource_err = 0;
	} else {
		region->resource_err = rc == -ENOMEM ? rc : -ENXIO;
	}
	return region->resource_err;
}

DAXCTL_EXPORT unsigned long long daxctl_region_get_resource(struct daxctl_region *region)
{
	int rc = region_load_resource(region);

	if (rc < 0) {
		errno = -rc;
		return ULLONG_MAX;
	}
	return region->resource;
}

DAXCTL_EXPORT unsigned long long
daxctl_region_get_max_available_extent(struct daxctl_region *region)
{
	uint64_t best = 0, gaps = 0, pos, region_end;
	struct range *r = NULL;
	size_t n = 0;
	int rc;

	if (region->available_size == DAX_UNKNOWN)
		return 0;	/* static region: nothing to allocate */
	if (region->available_size == 0)
		return 0;
	rc = region_ranges(region, &r, &n);
	if (rc < 0) {
		errno = -rc;
		return ULLONG_MAX;
	}
	if (n == 0) {
		/* nothing allocated: the region is one free range */
		free(r);
		return region->available_size;
	}
	if (region_load_resource(region) == 0) {
		pos = region->resource;
		region_end = region->resource + region->size - 1;
		for (size_t i = 0; i <= n; i++) {
			uint64_t next = i < n ? r[i].start : region_end + 1;

			if (next > pos && next - pos > best)
				best = next - pos;
			if (i < n && r[i].end + 1 > pos)
				pos = r[i].end + 1;
			if (pos > region_end)
				break;
		}
		free(r);
		return best;
	}
	/* start unknown: only the gaps between allocations can be measured */
	for (size_t i = 1; i < n; i++) {
		if (r[i].start > r[i - 1].end + 1) {
			uint64_t g = r[i].start - r[i - 1].end - 1;

			gaps += g;
			if (g > best)
				best = g;
		}
	}
	free(r);
	if (gaps == region->available_size)
		return best;	/* no room before the first or after the last */
	errno = ENXIO;
	return ULLONG_MAX;
}

/* available_size and seed change with every create, resize and delete */
int region_refresh(struct daxctl_region *region)
{
	char buf[64];
	int rc;

	if (region->available_size != DAX_UNKNOWN) {
		rc = sysfs_read_u64(region->region_dir, "available_size",
				    &region->available_size);
		if (rc < 0)
			return rc;
	}
	free(region->seed);
	region->seed = NULL;
	rc = sysfs_read(region->region_dir, "seed", buf, sizeof(buf));
	if (rc > 0) {
		region->seed = strdup(buf);
		if (!region->seed)
			return -ENOMEM;
	}
	return 0;
}
