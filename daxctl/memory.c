// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxctl online-memory / offline-memory: the memory blocks of system-ram
 * devices. Online goes into ZONE_MOVABLE unless --no-movable, and the zone
 * each block lands in is checked; offline is all or nothing.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "daxctl/builtin.h"
#include "daxctl/devcmd.h"
#include "daxctl/memfail.h"

static int run(int argc, char **argv, const struct cmd_env *env, bool offline)
{
	static const struct option longopts[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "no-movable", no_argument, NULL, 'M' },
		{ "movable", no_argument, NULL, 'm' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct devcmd c = { .env = env };
	enum daxctl_zone zone = DAXCTL_ZONE_MOVABLE;
	bool zone_given = false;
	struct daxctl_dev **devs;
	int ch, rc;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":r:vh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			c.region = optarg;
			break;
		case 'M':
		case 'm':
			if (offline) {
				cmd_err(env, "unknown option '%s'; see 'daxctl offline-memory --help'",
					argv[optind - 1]);
				return 1;
			}
			zone = ch == 'M' ? DAXCTL_ZONE_NORMAL : DAXCTL_ZONE_MOVABLE;
			zone_given = true;
			break;
		case 'v':
			c.verbose = true;
			break;
		case 'h':
			if (offline)
				printf("usage: daxctl offline-memory <device> [<device>...] [<options>]\n\n"
				       "Offline every memory block of system-ram devices (all or none).\n\n"
				       DEVCMD_USAGE_COMMON);
			else
				printf("usage: daxctl online-memory <device> [<device>...] [<options>]\n\n"
				       "Online the offline memory blocks of system-ram devices.\n\n"
				       "        --no-movable          online into ZONE_NORMAL (kernel "
				       "allocations allowed, may become unremovable)\n"
				       "        --movable             online into ZONE_MOVABLE (the default)\n"
				       DEVCMD_USAGE_COMMON);
			return 0;
		case ':':
			cmd_err(env, "option '%s' needs an argument", argv[optind - 1]);
			return 1;
		default:
			cmd_err(env, "unknown option '%s'; see 'daxctl %s --help'", argv[optind - 1],
				env->cmd);
			return 1;
		}
	}
	c.all_kind = DEVCMD_ALL_RAM;
	if (devcmd_init(&c, env) < 0)
		return 1;
	rc = devcmd_select(&c, argc - optind, argv + optind, &devs);
	if (rc < 0) {
		devcmd_fini(&c);
		return 1;
	}
	for (size_t i = 0; devs[i]; i++) {
		struct daxctl_dev *dev = devs[i];
		const char *asked = offline ? "offline memory" :
				    zone == DAXCTL_ZONE_MOVABLE ? "online memory (movable)" :
				    "online memory (normal)";
		struct daxctl_memory *mem;
		char before[160], why[600];

		devcmd_clear(&c);
		c.cur = daxctl_dev_get_devname(dev);
		devcmd_state(dev, before, sizeof(before));
		if (daxctl_dev_get_mode(dev) != DAXCTL_DEV_MODE_RAM) {
			devcmd_fail(&c, dev, asked, "not in system-ram mode (daxctl "
				    "reconfigure-device -m system-ram first)", -ENXIO);
			continue;
		}
		mem = daxctl_dev_get_memory(dev);
		if (!mem) {
			devcmd_fail(&c, dev, asked, NULL, -errno);
			continue;
		}
		if (offline) {
			rc = daxctl_memory_offline_all(mem);
			if (rc < 0) {
				memfail_offline_why(dev, why, sizeof(why));
				devcmd_fail(&c, dev, asked, why[0] ? why : NULL, rc);
				continue;
			}
		} else {
			rc = daxctl_memory_online_zone(mem, zone, zone_given);
			if (rc < 0) {
				devcmd_fail(&c, dev, asked, NULL, rc);
				continue;
			}
		}
		devcmd_done(&c, dev, asked, before);
	}
	free(devs);
	rc = devcmd_summary(&c, offline ? "offlined memory for" : "onlined memory for");
	devcmd_fini(&c);
	return rc;
}

int cmd_online_memory(int argc, char **argv, const struct cmd_env *env)
{
	return run(argc, argv, env, false);
}

int cmd_offline_memory(int argc, char **argv, const struct cmd_env *env)
{
	return run(argc, argv, env, true);
}
