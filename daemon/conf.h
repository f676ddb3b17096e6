/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The declarative configuration of ndctld (and of `daxctl reconfigure-device
 * --check-config`): the in-memory model of {sysconfdir}/daxctl.conf.d/NAME.conf
 * and its loader. Parsing is iniparser's; this layer adds locations
 * (file:line of every section and key, original case of names), types,
 * validation, conflict detection and the file-permission check.
 *
 * Section kinds (documented in Documentation/daxctl.conf.5.adoc):
 *   [reconfigure-device NAME]  upstream's: nvdimm.uuid, mode, online, movable
 *   [device NAME]              policy for every dax device its selectors match
 *   [namespace NAME]           a namespace that must exist (identity: NAME is
 *                              its alt_name on labeled regions)
 *   [instance NAME]            a dax instance to carve from a dynamic dax region
 *
 * Nothing here touches sysfs or devices: checks that need the hardware
 * (size against a region, rules conflicting on one device) belong to the
 * engine (daemon/engine.h).
 */
#ifndef NDCTLD_CONF_H
#define NDCTLD_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <uuid/uuid.h>

struct conf_loc {
	const char *file;	/* path as loaded (owned by struct conf) */
	int line;		/* 1-based; 0 when not known */
};

/* one message about the configuration: "FILE:LINE: MSG" */
struct conf_diag {
	struct conf_loc loc;
	bool error;		/* false: warning (e.g. deprecated spelling) */
	char *msg;
};

struct conf_diags {
	struct conf_diag *v;
	size_t n;
	char **files;		/* backing store of conf_loc.file for diags */
	size_t nfiles;
};

enum conf_kind {
	CONF_RECONFIGURE_DEVICE,	/* upstream section, same semantics as CONF_DEVICE */
	CONF_DEVICE,
	CONF_NAMESPACE,
	CONF_INSTANCE,
};

enum conf_region_kind { CONF_REGION_ANY = 0, CONF_REGION_HMEM, CONF_REGION_PMEM };

/* which selector keys a section gave (bits of conf_select.set) */
enum {
	CONF_SEL_ALL = 1 << 0,		/* all = true */
	CONF_SEL_NVDIMM_UUID = 1 << 1,	/* nvdimm.uuid = UUID (parent namespace uuid) */
	CONF_SEL_NAMESPACE = 1 << 2,	/* namespace = NAME (parent namespace alt_name) */
	CONF_SEL_REGION_KIND = 1 << 3,	/* region.kind = hmem | pmem */
	CONF_SEL_REGION = 1 << 4,	/* region = glob on the dax region ("region1", "1") */
	CONF_SEL_DEVICE = 1 << 5,	/* device = glob on the device name ("dax1.*") */
	CONF_SEL_ADDRESS = 1 << 6,	/* address = START-END | START+SIZE (all ranges inside) */
	CONF_SEL_NODE = 1 << 7,		/* node = N (target node) */
	CONF_SEL_SIZE = 1 << 8,		/* size = SIZE (exact) */
};

/* selects dax devices ([device]/[reconfigure-device]) or one dax region ([instance]) */
struct conf_select {
	unsigned int set;		/* CONF_SEL_* given */
	uuid_t nvdimm_uuid;
	char *namespace;
	enum conf_region_kind region_kind;
	char *region;			/* fnmatch pattern, matched against "regionN" and "N" */
	char *device;			/* fnmatch pattern, matched against "daxX.Y" and "X.Y" */
	uint64_t addr_start, addr_end;	/* inclusive end */
	int node;
	uint64_t size;
};

enum conf_mode { CONF_MODE_KEEP = 0, CONF_MODE_DEVDAX, CONF_MODE_SYSTEM_RAM };
enum conf_zone { CONF_ZONE_UNSET = 0, CONF_ZONE_MOVABLE, CONF_ZONE_NORMAL };

