// SPDX-License-Identifier: GPL-2.0-only
/*
 * One converge run of ndctld: engine_converge over everything with the
 * configuration in force, every engine record logged and counted, one
 * summary line, and the set of objects the run acted on (the loop guard of
 * monitor.c).
 */
#include <errno.h>
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/ndctld.h"

bool touched_has(const struct touched *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->names[i], name) == 0)
			return true;
	return false;
}

static void touched_add(struct touched *t, const char *name)
{
	char *s;

	if (!name || touched_has(t, name))
		return;
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 8;
		char **v = realloc(t->names, cap * sizeof(*v));

		if (!v)
			return;
		t->names = v;
		t->cap = cap;
	}
	s = strdup(name);
	if (s)
		t->names[t->n++] = s;
}

void touched_clear(struct touched *t)
{
	while (t->n)
		free(t->names[--t->n]);
	free(t->names);
	t->names = NULL;
	t->cap = 0;
}

/*
 * A record about the whole run (the engine's "nothing to do", object "-"):
 * logged as "<why>: <message>". After a uevent "nothing to do" is the usual
 * echo of the daemon's own changes (or of a device it has no rule for): debug.
 * The engine says "nothing to do" also when the plan has problems (nothing it
 * can do): that run ends with the daemon's summary instead, so the decision is
 * held until the run's result is known.
 */
static void run_record(struct ndctld *d, const struct engine_record *rec)
{
	struct engine_record run = *rec;
	char *msg = NULL;

	run.object = NULL;
	if (d->why && asprintf(&msg, "%s: %s", d->why, rec->message ? rec->message : "") >= 0)
		run.message = msg;
	if (rec->event == ENGINE_DECIDED && d->after_uevent)
		run.priority = LOG_DEBUG;
	if (rec->event == ENGINE_DECIDED && d->why && msg && !d->held) {
		d->held = msg;
		d->held_priority = run.priority;
		return;
	}
	ndlog_record(&d->log, &run);
	free(msg);
}

static void release_held(struct ndctld *d, bool log)
{
	struct engine_record run = {
		.event = ENGINE_DECIDED,
		.priority = d->held_priority,
		.message = d->held,
	};

	if (d->held && log)
		ndlog_record(&d->log, &run);
	free(d->held);
	d->held = NULL;
}

static void on_record(void *ud, const struct engine_record *rec)
{
	struct ndctld *d = ud;

	/* about the run: no object, or (run for one object) that object without a section */
	if (!rec->object || strcmp(rec->object, "-") == 0 ||
	    (d->only && !rec->section && strcmp(rec->object, d->only) == 0 &&
	     (rec->event == ENGINE_DECIDED || rec->event == ENGINE_FAILED) && !rec->action)) {
		if (rec->event == ENGINE_FAILED)
			d->last.failed++;
		run_record(d, rec);
		return;
	}

	switch (rec->event) {
	case ENGINE_CHANGED:
		d->last.changed++;
		touched_add(&d->touched, rec->object);
		break;
	case ENGINE_FAILED:
		d->last.failed++;
		touched_add(&d->touched, rec->object);
		break;
	case ENGINE_CONFLICT:
		d->last.conflicts++;
		break;
	case ENGINE_DECIDED:
		d->last.decided++;
		break;
	case ENGINE_SEEN:
		break;
	}
	ndlog_record(&d->log, rec);
}

void ndctld_engine_opts(struct ndctld *d, struct engine_opts *o)
{
	*o = (struct engine_opts){
		.sysfs_root = d->opts.sysfs_root,
		.dev_root = d->opts.dev_root,
		.only = d->opts.only,
		.log = on_record,
		.log_ud = d,
	};
}

int ndctld_converge(struct ndctld *d, const char *why, bool after_uevent, const char *only)
{
	struct engine_opts o;
	int rc;

	ndctld_engine_opts(d, &o);
	if (only)
		o.only = only;
	d->only = o.only;
	memset(&d->last, 0, sizeof(d->last));
	ndlog(&d->log, LOG_DEBUG, "converge: %s", why);
	d->why = why;
	d->after_uevent = after_uevent;
	rc = engine_converge(d->conf, &o);
	d->why = NULL;
	d->only = NULL;
	release_held(d, rc == 0);
	d->last.rc = rc;
	/* only failed attempts cause uevents of their own (problems change nothing) */
	if (!d->last.failed) {
		d->fail_streak = 0;
		touched_clear(&d->touched);
	} else {
		d->fail_streak++;
	}

	/* "nothing to do" is the engine's own record (run_record) */
	if (rc < 0)
		ndlog(&d->log, LOG_ERR,
		      "%s: not everything configured is in place (%s): %u changed, %u failed, %u conflict%s",
		      why, rc == -EINVAL && !d->last.failed ? "the plan has problems" : strerror(-rc),
		      d->last.changed, d->last.failed, d->last.conflicts,
		      d->last.conflicts == 1 ? "" : "s");
	else if (d->last.changed)
		ndlog(&d->log, LOG_INFO, "%s: %u change%s applied, everything configured is in place",
		      why, d->last.changed, d->last.changed == 1 ? "" : "s");
	/* the engine's state is freed: give the heap back while idle */
	malloc_trim(0);
	return rc;
}
