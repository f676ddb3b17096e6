// SPDX-License-Identifier: GPL-2.0-only
/*
 * ndctld's log sink (log.h): journal entries with NDCTLD_* fields, or
 * "ndctld: ..." lines on stderr. Every record is built once as a list of
 * fields; the stderr line is made from the same fields.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define SD_JOURNAL_SUPPRESS_LOCATION
#include <systemd/sd-journal.h>

#include "daemon/log.h"

#define MAX_FIELDS 12

/* one record: MESSAGE plus optional NDCTLD_* fields */
struct rec {
	int priority;
	const char *event;	/* NDCTLD_EVENT */
	const char *object;
	const char *section;
	const char *file;
	int line;
	const char *action;
	int error;		/* -errno or 0 */
	char *message;		/* without the "ndctld: " prefix */
	bool bare;		/* stderr: no "ndctld: " prefix (FILE:LINE: diags) */
};

const char *ndlog_event_name(enum engine_event ev)
{
	switch (ev) {
	case ENGINE_SEEN:
		return "seen";
	case ENGINE_DECIDED:
		return "decided";
	case ENGINE_CHANGED:
		return "changed";
	case ENGINE_FAILED:
		return "failed";
	case ENGINE_CONFLICT:
		return "conflict";
	}
	return "unknown";
}

bool ndlog_stderr_is_journal(void)
{
	const char *e = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;
	char end;

	if (!e || sscanf(e, "%llu:%llu%c", &dev, &ino, &end) != 2)
		return false;
	if (fstat(STDERR_FILENO, &st) < 0)
		return false;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

void ndlog_init(struct ndctld_log *l, bool journal, int verbose)
{
	l->journal = journal || ndlog_stderr_is_journal();
	l->max_priority = verbose > 0 ? LOG_DEBUG : LOG_INFO;
}

static int add_field(struct iovec *iov, int *n, char **owned, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int add_field(struct iovec *iov, int *n, char **owned, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int len;

	va_start(ap, fmt);
	len = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (len < 0)
		return -ENOMEM;
	owned[*n] = s;
	iov[*n].iov_base = s;
	iov[*n].iov_len = len;
	(*n)++;
	return 0;
}

static int send_journal(const struct rec *r)
{
	struct iovec iov[MAX_FIELDS];
	char *owned[MAX_FIELDS];
	int n = 0, rc = 0;

	rc |= add_field(iov, &n, owned, "MESSAGE=%s", r->message);
	rc |= add_field(iov, &n, owned, "PRIORITY=%d", r->priority);
	rc |= add_field(iov, &n, owned, "SYSLOG_IDENTIFIER=ndctld");
	if (r->event)
		rc |= add_field(iov, &n, owned, "NDCTLD_EVENT=%s", r->event);
	if (r->object)
		rc |= add_field(iov, &n, owned, "NDCTLD_OBJECT=%s", r->object);
	if (r->section)
		rc |= add_field(iov, &n, owned, "NDCTLD_SECTION=%s", r->section);
	if (r->file)
		rc |= add_field(iov, &n, owned, "NDCTLD_CONFIG_FILE=%s", r->file);
	if (r->file && r->line > 0)
		rc |= add_field(iov, &n, owned, "NDCTLD_CONFIG_LINE=%d", r->line);
	if (r->action)
		rc |= add_field(iov, &n, owned, "NDCTLD_ACTION=%s", r->action);
	if (r->error) {
		rc |= add_field(iov, &n, owned, "NDCTLD_ERRNO=%d", -r->error);
		rc |= add_field(iov, &n, owned, "ERRNO=%d", -r->error);
	}
	if (rc == 0)
		rc = sd_journal_sendv(iov, n);
	while (n > 0)
		free(owned[--n]);
	return rc;
}

static void emit(const struct ndctld_log *l, const struct rec *r)
{
	if (r->priority > l->max_priority)
		return;
	/* the journal may be gone (shutdown): the line on stderr still says it */
	if (l->journal && send_journal(r) == 0)
		return;
	fprintf(stderr, "%s%s\n", r->bare ? "" : "ndctld: ", r->message);
}

void ndlog(const struct ndctld_log *l, int priority, const char *fmt, ...)
{
	struct rec r = { .priority = priority, .event = "daemon" };
	va_list ap;
	int len;

	if (priority > l->max_priority)
		return;
	va_start(ap, fmt);
	len = vasprintf(&r.message, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	emit(l, &r);
	free(r.message);
}

void ndlog_record(const struct ndctld_log *l, const struct engine_record *e)
{
	struct rec r = {
		.priority = e->priority,
		.event = ndlog_event_name(e->event),
		.object = e->object,
		.section = e->section,
		.file = e->file,
		.line = e->line,
		.action = e->action,
		.error = e->error,
	};
	const char *msg = e->message ? e->message : "";
	char where[32] = "";
	int len;

	if (r.priority > l->max_priority)
		return;
	if (e->line > 0)
		snprintf(where, sizeof(where), ":%d", e->line);
	/* "EVENT OBJECT: MESSAGE (FILE:LINE)"; a record about no object (a run): its message */
	if (e->object && e->file)
		len = asprintf(&r.message, "%s %s: %s (%s%s)", r.event, e->object, msg, e->file, where);
	else if (e->object)
		len = asprintf(&r.message, "%s %s: %s", r.event, e->object, msg);
	else if (e->file)
		len = asprintf(&r.message, "%s (%s%s)", msg, e->file, where);
	else
		len = asprintf(&r.message, "%s", msg);
	if (len < 0)
		return;
	emit(l, &r);
	free(r.message);
}

void ndlog_diags(const struct ndctld_log *l, const struct conf_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct conf_diag *g = &d->v[i];
		struct rec r = {
			.priority = g->error ? LOG_ERR : LOG_WARNING,
			.event = "config",
			.file = g->loc.file,
			.line = g->loc.line,
			.bare = true,
		};
		int len;

		if (g->loc.file && g->loc.line > 0)
			len = asprintf(&r.message, "%s:%d: %s%s", g->loc.file, g->loc.line,
				       g->error ? "" : "warning: ", g->msg);
		else
			len = asprintf(&r.message, "%s: %s%s", g->loc.file ? g->loc.file : "config",
				       g->error ? "" : "warning: ", g->msg);
		if (len < 0)
			continue;
		emit(l, &r);
		free(r.message);
	}
}

void ndlog_uevent(const struct ndctld_log *l, const char *action, const char *subsystem,
		  const char *sysname, bool ignored, const char *why)
{
	struct rec r = {
		.priority = LOG_DEBUG,
		.event = "uevent",
		.object = sysname,
		.action = action,
	};

	if (r.priority > l->max_priority)
		return;
	if (asprintf(&r.message, "uevent %s: %s %s%s%s", sysname, action, subsystem,
		     ignored ? ", ignored: " : "", ignored ? why : "") < 0)
		return;
	emit(l, &r);
	free(r.message);
}
