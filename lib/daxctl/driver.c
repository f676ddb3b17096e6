// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Binding dax devices to their driver: device_dax (devdax mode) or kmem
 * (system-ram mode), and unbinding them (disable). The target driver is
 * chosen by the mode, never found by trying drivers in turn.
 *
 * Binding, from the dax bus ABI (drivers/dax/bus.c): "bind" attaches the
 * device when the driver already matches it (device_dax always matches
 * devices of non-kmem regions; on 6.12 kmem matches the devices of hmem
 * regions). When it does not match, bind fails with ENODEV and "new_id"
 * puts the device name in the driver's id table, which attaches it at once.
 * Both complete synchronously: dax drivers probe in the writing thread, so
 * the driver link is read back right after, without waiting.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libkmod.h>

#include "private.h"

/*
 * libkmod is opened only when a module must be loaded: linked normally it
 * drags libkmod, libzstd, liblzma and libcrypto into every process using
 * libdaxctl, which costs more than the rest of a listing's start-up
 * (Documentation/dev/benchmarks.md).
 */
static int kmod_probe(const char *module)
{
	struct kmod_ctx *(*new_ctx)(const char *, const char * const *);
	struct kmod_ctx *(*unref_ctx)(struct kmod_ctx *);
	int (*from_name)(struct kmod_ctx *, const char *, struct kmod_module **);
	int (*probe)(struct kmod_module *, unsigned int, const struct kmod_list *,
		     int (*)(struct kmod_module *, void *), const void *,
		     void (*)(struct kmod_module *, bool, const char *));
	struct kmod_module *(*unref_mod)(struct kmod_module *);
	struct kmod_module *mod = NULL;
	struct kmod_ctx *kctx;
	void *h = dlopen("libkmod.so.2", RTLD_NOW | RTLD_LOCAL);
	int rc;

	if (!h)
		return -ENOSYS;
	new_ctx = (__typeof__(new_ctx))dlsym(h, "kmod_new");
	unref_ctx = (__typeof__(unref_ctx))dlsym(h, "kmod_unref");
	from_name = (__typeof__(from_name))dlsym(h, "kmod_module_new_from_name");
	probe = (__typeof__(probe))dlsym(h, "kmod_module_probe_insert_module");
	unref_mod = (__typeof__(unref_mod))dlsym(h, "kmod_module_unref");
	if (!new_ctx || !unref_ctx || !from_name || !probe || !unref_mod) {
		dlclose(h);
		return -ENOSYS;
	}
	kctx = new_ctx(NULL, NULL);
	if (!kctx) {
		dlclose(h);
		return -ENOMEM;
	}
	rc = from_name(kctx, module, &mod);
	if (rc == 0)
		rc = probe(mod, 0, NULL, NULL, NULL, NULL);
	if (mod)
		unref_mod(mod);
	unref_ctx(kctx);
	dlclose(h);
	return rc;
}

/* Make the driver's directory appear: load its module if it is not built in. */
static int driver_available(struct daxctl_ctx *ctx, const char *driver, const char *module)
{
	char *dir = ctx_driver_dir(ctx, driver);
	int rc;

	if (!dir)
		return -ENOMEM;
	if (access(dir, F_OK) == 0) {
		free(dir);
		return 0;
	}
	if (sysfs_root_is_captured(ctx->sysfs)) {
		free(dir);
		return -ENOENT;
	}
	rc = kmod_probe(module);
	if (rc == 0 && access(dir, F_OK) < 0)
		rc = -errno;
	if (rc < 0)
		err(ctx, "driver %s is not loaded and module %s could not be loaded: %s; "
		    "check that the kernel has CONFIG_%s\n", driver, module, strerror(-rc),
		    strcmp(driver, "kmem") == 0 ? "DEV_DAX_KMEM" : "DEV_DAX");
	free(dir);
	return rc;
}

int ctx_driver_available(struct daxctl_ctx *ctx, const char *driver)
{
	return driver_available(ctx, driver,
			       strcmp(driver, "kmem") == 0 ? "kmem" : "device_dax");
}

