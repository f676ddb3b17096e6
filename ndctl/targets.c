// SPDX-License-Identifier: GPL-2.0-only
/* Positional targets of the region and DIMM commands; see targets.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ndctl/filter.h"
#include "ndctl/targets.h"

int nd_targets_init(struct nd_targets *t, const char *bus, int argc, char **argv,
		    const struct cmd_env *env, const char *what)
{
	memset(t, 0, sizeof(*t));
	if (argc < 1) {
		cmd_err(env, "no %s given: name one or more (%sN, N) or 'all'; see "
			"'ndctl %s --help'", what, strcmp(what, "DIMM") == 0 ? "nmem" : what,
			env->cmd);
		return -EINVAL;
	}
	t->bus = bus;
	t->names = argv;
	t->count = argc;
	t->used = calloc((size_t)argc, sizeof(*t->used));
	return t->used ? 0 : -ENOMEM;
}

void nd_targets_fini(struct nd_targets *t)
{
	free(t->used);
	t->used = NULL;
}

static bool pick(struct nd_targets *t, struct ndctl_bus *bus, void *obj,
		 bool (*match)(void *obj, const char *ident))
{
	bool any = false;

	if (!nd_match_bus(bus, t->bus))
		return false;
	for (int i = 0; i < t->count; i++)
		if (match(obj, t->names[i])) {
			t->used[i] = true;
			any = true;
		}
	return any;
}

static bool region_match(void *obj, const char *ident)
{
	return nd_match_region(obj, ident);
}

static bool dimm_match(void *obj, const char *ident)
{
	return nd_match_dimm(obj, ident);
}

bool nd_targets_region(struct nd_targets *t, struct ndctl_region *region)
{
	return pick(t, ndctl_region_get_bus(region), region, region_match);
}

bool nd_targets_dimm(struct nd_targets *t, struct ndctl_dimm *dimm)
{
	return pick(t, ndctl_dimm_get_bus(dimm), dimm, dimm_match);
}

int nd_targets_unmatched(struct nd_targets *t, const struct cmd_env *env, const char *what,
			 const char *list_hint)
{
	int n = 0;

	for (int i = 0; i < t->count; i++) {
		if (t->used[i] || strcmp(t->names[i], "all") == 0)
			continue;
		cmd_err(env, "%s: no such %s%s%s; '%s' lists them", t->names[i], what,
			t->bus ? " on bus " : "", t->bus ? t->bus : "", list_hint);
		n++;
	}
	return n;
}
