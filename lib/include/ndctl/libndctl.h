/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndctl: the NVDIMM object model over sysfs (buses, DIMMs, regions,
 * namespaces and their btt/pfn/dax claim devices). Names and semantics
 * follow upstream libndctl.
 *
 * Objects are opaque and owned by the context; they are read from sysfs
 * when their parent is first iterated and stay valid until ndctl_unref().
 * Unsigned getters return ULLONG_MAX / UINT_MAX (or the type's maximum)
 * when the kernel does not provide the value; int getters return -1 for an
 * unknown node and -errno for failures.
 */
#ifndef _LIBNDCTL_H_
#define _LIBNDCTL_H_

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uuid/uuid.h>

#ifdef __cplusplus
extern "C" {
#endif

/* device types, as the kernel's nstype / modalias numbers them */
enum {
	ND_DEVICE_DIMM = 1,
	ND_DEVICE_REGION_PMEM = 2,
	ND_DEVICE_REGION_BLK = 3,
	ND_DEVICE_NAMESPACE_IO = 4,
	ND_DEVICE_NAMESPACE_PMEM = 5,
	ND_DEVICE_NAMESPACE_BLK = 6,
	ND_DEVICE_DAX_PMEM = 7,
};

struct ndctl_ctx;
int ndctl_new(struct ndctl_ctx **ctx);
/* Like ndctl_new, with sysfs read from root (NULL: $NDCTL_SYSFS_ROOT or /sys). */
int ndctl_new_with_sysfs_root(const char *root, struct ndctl_ctx **ctx);
struct ndctl_ctx *ndctl_ref(struct ndctl_ctx *ctx);
void ndctl_unref(struct ndctl_ctx *ctx);
void ndctl_set_log_fn(struct ndctl_ctx *ctx,
		       void (*log_fn)(struct ndctl_ctx *ctx, int priority,
				      const char *file, int line, const char *fn,
				      const char *format, va_list args));
int ndctl_get_log_priority(struct ndctl_ctx *ctx);
void ndctl_set_log_priority(struct ndctl_ctx *ctx, int priority);
void ndctl_set_userdata(struct ndctl_ctx *ctx, void *userdata);
void *ndctl_get_userdata(struct ndctl_ctx *ctx);
/* the directory standing for /sys (a captured tree in tests) */
const char *ndctl_get_sysfs_root(struct ndctl_ctx *ctx);

/* a bad-block range, in 512-byte sectors from the start of the device */
struct badblock {
	unsigned long long offset;
	unsigned int len;
};

/* buses */
struct ndctl_bus;
struct ndctl_bus *ndctl_bus_get_first(struct ndctl_ctx *ctx);
struct ndctl_bus *ndctl_bus_get_next(struct ndctl_bus *bus);
#define ndctl_bus_foreach(ctx, bus) \
	for (bus = ndctl_bus_get_first(ctx); bus != NULL; bus = ndctl_bus_get_next(bus))
struct ndctl_ctx *ndctl_bus_get_ctx(struct ndctl_bus *bus);
unsigned int ndctl_bus_get_id(struct ndctl_bus *bus);
const char *ndctl_bus_get_devname(struct ndctl_bus *bus);
const char *ndctl_bus_get_provider(struct ndctl_bus *bus);
struct ndctl_bus *ndctl_bus_get_by_provider(struct ndctl_ctx *ctx, const char *provider);
int ndctl_bus_has_nfit(struct ndctl_bus *bus);
/* 1 scrubbing, 0 idle, -errno when the bus cannot scrub */
int ndctl_bus_get_scrub_state(struct ndctl_bus *bus);
unsigned int ndctl_bus_get_scrub_count(struct ndctl_bus *bus);
/* does the bus's "commands" attribute list this command name? */
int ndctl_bus_is_cmd_name_supported(struct ndctl_bus *bus, const char *name);

/* DIMMs */
struct ndctl_dimm;
struct ndctl_dimm *ndctl_dimm_get_first(struct ndctl_bus *bus);
struct ndctl_dimm *ndctl_dimm_get_next(struct ndctl_dimm *dimm);
#define ndctl_dimm_foreach(bus, dimm) \
	for (dimm = ndctl_dimm_get_first(bus); dimm != NULL; dimm = ndctl_dimm_get_next(dimm))
struct ndctl_bus *ndctl_dimm_get_bus(struct ndctl_dimm *dimm);
struct ndctl_ctx *ndctl_dimm_get_ctx(struct ndctl_dimm *dimm);
struct ndctl_dimm *ndctl_dimm_get_by_handle(struct ndctl_bus *bus, unsigned int handle);
unsigned int ndctl_dimm_get_id(struct ndctl_dimm *dimm);
const char *ndctl_dimm_get_devname(struct ndctl_dimm *dimm);
/* NULL when the provider gives no identity */
const char *ndctl_dimm_get_unique_id(struct ndctl_dimm *dimm);
unsigned int ndctl_dimm_get_handle(struct ndctl_dimm *dimm);
unsigned short ndctl_dimm_get_phys_id(struct ndctl_dimm *dimm);
unsigned short ndctl_dimm_get_vendor(struct ndctl_dimm *dimm);
unsigned short ndctl_dimm_get_device(struct ndctl_dimm *dimm);
unsigned short ndctl_dimm_get_revision(struct ndctl_dimm *dimm);
unsigned short ndctl_dimm_get_subsystem_vendor(struct ndctl_dimm *dimm);
unsigned short ndctl_dimm_get_subsystem_device(struct ndctl_dimm *dimm);
unsigned short ndctl_dimm_get_subsystem_revision(struct ndctl_dimm *dimm);
unsigned int ndctl_dimm_get_serial(struct ndctl_dimm *dimm);
int ndctl_dimm_get_format(struct ndctl_dimm *dimm);
unsigned long ndctl_dimm_get_dsm_mask(struct ndctl_dimm *dimm);
/* "nfit", "papr", ... or NULL */
const char *ndctl_dimm_get_family_name(struct ndctl_dimm *dimm);
int ndctl_dimm_is_enabled(struct ndctl_dimm *dimm);
/* 1 if an enabled region maps this DIMM */
int ndctl_dimm_is_active(struct ndctl_dimm *dimm);
int ndctl_dimm_failed_save(struct ndctl_dimm *dimm);
int ndctl_dimm_failed_arm(struct ndctl_dimm *dimm);
int ndctl_dimm_failed_restore(struct ndctl_dimm *dimm);
int ndctl_dimm_failed_flush(struct ndctl_dimm *dimm);
int ndctl_dimm_failed_map(struct ndctl_dimm *dimm);
int ndctl_dimm_smart_pending(struct ndctl_dimm *dimm);
int ndctl_dimm_has_errors(struct ndctl_dimm *dimm);
int ndctl_dimm_has_notifications(struct ndctl_dimm *dimm);
/* free label slots (available_slots); -errno of the failed read if unknown */
long long ndctl_dimm_get_available_labels(struct ndctl_dimm *dimm);
int ndctl_dimm_is_cmd_name_supported(struct ndctl_dimm *dimm, const char *name);
/* "active", "idle", or NULL */
const char *ndctl_dimm_get_state(struct ndctl_dimm *dimm);

enum ndctl_security_state {
	NDCTL_SECURITY_INVALID = -1,
	NDCTL_SECURITY_DISABLED = 0,
	NDCTL_SECURITY_UNLOCKED,
	NDCTL_SECURITY_LOCKED,
	NDCTL_SECURITY_FROZEN,
	NDCTL_SECURITY_OVERWRITE,
};
enum ndctl_security_state ndctl_dimm_get_security(struct ndctl_dimm *dimm);
bool ndctl_dimm_security_is_frozen(struct ndctl_dimm *dimm);

/* regions */
struct ndctl_region;
struct ndctl_region *ndctl_region_get_first(struct ndctl_bus *bus);
struct ndctl_region *ndctl_region_get_next(struct ndctl_region *region);
#define ndctl_region_foreach(bus, region) \
	for (region = ndctl_region_get_first(bus); region != NULL; \
	     region = ndctl_region_get_next(region))
struct ndctl_bus *ndctl_region_get_bus(struct ndctl_region *region);
struct ndctl_ctx *ndctl_region_get_ctx(struct ndctl_region *region);
unsigned int ndctl_region_get_id(struct ndctl_region *region);
const char *ndctl_region_get_devname(struct ndctl_region *region);
/* ND_DEVICE_REGION_PMEM or ND_DEVICE_REGION_BLK */
unsigned int ndctl_region_get_type(struct ndctl_region *region);
const char *ndctl_region_get_type_name(struct ndctl_region *region);
/* ND_DEVICE_NAMESPACE_* of the namespaces the region hosts */
unsigned int ndctl_region_get_nstype(struct ndctl_region *region);
unsigned long long ndctl_region_get_size(struct ndctl_region *region);
unsigned long long ndctl_region_get_available_size(struct ndctl_region *region);
unsigned long long ndctl_region_get_max_available_extent(struct ndctl_region *region);
unsigned long long ndctl_region_get_align(struct ndctl_region *region);
unsigned long long ndctl_region_get_resource(struct ndctl_region *region);
int ndctl_region_get_numa_node(struct ndctl_region *region);
int ndctl_region_has_numa(struct ndctl_region *region);
int ndctl_region_get_target_node(struct ndctl_region *region);
unsigned int ndctl_region_get_mappings(struct ndctl_region *region);
unsigned int ndctl_region_get_interleave_ways(struct ndctl_region *region);
int ndctl_region_get_ro(struct ndctl_region *region);
int ndctl_region_is_enabled(struct ndctl_region *region);

enum ndctl_persistence_domain {
	PERSISTENCE_NONE = 0,
	PERSISTENCE_MEM_CTRL = 10,
	PERSISTENCE_CPU_CACHE = 20,
	PERSISTENCE_UNKNOWN = INT32_MAX,
};
enum ndctl_persistence_domain ndctl_region_get_persistence_domain(struct ndctl_region *region);

struct ndctl_namespace *ndctl_region_get_namespace_seed(struct ndctl_region *region);
struct ndctl_btt *ndctl_region_get_btt_seed(struct ndctl_region *region);
struct ndctl_pfn *ndctl_region_get_pfn_seed(struct ndctl_region *region);
struct ndctl_dax *ndctl_region_get_dax_seed(struct ndctl_region *region);

struct badblock *ndctl_region_get_first_badblock(struct ndctl_region *region);
struct badblock *ndctl_region_get_next_badblock(struct ndctl_region *region);
#define ndctl_region_badblock_foreach(region, badblock) \
	for (badblock = ndctl_region_get_first_badblock(region); badblock != NULL; \
	     badblock = ndctl_region_get_next_badblock(region))

struct ndctl_dimm *ndctl_region_get_first_dimm(struct ndctl_region *region);
struct ndctl_dimm *ndctl_region_get_next_dimm(struct ndctl_region *region,
					       struct ndctl_dimm *dimm);
#define ndctl_dimm_foreach_in_region(region, dimm) \
	for (dimm = ndctl_region_get_first_dimm(region); dimm != NULL; \
	     dimm = ndctl_region_get_next_dimm(region, dimm))

/* interleave sets: the labelled pmem regions' set cookies */
struct ndctl_interleave_set;
struct ndctl_interleave_set *ndctl_region_get_interleave_set(struct ndctl_region *region);
struct ndctl_interleave_set *ndctl_interleave_set_get_first(struct ndctl_bus *bus);
struct ndctl_interleave_set *ndctl_interleave_set_get_next(struct ndctl_interleave_set *iset);
#define ndctl_interleave_set_foreach(bus, iset) \
	for (iset = ndctl_interleave_set_get_first(bus); iset != NULL; \
	     iset = ndctl_interleave_set_get_next(iset))
struct ndctl_region *ndctl_interleave_set_get_region(struct ndctl_interleave_set *iset);
unsigned long long ndctl_interleave_set_get_cookie(struct ndctl_interleave_set *iset);
int ndctl_interleave_set_is_active(struct ndctl_interleave_set *iset);
struct ndctl_dimm *ndctl_interleave_set_get_first_dimm(struct ndctl_interleave_set *iset);
struct ndctl_dimm *ndctl_interleave_set_get_next_dimm(struct ndctl_interleave_set *iset,
						       struct ndctl_dimm *dimm);
#define ndctl_dimm_foreach_in_interleave_set(iset, dimm) \
	for (dimm = ndctl_interleave_set_get_first_dimm(iset); dimm != NULL; \
	     dimm = ndctl_interleave_set_get_next_dimm(iset, dimm))

/* mappings: the DIMM extents that make up a region */
struct ndctl_mapping;
struct ndctl_mapping *ndctl_mapping_get_first(struct ndctl_region *region);
struct ndctl_mapping *ndctl_mapping_get_next(struct ndctl_mapping *mapping);
#define ndctl_mapping_foreach(region, mapping) \
	for (mapping = ndctl_mapping_get_first(region); mapping != NULL; \
	     mapping = ndctl_mapping_get_next(mapping))
struct ndctl_dimm *ndctl_mapping_get_dimm(struct ndctl_mapping *mapping);
struct ndctl_region *ndctl_mapping_get_region(struct ndctl_mapping *mapping);
struct ndctl_bus *ndctl_mapping_get_bus(struct ndctl_mapping *mapping);
struct ndctl_ctx *ndctl_mapping_get_ctx(struct ndctl_mapping *mapping);
unsigned long long ndctl_mapping_get_offset(struct ndctl_mapping *mapping);
unsigned long long ndctl_mapping_get_length(struct ndctl_mapping *mapping);
/* -1 when the kernel does not report the position */
int ndctl_mapping_get_position(struct ndctl_mapping *mapping);

/* namespaces */
enum ndctl_namespace_mode {
	NDCTL_NS_MODE_MEMORY,
	NDCTL_NS_MODE_FSDAX = NDCTL_NS_MODE_MEMORY,
	NDCTL_NS_MODE_SAFE,
	NDCTL_NS_MODE_SECTOR = NDCTL_NS_MODE_SAFE,
	NDCTL_NS_MODE_RAW,
	NDCTL_NS_MODE_DAX,
	NDCTL_NS_MODE_DEVDAX = NDCTL_NS_MODE_DAX,
	NDCTL_NS_MODE_UNKNOWN,
};

struct ndctl_namespace;
struct ndctl_namespace *ndctl_namespace_get_first(struct ndctl_region *region);
struct ndctl_namespace *ndctl_namespace_get_next(struct ndctl_namespace *ndns);
#define ndctl_namespace_foreach(region, ndns) \
	for (ndns = ndctl_namespace_get_first(region); ndns != NULL; \
	     ndns = ndctl_namespace_get_next(ndns))
struct ndctl_region *ndctl_namespace_get_region(struct ndctl_namespace *ndns);
struct ndctl_bus *ndctl_namespace_get_bus(struct ndctl_namespace *ndns);
struct ndctl_ctx *ndctl_namespace_get_ctx(struct ndctl_namespace *ndns);
unsigned int ndctl_namespace_get_id(struct ndctl_namespace *ndns);
const char *ndctl_namespace_get_devname(struct ndctl_namespace *ndns);
/* ND_DEVICE_NAMESPACE_IO / _PMEM / _BLK */
unsigned int ndctl_namespace_get_type(struct ndctl_namespace *ndns);
const char *ndctl_namespace_get_type_name(struct ndctl_namespace *ndns);
enum ndctl_namespace_mode ndctl_namespace_get_mode(struct ndctl_namespace *ndns);
unsigned long long ndctl_namespace_get_size(struct ndctl_namespace *ndns);
unsigned long long ndctl_namespace_get_resource(struct ndctl_namespace *ndns);
void ndctl_namespace_get_uuid(struct ndctl_namespace *ndns, uuid_t uu);
/* "" when unnamed */
const char *ndctl_namespace_get_alt_name(struct ndctl_namespace *ndns);
/* selected logical block size: 0 if none selected, UINT_MAX if not settable */
unsigned int ndctl_namespace_get_sector_size(struct ndctl_namespace *ndns);
int ndctl_namespace_get_num_sector_sizes(struct ndctl_namespace *ndns);
unsigned int ndctl_namespace_get_supported_sector_size(struct ndctl_namespace *ndns, int i);
int ndctl_namespace_get_numa_node(struct ndctl_namespace *ndns);
int ndctl_namespace_get_target_node(struct ndctl_namespace *ndns);
int ndctl_namespace_is_enabled(struct ndctl_namespace *ndns);
/* enabled itself, or through its enabled claim device */
int ndctl_namespace_is_active(struct ndctl_namespace *ndns);
/* non-zero size: has capacity, enabled or not */
int ndctl_namespace_is_configured(struct ndctl_namespace *ndns);
int ndctl_namespace_get_force_raw(struct ndctl_namespace *ndns);
/* "pmemN" or NULL */
const char *ndctl_namespace_get_block_device(struct ndctl_namespace *ndns);
struct ndctl_btt *ndctl_namespace_get_btt(struct ndctl_namespace *ndns);
struct ndctl_pfn *ndctl_namespace_get_pfn(struct ndctl_namespace *ndns);
struct ndctl_dax *ndctl_namespace_get_dax(struct ndctl_namespace *ndns);
/* bad blocks of the namespace's block device */
struct badblock *ndctl_namespace_get_first_badblock(struct ndctl_namespace *ndns);
struct badblock *ndctl_namespace_get_next_badblock(struct ndctl_namespace *ndns);
#define ndctl_namespace_badblock_foreach(ndns, badblock) \
	for (badblock = ndctl_namespace_get_first_badblock(ndns); badblock != NULL; \
	     badblock = ndctl_namespace_get_next_badblock(ndns))

/* btt (sector mode) claims */
struct ndctl_btt;
struct ndctl_btt *ndctl_btt_get_first(struct ndctl_region *region);
struct ndctl_btt *ndctl_btt_get_next(struct ndctl_btt *btt);
#define ndctl_btt_foreach(region, btt) \
	for (btt = ndctl_btt_get_first(region); btt != NULL; btt = ndctl_btt_get_next(btt))
struct ndctl_region *ndctl_btt_get_region(struct ndctl_btt *btt);
struct ndctl_bus *ndctl_btt_get_bus(struct ndctl_btt *btt);
struct ndctl_ctx *ndctl_btt_get_ctx(struct ndctl_btt *btt);
unsigned int ndctl_btt_get_id(struct ndctl_btt *btt);
const char *ndctl_btt_get_devname(struct ndctl_btt *btt);
struct ndctl_namespace *ndctl_btt_get_namespace(struct ndctl_btt *btt);
void ndctl_btt_get_uuid(struct ndctl_btt *btt, uuid_t uu);
unsigned long long ndctl_btt_get_size(struct ndctl_btt *btt);
unsigned int ndctl_btt_get_sector_size(struct ndctl_btt *btt);
int ndctl_btt_get_num_sector_sizes(struct ndctl_btt *btt);
unsigned int ndctl_btt_get_supported_sector_size(struct ndctl_btt *btt, int i);
const char *ndctl_btt_get_block_device(struct ndctl_btt *btt);
int ndctl_btt_is_enabled(struct ndctl_btt *btt);
int ndctl_btt_is_configured(struct ndctl_btt *btt);

/* pfn (fsdax with a struct page map) claims */
enum ndctl_pfn_loc {
	NDCTL_PFN_LOC_NONE,
	NDCTL_PFN_LOC_RAM,
	NDCTL_PFN_LOC_PMEM,
};

struct ndctl_pfn;
struct ndctl_pfn *ndctl_pfn_get_first(struct ndctl_region *region);
struct ndctl_pfn *ndctl_pfn_get_next(struct ndctl_pfn *pfn);
#define ndctl_pfn_foreach(region, pfn) \
	for (pfn = ndctl_pfn_get_first(region); pfn != NULL; pfn = ndctl_pfn_get_next(pfn))
struct ndctl_region *ndctl_pfn_get_region(struct ndctl_pfn *pfn);
struct ndctl_bus *ndctl_pfn_get_bus(struct ndctl_pfn *pfn);
struct ndctl_ctx *ndctl_pfn_get_ctx(struct ndctl_pfn *pfn);
unsigned int ndctl_pfn_get_id(struct ndctl_pfn *pfn);
const char *ndctl_pfn_get_devname(struct ndctl_pfn *pfn);
struct ndctl_namespace *ndctl_pfn_get_namespace(struct ndctl_pfn *pfn);
void ndctl_pfn_get_uuid(struct ndctl_pfn *pfn, uuid_t uu);
enum ndctl_pfn_loc ndctl_pfn_get_location(struct ndctl_pfn *pfn);
unsigned long ndctl_pfn_get_align(struct ndctl_pfn *pfn);
int ndctl_pfn_has_align(struct ndctl_pfn *pfn);
int ndctl_pfn_get_num_alignments(struct ndctl_pfn *pfn);
unsigned long ndctl_pfn_get_supported_alignment(struct ndctl_pfn *pfn, int i);
unsigned long long ndctl_pfn_get_size(struct ndctl_pfn *pfn);
unsigned long long ndctl_pfn_get_resource(struct ndctl_pfn *pfn);
const char *ndctl_pfn_get_block_device(struct ndctl_pfn *pfn);
int ndctl_pfn_is_enabled(struct ndctl_pfn *pfn);
int ndctl_pfn_is_configured(struct ndctl_pfn *pfn);

/* dax (devdax) claims */
struct ndctl_dax;
struct ndctl_dax *ndctl_dax_get_first(struct ndctl_region *region);
struct ndctl_dax *ndctl_dax_get_next(struct ndctl_dax *dax);
#define ndctl_dax_foreach(region, dax) \
	for (dax = ndctl_dax_get_first(region); dax != NULL; dax = ndctl_dax_get_next(dax))
struct ndctl_region *ndctl_dax_get_region(struct ndctl_dax *dax);
struct ndctl_bus *ndctl_dax_get_bus(struct ndctl_dax *dax);
struct ndctl_ctx *ndctl_dax_get_ctx(struct ndctl_dax *dax);
unsigned int ndctl_dax_get_id(struct ndctl_dax *dax);
const char *ndctl_dax_get_devname(struct ndctl_dax *dax);
struct ndctl_namespace *ndctl_dax_get_namespace(struct ndctl_dax *dax);
void ndctl_dax_get_uuid(struct ndctl_dax *dax, uuid_t uu);
enum ndctl_pfn_loc ndctl_dax_get_location(struct ndctl_dax *dax);
unsigned long ndctl_dax_get_align(struct ndctl_dax *dax);
int ndctl_dax_has_align(struct ndctl_dax *dax);
int ndctl_dax_get_num_alignments(struct ndctl_dax *dax);
unsigned long ndctl_dax_get_supported_alignment(struct ndctl_dax *dax, int i);
unsigned long long ndctl_dax_get_size(struct ndctl_dax *dax);
unsigned long long ndctl_dax_get_resource(struct ndctl_dax *dax);
int ndctl_dax_is_enabled(struct ndctl_dax *dax);
int ndctl_dax_is_configured(struct ndctl_dax *dax);
struct ndctl_pfn *ndctl_dax_get_pfn(struct ndctl_dax *dax);

/*
 * The device-dax region (libdaxctl object) behind an enabled dax claim, NULL
 * if the claim has none. It belongs to the context's libdaxctl context, which
 * lives as long as the libndctl context.
 */
struct daxctl_region;
struct daxctl_region *ndctl_dax_get_daxctl_region(struct ndctl_dax *dax);
/* the libdaxctl context used for that (created on first use), or NULL */
struct daxctl_ctx;
struct daxctl_ctx *ndctl_get_daxctl_ctx(struct ndctl_ctx *ctx);


/*
 * Enabling and disabling (bind.c). Each binds or unbinds the device to the
 * one driver of its kind and re-reads the object (and, for regions, its
 * children) so getters reflect the new state; objects stay valid.
 * Return 0 or -errno (-EBUSY: in use, see the *_check_busy functions).
 */
int ndctl_region_enable(struct ndctl_region *region);
/* unbind namespaces/claims and the region; refuses (-EBUSY) if any is in use;
 * the region's child objects are re-listed (vanished ones are dropped) */
int ndctl_region_disable_invalidate(struct ndctl_region *region);
/* same, but the child objects stay listed until the region is enabled again */
int ndctl_region_disable_preserve(struct ndctl_region *region);
int ndctl_dimm_enable(struct ndctl_dimm *dimm);
/* -EBUSY while an enabled region maps the DIMM */
int ndctl_dimm_disable(struct ndctl_dimm *dimm);
/* bind; 0 when the namespace is active itself or through its claim device */
int ndctl_namespace_enable(struct ndctl_namespace *ndns);
/* unbind the claim device and the namespace (no in-use check) */
int ndctl_namespace_disable(struct ndctl_namespace *ndns);
/* ndctl_namespace_disable() unless in use (-EBUSY) */
int ndctl_namespace_disable_safe(struct ndctl_namespace *ndns);
/*
 * Would disabling lose data? 0 if not; -EBUSY with a one-line reason in why
 * if a block device is mounted or held exclusively, a device-dax instance
 * is system-ram or mapped by a process. Not in upstream libndctl.
 */
int ndctl_namespace_check_busy(struct ndctl_namespace *ndns, char *why, size_t len);
int ndctl_region_check_busy(struct ndctl_region *region, char *why, size_t len);


/*
 * Namespace provisioning (namespace-write.c, claim-write.c). Setters write
 * one attribute, only when the value differs from what the object holds,
 * and return 0 or the -errno of the failing sysfs write. The namespace must
 * be disabled and (except for the claim itself) unclaimed.
 */
int ndctl_namespace_set_uuid(struct ndctl_namespace *ndns, uuid_t uu);
int ndctl_namespace_set_alt_name(struct ndctl_namespace *ndns, const char *name);
int ndctl_namespace_set_size(struct ndctl_namespace *ndns, unsigned long long size);
int ndctl_namespace_set_sector_size(struct ndctl_namespace *ndns, unsigned int sector_size);
/* claim class (holder_class): which claim may take the namespace; no-op on io namespaces */
int ndctl_namespace_set_enforce_mode(struct ndctl_namespace *ndns, enum ndctl_namespace_mode mode);
enum ndctl_namespace_mode ndctl_namespace_get_enforce_mode(struct ndctl_namespace *ndns);
int ndctl_namespace_set_raw_mode(struct ndctl_namespace *ndns, int raw);
/* size 0: drop the capacity (and label); -EOPNOTSUPP on label-less namespaces */
int ndctl_namespace_delete(struct ndctl_namespace *ndns);
/*
 * The first len bytes (a multiple of 4096: the info blocks) of a namespace
 * enabled raw: read them, write them back (fsync'ed), or zero them.
 */
int ndctl_namespace_read_info(struct ndctl_namespace *ndns, void *buf, size_t len);
int ndctl_namespace_write_info(struct ndctl_namespace *ndns, const void *buf, size_t len);
int ndctl_namespace_wipe_info(struct ndctl_namespace *ndns, size_t len);
/* check_busy plus open descriptors on its devices; -EBUSY with a reason */
int ndctl_namespace_check_idle(struct ndctl_namespace *ndns, char *why, size_t len);

int ndctl_pfn_set_uuid(struct ndctl_pfn *pfn, uuid_t uu);
int ndctl_pfn_set_location(struct ndctl_pfn *pfn, enum ndctl_pfn_loc loc);
int ndctl_pfn_set_align(struct ndctl_pfn *pfn, unsigned long align);
/* claim ndns; NULL releases the claimed namespace */
int ndctl_pfn_set_namespace(struct ndctl_pfn *pfn, struct ndctl_namespace *ndns);
int ndctl_pfn_enable(struct ndctl_pfn *pfn);
int ndctl_dax_set_uuid(struct ndctl_dax *dax, uuid_t uu);
int ndctl_dax_set_location(struct ndctl_dax *dax, enum ndctl_pfn_loc loc);
int ndctl_dax_set_align(struct ndctl_dax *dax, unsigned long align);
int ndctl_dax_set_namespace(struct ndctl_dax *dax, struct ndctl_namespace *ndns);
int ndctl_dax_enable(struct ndctl_dax *dax);
int ndctl_btt_set_uuid(struct ndctl_btt *btt, uuid_t uu);
int ndctl_btt_set_sector_size(struct ndctl_btt *btt, unsigned int sector_size);
int ndctl_btt_set_namespace(struct ndctl_btt *btt, struct ndctl_namespace *ndns);
int ndctl_btt_enable(struct ndctl_btt *btt);
/* unbind just this claim device (no in-use check, the region is not re-read) */
int ndctl_pfn_disable(struct ndctl_pfn *pfn);
int ndctl_dax_disable(struct ndctl_dax *dax);
int ndctl_btt_disable(struct ndctl_btt *btt);
/* re-read the region and its children after changes (objects stay valid) */
int ndctl_region_refresh(struct ndctl_region *region);


/*
 * A DIMM's label storage area (dimm-labels.c; not upstream API). open
 * queries the size through the DIMM's ioctl device; read fetches a range
 * into the handle's buffer (each byte at most once; get_data returns the
 * whole area, unread bytes zero); write stores a new image of the whole
 * area, sending only bytes that differ (all of them must have been read),
 * -EBUSY while an enabled region maps the DIMM; close re-probes the DIMM
 * if anything was written, so the kernel reads the new labels.
 */
struct ndctl_label_area;
int ndctl_dimm_label_area_open(struct ndctl_dimm *dimm, struct ndctl_label_area **ret);
unsigned int ndctl_label_area_get_size(struct ndctl_label_area *la);
/* the largest transfer one ioctl can do (reads of at most this are one ioctl) */
unsigned int ndctl_label_area_get_max_xfer(struct ndctl_label_area *la);
const void *ndctl_label_area_get_data(struct ndctl_label_area *la);
int ndctl_label_area_read(struct ndctl_label_area *la, unsigned int off, unsigned int len);
int ndctl_label_area_write(struct ndctl_label_area *la, const void *buf);
/* GET/SET_CONFIG_DATA ioctls issued so far */
void ndctl_label_area_get_ioctls(struct ndctl_label_area *la, unsigned int *reads,
				 unsigned int *writes);
int ndctl_label_area_close(struct ndctl_label_area *la);

#ifdef __cplusplus
}
#endif
#endif
