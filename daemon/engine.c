// SPDX-License-Identifier: GPL-2.0-only
/*
 * engine_converge(): plan and apply in rounds until nothing is left to do.
 * One round's changes make the objects the next round configures (a new
 * namespace makes a dax device a [device] section then matches; a carved
 * instance gets its section's mode; a device back in devdax gets its
 * owner), so a configuration needs at most a few rounds. A change that
 * failed is not tried again within the same converge; problems are logged
 * once per converge.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/engine-private.h"

#define MAX_ROUNDS 5

int engine_apply(struct plan *plan, const struct engine_opts *o)
{
	unsigned int applied, failed;

	return eng_apply(plan, o, &applied, &failed);
}

/* changes that failed earlier in this converge: "object\naction" */
static bool failed_before(struct eng_seen *failed, const struct eng_change *c)
{
	char key[ENG_OBJ_MAX + 32];

	snprintf(key, sizeof(key), "%s\n%s", c->object, eng_action_name(c->act));
	for (size_t i = 0; i < failed->n; i++)
		if (strcmp(failed->keys[i], key) == 0)
			return true;
	return false;
}

static void remember_failed(struct eng_seen *failed, const struct eng_change *c)
{
	char **t;

	if (failed->n == failed->alloc) {
		size_t a = failed->alloc ? failed->alloc * 2 : 8;

		t = realloc(failed->keys, a * sizeof(*t));
		if (!t)
			return;
		failed->keys = t;
		failed->alloc = a;
	}
	if (asprintf(&failed->keys[failed->n], "%s\n%s", c->object,
		     eng_action_name(c->act)) >= 0)
		failed->n++;
}

/* drop the changes that already failed in this converge */
static void drop_failed(struct plan *p, struct eng_seen *failed)
{
	size_t k = 0;

	for (size_t i = 0; i < p->nchanges; i++)
		if (!failed_before(failed, &p->changes[i]))
			p->changes[k++] = p->changes[i];
	p->nchanges = k;
}

int engine_converge(const struct conf *conf, const struct engine_opts *o)
{
	struct eng_seen seen = { 0 }, failed = { 0 };
	unsigned int total = 0;
	int first = 0, rc = 0;
	bool problems = false;

	for (int round = 0; round < MAX_ROUNDS; round++) {
		unsigned int applied = 0, nfailed = 0;
		struct plan *p;

		rc = eng_plan_build(conf, o, &seen, &p);
		if (rc < 0)
			break;
		drop_failed(p, &failed);
		problems = p->nproblems > 0;
		if (!p->nchanges) {
			plan_free(p);
			break;
		}
		if (round == MAX_ROUNDS - 1) {
			/* still changes after every round: something keeps undoing them */
			eng_log(o, ENGINE_FAILED, o->only ? o->only : "-", NULL, NULL, NULL, -EAGAIN,
				"the configuration is still not in place after %d rounds; %zu "
				"changes left", MAX_ROUNDS - 1, p->nchanges);
			plan_free(p);
			rc = -EAGAIN;
			break;
		}
		rc = eng_apply(p, o, &applied, &nfailed);
		if (rc < 0 && !first)
			first = rc;
		for (size_t i = 0; nfailed && i < p->nchanges; i++)
			if (p->changes[i].failed)
				remember_failed(&failed, &p->changes[i]);
		total += applied;
		plan_free(p);
		rc = 0;
		if (!applied)
			break;
	}
	if (rc == 0 && total == 0 && !first)
		eng_log(o, ENGINE_DECIDED, o->only ? o->only : "-", NULL, NULL, NULL, 0,
			"nothing to do");
	eng_seen_free(&seen);
	eng_seen_free(&failed);
	if (rc < 0)
		return rc;
	if (first)
		return first;
	return problems ? -EINVAL : 0;
}