/* what to make of a matched device ([device], [reconfigure-device], [instance]) */
struct conf_action {
	enum conf_mode mode;		/* mode = devdax | system-ram */
	int online;			/* online = bool; -1 unset (system-ram default: true) */
	enum conf_zone zone;		/* zone = movable | normal; upstream movable = bool */
	bool has_owner, has_group, has_perm;
	uid_t uid;			/* owner = USER | UID (resolved at load) */
	gid_t gid;			/* group = GROUP | GID */
	mode_t perm;			/* permissions = octal, e.g. 0600 */
	char *owner_name, *group_name;	/* as written, for messages */
};

enum conf_ns_mode { CONF_NS_FSDAX = 1, CONF_NS_DEVDAX, CONF_NS_SECTOR, CONF_NS_RAW };
enum conf_ns_map { CONF_MAP_DEFAULT = 0, CONF_MAP_MEM, CONF_MAP_DEV };

struct conf_namespace {
	char *region;			/* nd region: "regionN" (required) */
	enum conf_ns_mode mode;		/* mode = fsdax | devdax | sector | raw (required) */
	enum conf_ns_map map;		/* map = mem | dev */
	uint64_t size;			/* 0: all the region has available */
	uint64_t align;			/* 0: the kernel's default */
	unsigned int sector_size;	/* sector-size (sector mode), 0: default */
	bool has_uuid;
	uuid_t uuid;
};

struct conf_instance {
	struct conf_select region;	/* must select exactly one dynamic dax region */
	uint64_t size;			/* required */
	uint64_t align;			/* 0: the region's */
};

struct conf_section {
	enum conf_kind kind;
	char *name;			/* NAME as written (case kept) */
	struct conf_loc loc;		/* the [section] line */
	struct conf_select sel;		/* CONF_DEVICE, CONF_RECONFIGURE_DEVICE */
	struct conf_action act;		/* CONF_DEVICE, CONF_RECONFIGURE_DEVICE, CONF_INSTANCE */
	struct conf_namespace ns;	/* CONF_NAMESPACE */
	struct conf_instance inst;	/* CONF_INSTANCE */
	/* location of each key given, for errors found later (engine) */
	struct conf_key_loc {
		char *key;		/* lower case, e.g. "size" */
		int line;
	} *keys;
	size_t nkeys;
};

struct conf {
	struct conf_section *sec;	/* in file order, files in lexical order */
	size_t nsec;
	char **files;			/* files loaded (backing store of conf_loc.file) */
	size_t nfiles;
};

/*
 * Load every "*.conf" in dir (lexical order). Refuses (error diag, file not
 * applied) files or a directory writable by anyone but root, and files not
 * owned by root, unless allow_insecure (tests running as non-root).
 * Returns 0 and *ret when no error diag was produced; -EINVAL (with diags,
 * *ret NULL) when the configuration is broken; -errno for I/O errors.
 * A missing dir is an empty configuration.
 */
int conf_load_dir(const char *dir, bool allow_insecure, struct conf **ret,
		  struct conf_diags *diags);
/* the same for one file (daxctl -C with an explicit path, tests) */
int conf_load_file(const char *path, bool allow_insecure, struct conf **ret,
		   struct conf_diags *diags);
/* parse text as if it were the file `name` (fuzzing, unit tests) */
int conf_load_buffer(const char *name, const char *text, size_t len, struct conf **ret,
		     struct conf_diags *diags);
void conf_free(struct conf *conf);

/* line of key in sec, or the section's line when the key was not given */
int conf_key_line(const struct conf_section *sec, const char *key);
const char *conf_kind_name(enum conf_kind kind);	/* "device", ... */

void conf_diags_add(struct conf_diags *d, const char *file, int line, bool error,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void conf_diags_clear(struct conf_diags *d);
size_t conf_diags_errors(const struct conf_diags *d);
/*
 * One diag as "FILE:LINE: MSG\n" ("FILE:LINE: warning: MSG\n" for warnings;
 * "FILE: MSG" when the line is not known), and all of them in order.
 */
void conf_diag_print(const struct conf_diag *diag, FILE *f);
void conf_diags_print(const struct conf_diags *d, FILE *f);

#endif
