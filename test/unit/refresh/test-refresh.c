// SPDX-License-Identifier: GPL-2.0-only
/*
 * libndctl object refresh (lib/ndctl/refresh.c) on a writable copy of a
 * captured sysfs tree: after the tree changes under it, ndctl_region_refresh()
 * keeps the objects callers hold (same pointers, same name strings) with
 * their new attribute values, adds children that appeared, unlists those
 * that vanished while leaving them readable, and the region's own state
 * (driver link, available_size) follows. TAP; run under ASan in the
 * sanitizer build to catch use-after-free.
 *
 * usage: test-refresh SRCDIR (the tree is SRCDIR/test/fixtures/sysfs/6.1-labeled)
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ndctl/libndctl.h>

static int n, failed;

static void ok(int cond, const char *what)
{
	n++;
	if (!cond)
		failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n, what);
}

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

static void put(const char *dir, const char *file, const char *val)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "w");
	if (f) {
		fputs(val, f);
		fclose(f);
	}
}

static struct ndctl_namespace *find_ns(struct ndctl_region *region, const char *name)
{
	struct ndctl_namespace *ndns;

	ndctl_namespace_foreach(region, ndns)
		if (strcmp(ndctl_namespace_get_devname(ndns), name) == 0)
			return ndns;
	return NULL;
}

int main(int argc, char **argv)
{
	char tmpl[] = "/tmp/test-refresh.XXXXXX";
	char rdir[4096];
	struct ndctl_ctx *ctx;
	struct ndctl_bus *bus;
	struct ndctl_region *region = NULL, *r;
	struct ndctl_namespace *ns0, *ns1, *ns2;
	const char *ns0_name, *region_name;
	char *tmp;

	if (argc < 2) {
		fprintf(stderr, "usage: %s SRCDIR\n", argv[0]);
		return 2;
	}
	tmp = mkdtemp(tmpl);
	if (!tmp || sh("cp -a '%s/test/fixtures/sysfs/6.1-labeled/.' '%s'", argv[1], tmp) != 0) {
		printf("1..0 # SKIP cannot copy the captured tree\n");
		return 0;
	}
	printf("1..14\n");
	setenv("NDCTL_SYSFS_ROOT", tmp, 1);
	if (ndctl_new(&ctx) < 0) {
		printf("not ok 1 - ndctl_new\n");
		return 1;
	}
	ndctl_bus_foreach(ctx, bus)
		ndctl_region_foreach(bus, r)
			if (strcmp(ndctl_region_get_devname(r), "region2") == 0)
				region = r;
	ok(region != NULL, "region2 found");
	if (!region)
		return 1;
	region_name = ndctl_region_get_devname(region);
	ns0 = find_ns(region, "namespace2.0");
	ns1 = find_ns(region, "namespace2.1");
	ok(ns0 && ns1, "namespace2.0 and namespace2.1 listed");
	if (!ns0 || !ns1)
		return 1;
	ns0_name = ndctl_namespace_get_devname(ns0);

	/* the tree changes: a size, a namespace gone, one new, the region unbound */
	snprintf(rdir, sizeof(rdir), "%s/devices/LNXSYSTM:00/LNXSYBUS:00/ACPI0012:00/ndbus0/region2",
		 tmp);
	put(rdir, "namespace2.0/size", "536870912\n");
	put(rdir, "available_size", "0\n");
	sh("rm -rf '%s/namespace2.1'", rdir);
	sh("cp -a '%s/namespace2.2' '%s/namespace2.7'", rdir, rdir);
	sh("rm -f '%s/driver'", rdir);

	ok(ndctl_region_refresh(region) == 0, "ndctl_region_refresh");
	ok(find_ns(region, "namespace2.0") == ns0, "namespace2.0 is the same object");
	ok(ndctl_namespace_get_devname(ns0) == ns0_name,
	   "its name string is the one the caller holds");
	ok(ndctl_namespace_get_size(ns0) == 536870912ULL, "its size is the new one");
	ok(find_ns(region, "namespace2.1") == NULL, "vanished namespace2.1 is not listed");
	ok(strcmp(ndctl_namespace_get_devname(ns1), "namespace2.1") == 0,
	   "a held pointer to it still reads its last state");
	ns2 = find_ns(region, "namespace2.7");
	ok(ns2 != NULL && ndctl_namespace_get_region(ns2) == region, "new namespace2.7 listed");
	ok(ndctl_region_get_devname(region) == region_name, "region name string kept");
	ok(!ndctl_region_is_enabled(region), "region shows disabled (no driver link)");
	ok(ndctl_region_get_available_size(region) == 0, "region available_size re-read");
	ok(ndctl_region_get_first_dimm(region) != NULL, "region mappings kept");

	/* a second refresh with nothing changed keeps everything */
	ok(ndctl_region_refresh(region) == 0 && find_ns(region, "namespace2.7") == ns2,
	   "refresh again: objects unchanged");
	ndctl_unref(ctx);
	sh("rm -rf '%s'", tmp);
	return failed ? 1 : 0;
}
