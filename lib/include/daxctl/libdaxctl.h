/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libdaxctl: the device-dax object model over sysfs (dax regions, dax
 * devices, their mapping ranges and the memory blocks of system-ram
 * devices). Names and semantics follow upstream libdaxctl.
 *
 * Objects are owned by the context and live until daxctl_unref() of the
 * context. Attributes are read once, when an object is first loaded.
 * Functions returning int report failure as -errno (the errno of the sysfs
 * access that failed); getters of sizes and addresses return ULLONG_MAX when
 * the value is unknown, getters of strings return NULL.
 */
#ifndef _LIBDAXCTL_H_
#define _LIBDAXCTL_H_

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <uuid/uuid.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Context */
struct daxctl_ctx;
int daxctl_new(struct daxctl_ctx **ctx);
/* Like daxctl_new, with sysfs read from root (NULL: $NDCTL_SYSFS_ROOT or /sys). */
int daxctl_new_with_sysfs_root(const char *root, struct daxctl_ctx **ctx);
struct daxctl_ctx *daxctl_ref(struct daxctl_ctx *ctx);
void daxctl_unref(struct daxctl_ctx *ctx);
void daxctl_set_log_fn(struct daxctl_ctx *ctx,
		       void (*log_fn)(struct daxctl_ctx *ctx, int priority,
				      const char *file, int line, const char *fn,
				      const char *format, va_list args));
int daxctl_get_log_priority(struct daxctl_ctx *ctx);
void daxctl_set_log_priority(struct daxctl_ctx *ctx, int priority);
void daxctl_set_userdata(struct daxctl_ctx *ctx, void *userdata);
void *daxctl_get_userdata(struct daxctl_ctx *ctx);
void daxctl_set_private_data(struct daxctl_ctx *ctx, void *data);
void *daxctl_get_private_data(struct daxctl_ctx *ctx);
/* The directory that stands for /sys for this context. */
const char *daxctl_get_sysfs_root(struct daxctl_ctx *ctx);

/* Dax regions */
struct daxctl_region;
/*
 * Look up (or load) the dax region whose provider device lives at path, the
 * full sysfs path of the device that holds the "dax_region" directory (e.g.
 * an nd dax device). id and uuid are checked against nothing and may be
 * -1 / NULL; they exist for upstream compatibility.
 */
struct daxctl_region *daxctl_new_region(struct daxctl_ctx *ctx, int id, uuid_t uuid,
					const char *path);
struct daxctl_region *daxctl_region_get_first(struct daxctl_ctx *ctx);
struct daxctl_region *daxctl_region_get_next(struct daxctl_region *region);
void daxctl_region_ref(struct daxctl_region *region);
void daxctl_region_unref(struct daxctl_region *region);
struct daxctl_ctx *daxctl_region_get_ctx(struct daxctl_region *region);
int daxctl_region_get_id(struct daxctl_region *region);
/* Copies the region uuid, or clears uu if the kernel shows none. */
void daxctl_region_get_uuid(struct daxctl_region *region, uuid_t uu);
unsigned long long daxctl_region_get_size(struct daxctl_region *region);
/* Free capacity; 0 for static regions (pmem), which have no such attribute. */
unsigned long long daxctl_region_get_available_size(struct daxctl_region *region);
/* true when the kernel reports available_size (dynamic regions, e.g. hmem) */
bool daxctl_region_has_available_size(struct daxctl_region *region);
/* Largest contiguous free range; ULLONG_MAX with errno set when unknown. */
unsigned long long daxctl_region_get_max_available_extent(struct daxctl_region *region);
/* Physical start address of the region; ULLONG_MAX with errno set when unknown. */
unsigned long long daxctl_region_get_resource(struct daxctl_region *region);
unsigned long daxctl_region_get_align(struct daxctl_region *region);
/* "regionN", N being the region id */
const char *daxctl_region_get_devname(struct daxctl_region *region);
/* Provider device path below the devices/ directory, e.g. "/platform/hmem.0". */
const char *daxctl_region_get_path(struct daxctl_region *region);
/* Full sysfs path of the region's "dax_region" directory. */
const char *daxctl_region_get_sysfs_path(struct daxctl_region *region);
/*
 * What backs the region: "pmem" (an NVDIMM namespace, nd dax device),
 * "hmem" (soft-reserved memory, platform device hmem.N), "cxl", or the name
 * of the provider's bus. Not in upstream libdaxctl.
 */
const char *daxctl_region_get_provider(struct daxctl_region *region);
/* The region's seed device (zero-sized, unbound), NULL if none. */
struct daxctl_dev *daxctl_region_get_dev_seed(struct daxctl_region *region);

#define daxctl_region_foreach(ctx, region)				\
	for (region = daxctl_region_get_first(ctx); region != NULL;	\
	     region = daxctl_region_get_next(region))

