/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ndctld's process state, shared by its parts: options (ndctld.c), the
 * configuration in force and the bookkeeping of converge runs (converge.c),
 * the event loop (monitor.c). Everything lives in one struct ndctld owned
 * by main(); no file-scope mutable state.
 */
#ifndef NDCTLD_NDCTLD_H
#define NDCTLD_NDCTLD_H

#include <stdbool.h>
#include <stddef.h>

#include "daemon/conf.h"
#include "daemon/engine.h"
#include "daemon/log.h"

/* exit statuses (Documentation/ndctld.8.adoc, EXIT STATUS) */
enum {
	NDCTLD_EXIT_OK = 0,
	NDCTLD_EXIT_CONFIG = 1,		/* broken configuration, bad usage, cannot run */
	NDCTLD_EXIT_PROBLEMS = 2,	/* --check: plan has problems; --no-monitor: not all in place */
};

struct ndctld_opts {
	const char *config_dir;
	const char *sysfs_root;		/* NULL: the default (util/sysfs.h) */
	const char *dev_root;		/* NULL: /dev */
	const char *only;		/* NULL: every object */
	bool check;
	bool allow_insecure;
	bool no_monitor;
	bool journal;
	int verbose;
};

/* what one converge run did, counted from the engine's records */
struct converge_run {
	unsigned int changed, failed, conflicts, decided;
	int rc;				/* engine_converge's return */
};

/*
 * Objects the daemon itself acted on since the last converge without a
 * failed change: uevents for them are the echo of its own failing attempts
 * and must not start another attempt (monitor.c, "loop guard").
 */
struct touched {
	char **names;
	size_t n, cap;
};

struct ndctld {
	struct ndctld_opts opts;
	struct ndctld_log log;
	struct conf *conf;		/* the configuration in force: the last good one */
	struct converge_run last;	/* the latest converge */
	unsigned int fail_streak;	/* converge runs with failed changes in a row */
	struct touched touched;
	const char *why;		/* the converge running: its trigger, for run records */
	const char *only;		/* and the one object it considers, or NULL */
	bool after_uevent;		/* it was started by uevents */
	char *held;			/* its run-level decision, logged once it succeeded */
	int held_priority;
};

/*
 * Load opts.config_dir. Diagnostics are logged (every one, with FILE:LINE).
 * Returns 0 and *ret, or -EINVAL for a broken configuration, -errno else.
 */
int ndctld_load_conf(struct ndctld *d, struct conf **ret);
/* engine options for this process (log callback included) */
void ndctld_engine_opts(struct ndctld *d, struct engine_opts *o);

/*
 * converge.c: one engine_converge, logged; returns its rc. why: the trigger
 * ("coldplug", "reload", "uevent add dax1.0", ...). only: NULL for
 * everything (opts.only when given), else the one object to consider (the
 * early run for a device the kernel reported, monitor.c).
 */
int ndctld_converge(struct ndctld *d, const char *why, bool after_uevent, const char *only);
bool touched_has(const struct touched *t, const char *name);
void touched_clear(struct touched *t);

/* monitor.c: the daemon proper (coldplug, uevents, signals); exit status */
int ndctld_run(struct ndctld *d);

#endif
