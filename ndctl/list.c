// SPDX-License-Identifier: GPL-2.0-only
/* ndctl list: placeholder until the object model lands. */
#include <stdio.h>
#include <ndctl/libndctl.h>
#include "ndctl/builtin.h"

int cmd_list(int argc, char **argv, const struct cmd_env *env)
{
	struct ndctl_ctx *ctx;
	int rc = ndctl_new(&ctx);

	if (rc < 0) {
		cmd_err(env, "cannot create library context: %d", rc);
		return 1;
	}
	ndctl_unref(ctx);
	return 0;
}
