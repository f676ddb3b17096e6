/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_BUILTIN_H
#define NDCTL_BUILTIN_H
#include "util/command.h"

#define NDCTL_CMD(name, fn, summary) int fn(int argc, char **argv, const struct cmd_env *env);
#include "ndctl/commands.def"
#undef NDCTL_CMD

#endif
