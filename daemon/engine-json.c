// SPDX-License-Identifier: GPL-2.0-only
/*
 * The plan as JSON (check mode: `ndctld --check`, the engine-run test
 * driver). Shape:
 *
 * {
 *   "changes": [ { "object": "dax0.0", "action": "system-ram",
 *                  "from": "devdax", "to": "system-ram online (movable)",
 *                  "reason": "mode = system-ram",
 *                  "section": "device hbm", "file": "/etc/daxctl.conf.d/10.conf",
 *                  "line": 4 }, ... ],               in the order they are applied
 *   "problems": [ { "object": "dax1.0", "problem": "conflict",
 *                   "message": "dax1.0: sections disagree on mode (...)",
 *                   "sections": [ { "section": "device a", "file": "...",
 *                                   "line": 3 }, ... ] }, ... ],
 *   "unchanged": [ { "object": "dax0.1", "state": "devdax",
 *                    "section": "instance vm1", "file": "...", "line": 7 }, ... ]
 * }
 *
 * "problem" is one of conflict (sections disagree on one object), impossible
 * (sizes that cannot fit), ambiguous (an [instance] selecting no or several
 * regions), differs (an existing namespace is not what its section asks; it
 * is never destroyed), busy (in use: left alone), missing (a region or a
 * device node that is not there). "line" is the line of the key that asks
 * for the change (or the section's line). All three arrays are always
 * present; an empty plan is {"changes":[],"problems":[],"unchanged":[...]}.
 */
#include <json-c/json.h>

#include "daemon/engine-private.h"

static void add_str(struct json_object *o, const char *key, const char *v)
{
	json_object_object_add(o, key, json_object_new_string(v ? v : ""));
}

static void add_sec(struct json_object *o, const struct conf_section *sec, const char *key)
{
	char label[160];

	if (!sec)
		return;
	eng_section_label(sec, label, sizeof(label));
	add_str(o, "section", label);
	add_str(o, "file", sec->loc.file);
	json_object_object_add(o, "line", json_object_new_int(eng_key_line(sec, key)));
}

struct json_object *plan_to_json(const struct plan *plan)
{
	struct json_object *j = json_object_new_object();
	struct json_object *ch = json_object_new_array();
	struct json_object *pr = json_object_new_array();
	struct json_object *un = json_object_new_array();

	if (!j || !ch || !pr || !un) {
		json_object_put(j);
		json_object_put(ch);
		json_object_put(pr);
		json_object_put(un);
		return NULL;
	}
	for (size_t i = 0; i < plan->nchanges; i++) {
		const struct eng_change *c = &plan->changes[i];
		struct json_object *o = json_object_new_object();

		add_str(o, "object", c->object);
		add_str(o, "action", eng_action_name(c->act));
		add_str(o, "from", c->from);
		add_str(o, "to", c->to);
		add_str(o, "reason", c->reason);
		add_sec(o, c->sec, c->key);
		json_object_array_add(ch, o);
	}
	for (size_t i = 0; i < plan->nproblems; i++) {
		const struct eng_problem *pb = &plan->problems[i];
		struct json_object *o = json_object_new_object();
		struct json_object *secs = json_object_new_array();

		add_str(o, "object", pb->object);
		add_str(o, "problem", pb->kind);
		add_str(o, "message", pb->message);
		for (size_t k = 0; k < pb->nsecs; k++) {
			struct json_object *s = json_object_new_object();

			add_sec(s, pb->secs[k].sec, pb->secs[k].key);
			json_object_array_add(secs, s);
		}
		json_object_object_add(o, "sections", secs);
		json_object_array_add(pr, o);
	}
	for (size_t i = 0; i < plan->noks; i++) {
		const struct eng_ok *ok = &plan->oks[i];
		struct json_object *o = json_object_new_object();

		add_str(o, "object", ok->object);
		add_str(o, "state", ok->state);
		add_sec(o, ok->sec, NULL);
		json_object_array_add(un, o);
	}
	json_object_object_add(j, "changes", ch);
	json_object_object_add(j, "problems", pr);
	json_object_object_add(j, "unchanged", un);
	return j;
}
