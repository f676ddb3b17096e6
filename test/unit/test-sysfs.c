// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the sysfs I/O layer against a scratch tree: root prefix,
 * attribute reads (newline, overlong, hostile values), writes keeping the
 * errno, links, natural-order listing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "util/sysfs.h"

static void mkdir_in(const struct sysfs_root *root, const char *rel)
{
	char *p = sysfs_path(root, rel);

	mkdir(p, 0755);
	free(p);
}

static void put(const char *dir, const char *name, const char *content, mode_t mode)
{
	char *p = sysfs_join(dir, name);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, content, strlen(content)) < 0) {
		perror(p);
		exit(2);
	}
	close(fd);
	chmod(p, mode);
	free(p);
}

int main(void)
{
	char tmpl[] = "/tmp/sysfs-unit-XXXXXX";
	char *top = mkdtemp(tmpl), *dev, *bus, *path;
	struct sysfs_root *root;
	struct tap t = { 0 };
	char buf[SYSFS_ATTR_MAX], big[5000];
	char **names;
	size_t n;
	uint64_t v;
	int i, rc;

	if (!top)
		return 2;
	rc = sysfs_root_new(top, &root);
	tap_ok(&t, rc == 0, "root from explicit path");
	tap_ok(&t, sysfs_root_is_captured(root), "explicit root is a captured tree");

	dev = sysfs_path(root, "/devices/region1");
	bus = sysfs_path(root, "bus/nd/devices");
	tap_ok(&t, strcmp(dev, top) > 0 && strncmp(dev, top, strlen(top)) == 0 &&
		       strcmp(dev + strlen(top), "/devices/region1") == 0,
	       "sysfs_path joins under the root");
	mkdir_in(root, "devices");
	mkdir_in(root, "devices/region1");
	mkdir_in(root, "bus");
	mkdir_in(root, "bus/nd");
	mkdir_in(root, "bus/nd/devices");

	put(dev, "size", "2147483648\n", 0644);
	put(dev, "hex", "0x100000000\n", 0644);
	put(dev, "empty", "", 0644);
	put(dev, "garbage", "12 apples\n", 0644);
	put(dev, "huge", "1180591620717411303424\n", 0644);
	put(dev, "ro", "1\n", 0444);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	put(dev, "big", big, 0644);

	tap_ok(&t, sysfs_read_u64(dev, "size", &v) == 0 && v == 2147483648ULL, "decimal u64");
	tap_ok(&t, sysfs_read_u64(dev, "hex", &v) == 0 && v == 0x100000000ULL, "hex u64");
	tap_ok(&t, sysfs_read_u64(dev, "empty", &v) == -EINVAL, "empty -> -EINVAL");
	tap_ok(&t, sysfs_read_u64(dev, "garbage", &v) == -EINVAL, "garbage -> -EINVAL");
	tap_ok(&t, sysfs_read_u64(dev, "huge", &v) == -ERANGE, "2^70 -> -ERANGE");
	tap_ok(&t, sysfs_read_u64(dev, "missing", &v) == -ENOENT, "missing -> -ENOENT");
	tap_ok(&t, sysfs_read(dev, "big", buf, sizeof(buf)) == -EFBIG, "overlong -> -EFBIG");
	rc = sysfs_read(dev, "size", buf, sizeof(buf));
	tap_ok(&t, rc == 10 && strcmp(buf, "2147483648") == 0, "newline stripped");

	put(dev, "w", "", 0644);
	rc = sysfs_write(dev, "w", "4096");
	tap_ok(&t, rc == 0 && sysfs_read_u64(dev, "w", &v) == 0 && v == 4096,
	       "write then read back");
	if (geteuid() != 0) {
		rc = sysfs_write(dev, "ro", "0");
		tap_ok(&t, rc == -EACCES, "write to read-only keeps -EACCES (%d)", rc);
	}
	rc = sysfs_write(dev, "nope", "0");
	tap_ok(&t, rc == -ENOENT, "write to missing keeps -ENOENT (%d)", rc);

	path = sysfs_join(bus, "region1");
	rc = symlink("../../../devices/region1", path);
	free(path);
	path = sysfs_join(bus, "dangling");
	rc |= symlink("../../../devices/region9", path);
	free(path);
	tap_ok(&t, rc == 0, "links created");
	rc = sysfs_link_name(bus, "region1", buf, sizeof(buf));
	tap_ok(&t, rc == 0 && strcmp(buf, "region1") == 0, "link basename");
	path = sysfs_link_resolve(bus, "region1", &rc);
	tap_ok(&t, path && strcmp(path + strlen(path) - 16, "/devices/region1") == 0,
	       "link resolves into the tree");
	free(path);
	path = sysfs_link_resolve(bus, "dangling", &rc);
	tap_ok(&t, !path && rc == -ENOENT, "dangling link -> -ENOENT");

	for (i = 0; i < 12; i++) {
		char name[32];

		snprintf(name, sizeof(name), "region%d", i * 3);
		mkdir_in(root, name);
	}
	rc = sysfs_list(top, "region", true, &names, &n);
	tap_ok(&t, rc == 0 && n == 12, "list by prefix, dirs only (%zu)", n);
	tap_ok(&t, rc == 0 && strcmp(names[0], "region0") == 0 &&
		       strcmp(names[4], "region12") == 0 && strcmp(names[11], "region33") == 0,
	       "natural order");
	sysfs_names_free(names, n);
	rc = sysfs_list(bus, NULL, true, &names, &n);
	tap_ok(&t, rc == 0 && n == 1 && strcmp(names[0], "region1") == 0,
	       "dangling link is not listed as a dir");
	sysfs_names_free(names, n);

	sysfs_root_free(root);
	setenv(SYSFS_ROOT_ENV, top, 1);
	rc = sysfs_root_new(NULL, &root);
	tap_ok(&t, rc == 0 && strcmp(sysfs_root_path(root), top) == 0, "root from environment");
	sysfs_root_free(root);

	free(dev);
	free(bus);
	if (fork() == 0) {
		execlp("rm", "rm", "-rf", top, (char *)NULL);
		_exit(1);
	}
	return tap_done(&t);
}
