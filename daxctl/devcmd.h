/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared plumbing of the daxctl commands that change devices: the library
 * context with its messages captured, device selection (names, X.Y, all,
 * -r), the per-device report line (asked, before, after, error), terminal
 * progress and the closing summary.
 */
#ifndef DAXCTL_DEVCMD_H
#define DAXCTL_DEVCMD_H

#include <stdbool.h>
#include <stdio.h>
#include <daxctl/libdaxctl.h>
#include "util/command.h"

struct devcmd {
	const struct cmd_env *env;
	struct daxctl_ctx *ctx;
	bool verbose;
	const char *region;	/* -r filter, NULL: any */
	char lastmsg[512];	/* last error the library logged */
	const char *cur;	/* device being worked on (progress) */
	bool progress_shown;
	int ok, failed;
	/* what 'all' selects */
	enum { DEVCMD_ALL_SIZED = 0, DEVCMD_ALL_RAM, DEVCMD_ALL_DYNAMIC } all_kind;
};

int devcmd_init(struct devcmd *c, const struct cmd_env *env);
void devcmd_fini(struct devcmd *c);
/* forget the last library message before an operation */
void devcmd_clear(struct devcmd *c);

/*
 * Resolve the device arguments ("daxX.Y", "X.Y", "all") within the -r
 * filter into devs (NULL-terminated, allocated). Every name must exist:
 * otherwise one error line, -ENODEV, and nothing is returned.
 */
int devcmd_select(struct devcmd *c, int argc, char **argv, struct daxctl_dev ***devs);
/* the region matching -r, or the only dynamic region; NULL after an error line */
struct daxctl_region *devcmd_region(struct devcmd *c);
bool devcmd_region_match(struct devcmd *c, struct daxctl_region *region);

/* "devdax 256 MiB", "system-ram 1 GiB, 8/8 blocks online (Movable)", "disabled ..." */
void devcmd_state(struct daxctl_dev *dev, char *buf, size_t size);
/* stderr: "DEV: ASKED: BEFORE -> AFTER" */
void devcmd_done(struct devcmd *c, struct daxctl_dev *dev, const char *asked,
		 const char *before);
/* stderr: "daxctl CMD: DEV: ASKED failed: WHY; now AFTER" (why NULL: last library message) */
void devcmd_fail(struct devcmd *c, struct daxctl_dev *dev, const char *asked,
		 const char *why, int rc);
/* "VERB N device(s)" on stderr; exit status */
int devcmd_summary(struct devcmd *c, const char *verb);

/* common usage lines */
#define DEVCMD_USAGE_COMMON						\
	"    -r, --region <region>     limit to devices of this region (id, regionN)\n" \
	"    -v, --verbose             show every library message\n"	\
	"    -h, --help                show this help\n"

bool devcmd_valid_region_ident(const char *s);

#endif
