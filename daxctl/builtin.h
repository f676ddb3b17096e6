/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef DAXCTL_BUILTIN_H
#define DAXCTL_BUILTIN_H
#include "util/command.h"

#define DAXCTL_CMD(name, fn, summary) int fn(int argc, char **argv, const struct cmd_env *env);
#include "daxctl/commands.def"
#undef DAXCTL_CMD

#endif
