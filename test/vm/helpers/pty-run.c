// SPDX-License-Identifier: GPL-2.0-only
/*
 * pty-run: run a command with a pseudo-terminal as its stdin, stdout and
 * stderr, copy everything it writes to our stdout, exit with its status. Lets
 * guest tests check terminal-only behaviour (progress) without a terminal.
 *   pty-run COMMAND [ARGS...]
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int master, status;
	char buf[4096];
	pid_t pid;
	ssize_t n;

	if (argc < 2) {
		fprintf(stderr, "usage: pty-run COMMAND [ARGS...]\n");
		return 2;
	}
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0) {
		perror("pty-run: posix_openpt");
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("pty-run: fork");
		return 2;
	}
	if (pid == 0) {
		int slave;

		setsid();
		slave = open(ptsname(master), O_RDWR);
		if (slave < 0) {
			perror("pty-run: open slave");
			_exit(2);
		}
		ioctl(slave, TIOCSCTTY, 0);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		if (slave > 2)
			close(slave);
		close(master);
		execvp(argv[1], argv + 1);
		perror("pty-run: exec");
		_exit(127);
	}
	/* read until the slave side is closed by the child's exit (EIO on Linux) */
	for (;;) {
		n = read(master, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
			break;
	}
	fflush(stdout);
	if (waitpid(pid, &status, 0) < 0)
		return 2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
