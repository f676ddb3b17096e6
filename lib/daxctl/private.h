/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libdaxctl internals: the object structs shared by ctx.c, region.c, dev.c,
 * mapping.c and memory.c, logging, and the loaders each file provides.
 */
#ifndef LIBDAXCTL_PRIVATE_H
#define LIBDAXCTL_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <syslog.h>

#include <daxctl/libdaxctl.h>
#include "util/sysfs.h"

#define DAXCTL_EXPORT __attribute__((visibility("default")))

/* "unknown" for sizes and addresses */
#define DAX_UNKNOWN UINT64_MAX

struct daxctl_ctx {
	int refcount;
	int log_priority;
	void (*log_fn)(struct daxctl_ctx *ctx, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args);
	void *userdata;
	void *private_data;
	struct sysfs_root *sysfs;
	char *devices_dir;	/* canonical "<root>/devices", to name region paths */

	bool regions_loaded;
	int regions_err;
	struct daxctl_region **regions;	/* sorted by id */
	size_t nr_regions, alloc_regions;

	/* progress of long memory block operations (CLI: terminal only) */
	void (*progress_fn)(struct daxctl_ctx *ctx, const char *what, unsigned int done,
			    unsigned int total);

	/* devices/system/memory, shared by every memory object */
	bool memblock_loaded;
	int memblock_err;
	char *memory_dir;
	uint64_t memblock_size;
};

struct daxctl_region {
	struct daxctl_ctx *ctx;
	size_t index;		/* position in ctx->regions */
	int refcount;
	int id;
	bool has_uuid;
	uuid_t uuid;
	uint64_t size;
	uint64_t available_size;	/* DAX_UNKNOWN: static region */
	uint64_t align;			/* 0: not reported */
	char *provider_path;	/* canonical path of the provider device */
	char *path;		/* provider path below devices/, points into provider_path */
	char *region_dir;	/* provider_path + "/dax_region" */
	char devname[32];
	char *seed;		/* devname of the seed device, NULL if none */
	char provider[16];	/* "hmem", "pmem", "cxl", ...; "" until first asked */

	struct daxctl_dev **devs;	/* natural order of devname */
	size_t nr_devs, alloc_devs;

	bool resource_loaded;
	int resource_err;
	uint64_t resource;
};

struct daxctl_dev {
	struct daxctl_region *region;
	size_t index;		/* position in region->devs */
	char *devname;
	char *path;		/* canonical device directory */
	int id;
	int major, minor;
	uint64_t size;
	uint64_t resource;	/* DAX_UNKNOWN when not reported */
	uint64_t align;		/* 0 when not reported */
	int target_node;	/* -1 when not reported */
	int memmap_on_memory;	/* 0/1 or -errno */
	char *driver;		/* NULL when unbound */
	bool deleted;		/* removed from the region by daxctl_region_destroy_dev */
	uint64_t unused_at;	/* CLOCK_MONOTONIC ms of a scan that found it unused, or 0 */

	bool mappings_loaded;
	int mappings_err;
	struct daxctl_mapping *mappings;
	size_t nr_mappings;

	bool memory_loaded;
	int memory_err;
	struct daxctl_memory *memory;
};

struct daxctl_mapping {
	struct daxctl_dev *dev;
	size_t index;
	unsigned int id;	/* N of mappingN */
	uint64_t start, end, page_offset;
};

struct daxctl_memory_block {
	struct daxctl_memory *mem;
	size_t index;		/* position in mem->blocks */
	unsigned long id;	/* N of memoryN */
	char name[32];
	char *state;
	char *valid_zones;
	char *zone;		/* first word of valid_zones of an online block */
	bool online;
	int op_err;		/* -errno of the last state write to it, 0: none */
};

struct daxctl_memory {
	struct daxctl_dev *dev;
	uint64_t block_size;
	struct daxctl_memory_block *blocks;
	size_t nr_blocks;
	int nr_online;
};

/* logging */
void daxctl_log(struct daxctl_ctx *ctx, int priority, const char *file, int line,
		const char *fn, const char *format, ...)
	__attribute__((format(printf, 6, 7)));

#define dax_log(ctx, prio, ...)						\
	do {								\
		if ((ctx) && (ctx)->log_priority >= (prio))		\
			daxctl_log(ctx, prio, __FILE__, __LINE__, __func__, __VA_ARGS__); \
	} while (0)
#define err(ctx, ...) dax_log(ctx, LOG_ERR, __VA_ARGS__)
#define info(ctx, ...) dax_log(ctx, LOG_INFO, __VA_ARGS__)
#define dbg(ctx, ...) dax_log(ctx, LOG_DEBUG, __VA_ARGS__)

/* ctx.c */
int ctx_load_regions(struct daxctl_ctx *ctx);
int ctx_add_region(struct daxctl_ctx *ctx, struct daxctl_region *region);
struct daxctl_region *ctx_find_region(struct daxctl_ctx *ctx, const char *provider_path);
int ctx_memblock_size(struct daxctl_ctx *ctx, uint64_t *ret, const char **ret_dir);

/* region.c */
int region_load(struct daxctl_ctx *ctx, const char *provider_path,
		struct daxctl_region **ret);
void region_free(struct daxctl_region *region);
int region_add_dev(struct daxctl_region *region, struct daxctl_dev *dev);
void region_sort_devs(struct daxctl_region *region);
/* re-read available_size and seed after a change */
int region_refresh(struct daxctl_region *region);

/* driver.c */
int ctx_driver_available(struct daxctl_ctx *ctx, const char *driver);
int dev_switch_driver(struct daxctl_dev *dev, const char *driver);

/* region-ops.c */
char *ctx_driver_dir(struct daxctl_ctx *ctx, const char *driver);

/* dev.c */
int dev_load(struct daxctl_region *region, const char *devname, const char *path,
	     struct daxctl_dev **ret);
void dev_free(struct daxctl_dev *dev);
/*
 * inuse.c: true when daxctl_dev_get_user found the device unused moments ago
 * (the caller checked before changing it: no second scan); consumes that result.
 */
bool dev_unused_recently(struct daxctl_dev *dev);
struct daxctl_dev *region_find_dev(struct daxctl_region *region, const char *devname);
/* re-read every attribute of dev (after a write); mappings and memory reload lazily */
int dev_refresh(struct daxctl_dev *dev);

/* mapping.c */
int dev_load_mappings(struct daxctl_dev *dev);
void dev_free_mappings(struct daxctl_dev *dev);

/* memory.c */
void memory_free(struct daxctl_memory *mem);
/* read state and valid_zones of block again */
int memory_block_refresh(struct daxctl_memory_block *b);

/* strict helpers */
int parse_dax_name(const char *name, int *region_id, int *dev_id);
/* "%lx" style attributes (no 0x prefix), e.g. block_size_bytes */
int parse_hex_u64(const char *s, uint64_t *ret);

#endif
