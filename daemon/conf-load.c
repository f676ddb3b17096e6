// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loading the configuration: the directory listing (*.conf, lexical order),
 * the ownership and permission checks on the directory and each file, and
 * reading each file once into memory before it is parsed (so the bytes
 * checked are the bytes parsed).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/conf-private.h"

static struct conf *conf_new(void)
{
	return calloc(1, sizeof(struct conf));
}

/* after a load: hand out conf when no error was reported */
static int conf_finish(struct conf *conf, int rc, size_t errors_before, struct conf **ret,
		       struct conf_diags *diags)
{
	if (rc == 0 && conf_diags_errors(diags) > errors_before)
		rc = -EINVAL;
	if (rc < 0) {
		conf_free(conf);
		*ret = NULL;
		return rc;
	}
	*ret = conf;
	return 0;
}

int conf_load_buffer(const char *name, const char *text, size_t len, struct conf **ret,
		     struct conf_diags *diags)
{
	size_t errors = conf_diags_errors(diags);
	struct conf *conf = conf_new();
	int rc;

	*ret = NULL;
	if (!conf)
		return -ENOMEM;
	rc = conf_parse_text(conf, name, text, len, diags);
	if (rc == 0)
		conf_check_all(conf, diags);
	return conf_finish(conf, rc, errors, ret, diags);
}

/* refuse what a non-root user could have written; true when fine */
static bool conf_secure(const char *path, const struct stat *st, bool dir,
			struct conf_diags *diags)
{
	bool ok = true;

	if (st->st_uid != 0) {
		conf_diags_add(diags, path, 0, true,
			       "refused: %s owned by uid %u, not root (fix: chown root %s)",
			       dir ? "directory" : "file", (unsigned int)st->st_uid, path);
		ok = false;
	}
	if (st->st_mode & (S_IWGRP | S_IWOTH)) {
		conf_diags_add(diags, path, 0, true,
			       "refused: %s writable by %s (fix: chmod go-w %s)",
			       dir ? "directory" : "file",
			       (st->st_mode & S_IWGRP) && (st->st_mode & S_IWOTH) ? "group and others" :
			       (st->st_mode & S_IWGRP) ? "group" : "others",
			       path);
		ok = false;
	}
	return ok;
}

/* read an open regular file whole, NUL-terminated */
static int conf_read_fd(int fd, const char *path, char **ret, size_t *ret_len,
			struct conf_diags *diags)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap + 1), *nbuf;
	ssize_t n;

	if (!buf)
		return -ENOMEM;
	for (;;) {
		if (len == cap) {
			if (cap >= CONF_FILE_MAX) {
				conf_diags_add(diags, path, 0, true,
					       "file larger than %d bytes: not a configuration file?",
					       CONF_FILE_MAX);
				free(buf);
				return -EFBIG;
			}
			cap *= 2;
			nbuf = realloc(buf, cap + 1);
			if (!nbuf) {
				free(buf);
				return -ENOMEM;
			}
			buf = nbuf;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			conf_diags_add(diags, path, 0, true, "cannot read: %s", strerror(err));
			free(buf);
			return -err;
		}
		if (n == 0)
			break;
		len += n;
	}
	buf[len] = '\0';
	*ret = buf;
	*ret_len = len;
	return 0;
}

/*
 * Check and parse the file open at fd (path for messages). Returns 0 when
 * it was parsed (its errors are diags), -errno on I/O errors.
 */
static int conf_load_fd(struct conf *conf, int fd, const char *path, bool allow_insecure,
			struct conf_diags *diags)
{
	struct stat st;
	size_t len = 0;
	char *text = NULL;
	int rc;

