/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The policy engine shared by ndctld and `daxctl reconfigure-device -C`:
 * compares the configuration (daemon/conf.h) with the current state read
 * through libndctl/libdaxctl and produces a plan (the list of changes, each
 * with the section that asks for it and the reason), prints a plan as JSON
 * (check mode) and applies it.
 *
 * Applying is idempotent: a plan built right after a successful apply is
 * empty. Nothing that can lose data is ever done: namespaces are never
 * destroyed or reconfigured unless raw and idle, devices in use are never
 * shrunk or destroyed, memory is only offlined when the kernel can migrate it.
 * Every step goes through the same library calls the CLIs use, so rollback
 * and the auto-online handling (6.12 onlining hot-added memory itself) are
 * the libraries'.
 */
#ifndef NDCTLD_ENGINE_H
#define NDCTLD_ENGINE_H

#include <stdbool.h>
#include <json-c/json.h>
#include "daemon/conf.h"

/* structured record: what was seen, decided, changed (journal fields NDCTLD_*) */
enum engine_event {
	ENGINE_SEEN,		/* a device/region examined, matched section */
	ENGINE_DECIDED,		/* a planned change and why */
	ENGINE_CHANGED,		/* a change applied (before -> after) */
	ENGINE_FAILED,		/* a change that failed (rolled back where possible) */
	ENGINE_CONFLICT,	/* sections that disagree on one object; nothing done */
};

struct engine_record {
	enum engine_event event;
	int priority;			/* syslog LOG_* */
	const char *object;		/* "dax1.0", "region2", "namespace2.0" */
	const char *section;		/* "device hbm" (kind + name) or NULL */
	const char *file;		/* section's file and line, or NULL/0 */
	int line;
	const char *action;		/* "online", "create-namespace", "chown", ... or NULL */
	const char *message;		/* one human line */
	int error;			/* -errno for FAILED, else 0 */
};

struct engine_opts {
	const char *sysfs_root;		/* NULL: the default (util/sysfs.h) */
	const char *dev_root;		/* NULL: "/dev" (device nodes for ownership) */
	/*
	 * NULL: everything; else one object, "daxX.Y": only what the device
	 * sections ask of it (namespaces and instance layout are left out)
	 */
	const char *only;
	void (*log)(void *ud, const struct engine_record *rec);
	void *log_ud;
};

struct plan;

/* read the current state and compute the changes conf asks for */
int engine_plan(const struct conf *conf, const struct engine_opts *o, struct plan **ret);
/* number of changes in the plan (0: nothing to do) */
unsigned int plan_changes(const struct plan *plan);
/* conflicts / impossible requests found while planning */
unsigned int plan_problems(const struct plan *plan);
/* objects some section matched that are already as configured */
unsigned int plan_unchanged(const struct plan *plan);
/*
 * Check-mode JSON: {"changes":[{object, section, file, line, action, from,
 * to, reason}...], "problems":[...], "unchanged":[...]} (engine.c documents
 * the exact shape).
 */
struct json_object *plan_to_json(const struct plan *plan);
void plan_free(struct plan *plan);

/*
 * Apply every change of plan, in order (the plan's objects; o->log gets a
 * CHANGED or FAILED record for each). A failed change does not stop the
 * others. Returns 0 or the -errno of the first change that failed.
 */
int engine_apply(struct plan *plan, const struct engine_opts *o);

/*
 * Plan and apply until nothing is left to do (new namespaces and instances
 * produce devices that other sections then configure), at most a few rounds.
 * Returns 0 when everything asked is in place, else the first -errno; every
 * step is reported through o->log. A change that failed is not tried again
 * within the call. -EINVAL: nothing failed, but the last plan has problems
 * (conflicts, impossible sizes, ...: logged once as CONFLICT records).
 */
int engine_converge(const struct conf *conf, const struct engine_opts *o);

#endif
