/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndctl internals shared by the per-object files: the object structs,
 * logging, and the attribute helpers of attr.c. Every object caches the
 * attributes it needs when it is loaded (or, for rarely used ones, on first
 * use) so a listing reads each sysfs file at most once.
 */
#ifndef LIBNDCTL_PRIVATE_H
#define LIBNDCTL_PRIVATE_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <syslog.h>
#include <uuid/uuid.h>

#include <daxctl/libdaxctl.h>
#include <ndctl/libndctl.h>
#include "util/sysfs.h"

#define NDCTL_EXPORT __attribute__((visibility("default")))

/* "not present / not readable" for the unsigned getters, as upstream */
#define ND_U64_NONE ULLONG_MAX

struct ndctl_ctx {
	int refcount;
	int log_priority;
	void (*log_fn)(struct ndctl_ctx *ctx, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args);
	void *userdata;
	struct sysfs_root *sysfs;
	struct daxctl_ctx *daxctl;	/* for dax claims' device-dax regions, on first use */
	bool buses_loaded;
	struct ndctl_bus *buses;
};

struct ndctl_bus {
	struct ndctl_ctx *ctx;
	struct ndctl_bus *next;
	char *path;		/* canonical device directory */
	char *devname;		/* ndbusN */
	unsigned int id;
	char *provider;
	char *commands;		/* space separated, "" if none */
	bool has_nfit;
	bool scrub_loaded;
	int scrub_state;	/* 1 active, 0 idle, -errno unknown */
	unsigned int scrub_count;
	bool dimms_loaded, regions_loaded;
	struct ndctl_dimm *dimms;
	struct ndctl_region *regions;
};

/* DIMM flag bits, from nfit/flags or papr/flags */
enum {
	ND_DIMM_F_ARM = 1 << 0,
	ND_DIMM_F_SAVE = 1 << 1,
	ND_DIMM_F_FLUSH = 1 << 2,
	ND_DIMM_F_SMART = 1 << 3,
	ND_DIMM_F_RESTORE = 1 << 4,
	ND_DIMM_F_MAP = 1 << 5,
	ND_DIMM_F_NOTIFY = 1 << 6,
};

struct ndctl_dimm {
	struct ndctl_bus *bus;
	struct ndctl_dimm *next;
	char *path;
	char *devname;		/* nmemN */
	unsigned int id;
	char *unique_id;	/* NULL if the provider does not say */
	unsigned int handle;	/* UINT_MAX if unknown */
	unsigned short phys_id;	/* USHRT_MAX if unknown */
	unsigned short vendor, device, revision, subsystem_vendor, subsystem_device,
		subsystem_revision;
	unsigned int serial;
	int format;		/* -1 if unknown */
	unsigned long dsm_mask;
	char *family;		/* "nfit", "papr", ... or NULL */
	unsigned int flags;
	char *state;		/* "active" / "idle" or NULL */
	char *security;		/* raw security attribute or NULL */
	int frozen;		/* 1, 0, or -1 when the kernel has no "frozen" */
	long long available_slots; /* -errno of the read if unknown */
	char *commands;
	char *core_flags;	/* nmemN/flags: "label", "lock", "alias" ... */
	bool enabled;
};

struct ndctl_mapping {
	struct ndctl_region *region;
	struct ndctl_mapping *next;
	struct ndctl_dimm *dimm;
	unsigned long long offset, length;
	int position;
};

struct ndctl_interleave_set {
	struct ndctl_region *region;
	unsigned long long cookie;
};

/* Fields every claim device (btt, pfn, dax) and namespace share. */
struct nd_dev {
	char *path;
	char *devname;
	unsigned int id;	/* Y in xxxX.Y */
	bool enabled;
	int numa_node, target_node;	/* -1 if unknown */
	bool has_numa;
	unsigned long long size, resource;	/* ND_U64_NONE if unknown */
	uuid_t uuid;
	char *blockdev;		/* NULL if none */
};

struct ndctl_btt {
	struct ndctl_region *region;
	struct ndctl_btt *next;
	struct nd_dev d;
	char *ns_name;		/* claimed namespace devname, NULL if none */
	unsigned int sector_size;	/* UINT_MAX if none selected */
	unsigned int *sector_sizes;
	int num_sector_sizes;
};

struct ndctl_pfn {
	struct ndctl_region *region;
	struct ndctl_pfn *next;
	struct nd_dev d;
	char *ns_name;
	enum ndctl_pfn_loc loc;
	unsigned long align;	/* 0 if unknown */
	unsigned long *alignments;
	int num_alignments;
};

struct ndctl_dax {
	/* a dax claim is a pfn claim with a device-dax instance behind it */
	struct ndctl_pfn pfn;
	struct ndctl_dax *next;
	bool daxregion_loaded;
	struct daxctl_region *daxregion;	/* owned by ctx->daxctl */
};

struct ndctl_namespace {
	struct ndctl_region *region;
	struct ndctl_namespace *next;
	struct nd_dev d;
	int type;		/* ND_DEVICE_NAMESPACE_* */
	char *mode;		/* raw kernel "mode" attribute */
	char *alt_name;
	unsigned int sector_size;	/* 0 if none selected, UINT_MAX if no attribute */
	unsigned int *sector_sizes;
	int num_sector_sizes;
	int force_raw;
	bool bb_loaded;
	struct badblock *bbs;
	int num_bbs, bb_cursor;
};

