// SPDX-License-Identifier: GPL-2.0-only
/*
 * engine_plan(): a fresh snapshot, then the planning phases in the order
 * their changes must be applied (namespaces, instance layout, device
 * actions), each adding changes, problems and objects already as
 * configured to the plan. Also the plan's containers and accessors.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/engine-private.h"

static void *grow(void *v, size_t *alloc, size_t n, size_t size)
{
	void *t;
	size_t a;

	if (n < *alloc)
		return v;
	a = *alloc ? *alloc * 2 : 8;
	t = realloc(v, a * size);
	if (!t)
		return NULL;
	*alloc = a;
	return t;
}

struct eng_change *plan_add_change(struct plan *p, enum eng_action act, const char *object,
				   const struct conf_section *sec, const char *key)
{
	struct eng_change *v = grow(p->changes, &p->achanges, p->nchanges, sizeof(*v)), *c;

	if (!v)
		return NULL;
	p->changes = v;
	c = &v[p->nchanges++];
	memset(c, 0, sizeof(*c));
	c->act = act;
	snprintf(c->object, sizeof(c->object), "%s", object);
	c->sec = sec;
	c->key = key;
	return c;
}

void problem_add_sec(struct eng_problem *pb, const struct conf_section *sec, const char *key)
{
	if (!pb || !sec)
		return;
	for (size_t i = 0; i < pb->nsecs; i++)
		if (pb->secs[i].sec == sec)
			return;
	if (pb->nsecs < ENG_PROBLEM_SECS) {
		pb->secs[pb->nsecs].sec = sec;
		pb->secs[pb->nsecs].key = key;
		pb->nsecs++;
	}
}

struct eng_problem *plan_add_problem(struct plan *p, const char *object, const char *kind,
				     const struct conf_section *sec, const char *key,
				     const char *fmt, ...)
{
	struct eng_problem *v = grow(p->problems, &p->aproblems, p->nproblems, sizeof(*v)), *pb;
	va_list ap;

	if (!v)
		return NULL;
	p->problems = v;
	pb = &v[p->nproblems++];
	memset(pb, 0, sizeof(*pb));
	snprintf(pb->object, sizeof(pb->object), "%s", object);
	pb->kind = kind;
	va_start(ap, fmt);
	vsnprintf(pb->message, sizeof(pb->message), fmt, ap);
	va_end(ap);
	problem_add_sec(pb, sec, key);
	return pb;
}

void plan_add_ok(struct plan *p, const char *object, const struct conf_section *sec,
		 const char *fmt, ...)
{
	struct eng_ok *v = grow(p->oks, &p->aoks, p->noks, sizeof(*v)), *ok;
	va_list ap;

	if (!v)
		return;
	p->oks = v;
	ok = &v[p->noks++];
	snprintf(ok->object, sizeof(ok->object), "%s", object);
	ok->sec = sec;
	va_start(ap, fmt);
	vsnprintf(ok->state, sizeof(ok->state), fmt, ap);
	va_end(ap);
}

const char *eng_action_name(enum eng_action act)
{
	switch (act) {
	case ACT_CREATE_NAMESPACE:
		return "create-namespace";
	case ACT_CONFIGURE_NAMESPACE:
		return "reconfigure-namespace";
	case ACT_SHRINK_INSTANCE:
		return "shrink";
	case ACT_RESIZE_INSTANCE:
		return "resize";
	case ACT_CREATE_INSTANCE:
		return "create-instance";
	case ACT_ENABLE_DEVDAX:
		return "enable";
	case ACT_DEVDAX:
		return "devdax";
	case ACT_SYSTEM_RAM:
		return "system-ram";
	case ACT_ONLINE:
		return "online";
	case ACT_OFFLINE:
		return "offline";
	case ACT_REZONE:
		return "rezone";
	case ACT_CHOWN:
		return "chown";
	case ACT_CHMOD:
		return "chmod";
	}
	return "?";
}

/* true the first time this problem is seen in the converge */
static bool seen_first(struct eng_seen *seen, const struct eng_problem *pb)
{
	char *key;
	void *t;

	if (!seen)
		return true;
	if (asprintf(&key, "%s\n%s", pb->object, pb->message) < 0)
		return true;
	for (size_t i = 0; i < seen->n; i++)
		if (strcmp(seen->keys[i], key) == 0) {
			free(key);
			return false;
		}
	t = grow(seen->keys, &seen->alloc, seen->n, sizeof(*seen->keys));
	if (!t) {
		free(key);
		return true;
	}
	seen->keys = t;
	seen->keys[seen->n++] = key;
	return true;
}

