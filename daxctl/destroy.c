// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxctl destroy-device: give a device's capacity back to its region
 * (size 0) and delete it. Enabled devices need --force (which disables
 * them first; a system-ram device has its memory offlined, all or nothing).
 * Device 0 of a region cannot be deleted (the kernel keeps it): it is
 * shrunk to size 0 and reported as kept.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "daxctl/builtin.h"
#include "daxctl/devcmd.h"

static int destroy_one(struct devcmd *c, struct daxctl_dev *dev, bool force)
{
	struct daxctl_region *region = daxctl_dev_get_region(dev);
	const char *asked = force ? "destroy (forced)" : "destroy";
	char before[160], why[200];
	int rc, pid;

	devcmd_clear(c);
	devcmd_state(dev, before, sizeof(before));
	if (!daxctl_region_has_available_size(region)) {
		devcmd_fail(c, dev, asked, "its region is static (the device spans it); "
			    "reconfigure the namespace with ndctl instead", -EOPNOTSUPP);
		return -EOPNOTSUPP;
	}
	if (daxctl_dev_is_enabled(dev)) {
		if (!force) {
			devcmd_fail(c, dev, asked, "the device is enabled; disable it first "
				    "(daxctl disable-device) or use --force", -EBUSY);
			return -EBUSY;
		}
		if (daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_DEVDAX &&
		    daxctl_dev_get_user(dev, &pid)) {
			snprintf(why, sizeof(why), "in use by process %d (open or mapped); "
				 "stop it first", pid);
			devcmd_fail(c, dev, asked, why, -EBUSY);
			return -EBUSY;
		}
		if (daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM)
			rc = daxctl_dev_disable_ram(dev, true, NULL);
		else
			rc = daxctl_dev_disable(dev);
		if (rc < 0) {
			devcmd_fail(c, dev, asked, NULL, rc);
			return rc;
		}
	}
	if (daxctl_dev_get_size(dev)) {
		rc = daxctl_dev_set_size(dev, 0);
		if (rc < 0) {
			devcmd_fail(c, dev, asked, NULL, rc);
			return rc;
		}
	}
	if (daxctl_dev_get_id(dev) == 0) {
		fprintf(stderr, "%s: %s: %s -> size 0, kept (the kernel keeps device 0 of "
			"every region)\n", daxctl_dev_get_devname(dev), asked, before);
		c->ok++;
		return 0;
	}
	rc = daxctl_region_destroy_dev(region, dev);
	if (rc < 0) {
		devcmd_fail(c, dev, asked, NULL, rc);
		return rc;
	}
	devcmd_done(c, dev, asked, before);
	return 0;
}

int cmd_destroy_device(int argc, char **argv, const struct cmd_env *env)
{
	static const struct option longopts[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "force", no_argument, NULL, 'f' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct devcmd c = { .env = env };
	struct daxctl_dev **devs;
	bool force = false;
	int ch, rc;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":r:fvh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			c.region = optarg;
			break;
		case 'f':
			force = true;
			break;
		case 'v':
			c.verbose = true;
			break;
		case 'h':
			printf("usage: daxctl destroy-device <device> [<device>...] [<options>]\n\n"
			       "Give dax devices' capacity back to their region and delete them.\n\n"
			       "    -f, --force               disable enabled devices first\n"
			       DEVCMD_USAGE_COMMON);
			return 0;
		case ':':
			cmd_err(env, "option '%s' needs an argument", argv[optind - 1]);
			return 1;
		default:
			cmd_err(env, "unknown option '%s'; see 'daxctl destroy-device --help'",
				argv[optind - 1]);
			return 1;
		}
	}
	c.all_kind = DEVCMD_ALL_DYNAMIC;
	if (devcmd_init(&c, env) < 0)
		return 1;
	rc = devcmd_select(&c, argc - optind, argv + optind, &devs);
	if (rc < 0) {
		devcmd_fini(&c);
		return 1;
	}
	for (size_t i = 0; devs[i]; i++)
		destroy_one(&c, devs[i], force);
	free(devs);
	rc = devcmd_summary(&c, "destroyed");
	devcmd_fini(&c);
	return rc;
}