struct ndctl_region {
	struct ndctl_bus *bus;
	struct ndctl_region *next;
	char *path;
	char *devname;
	unsigned int id;
	int nstype;		/* ND_DEVICE_NAMESPACE_* the region hosts */
	int type;		/* ND_DEVICE_REGION_PMEM / _BLK */
	unsigned long long size, available_size, max_available_extent, align, resource;
	int numa_node, target_node;
	bool has_numa;
	int ro;
	enum ndctl_persistence_domain persistence_domain;
	bool enabled;
	bool has_iset;
	struct ndctl_interleave_set iset;
	int num_mappings;
	struct ndctl_mapping *mappings;
	char *namespace_seed, *btt_seed, *pfn_seed, *dax_seed;
	bool children_loaded;
	struct ndctl_namespace *namespaces;
	struct ndctl_btt *btts;
	struct ndctl_pfn *pfns;
	struct ndctl_dax *daxs;
	bool bb_loaded;
	struct badblock *bbs;
	int num_bbs, bb_cursor;
	/* children that vanished at a refresh: kept until the context dies so
	 * callers' pointers never dangle (refresh.c) */
	struct nd_retired *retired;
};

/* logging */
void nd_log(struct ndctl_ctx *ctx, int prio, const char *file, int line, const char *fn,
	    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
#define nd_err(ctx, ...) nd_log(ctx, LOG_ERR, __FILE__, __LINE__, __func__, __VA_ARGS__)
#define nd_dbg(ctx, ...) nd_log(ctx, LOG_DEBUG, __FILE__, __LINE__, __func__, __VA_ARGS__)

/*
 * Attribute helpers (attr.c). All return 0 or -errno. A missing or
 * currently unreadable attribute (ENOENT, ENXIO, EACCES, ...) is quiet; a
 * present but malformed one is logged as an error naming device and file.
 */
bool nd_quiet_errno(int rc);
int nd_attr_u64(struct ndctl_ctx *ctx, const char *dir, const char *dev, const char *attr,
		unsigned long long *ret);
int nd_attr_int(struct ndctl_ctx *ctx, const char *dir, const char *dev, const char *attr,
		int *ret);
int nd_attr_str(struct ndctl_ctx *ctx, const char *dir, const char *dev, const char *attr,
		char **ret);
int nd_attr_uuid(struct ndctl_ctx *ctx, const char *dir, const char *dev, const char *attr,
		 uuid_t ret);
/* "512 [4096] 520": all values, and the bracketed one (0 if none) */
int nd_attr_list(struct ndctl_ctx *ctx, const char *dir, const char *dev, const char *attr,
		 unsigned long long **ret_vals, int *ret_count, unsigned long long *ret_sel);
/* device name of <dir>/driver, NULL if unbound */
bool nd_dev_bound(const char *dir);
/* the first entry of <dir>/block/, allocated, or NULL */
char *nd_blockdev(const char *dir);
/* "regionN" -> N; "namespaceX.Y" -> Y; -EINVAL if the name does not parse */
int nd_name_id(const char *name, const char *prefix, unsigned int *ret);
int nd_name_id2(const char *name, const char *prefix, unsigned int *ret_x, unsigned int *ret_y);
/* "offset length" lines of a badblocks attribute */
int nd_attr_badblocks(struct ndctl_ctx *ctx, const char *dir, const char *dev, const char *attr,
		      struct badblock **ret, int *ret_count);
int nd_dev_load(struct ndctl_ctx *ctx, struct nd_dev *d, const char *dir, const char *name,
		const char *prefix);
void nd_dev_free(struct nd_dev *d);

/* is word one of the space-separated words of list? */
bool nd_word_in(const char *list, const char *word);

/* loaders used across files */
char *nd_claim_namespace(struct ndctl_ctx *ctx, const char *dir, const char *name);
struct ndctl_dimm *nd_bus_dimm_by_name(struct ndctl_bus *bus, const char *devname);
void nd_bus_free(struct ndctl_bus *bus);
void nd_dimm_free(struct ndctl_dimm *dimm);
void nd_region_free(struct ndctl_region *region);
void nd_region_load_children(struct ndctl_region *region);
int nd_mapping_load(struct ndctl_region *region, int idx, struct ndctl_mapping **ret);
struct ndctl_namespace *nd_namespace_load(struct ndctl_region *region, const char *name);
void nd_namespace_free(struct ndctl_namespace *ndns);
struct ndctl_btt *nd_btt_load(struct ndctl_region *region, const char *name);
void nd_btt_free(struct ndctl_btt *btt);
int nd_pfn_init(struct ndctl_region *region, struct ndctl_pfn *pfn, const char *name,
		const char *prefix);
struct ndctl_pfn *nd_pfn_load(struct ndctl_region *region, const char *name);
void nd_pfn_fini(struct ndctl_pfn *pfn);
void nd_pfn_free(struct ndctl_pfn *pfn);
struct ndctl_dax *nd_dax_load(struct ndctl_region *region, const char *name);
void nd_dax_free(struct ndctl_dax *dax);

/* bind.c: driver binding (writes are synchronous; the driver link says the outcome) */
int nd_bind(struct ndctl_ctx *ctx, const char *dir, const char *devname, const char *driver);
int nd_unbind(struct ndctl_ctx *ctx, const char *dir, const char *devname);
/* the one place that knows where device nodes live: "<devdir>/<name>", allocated */
char *nd_devnode(const char *name);

/* refresh.c: re-read objects in place after a state change */
struct ndctl_dimm *nd_dimm_load(struct ndctl_bus *bus, const char *name);
struct ndctl_region *nd_region_load(struct ndctl_bus *bus, const char *name);
int nd_dimm_refresh(struct ndctl_dimm *dimm);
int nd_region_refresh(struct ndctl_region *region);
void nd_region_retired_free(struct ndctl_region *region);

#endif
