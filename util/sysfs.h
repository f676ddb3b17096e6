/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one sysfs I/O layer. Every file under /sys that this project reads or
 * writes goes through here. A struct sysfs_root names the directory that
 * stands for /sys: the real one, or a captured tree (fixtures, --sysfs-root,
 * $NDCTL_SYSFS_ROOT). Objects keep the full path of their own directory and
 * read attributes relative to it, so each path is resolved once.
 *
 * All functions return 0 or a positive count on success and -errno on
 * failure; the errno of the failing syscall is kept as is.
 */
#ifndef UTIL_SYSFS_H
#define UTIL_SYSFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>

/* A sysfs attribute is at most one page; one more byte for the NUL. */
#define SYSFS_ATTR_MAX 4097

#define SYSFS_ROOT_ENV "NDCTL_SYSFS_ROOT"

struct sysfs_root;

/*
 * root: directory that stands for /sys; NULL means $NDCTL_SYSFS_ROOT if set,
 * else the real /sys.
 */
int sysfs_root_new(const char *root, struct sysfs_root **ret);
void sysfs_root_free(struct sysfs_root *root);
const char *sysfs_root_path(const struct sysfs_root *root);
/* true when the root is not the live /sys (fixtures: never write) */
bool sysfs_root_is_captured(const struct sysfs_root *root);

/* Allocate "<root>/<rel>"; rel is relative to /sys, e.g. "bus/nd/devices". */
char *sysfs_path(const struct sysfs_root *root, const char *rel);
/* Allocate "<dir>/<name>". */
char *sysfs_join(const char *dir, const char *name);

/*
 * Read dir/attr into buf (size >= 1), NUL-terminated, one trailing newline
 * removed. Returns the length or -errno; -EFBIG if it does not fit.
 */
int sysfs_read(const char *dir, const char *attr, char *buf, size_t size);
/* Strict integer attributes: decimal or 0x-hex, nothing else. -EINVAL / -ERANGE. */
int sysfs_read_u64(const char *dir, const char *attr, uint64_t *ret);
int sysfs_read_s64(const char *dir, const char *attr, int64_t *ret);
int sysfs_read_int(const char *dir, const char *attr, int *ret);
/* Allocated copy of the attribute; NULL with *err = -errno on failure. */
char *sysfs_read_str(const char *dir, const char *attr, int *err);

/*
 * Write val to dir/attr in one write(2). Returns 0 or the -errno of the
 * open or of the write (the kernel's own reason, e.g. -EBUSY, -ENXIO).
 */
int sysfs_write(const char *dir, const char *attr, const char *val);
int sysfs_write_u64(const char *dir, const char *attr, uint64_t val);

bool sysfs_exists(const char *dir, const char *name);

/* Basename of the target of dir/link (e.g. "nd_pmem" for driver). */
int sysfs_link_name(const char *dir, const char *link, char *buf, size_t size);
/* Canonical path of dir/link (allocated), or NULL with *err. */
char *sysfs_link_resolve(const char *dir, const char *link, int *err);

/*
 * Sorted list of the entries of dir whose name starts with prefix and, if
 * want_dir, that are directories (following links). Natural order:
 * "region2" before "region10". Free with sysfs_names_free().
 */
int sysfs_list(const char *dir, const char *prefix, bool want_dir,
	       char ***ret_names, size_t *ret_count);
void sysfs_names_free(char **names, size_t count);

/* Natural ("version") comparison: region2 < region10, dax0.2 < dax0.10. */
int natural_cmp(const char *a, const char *b);

#endif
