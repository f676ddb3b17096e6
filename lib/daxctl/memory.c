// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Memory of a system-ram (kmem) dax device: the memory blocks
 * (devices/system/memory/memoryN) that lie wholly inside the device's
 * ranges, found from the ranges and the block size rather than by scanning
 * every block. Each block's state and valid_zones are read once; the zone of
 * an online block is the single zone valid_zones names for it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

/* Past this many candidate blocks, filter a listing of the directory instead. */
#define MAX_PROBED_BLOCKS 65536

struct block_range {
	uint64_t first, last;	/* block ids, inclusive; first > last: empty */
};

void memory_free(struct daxctl_memory *mem)
{
	if (!mem)
		return;
	for (size_t i = 0; i < mem->nr_blocks; i++) {
		free(mem->blocks[i].state);
		free(mem->blocks[i].valid_zones);
		free(mem->blocks[i].zone);
	}
	free(mem->blocks);
	free(mem);
}

/* Blocks wholly inside [start, end]: kmem hot-adds only whole blocks. */
static struct block_range blocks_of(uint64_t start, uint64_t end, uint64_t bs)
{
	struct block_range br = { 1, 0 };
	uint64_t first = start / bs + (start % bs ? 1 : 0);
	uint64_t last_excl = end / bs + ((end % bs) == bs - 1 ? 1 : 0);

	if (last_excl > first) {
		br.first = first;
		br.last = last_excl - 1;
	}
	return br;
}

static int add_block(struct daxctl_memory *mem, size_t *alloc, unsigned long id,
		     const char *memory_dir)
{
	struct daxctl_ctx *ctx = mem->dev->region->ctx;
	struct daxctl_memory_block *b;
	char name[32], *dir;
	int rc = 0;

	snprintf(name, sizeof(name), "memory%lu", id);
	dir = sysfs_join(memory_dir, name);
	if (!dir)
		return -ENOMEM;
	if (mem->nr_blocks == *alloc) {
		size_t n = *alloc ? *alloc * 2 : 16;
		struct daxctl_memory_block *tmp = realloc(mem->blocks, n * sizeof(*tmp));

		if (!tmp) {
			free(dir);
			return -ENOMEM;
		}
		mem->blocks = tmp;
		*alloc = n;
	}
	b = &mem->blocks[mem->nr_blocks];
	memset(b, 0, sizeof(*b));
	b->state = sysfs_read_str(dir, "state", &rc);
	if (!b->state) {
		if (rc != -ENOENT)
			err(ctx, "%s/state: %s\n", dir, strerror(-rc));
		free(dir);
		return rc == -ENOENT ? 0 : rc;	/* not hot-added: not the device's */
	}
	if (strcmp(b->state, "online") == 0) {
		b->online = true;
	} else if (strcmp(b->state, "offline") != 0 && strcmp(b->state, "going-offline") != 0) {
		err(ctx, "%s/state: unknown state \"%.32s\"\n", dir, b->state);
		free(b->state);
		free(dir);
		return -EINVAL;
	}
	/* the zone of online blocks; candidates of offline ones are read on demand */
	b->valid_zones = b->online ? sysfs_read_str(dir, "valid_zones", &rc) : NULL;
	if (b->online && !b->valid_zones && rc != -ENOENT) {
		err(ctx, "%s/valid_zones: %s\n", dir, strerror(-rc));
		free(b->state);
		free(dir);
		return rc;
	}
	if (b->online && b->valid_zones && *b->valid_zones) {
		size_t len = strcspn(b->valid_zones, " \t");

		b->zone = strndup(b->valid_zones, len);
		if (!b->zone) {
			free(b->state);
			free(b->valid_zones);
			free(dir);
			return -ENOMEM;
		}
	}
	free(dir);
	b->mem = mem;
	b->id = id;
	memcpy(b->name, name, sizeof(b->name));
	mem->nr_blocks++;
	return 0;
}

