/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Policy engine internals shared by daemon/engine*.c and daemon/select*.c:
 * the snapshot of the current state one engine_plan() reads (struct
 * eng_state: dax regions and devices as libdaxctl shows them, plus what
 * libndctl says about their parent namespaces), the plan being built
 * (changes, problems, objects already as configured) and logging helpers.
 */
#ifndef NDCTLD_ENGINE_PRIVATE_H
#define NDCTLD_ENGINE_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <daxctl/libdaxctl.h>
#include <ndctl/libndctl.h>
#include "daemon/engine.h"

#define ENG_UNKNOWN UINT64_MAX
#define ENG_OBJ_MAX 48

struct eng_range {
	uint64_t start, end;	/* inclusive */
};

/* a dax region */
struct eng_region {
	struct daxctl_region *dr;
	const char *name;		/* "regionN" of the dax region */
	int id;
	enum conf_region_kind kind;	/* HMEM, PMEM, or ANY for other providers */
	const char *provider;		/* daxctl_region_get_provider() */
	bool dynamic;			/* devices can be created and sized (available_size) */
	uint64_t start, size;		/* start ENG_UNKNOWN when not known */
	uint64_t avail;
	unsigned long align;
	int node;			/* target node of its devices, -1 unknown */
	/* pmem: the namespace its nd dax device claims (after eng_state_load_nd) */
	bool has_ns;
	uuid_t ns_uuid;			/* the namespace's own (label) uuid */
	uuid_t claim_uuid;		/* the nd dax claim's: what `ndctl list` shows */
	char ns_name[64];		/* alt_name, "" when unnamed */
	char ns_dev[32];		/* "namespaceX.Y" */
	/* planning */
	bool laid_out;			/* instance sections change its layout this round */
};

/* a dax device with a size (zero-sized seeds are not instances) */
struct eng_dev {
	struct daxctl_dev *dd;
	struct eng_region *reg;
	const char *name;		/* "daxX.Y" */
	int id;
	uint64_t start;			/* lowest address of its ranges */
	uint64_t size;
	unsigned long align;
	int node;
	bool enabled;			/* bound to a driver */
	enum daxctl_dev_mode mode;	/* RAM when bound to kmem */
	struct eng_range *ranges;
	size_t nranges;
	/* planning */
	const struct conf_section *inst;	/* the [instance] section it is */
	bool layout_change;		/* resized/shrunk this round: actions next round */
};

struct eng_state {
	const struct engine_opts *o;
	struct ndctl_ctx *nctx;
	struct daxctl_ctx *dctx;
	struct eng_region *regions;
	size_t nregions;
	struct eng_dev *devs;		/* in region order, then address order */
	size_t ndevs;
	bool nd_loaded;
	int nd_err;
};

/* engine-state.c */
/* one: NULL, or the only dax device to read (with its region) */
int eng_state_load(struct eng_state *st, const struct engine_opts *o, const char *one);
/* parent namespaces of pmem dax regions (libndctl); once per state */
int eng_state_load_nd(struct eng_state *st);
void eng_state_free(struct eng_state *st);
struct eng_dev *eng_state_find_dev(struct eng_state *st, const char *name);
/* "system-ram 8/8 online (Movable)", "devdax", "disabled" */
void eng_dev_describe(struct eng_dev *d, char *buf, size_t len);

/* select.c: does a selector match the device / the region? */
bool select_match_dev(const struct conf_select *sel, const struct eng_dev *d);
bool select_match_region(const struct conf_select *sel, const struct eng_region *r);
/* the selector needs libndctl (nvdimm.uuid, namespace) */
bool select_needs_nd(const struct conf_select *sel);