/* After bind/unbind only the driver link changes: one readlink, not a reload. */
static int dev_refresh_driver(struct daxctl_dev *dev)
{
	char buf[64];
	int rc = sysfs_link_name(dev->path, "driver", buf, sizeof(buf));

	free(dev->driver);
	dev->driver = NULL;
	memory_free(dev->memory);
	dev->memory = NULL;
	dev->memory_loaded = false;
	dev->memory_err = 0;
	if (rc == -ENOENT)
		return 0;
	if (rc < 0)
		return rc;
	dev->driver = strdup(buf);
	return dev->driver ? 0 : -ENOMEM;
}

/* Unbind from the current driver; the name leaves that driver's id table too. */
static int dev_unbind(struct daxctl_dev *dev)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	char *dir;
	int rc;

	if (!dev->driver)
		return 0;
	dir = ctx_driver_dir(ctx, dev->driver);
	if (!dir)
		return -ENOMEM;
	/* no-op when absent; keeps the old driver from taking the device back */
	sysfs_write(dir, "remove_id", dev->devname);
	rc = sysfs_write(dir, "unbind", dev->devname);
	if (rc < 0)
		err(ctx, "%s: unbinding from %s: %s\n", dev->devname, dev->driver,
		    strerror(-rc));
	free(dir);
	if (rc == 0)
		rc = dev_refresh_driver(dev);
	if (rc == 0 && dev->driver) {
		err(ctx, "%s: still bound to %s after unbind\n", dev->devname, dev->driver);
		rc = -EBUSY;
	}
	return rc;
}

static int dev_bind(struct daxctl_dev *dev, const char *driver)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	bool bound;
	char *dir;
	int rc;

	rc = ctx_driver_available(ctx, driver);
	if (rc < 0)
		return rc;
	dir = ctx_driver_dir(ctx, driver);
	if (!dir)
		return -ENOMEM;
	rc = sysfs_write(dir, "bind", dev->devname);
	bound = rc == 0;
	if (rc == -ENODEV)
		rc = sysfs_write(dir, "new_id", dev->devname);
	free(dir);
	if (rc < 0) {
		err(ctx, "%s: binding to %s: %s%s\n", dev->devname, driver, strerror(-rc),
		    rc == -ENXIO || rc == -EINVAL ? " (the driver refused it; see the kernel log)"
						  : "");
		return rc;
	}
	rc = dev_refresh_driver(dev);
	if (rc < 0)
		return rc;
	if (dev->driver && strcmp(dev->driver, driver) == 0)
		return 0;
	/*
	 * A successful write to bind means the probe succeeded (new_id reports
	 * nothing): another agent changed the device right after, e.g. ndctld
	 * applying its policy to the device the moment device_dax took it.
	 */
	if (bound) {
		info(ctx, "%s: bound to %s, then changed by another agent (now %s)\n",
		     dev->devname, driver, dev->driver ? dev->driver : "unbound");
		return 0;
	}
	err(ctx, "%s: %s did not take the device (its probe failed; see the kernel log)\n",
	    dev->devname, driver);
	return -ENXIO;
}

DAXCTL_EXPORT int daxctl_dev_disable(struct daxctl_dev *dev)
{
	struct daxctl_ctx *ctx = dev->region->ctx;

	if (sysfs_root_is_captured(ctx->sysfs))
		return -EROFS;
	if (daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM) {
		struct daxctl_memory *mem = daxctl_dev_get_memory(dev);

		/* kmem would keep online memory for good (until reboot) */
		if (!mem)
			return -errno;
		if (mem->nr_online) {
			err(ctx, "%s: %d memory blocks are online; offline them first "
			    "(daxctl offline-memory %s)\n", dev->devname, mem->nr_online,
			    dev->devname);
			return -EBUSY;
		}
	}
	return dev_unbind(dev);
}

/* Bind to driver, leaving the current one first. */
int dev_switch_driver(struct daxctl_dev *dev, const char *driver)
{
	int rc;

	if (sysfs_root_is_captured(dev->region->ctx->sysfs))
		return -EROFS;
	if (dev->driver && strcmp(dev->driver, driver) == 0)
		return 0;
	if (dev->size == 0) {
		err(dev->region->ctx, "%s: size 0: give it a size first\n", dev->devname);
		return -ENXIO;
	}
	rc = dev_unbind(dev);
	if (rc < 0)
		return rc;
	return dev_bind(dev, driver);
}

DAXCTL_EXPORT int daxctl_dev_enable_devdax(struct daxctl_dev *dev)
{
	return dev_switch_driver(dev, "device_dax");
}
