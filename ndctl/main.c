// SPDX-License-Identifier: GPL-2.0-only
/* ndctl: entry point and verb table. */
#include "util/command.h"
#include "ndctl/builtin.h"

static const struct cmd ndctl_cmds[] = {
#define NDCTL_CMD(name, fn, summary) { name, fn, summary },
#include "ndctl/commands.def"
#undef NDCTL_CMD
};

int main(int argc, char **argv)
{
	static const struct cmd_suite suite = {
		.prog = "ndctl",
		.summary = "Manage NVDIMM buses, DIMMs, regions and namespaces (libnvdimm).",
		.cmds = ndctl_cmds,
		.ncmds = sizeof(ndctl_cmds) / sizeof(ndctl_cmds[0]),
	};

	return cmd_suite_main(&suite, argc, argv);
}