/* what a change does */
enum eng_action {
	ACT_CREATE_NAMESPACE,	/* new namespace in a labeled region */
	ACT_CONFIGURE_NAMESPACE, /* the label-less region's namespace, in place */
	ACT_SHRINK_INSTANCE,	/* free room: size 0 (deleted unless daxN.0) */
	ACT_RESIZE_INSTANCE,	/* an unclaimed instance becomes a section's */
	ACT_CREATE_INSTANCE,	/* a new instance (a zero-sized device, or "create") */
	ACT_ENABLE_DEVDAX,	/* bind an unbound device to device_dax */
	ACT_DEVDAX,		/* system-ram -> devdax (memory offlined first) */
	ACT_SYSTEM_RAM,		/* devdax -> system-ram, online in zone or offline */
	ACT_ONLINE,		/* offline blocks of a system-ram device -> online */
	ACT_OFFLINE,		/* online blocks -> offline (online = false) */
	ACT_REZONE,		/* online blocks in the wrong zone: offline, online */
	ACT_CHOWN,
	ACT_CHMOD,
};

struct eng_change {
	enum eng_action act;
	char object[ENG_OBJ_MAX];
	const struct conf_section *sec;
	const char *key;		/* the key asking for it (file:line), NULL: section */
	char from[160], to[160];
	char reason[256];
	/* inputs of the apply step */
	struct eng_dev *dev;
	struct eng_region *reg;
	struct ndctl_region *nreg;
	struct ndctl_namespace *ndns;
	uint64_t size;
	unsigned long align;
	bool online;
	enum daxctl_zone zone;
	bool set_uid, set_gid;
	uid_t uid;
	gid_t gid;
	mode_t perm;
	bool failed;			/* set by eng_apply */
};

struct eng_secref {
	const struct conf_section *sec;
	const char *key;
};

#define ENG_PROBLEM_SECS 4
struct eng_problem {
	char object[ENG_OBJ_MAX];
	const char *kind;		/* "conflict", "impossible", "busy", "differs", ... */
	char message[512];
	struct eng_secref secs[ENG_PROBLEM_SECS];
	size_t nsecs;
};

struct eng_ok {
	char object[ENG_OBJ_MAX];
	const struct conf_section *sec;
	char state[128];
};

/* problems already logged during one engine_converge() */
struct eng_seen {
	char **keys;
	size_t n, alloc;
};

struct plan {
	struct eng_state st;
	const struct conf *conf;
	struct eng_change *changes;
	size_t nchanges, achanges;
	struct eng_problem *problems;
	size_t nproblems, aproblems;
	struct eng_ok *oks;
	size_t noks, aoks;
	/* log each problem once per converge (engine.c), NULL: always */
	struct eng_seen *seen;
};

/* engine-plan.c */
int eng_plan_build(const struct conf *conf, const struct engine_opts *o, struct eng_seen *seen,
		   struct plan **ret);
void eng_seen_free(struct eng_seen *seen);
struct eng_change *plan_add_change(struct plan *p, enum eng_action act, const char *object,
				   const struct conf_section *sec, const char *key);
struct eng_problem *plan_add_problem(struct plan *p, const char *object, const char *kind,
				     const struct conf_section *sec, const char *key,
				     const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void problem_add_sec(struct eng_problem *pb, const struct conf_section *sec, const char *key);
void plan_add_ok(struct plan *p, const char *object, const struct conf_section *sec,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* log each new problem (after the planning phases) and each change as decided */
void plan_log(struct plan *p);
/* drop what does not concern opts.only */
void plan_filter_only(struct plan *p, const char *only);
const char *eng_action_name(enum eng_action act);
/* line of the first of the keys the section gave, else its own line */
int eng_key_line(const struct conf_section *sec, const char *key);
/* "device hbm" */
void eng_section_label(const struct conf_section *sec, char *buf, size_t len);

/* logging (engine-log.c) */
void eng_log(const struct engine_opts *o, enum engine_event ev, const char *object,
	     const struct conf_section *sec, const char *key, const char *action, int error,
	     const char *fmt, ...) __attribute__((format(printf, 8, 9)));

/* planning phases */
int eng_plan_namespaces(struct plan *p);		/* engine-namespace.c */
int eng_plan_instances(struct plan *p);			/* engine-instance.c */
int eng_plan_devices(struct plan *p);			/* engine-device.c */

/* engine-apply.c: every change in order; first -errno (0: all applied) */
int eng_apply(struct plan *p, const struct engine_opts *o, unsigned int *applied,
	      unsigned int *failed);

/* sizes for messages: "256 MiB", "1 GiB", "12345 bytes" */
void eng_size_str(uint64_t v, char *buf, size_t len);

#endif
