// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Mapping ranges of a dax device: its mappingN directories (start, end,
 * page_offset), loaded on first use and kept sorted by page_offset, i.e. in
 * the order the ranges make up the device (mappingN numbers say nothing about
 * that once ranges were released and added again).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "util/parse.h"

void dev_free_mappings(struct daxctl_dev *dev)
{
	free(dev->mappings);
	dev->mappings = NULL;
	dev->nr_mappings = 0;
}

/* "mappingN", N decimal */
static int mapping_id(const char *name, unsigned int *ret)
{
	const char *p = name + strlen("mapping");
	uint64_t v;

	if (!*p)
		return -EINVAL;
	for (const char *q = p; *q; q++)
		if (*q < '0' || *q > '9')
			return -EINVAL;
	if (parse_u64(p, &v) < 0 || v > 1000000)
		return -EINVAL;
	*ret = (unsigned int)v;
	return 0;
}

static int load_one(struct daxctl_dev *dev, const char *name, struct daxctl_mapping *m)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	static const char *const attrs[] = { "start", "end", "page_offset" };
	uint64_t *vals[] = { &m->start, &m->end, &m->page_offset };
	char *dir = sysfs_join(dev->path, name);
	int rc = 0;

	if (!dir)
		return -ENOMEM;
	for (size_t i = 0; i < 3; i++) {
		rc = sysfs_read_u64(dir, attrs[i], vals[i]);
		if (rc < 0) {
			err(ctx, "%s/%s: %s\n", dir, attrs[i],
			    rc == -EINVAL ? "not a number" :
			    rc == -ERANGE ? "out of range" : strerror(-rc));
			break;
		}
	}
	if (rc == 0 && (m->end < m->start || m->end == UINT64_MAX)) {
		err(ctx, "%s: end 0x%llx is before start 0x%llx\n", dir,
		    (unsigned long long)m->end, (unsigned long long)m->start);
		rc = -ERANGE;
	}
	free(dir);
	return rc;
}

static int cmp_offset(const void *a, const void *b)
{
	const struct daxctl_mapping *ma = a, *mb = b;

	if (ma->page_offset != mb->page_offset)
		return ma->page_offset < mb->page_offset ? -1 : 1;
	return ma->id < mb->id ? -1 : ma->id > mb->id;
}

int dev_load_mappings(struct daxctl_dev *dev)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	char **names = NULL;
	size_t count = 0, n = 0;
	int rc;

	if (dev->mappings_loaded)
		return dev->mappings_err;
	rc = sysfs_list(dev->path, "mapping", true, &names, &count);
	if (rc < 0) {
		err(ctx, "%s: %s\n", dev->path, strerror(-rc));
		return rc;
	}
	dev->mappings_loaded = true;
	if (count) {
		dev->mappings = calloc(count, sizeof(*dev->mappings));
		if (!dev->mappings) {
			sysfs_names_free(names, count);
			dev->mappings_loaded = false;
			return -ENOMEM;
		}
	}
	for (size_t i = 0; i < count; i++) {
		struct daxctl_mapping *m = &dev->mappings[n];

		if (mapping_id(names[i], &m->id) < 0)
			continue;
		rc = load_one(dev, names[i], m);
		if (rc < 0)
			break;
		m->dev = dev;
		m->index = n++;
	}
	sysfs_names_free(names, count);
	if (rc < 0) {
		/* a partial set would give wrong sizes: keep none, remember the failure */
		dev_free_mappings(dev);
		dev->mappings_err = rc;
		return rc;
	}
	if (n > 1)
		qsort(dev->mappings, n, sizeof(*dev->mappings), cmp_offset);
	for (size_t i = 0; i < n; i++)
		dev->mappings[i].index = i;
	dev->nr_mappings = n;
	return 0;
}

DAXCTL_EXPORT struct daxctl_mapping *daxctl_mapping_get_first(struct daxctl_dev *dev)
{
	int rc = dev_load_mappings(dev);

	if (rc < 0) {
		errno = -rc;
		return NULL;
	}
	return dev->nr_mappings ? &dev->mappings[0] : NULL;
}

DAXCTL_EXPORT struct daxctl_mapping *daxctl_mapping_get_next(struct daxctl_mapping *mapping)
{
	struct daxctl_dev *dev = mapping->dev;

	return mapping->index + 1 < dev->nr_mappings ? &dev->mappings[mapping->index + 1] : NULL;
}

DAXCTL_EXPORT struct daxctl_dev *daxctl_mapping_get_dev(struct daxctl_mapping *mapping)
{
	return mapping->dev;
}

DAXCTL_EXPORT unsigned long long daxctl_mapping_get_start(struct daxctl_mapping *mapping)
{
	return mapping->start;
}

DAXCTL_EXPORT unsigned long long daxctl_mapping_get_end(struct daxctl_mapping *mapping)
{
	return mapping->end;
}

DAXCTL_EXPORT unsigned long long daxctl_mapping_get_offset(struct daxctl_mapping *mapping)
{
	return mapping->page_offset;
}

DAXCTL_EXPORT unsigned long long daxctl_mapping_get_size(struct daxctl_mapping *mapping)
{
	return mapping->end - mapping->start + 1;
}