static int cmp_blocks(const void *a, const void *b)
{
	const struct daxctl_memory_block *ba = a, *bb = b;

	return ba->id < bb->id ? -1 : ba->id > bb->id;
}

/* Order by block id; a block seen twice (overlapping ranges) counts once. */
static void sort_unique(struct daxctl_memory *mem)
{
	size_t n = 0;

	if (mem->nr_blocks > 1)
		qsort(mem->blocks, mem->nr_blocks, sizeof(*mem->blocks), cmp_blocks);
	mem->nr_online = 0;
	for (size_t i = 0; i < mem->nr_blocks; i++) {
		struct daxctl_memory_block *b = &mem->blocks[i];

		if (n && mem->blocks[n - 1].id == b->id) {
			free(b->state);
			free(b->valid_zones);
			free(b->zone);
			continue;
		}
		mem->blocks[n] = *b;
		mem->blocks[n].index = n;
		if (b->online)
			mem->nr_online++;
		n++;
	}
	mem->nr_blocks = n;
}

/* Too many candidates (hostile or enormous ranges): pick from the listing. */
static int blocks_from_listing(struct daxctl_memory *mem, size_t *alloc,
			       const struct block_range *br, size_t nbr, const char *memory_dir)
{
	char **names = NULL;
	size_t count = 0;
	int rc;

	rc = sysfs_list(memory_dir, "memory", true, &names, &count);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < count && rc == 0; i++) {
		const char *p = names[i] + strlen("memory");
		unsigned long long id;
		char *end;

		if (*p < '0' || *p > '9')
			continue;
		errno = 0;
		id = strtoull(p, &end, 10);
		if (*end || errno)
			continue;
		for (size_t k = 0; k < nbr; k++)
			if (id >= br[k].first && id <= br[k].last) {
				rc = add_block(mem, alloc, (unsigned long)id, memory_dir);
				break;
			}
	}
	sysfs_names_free(names, count);
	return rc;
}

static int memory_load(struct daxctl_dev *dev, struct daxctl_memory **ret)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	struct block_range *br = NULL;
	struct daxctl_memory *mem;
	const char *memory_dir;
	size_t nbr = 0, alloc = 0;
	uint64_t bs, candidates = 0;
	int rc;

	rc = ctx_memblock_size(ctx, &bs, &memory_dir);
	if (rc < 0)
		return rc;
	rc = dev_load_mappings(dev);
	if (rc < 0)
		return rc;
	mem = calloc(1, sizeof(*mem));
	if (!mem)
		return -ENOMEM;
	mem->dev = dev;
	mem->block_size = bs;

	if (dev->nr_mappings) {
		br = calloc(dev->nr_mappings, sizeof(*br));
		if (!br) {
			rc = -ENOMEM;
			goto out;
		}
		for (size_t i = 0; i < dev->nr_mappings; i++)
			br[nbr++] = blocks_of(dev->mappings[i].start, dev->mappings[i].end, bs);
	} else if (dev->resource != DAX_UNKNOWN && dev->size &&
		   dev->resource <= UINT64_MAX - dev->size) {
		br = calloc(1, sizeof(*br));
		if (!br) {
			rc = -ENOMEM;
			goto out;
		}
		br[nbr++] = blocks_of(dev->resource, dev->resource + dev->size - 1, bs);
	} else {
		err(ctx, "%s: no mappings and no resource: cannot find its memory blocks\n",
		    dev->path);
		rc = -ENXIO;
		goto out;
	}
	for (size_t i = 0; i < nbr; i++)
		if (br[i].first <= br[i].last)
			candidates += br[i].last - br[i].first + 1;

	if (candidates > MAX_PROBED_BLOCKS) {
		rc = blocks_from_listing(mem, &alloc, br, nbr, memory_dir);
	} else {
		for (size_t i = 0; i < nbr && rc == 0; i++)
			for (uint64_t id = br[i].first; id <= br[i].last && rc == 0; id++)
				rc = add_block(mem, &alloc, (unsigned long)id, memory_dir);
	}
	if (rc == 0)
		sort_unique(mem);