/* Dax devices */
struct daxctl_dev;
enum daxctl_dev_mode {
	DAXCTL_DEV_MODE_DEVDAX = 0,
	DAXCTL_DEV_MODE_RAM,
	DAXCTL_DEV_MODE_END,
};
struct daxctl_dev *daxctl_dev_get_first(struct daxctl_region *region);
struct daxctl_dev *daxctl_dev_get_next(struct daxctl_dev *dev);
struct daxctl_region *daxctl_dev_get_region(struct daxctl_dev *dev);
struct daxctl_ctx *daxctl_dev_get_ctx(struct daxctl_dev *dev);
int daxctl_dev_get_id(struct daxctl_dev *dev);
const char *daxctl_dev_get_devname(struct daxctl_dev *dev);
/* Full sysfs path of the device directory. */
const char *daxctl_dev_get_sysfs_path(struct daxctl_dev *dev);
int daxctl_dev_get_major(struct daxctl_dev *dev);
int daxctl_dev_get_minor(struct daxctl_dev *dev);
unsigned long long daxctl_dev_get_resource(struct daxctl_dev *dev);
unsigned long long daxctl_dev_get_size(struct daxctl_dev *dev);
/* 0 when the kernel has no align attribute */
unsigned long daxctl_dev_get_align(struct daxctl_dev *dev);
/* negative when the kernel reports none */
int daxctl_dev_get_target_node(struct daxctl_dev *dev);
/* 1 or 0; -ENOENT (kernels before 6.8) or another -errno when unknown */
int daxctl_dev_get_memmap_on_memory(struct daxctl_dev *dev);
/* bound to a driver */
int daxctl_dev_is_enabled(struct daxctl_dev *dev);
/* name of the bound driver ("device_dax", "kmem"), NULL when unbound */
const char *daxctl_dev_get_driver(struct daxctl_dev *dev);
/* system-ram when bound to kmem, devdax otherwise */
enum daxctl_dev_mode daxctl_dev_get_mode(struct daxctl_dev *dev);
/* The memory blocks of a system-ram device; NULL (errno set) otherwise. */
struct daxctl_memory *daxctl_dev_get_memory(struct daxctl_dev *dev);

/*
 * The device named ident ("dax0.1" or "0.1"), loading only it and its region
 * when nothing was listed yet; NULL with errno ENODEV when there is none.
 */
struct daxctl_dev *daxctl_dev_lookup(struct daxctl_ctx *ctx, const char *ident);

#define daxctl_dev_foreach(region, dev)					\
	for (dev = daxctl_dev_get_first(region); dev != NULL;		\
	     dev = daxctl_dev_get_next(dev))

/* Mapping ranges (mappingN directories) of a dax device */
struct daxctl_mapping;
struct daxctl_mapping *daxctl_mapping_get_first(struct daxctl_dev *dev);
struct daxctl_mapping *daxctl_mapping_get_next(struct daxctl_mapping *mapping);
struct daxctl_dev *daxctl_mapping_get_dev(struct daxctl_mapping *mapping);
unsigned long long daxctl_mapping_get_start(struct daxctl_mapping *mapping);
unsigned long long daxctl_mapping_get_end(struct daxctl_mapping *mapping);
/* offset of this range inside the device, in pages */
unsigned long long daxctl_mapping_get_offset(struct daxctl_mapping *mapping);
unsigned long long daxctl_mapping_get_size(struct daxctl_mapping *mapping);

#define daxctl_mapping_foreach(dev, mapping)				\
	for (mapping = daxctl_mapping_get_first(dev); mapping != NULL;	\
	     mapping = daxctl_mapping_get_next(mapping))

/* Memory blocks backing a system-ram device */
struct daxctl_memory;
struct daxctl_memory_block;
struct daxctl_dev *daxctl_memory_get_dev(struct daxctl_memory *mem);
/* Full sysfs path of the memory block directory (devices/system/memory). */
const char *daxctl_memory_get_node_path(struct daxctl_memory *mem);
unsigned long daxctl_memory_get_block_size(struct daxctl_memory *mem);
/* number of memory blocks of the device present in sysfs */
int daxctl_memory_num_sections(struct daxctl_memory *mem);
/* number of those blocks that are online (upstream name and its alias) */
int daxctl_memory_is_online(struct daxctl_memory *mem);
int daxctl_memory_num_online(struct daxctl_memory *mem);
/* 1: every online block is in ZONE_MOVABLE, 0: some is not, -ENXIO: none online */
int daxctl_memory_is_movable(struct daxctl_memory *mem);

