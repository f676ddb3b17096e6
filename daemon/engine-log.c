// SPDX-License-Identifier: GPL-2.0-only
/*
 * Engine records (engine.h struct engine_record) handed to opts.log: one per
 * thing seen, decided, changed, failed or in conflict, with the section and
 * the file:line of the key behind it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "daemon/engine-private.h"

void eng_section_label(const struct conf_section *sec, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s", conf_kind_name(sec->kind), sec->name ? sec->name : "");
}

int eng_key_line(const struct conf_section *sec, const char *key)
{
	if (!key)
		return sec->loc.line;
	/* zone has an upstream spelling */
	if (strcmp(key, "zone") == 0) {
		for (size_t i = 0; i < sec->nkeys; i++)
			if (strcmp(sec->keys[i].key, "zone") == 0 ||
			    strcmp(sec->keys[i].key, "movable") == 0)
				return sec->keys[i].line;
		return sec->loc.line;
	}
	return conf_key_line(sec, key);
}

static int priority_of(enum engine_event ev)
{
	switch (ev) {
	case ENGINE_SEEN:
		return LOG_DEBUG;
	case ENGINE_DECIDED:
		return LOG_INFO;
	case ENGINE_CHANGED:
		return LOG_NOTICE;
	case ENGINE_FAILED:
		return LOG_ERR;
	case ENGINE_CONFLICT:
		return LOG_WARNING;
	}
	return LOG_INFO;
}

void eng_log(const struct engine_opts *o, enum engine_event ev, const char *object,
	     const struct conf_section *sec, const char *key, const char *action, int error,
	     const char *fmt, ...)
{
	struct engine_record rec = { .event = ev, .priority = priority_of(ev) };
	char label[160], msg[768];
	va_list ap;

	if (!o || !o->log)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rec.object = object;
	if (sec) {
		eng_section_label(sec, label, sizeof(label));
		rec.section = label;
		rec.file = sec->loc.file;
		rec.line = eng_key_line(sec, key);
	}
	rec.action = action;
	rec.message = msg;
	rec.error = error;
	o->log(o->log_ud, &rec);
}
