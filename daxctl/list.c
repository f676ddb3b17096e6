// SPDX-License-Identifier: GPL-2.0-only
/* daxctl list: placeholder until the object model lands. */
#include <stdio.h>
#include <daxctl/libdaxctl.h>
#include "daxctl/builtin.h"

int cmd_list(int argc, char **argv, const struct cmd_env *env)
{
	struct daxctl_ctx *ctx;
	int rc = daxctl_new(&ctx);

	if (rc < 0) {
		cmd_err(env, "cannot create library context: %d", rc);
		return 1;
	}
	daxctl_unref(ctx);
	return 0;
}
