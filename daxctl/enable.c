// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxctl enable-device / disable-device: bind devices to device_dax
 * (devdax mode), or unbind them from their driver.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "daxctl/builtin.h"
#include "daxctl/devcmd.h"

static int parse(int argc, char **argv, struct devcmd *c, bool disable)
{
	static const struct option longopts[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":r:vh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			c->region = optarg;
			break;
		case 'v':
			c->verbose = true;
			break;
		case 'h':
			printf("usage: daxctl %s-device <device> [<device>...] [<options>]\n\n"
			       "%s\n\n" DEVCMD_USAGE_COMMON,
			       disable ? "disable" : "enable",
			       disable ? "Unbind dax devices from their driver (device_dax or "
					 "kmem; system-ram devices need their memory offline)."
				       : "Bind dax devices to device_dax (devdax mode).");
			return 1;
		case ':':
			cmd_err(c->env, "option '%s' needs an argument", argv[optind - 1]);
			return -1;
		default:
			cmd_err(c->env, "unknown option '%s'; see 'daxctl %s --help'",
				argv[optind - 1], c->env->cmd);
			return -1;
		}
	}
	return 0;
}

static int run(int argc, char **argv, const struct cmd_env *env, bool disable)
{
	struct devcmd c = { .env = env };
	struct daxctl_dev **devs;
	int rc;

	c.env = env;
	rc = parse(argc, argv, &c, disable);
	if (rc)
		return rc < 0 ? 1 : 0;
	if (devcmd_init(&c, env) < 0)
		return 1;
	rc = devcmd_select(&c, argc - optind, argv + optind, &devs);
	if (rc < 0) {
		devcmd_fini(&c);
		return 1;
	}
	for (size_t i = 0; devs[i]; i++) {
		struct daxctl_dev *dev = devs[i];
		const char *asked = disable ? "disable" : "enable";
		char before[160];
		int pid;

		devcmd_clear(&c);
		devcmd_state(dev, before, sizeof(before));
		if (disable ? !daxctl_dev_is_enabled(dev) : daxctl_dev_is_enabled(dev)) {
			devcmd_done(&c, dev, asked, before);	/* nothing to do */
			continue;
		}
		if (disable && daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_DEVDAX &&
		    daxctl_dev_get_user(dev, &pid)) {
			char why[128];

			snprintf(why, sizeof(why), "in use by process %d (open or mapped); "
				 "stop it first", pid);
			devcmd_fail(&c, dev, asked, why, -EBUSY);
			continue;
		}
		rc = disable ? daxctl_dev_disable(dev) : daxctl_dev_enable_devdax(dev);
		if (rc < 0)
			devcmd_fail(&c, dev, asked, NULL, rc);
		else
			devcmd_done(&c, dev, asked, before);
	}
	free(devs);
	rc = devcmd_summary(&c, disable ? "disabled" : "enabled");
	devcmd_fini(&c);
	return rc;
}

int cmd_enable_device(int argc, char **argv, const struct cmd_env *env)
{
	return run(argc, argv, env, false);
}

int cmd_disable_device(int argc, char **argv, const struct cmd_env *env)
{
	return run(argc, argv, env, true);
}
