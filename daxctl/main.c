// SPDX-License-Identifier: GPL-2.0-only
/* daxctl: entry point and verb table. */
#include "util/command.h"
#include "daxctl/builtin.h"

static const struct cmd daxctl_cmds[] = {
#define DAXCTL_CMD(name, fn, summary) { name, fn, summary },
#include "daxctl/commands.def"
#undef DAXCTL_CMD
};

int main(int argc, char **argv)
{
	static const struct cmd_suite suite = {
		.prog = "daxctl",
		.summary = "Manage device-dax regions, instances and their memory (kmem).",
		.cmds = daxctl_cmds,
		.ncmds = sizeof(daxctl_cmds) / sizeof(daxctl_cmds[0]),
	};

	return cmd_suite_main(&suite, argc, argv);
}