out:
	free(br);
	if (rc < 0) {
		memory_free(mem);
		return rc;
	}
	*ret = mem;
	return 0;
}

DAXCTL_EXPORT struct daxctl_memory *daxctl_dev_get_memory(struct daxctl_dev *dev)
{
	if (daxctl_dev_get_mode(dev) != DAXCTL_DEV_MODE_RAM) {
		errno = ENODEV;
		return NULL;
	}
	if (!dev->memory_loaded) {
		dev->memory_loaded = true;
		dev->memory_err = memory_load(dev, &dev->memory);
	}
	if (dev->memory_err < 0) {
		errno = -dev->memory_err;
		return NULL;
	}
	return dev->memory;
}

DAXCTL_EXPORT struct daxctl_dev *daxctl_memory_get_dev(struct daxctl_memory *mem)
{
	return mem->dev;
}

DAXCTL_EXPORT const char *daxctl_memory_get_node_path(struct daxctl_memory *mem)
{
	return mem->dev->region->ctx->memory_dir;
}

DAXCTL_EXPORT unsigned long daxctl_memory_get_block_size(struct daxctl_memory *mem)
{
	return (unsigned long)mem->block_size;
}

DAXCTL_EXPORT int daxctl_memory_num_sections(struct daxctl_memory *mem)
{
	return (int)mem->nr_blocks;
}

DAXCTL_EXPORT int daxctl_memory_is_online(struct daxctl_memory *mem)
{
	return mem->nr_online;
}

DAXCTL_EXPORT int daxctl_memory_num_online(struct daxctl_memory *mem)
{
	return mem->nr_online;
}

DAXCTL_EXPORT int daxctl_memory_is_movable(struct daxctl_memory *mem)
{
	bool seen = false;

	for (size_t i = 0; i < mem->nr_blocks; i++) {
		struct daxctl_memory_block *b = &mem->blocks[i];

		if (!b->online || !b->zone)
			continue;
		if (strcmp(b->zone, "Movable") != 0)
			return 0;
		seen = true;
	}
	return seen ? 1 : -ENXIO;
}

DAXCTL_EXPORT struct daxctl_memory_block *daxctl_memory_block_get_first(struct daxctl_memory *mem)
{
	return mem->nr_blocks ? &mem->blocks[0] : NULL;
}

DAXCTL_EXPORT struct daxctl_memory_block *
daxctl_memory_block_get_next(struct daxctl_memory_block *block)
{
	struct daxctl_memory *mem = block->mem;

	return block->index + 1 < mem->nr_blocks ? &mem->blocks[block->index + 1] : NULL;
}

DAXCTL_EXPORT const char *daxctl_memory_block_get_name(struct daxctl_memory_block *block)
{
	return block->name;
}

DAXCTL_EXPORT unsigned long daxctl_memory_block_get_index(struct daxctl_memory_block *block)
{
	return block->id;
}

DAXCTL_EXPORT const char *daxctl_memory_block_get_state(struct daxctl_memory_block *block)
{
	return block->state;
}

DAXCTL_EXPORT int daxctl_memory_block_is_online(struct daxctl_memory_block *block)
{
	return block->online;
}

DAXCTL_EXPORT const char *
daxctl_memory_block_get_valid_zones(struct daxctl_memory_block *block)
{
	if (!block->valid_zones && !block->online) {
		char *dir = sysfs_join(block->mem->dev->region->ctx->memory_dir, block->name);
		int rc;

		if (dir)
			block->valid_zones = sysfs_read_str(dir, "valid_zones", &rc);
		free(dir);
	}
	return block->valid_zones;
}

DAXCTL_EXPORT const char *daxctl_memory_block_get_zone(struct daxctl_memory_block *block)
{
	return block->zone;
}
