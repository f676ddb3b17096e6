/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The verb table shared by ndctl and daxctl: one table per program declares
 * every command with its summary; dispatch, --help, --list-cmds, `help CMD`
 * and the completion/man-page checks all derive from it.
 */
#ifndef UTIL_COMMAND_H
#define UTIL_COMMAND_H

#include <stddef.h>

struct cmd_env {
	const char *prog;	/* "ndctl" or "daxctl" */
	const char *cmd;	/* the verb being run */
};

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv, const struct cmd_env *env);
	const char *summary;
};

struct cmd_suite {
	const char *prog;
	const char *summary;
	const struct cmd *cmds;
	size_t ncmds;
};

/* Run the program: global options, then the verb. Returns the exit status. */
int cmd_suite_main(const struct cmd_suite *suite, int argc, char **argv);

/* Print "PROG CMD: msg" to stderr (one line). */
void cmd_err(const struct cmd_env *env, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
