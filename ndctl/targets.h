/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Positional targets of the region and DIMM commands ("region2 3 all",
 * "nmem0 1"), with the -b bus filter: each name must select something,
 * objects are visited once each, in bus then device order.
 */
#ifndef NDCTL_TARGETS_H
#define NDCTL_TARGETS_H

#include <stdbool.h>
#include <ndctl/libndctl.h>
#include "util/command.h"

struct nd_targets {
	const char *bus;	/* -b filter or NULL */
	char **names;		/* positional arguments */
	int count;
	bool *used;		/* per name: selected something */
};

/* "usage" mistakes: no target given. Returns 0 or -EINVAL (reported). */
int nd_targets_init(struct nd_targets *t, const char *bus, int argc, char **argv,
		    const struct cmd_env *env, const char *what);
void nd_targets_fini(struct nd_targets *t);
bool nd_targets_region(struct nd_targets *t, struct ndctl_region *region);
bool nd_targets_dimm(struct nd_targets *t, struct ndctl_dimm *dimm);
/* report names that selected nothing; returns how many */
int nd_targets_unmatched(struct nd_targets *t, const struct cmd_env *env, const char *what,
			 const char *list_hint);

/* "s" unless n == 1 */
static inline const char *nd_plural(int n)
{
	return n == 1 ? "" : "s";
}

#endif