struct daxctl_memory_block *daxctl_memory_block_get_first(struct daxctl_memory *mem);
struct daxctl_memory_block *daxctl_memory_block_get_next(struct daxctl_memory_block *block);
/* "memoryN" */
const char *daxctl_memory_block_get_name(struct daxctl_memory_block *block);
unsigned long daxctl_memory_block_get_index(struct daxctl_memory_block *block);
/* raw "state" attribute: "online", "offline", "going-offline" */
const char *daxctl_memory_block_get_state(struct daxctl_memory_block *block);
int daxctl_memory_block_is_online(struct daxctl_memory_block *block);
/* raw "valid_zones": the zone of an online block, candidates of an offline one */
const char *daxctl_memory_block_get_valid_zones(struct daxctl_memory_block *block);
/* the zone an online block is in ("Movable", "Normal", ...); NULL when offline */
const char *daxctl_memory_block_get_zone(struct daxctl_memory_block *block);

#define daxctl_memory_block_foreach(mem, block)				\
	for (block = daxctl_memory_block_get_first(mem); block != NULL;	\
	     block = daxctl_memory_block_get_next(block))

/*
 * Changing devices and regions (live sysfs only: -EROFS on captured trees).
 * Each returns 0 or the -errno of the sysfs write that failed, logs the
 * reason through the context's log function, and leaves the objects showing
 * the kernel's state afterwards.
 */
enum daxctl_zone {
	DAXCTL_ZONE_MOVABLE = 0,	/* online_movable */
	DAXCTL_ZONE_NORMAL,		/* online_kernel */
};
/* A new zero-sized, disabled device (region "create"). */
int daxctl_region_create_dev(struct daxctl_region *region, struct daxctl_dev **dev);
/* Delete a disabled zero-sized device; device 0 of a region: -EBUSY, no write. */
int daxctl_region_destroy_dev(struct daxctl_region *region, struct daxctl_dev *dev);
/* true once destroyed through daxctl_region_destroy_dev */
bool daxctl_dev_is_deleted(struct daxctl_dev *dev);
int daxctl_dev_set_size(struct daxctl_dev *dev, unsigned long long size);
int daxctl_dev_set_align(struct daxctl_dev *dev, unsigned long align);
/* append the physical range [start, end] (inclusive) to a disabled device */
int daxctl_dev_set_mapping(struct daxctl_dev *dev, unsigned long long start,
			   unsigned long long end);
int daxctl_dev_set_memmap_on_memory(struct daxctl_dev *dev, bool on);
/* bind to device_dax (leaving kmem or no driver) */
int daxctl_dev_enable_devdax(struct daxctl_dev *dev);
/* unbind; a system-ram device with online memory: -EBUSY, nothing done */
int daxctl_dev_disable(struct daxctl_dev *dev);
/* checks made before any write of daxctl_dev_enable_ram */
int daxctl_dev_kmem_preflight(struct daxctl_dev *dev, bool online);
/* "FILE:LINE" of a udev rule that onlines hot-added memory (free it), or NULL */
char *daxctl_find_memory_udev_rule(void);
/*
 * Give the device to kmem. online: every block ends online in zone (checked
 * through valid_zones); !online: every block ends offline. -EALREADY when
 * it is system-ram already.
 */
int daxctl_dev_enable_ram(struct daxctl_dev *dev, bool online, enum daxctl_zone zone);
/*
 * Take a system-ram device from kmem: its memory offline first (only with
 * force when some is online; all or nothing), then bind to to_driver
 * ("device_dax") or leave it unbound (NULL).
 */
int daxctl_dev_disable_ram(struct daxctl_dev *dev, bool force, const char *to_driver);
/*
 * 1 and *pid when a process has the device open or mapped, else 0. A 0 also
 * stands for the next daxctl_dev_enable_ram on the same object when that
 * follows within 200 ms (check, then change: one scan of /proc, not two).
 */
int daxctl_dev_get_user(struct daxctl_dev *dev, int *pid);
/*
 * Online every offline block into zone. A block that was online already and
 * sits in another zone is an error (-EXDEV) only with strict.
 */
int daxctl_memory_online_zone(struct daxctl_memory *mem, enum daxctl_zone zone, bool strict);
/* Offline every block or none (the ones offlined go back to their zone). */
int daxctl_memory_offline_all(struct daxctl_memory *mem);
/* -errno of the last write to the block by the functions above (0: fine) */
int daxctl_memory_block_get_op_error(struct daxctl_memory_block *block);
/* Called after each block of a long memory operation. */
void daxctl_set_progress_fn(struct daxctl_ctx *ctx,
			    void (*fn)(struct daxctl_ctx *ctx, const char *what,
				       unsigned int done, unsigned int total));
/* memory/auto_online_blocks into buf; length or -errno */
int daxctl_get_auto_online_policy(struct daxctl_ctx *ctx, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
