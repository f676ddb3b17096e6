/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where ndctld's records go: structured journal entries (sd_journal_sendv,
 * fields NDCTLD_*) when stderr is connected to the journal ($JOURNAL_STREAM)
 * or --journal was given, otherwise one line per record on stderr.
 * Documented in Documentation/ndctld.8.adoc (LOGGING).
 */
#ifndef NDCTLD_LOG_H
#define NDCTLD_LOG_H

#include <stdbool.h>
#include <syslog.h>

#include "daemon/conf.h"
#include "daemon/engine.h"

struct ndctld_log {
	bool journal;		/* sd_journal_sendv, else stderr */
	int max_priority;	/* records above it (less severe) are dropped */
};

/*
 * journal: true forces the journal; otherwise it is used when
 * $JOURNAL_STREAM names the file stderr is. verbose > 0 adds debug records.
 */
void ndlog_init(struct ndctld_log *l, bool journal, int verbose);
/* true when $JOURNAL_STREAM ("DEV:INODE") is the file open on stderr */
bool ndlog_stderr_is_journal(void);

/* a daemon message (not about one object): "ndctld: MSG" */
void ndlog(const struct ndctld_log *l, int priority, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* an engine record */
void ndlog_record(const struct ndctld_log *l, const struct engine_record *rec);
/* configuration diagnostics, one record each: "FILE:LINE: MSG" */
void ndlog_diags(const struct ndctld_log *l, const struct conf_diags *d);
/* a uevent as received (debug): "seen ACTION SUBSYSTEM/NAME" */
void ndlog_uevent(const struct ndctld_log *l, const char *action, const char *subsystem,
		  const char *sysname, bool ignored, const char *why);

const char *ndlog_event_name(enum engine_event ev);

#endif
