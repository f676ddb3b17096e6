// SPDX-License-Identifier: GPL-2.0-only
/* Verb dispatch for ndctl and daxctl; see command.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "util/command.h"
#include "util/sysfs.h"

void cmd_err(const struct cmd_env *env, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", env->prog, env->cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static const struct cmd *find_cmd(const struct cmd_suite *s, const char *name)
{
	for (size_t i = 0; i < s->ncmds; i++)
		if (strcmp(s->cmds[i].name, name) == 0)
			return &s->cmds[i];
	return NULL;
}

static void usage(const struct cmd_suite *s, FILE *f)
{
	size_t w = 0;

	fprintf(f, "usage: %s [--version] [--help] [--list-cmds] [--sysfs-root=DIR]\n"
		   "       %*s COMMAND [ARGS]\n\n%s\n\nCommands:\n",
		s->prog, (int)strlen(s->prog), "", s->summary);
	for (size_t i = 0; i < s->ncmds; i++)
		if (strlen(s->cmds[i].name) > w)
			w = strlen(s->cmds[i].name);
	for (size_t i = 0; i < s->ncmds; i++)
		fprintf(f, "  %-*s  %s\n", (int)w, s->cmds[i].name, s->cmds[i].summary);
	fprintf(f, "\nSee '%s help COMMAND' or '%s COMMAND --help' for details.\n",
		s->prog, s->prog);
}

static int help_cmd(const struct cmd_suite *s, const char *name)
{
	char *page;

	if (!name) {
		usage(s, stdout);
		return 0;
	}
	if (strcmp(name, s->prog) != 0 && !find_cmd(s, name)) {
		fprintf(stderr, "%s: '%s' is not a %s command; see '%s --list-cmds'\n",
			s->prog, name, s->prog, s->prog);
		return 1;
	}
	if (strcmp(name, s->prog) == 0)
		page = strdup(s->prog);
	else if (asprintf(&page, "%s-%s", s->prog, name) < 0)
		page = NULL;
	if (!page)
		return 1;
	fflush(stdout);
	execlp("man", "man", page, (char *)NULL);
	fprintf(stderr, "%s: cannot run man for %s: %s; try '%s %s --help'\n",
		s->prog, page, strerror(errno), s->prog, name);
	free(page);
	return 1;
}

int cmd_suite_main(const struct cmd_suite *s, int argc, char **argv)
{
	const struct cmd *c;
	struct cmd_env env = { .prog = s->prog };
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-')
			break;
		if (strcmp(a, "--version") == 0 || strcmp(a, "-v") == 0) {
			printf("%s\n", VERSION);
			return 0;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(s, stdout);
			return 0;
		}
		if (strcmp(a, "--list-cmds") == 0) {
			for (size_t k = 0; k < s->ncmds; k++)
				printf("%s\n", s->cmds[k].name);
			return 0;
		}
		if (strncmp(a, "--sysfs-root=", 13) == 0 ||
		    (strcmp(a, "--sysfs-root") == 0 && i + 1 < argc)) {
			const char *dir = a[12] == '=' ? a + 13 : argv[++i];

			if (access(dir, R_OK | X_OK) < 0) {
				fprintf(stderr, "%s: --sysfs-root %s: %s\n", s->prog, dir,
					strerror(errno));
				return 1;
			}
			setenv(SYSFS_ROOT_ENV, dir, 1);
			continue;
		}
		fprintf(stderr, "%s: unknown option '%s'; see '%s --help'\n", s->prog, a,
			s->prog);
		return 1;
	}
	if (i >= argc) {
		usage(s, stderr);
		return 1;
	}
	if (strcmp(argv[i], "help") == 0)
		return help_cmd(s, i + 1 < argc ? argv[i + 1] : NULL);
	if (strcmp(argv[i], "version") == 0) {
		printf("%s\n", VERSION);
		return 0;
	}
	c = find_cmd(s, argv[i]);
	if (!c) {
		fprintf(stderr, "%s: '%s' is not a %s command; see '%s --list-cmds'\n",
			s->prog, argv[i], s->prog, s->prog);
		return 1;
	}
	env.cmd = c->name;
	return c->fn(argc - i, argv + i, &env);
}