	if (fstat(fd, &st) < 0) {
		rc = -errno;
		conf_diags_add(diags, path, 0, true, "cannot stat: %s", strerror(-rc));
		return rc;
	}
	if (!S_ISREG(st.st_mode)) {
		conf_diags_add(diags, path, 0, true,
			       "not a regular file: remove it or rename it so it does not end in .conf");
		return 0;
	}
	if (!allow_insecure && !conf_secure(path, &st, false, diags))
		return 0;
	rc = conf_read_fd(fd, path, &text, &len, diags);
	if (rc == -EFBIG)
		return 0;
	if (rc < 0)
		return rc;
	rc = conf_parse_text(conf, path, text, len, diags);
	free(text);
	return rc;
}

int conf_load_file(const char *path, bool allow_insecure, struct conf **ret,
		   struct conf_diags *diags)
{
	size_t errors = conf_diags_errors(diags);
	struct conf *conf;
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		rc = -errno;
		conf_diags_add(diags, path, 0, true, "cannot open: %s", strerror(-rc));
		*ret = NULL;
		return rc;
	}
	conf = conf_new();
	if (!conf) {
		close(fd);
		*ret = NULL;
		return -ENOMEM;
	}
	rc = conf_load_fd(conf, fd, path, allow_insecure, diags);
	close(fd);
	if (rc == 0)
		conf_check_all(conf, diags);
	return conf_finish(conf, rc, errors, ret, diags);
}

/* "*.conf", not hidden: what the directory contributes */
static bool conf_name_wanted(const char *name)
{
	size_t len = strlen(name);

	return name[0] != '.' && len > 5 && strcmp(name + len - 5, ".conf") == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* the *.conf names in the directory open at dfd, sorted */
static int conf_list_dir(int dfd, char ***ret, size_t *ret_n)
{
	char **names = NULL, **v;
	size_t n = 0;
	struct dirent *de;
	DIR *d;
	int fd;

	fd = dup(dfd);
	if (fd < 0)
		return -errno;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -errno;
	}
	while ((errno = 0, de = readdir(d))) {
		if (!conf_name_wanted(de->d_name))
			continue;
		v = realloc(names, (n + 1) * sizeof(*v));
		if (!v)
			goto nomem;
		names = v;
		names[n] = strdup(de->d_name);
		if (!names[n])
			goto nomem;
		n++;
	}
	if (errno) {
		int err = errno;

		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		closedir(d);
		return -err;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	*ret = names;
	*ret_n = n;
	return 0;
nomem:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return -ENOMEM;
}

int conf_load_dir(const char *dir, bool allow_insecure, struct conf **ret,
		  struct conf_diags *diags)
{
	size_t errors = conf_diags_errors(diags);
	char **names = NULL;
	size_t n = 0;
	struct conf *conf;
	struct stat st;
	int dfd, rc;

	*ret = NULL;
	conf = conf_new();
	if (!conf)
		return -ENOMEM;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		rc = -errno;
		if (rc == -ENOENT)	/* no directory: nothing configured */
			return conf_finish(conf, 0, errors, ret, diags);
		conf_diags_add(diags, dir, 0, true, "cannot open directory: %s", strerror(-rc));
		return conf_finish(conf, rc, errors, ret, diags);
	}
	if (fstat(dfd, &st) < 0) {
		rc = -errno;
		conf_diags_add(diags, dir, 0, true, "cannot stat: %s", strerror(-rc));
		goto out;
	}
	if (!allow_insecure)
		conf_secure(dir, &st, true, diags);
	rc = conf_list_dir(dfd, &names, &n);
	if (rc < 0) {
		conf_diags_add(diags, dir, 0, true, "cannot list directory: %s", strerror(-rc));
		goto out;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *path;
		int fd;

		if (asprintf(&path, "%s/%s", dir, names[i]) < 0) {
			rc = -ENOMEM;
			break;
		}
		fd = openat(dfd, names[i], O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		if (fd < 0) {
			rc = -errno;
			conf_diags_add(diags, path, 0, true, "cannot open: %s", strerror(-rc));
		} else {
			rc = conf_load_fd(conf, fd, path, allow_insecure, diags);
			close(fd);
		}
		free(path);
	}
	if (rc == 0)
		conf_check_all(conf, diags);
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	close(dfd);
	return conf_finish(conf, rc, errors, ret, diags);
}