void eng_seen_free(struct eng_seen *seen)
{
	for (size_t i = 0; i < seen->n; i++)
		free(seen->keys[i]);
	free(seen->keys);
	memset(seen, 0, sizeof(*seen));
}

void plan_log(struct plan *p)
{
	const struct engine_opts *o = p->st.o;

	for (size_t i = 0; i < p->nproblems; i++) {
		struct eng_problem *pb = &p->problems[i];

		if (!seen_first(p->seen, pb))
			continue;
		eng_log(o, ENGINE_CONFLICT, pb->object, pb->nsecs ? pb->secs[0].sec : NULL,
			pb->nsecs ? pb->secs[0].key : NULL, pb->kind, 0, "%s", pb->message);
	}
	for (size_t i = 0; i < p->nchanges; i++) {
		struct eng_change *c = &p->changes[i];

		eng_log(o, ENGINE_DECIDED, c->object, c->sec, c->key, eng_action_name(c->act), 0,
			"%s: %s -> %s (%s)", eng_action_name(c->act), c->from, c->to, c->reason);
	}
}

void plan_filter_only(struct plan *p, const char *only)
{
	size_t k = 0;

	for (size_t i = 0; i < p->nchanges; i++)
		if (strcmp(p->changes[i].object, only) == 0)
			p->changes[k++] = p->changes[i];
	p->nchanges = k;
	k = 0;
	for (size_t i = 0; i < p->nproblems; i++)
		if (strcmp(p->problems[i].object, only) == 0)
			p->problems[k++] = p->problems[i];
	p->nproblems = k;
	k = 0;
	for (size_t i = 0; i < p->noks; i++)
		if (strcmp(p->oks[i].object, only) == 0)
			p->oks[k++] = p->oks[i];
	p->noks = k;
}

static bool conf_needs_nd(const struct conf *conf)
{
	for (size_t i = 0; i < conf->nsec; i++) {
		const struct conf_section *s = &conf->sec[i];

		if ((s->kind == CONF_DEVICE || s->kind == CONF_RECONFIGURE_DEVICE) &&
		    select_needs_nd(&s->sel))
			return true;
		if (s->kind == CONF_INSTANCE && select_needs_nd(&s->inst.region))
			return true;
	}
	return false;
}

/*
 * opts.only naming a dax device that no instance layout concerns: only that
 * device and its region need reading (the early run of ndctld for a device
 * the kernel has just bound); else NULL, everything is read
 */
static const char *one_device(const struct conf *conf, const struct engine_opts *o)
{
	unsigned int r, d;
	char tail;

	if (!o->only || sscanf(o->only, "dax%u.%u%c", &r, &d, &tail) != 2)
		return NULL;
	for (size_t i = 0; i < conf->nsec; i++)
		if (conf->sec[i].kind == CONF_INSTANCE)
			return NULL;
	return o->only;
}

int eng_plan_build(const struct conf *conf, const struct engine_opts *o, struct eng_seen *seen,
		   struct plan **ret)
{
	struct plan *p = calloc(1, sizeof(*p));
	int rc;

	*ret = NULL;
	if (!p)
		return -ENOMEM;
	p->conf = conf;
	p->seen = seen;
	rc = eng_state_load(&p->st, o, one_device(conf, o));
	if (rc == 0 && conf_needs_nd(conf))
		rc = eng_state_load_nd(&p->st);
	if (rc == 0 && !o->only)
		rc = eng_plan_namespaces(p);
	if (rc == 0)
		rc = eng_plan_instances(p);
	if (rc == 0)
		rc = eng_plan_devices(p);
	if (rc < 0) {
		plan_free(p);
		return rc;
	}
	if (o->only)
		plan_filter_only(p, o->only);
	plan_log(p);
	*ret = p;
	return 0;
}

int engine_plan(const struct conf *conf, const struct engine_opts *o, struct plan **ret)
{
	return eng_plan_build(conf, o, NULL, ret);
}

unsigned int plan_changes(const struct plan *plan)
{
	return plan ? (unsigned int)plan->nchanges : 0;
}

unsigned int plan_problems(const struct plan *plan)
{
	return plan ? (unsigned int)plan->nproblems : 0;
}

unsigned int plan_unchanged(const struct plan *plan)
{
	return plan ? (unsigned int)plan->noks : 0;
}

void plan_free(struct plan *plan)
{
	if (!plan)
		return;
	eng_state_free(&plan->st);
	free(plan->changes);
	free(plan->problems);
	free(plan->oks);
	free(plan);
}
