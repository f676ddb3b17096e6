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

#ifdef __cplusplus
}
#endif
#endif
