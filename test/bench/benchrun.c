// SPDX-License-Identifier: GPL-2.0-only
/*
 * benchrun: wall-clock medians of repeated command runs, the commands interleaved so that
 * drift (other load, caches) hits all of them alike.
 *
 *   benchrun [-n RUNS] [-w WARMUP] -- [VAR=VAL...] CMD ARGS... [--- [VAR=VAL...] CMD ARGS...]...
 *
 * Each command runs RUNS times (after WARMUP untimed runs), stdout and stderr to /dev/null,
 * environment plus its own VAR=VAL assignments. Prints one line per command:
 *   median_us min_us p90_us runs exit_status cpu_median_us command...
 * (wall-clock times; cpu = the child's user + system time, less sensitive to other load)
 * Exits 1 when a command could not be run.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct cmd {
	char **env;	/* VAR=VAL assignments */
	int nenv;
	char **argv;
	long *us, *cpu;
	int status;
};

static long run(struct cmd *c, int devnull, long *cpu)
{
	struct rusage ru;
	struct timespec a, b;
	pid_t pid;
	int st;

	clock_gettime(CLOCK_MONOTONIC, &a);
	pid = fork();
	if (pid < 0) {
		perror("benchrun: fork");
		exit(1);
	}
	if (pid == 0) {
		for (int i = 0; i < c->nenv; i++)
			putenv(c->env[i]);
		dup2(devnull, 1);
		dup2(devnull, 2);
		execvp(c->argv[0], c->argv);
		_exit(127);
	}
	if (wait4(pid, &st, 0, &ru) < 0) {
		perror("benchrun: waitpid");
		exit(1);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	*cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000L + ru.ru_utime.tv_usec +
	       ru.ru_stime.tv_usec;
	c->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return (b.tv_sec - a.tv_sec) * 1000000L + (b.tv_nsec - a.tv_nsec) / 1000;
}

static int cmp(const void *x, const void *y)
{
	long a = *(const long *)x, b = *(const long *)y;

	return a < b ? -1 : a > b;
}

int main(int argc, char **argv)
{
	int runs = 21, warm = 2, opt, ncmd = 0, devnull;
	struct cmd cmds[16];

	while ((opt = getopt(argc, argv, "n:w:")) != -1) {
		switch (opt) {
		case 'n': runs = atoi(optarg); break;
		case 'w': warm = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: benchrun [-n RUNS] [-w WARMUP] -- CMD... [--- CMD...]\n");
			return 2;
		}
	}
	if (runs < 1 || optind >= argc) {
		fprintf(stderr, "benchrun: nothing to run\n");
		return 2;
	}
	for (int i = optind; i < argc && ncmd < 16;) {
		struct cmd *c = &cmds[ncmd++];

		c->env = &argv[i];
		c->nenv = 0;
		while (i < argc && strchr(argv[i], '=') && argv[i][0] != '/') {
			c->nenv++;
			i++;
		}
		c->argv = &argv[i];
		while (i < argc && strcmp(argv[i], "---") != 0)
			i++;
		if (i < argc)
			argv[i++] = NULL;
		c->us = calloc(runs, sizeof(long));
		c->cpu = calloc(runs, sizeof(long));
		if (!c->us || !c->cpu || !c->argv[0])
			return 2;
	}
	devnull = open("/dev/null", O_WRONLY);
	for (int r = -warm; r < runs; r++)
		for (int k = 0; k < ncmd; k++) {
			long cpu, t = run(&cmds[k], devnull, &cpu);

			if (r >= 0) {
				cmds[k].us[r] = t;
				cmds[k].cpu[r] = cpu;
			}
		}
	for (int k = 0; k < ncmd; k++) {
		struct cmd *c = &cmds[k];

		qsort(c->us, runs, sizeof(long), cmp);
		qsort(c->cpu, runs, sizeof(long), cmp);
		printf("%ld %ld %ld %d %d %ld", c->us[runs / 2], c->us[0], c->us[(runs * 9) / 10],
		       runs, c->status, c->cpu[runs / 2]);
		for (char **a = c->argv; *a; a++)
			printf(" %s", *a);
		printf("\n");
		if (c->status == 127)
			return 1;
	}
	return 0;
}
