// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxctl reconfigure-device: change a device's mode (devdax <-> system-ram
 * through kmem), size, alignment and memmap placement. System-ram: the
 * memory ends online in the zone asked (movable unless --no-movable; offline
 * with --no-online), verified block by block; when that cannot be reached
 * the device goes back to devdax. Devdax from system-ram: the memory is
 * offlined all or nothing (needs --force when online). -C/--check-config
 * hands the devices to the configured policy instead (reconfigure-config.c).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "daxctl/builtin.h"
#include "daxctl/devcmd.h"
#include "daxctl/json.h"
#include "daxctl/memfail.h"
#include "daxctl/reconfigure.h"
#include "util/parse.h"

/* bytes of struct page per base page (x86-64, arm64, ...) */
#define STRUCT_PAGE_SIZE 64
#define PAGE_SIZE_4K 4096

enum { OPT_CONFIG_DIR = 1000 };

struct reconf_opts {
	const char *mode, *config_dir;
	bool check_config;
	uint64_t size, align;
	bool has_size, no_online, force, human, zone_given;
	enum daxctl_zone zone;
	int memmap;	/* -1: leave, 0/1: set */
};

void reconfigure_add_memmap_json(struct json_object *jdev, struct daxctl_dev *dev)
{
	struct daxctl_memory *mem;
	unsigned long long cost;
	int on;

	if (daxctl_dev_get_mode(dev) != DAXCTL_DEV_MODE_RAM)
		return;
	mem = daxctl_dev_get_memory(dev);
	if (!mem)
		return;
	on = daxctl_dev_get_memmap_on_memory(dev);
	cost = (unsigned long long)daxctl_memory_num_sections(mem) *
	       (daxctl_memory_get_block_size(mem) / PAGE_SIZE_4K) * STRUCT_PAGE_SIZE;
	json_object_object_add(jdev, "memmap", json_object_new_string(on == 1 ? "device" : "dram"));
	json_object_object_add(jdev, "memmap_dram_bytes", json_object_new_uint64(on == 1 ? 0 : cost));
	if (on == 1)
		json_object_object_add(jdev, "memmap_device_bytes", json_object_new_uint64(cost));
}

static int resize(struct devcmd *c, struct daxctl_dev *dev, const struct reconf_opts *o)
{
	struct daxctl_region *region = daxctl_dev_get_region(dev);
	uint64_t cur = daxctl_dev_get_size(dev), avail, unit;
	uint64_t align = o->align ? o->align : daxctl_dev_get_align(dev);
	uint64_t ralign = daxctl_region_get_align(region);
	int rc;

	if (!daxctl_region_has_available_size(region)) {
		snprintf(c->lastmsg, sizeof(c->lastmsg), "its region is static: size and align "
			 "follow the namespace (change it with ndctl)");
		return -EOPNOTSUPP;
	}
	if (daxctl_dev_is_enabled(dev)) {
		snprintf(c->lastmsg, sizeof(c->lastmsg), "the device is enabled; disable it "
			 "first (daxctl disable-device %s)", daxctl_dev_get_devname(dev));
		return -EBUSY;
	}
	unit = align > ralign ? align : ralign;
	if (!unit)
		unit = PAGE_SIZE_4K;
	avail = daxctl_region_get_available_size(region);
	if (o->has_size && o->size % unit) {
		snprintf(c->lastmsg, sizeof(c->lastmsg), "size %llu is not a multiple of the "
			 "alignment %llu; try %llu", (unsigned long long)o->size,
			 (unsigned long long)unit, (unsigned long long)(o->size / unit * unit));
		return -EINVAL;
	}
	if (o->has_size && o->size > cur && o->size - cur > avail) {
		snprintf(c->lastmsg, sizeof(c->lastmsg), "growing by %llu needs more than the "
			 "%llu bytes available in %s", (unsigned long long)(o->size - cur),
			 (unsigned long long)avail, daxctl_region_get_devname(region));
		return -ENOSPC;
	}
	if (o->align && cur % o->align) {
		snprintf(c->lastmsg, sizeof(c->lastmsg), "the current size %llu is not a multiple "
			 "of align %llu; give a matching --size too", (unsigned long long)cur,
			 (unsigned long long)o->align);
		if (!o->has_size)
			return -EINVAL;
	}
	if (o->align && o->align != daxctl_dev_get_align(dev)) {
		/* shrink first when the old ranges do not fit the new alignment */
		if (o->has_size && cur % o->align && (rc = daxctl_dev_set_size(dev, 0)) < 0)
			return rc;
		rc = daxctl_dev_set_align(dev, o->align);
		if (rc < 0)
			return rc;
	}
	if (o->has_size && o->size != daxctl_dev_get_size(dev))
		return daxctl_dev_set_size(dev, o->size);
	return 0;
}

static int reconfigure_one(struct devcmd *c, struct daxctl_dev *dev,
			   const struct reconf_opts *o, struct json_object **jdevs)
{
	char before[160], asked[128], why[700];
	int rc = 0;

	devcmd_clear(c);
	c->cur = daxctl_dev_get_devname(dev);
	devcmd_state(dev, before, sizeof(before));
	snprintf(asked, sizeof(asked), "reconfigure%s%s%s%s%s", o->mode ? " to " : "",
		 o->mode ? o->mode : "", o->has_size ? " (size)" : "", o->align ? " (align)" : "",
		 o->memmap >= 0 ? " (memmap)" : "");

	if (o->has_size || o->align) {
		rc = resize(c, dev, o);
		if (rc < 0)
			goto fail;
	}
	if (o->memmap >= 0 && o->memmap != daxctl_dev_get_memmap_on_memory(dev)) {
		if (daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM) {
			snprintf(c->lastmsg, sizeof(c->lastmsg), "the memmap placement cannot "
				 "change while the device is system-ram; reconfigure it to devdax "
				 "first");
			rc = -EBUSY;
			goto fail;
		}
		rc = daxctl_dev_set_memmap_on_memory(dev, o->memmap);
		if (rc == -EOPNOTSUPP && o->memmap)
			snprintf(c->lastmsg, sizeof(c->lastmsg), "the kernel cannot put the memmap "
				 "on hot-added memory: boot with memory_hotplug.memmap_on_memory=1 "
				 "(kernel 6.8 or later)");
		if (rc < 0)
			goto fail;
	}
	if (o->mode && strcmp(o->mode, "system-ram") == 0) {
		if (daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM) {
			struct daxctl_memory *mem = daxctl_dev_get_memory(dev);

			if (!mem) {
				rc = -errno;
				goto fail;
			}
			if (!o->no_online) {
				rc = daxctl_memory_online_zone(mem, o->zone, o->zone_given);
			} else if (daxctl_memory_num_online(mem)) {
				snprintf(c->lastmsg, sizeof(c->lastmsg), "already system-ram with "
					 "%d blocks online; --no-online does not offline them "
					 "(daxctl offline-memory %s does)",
					 daxctl_memory_num_online(mem), daxctl_dev_get_devname(dev));
				rc = -EBUSY;
			}
			if (rc < 0)
				goto fail;
		} else {
			rc = daxctl_dev_enable_ram(dev, !o->no_online, o->zone);
			if (rc < 0) {
				/* all or nothing: back to devdax when kmem took it */
				if (daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM) {
					char saved[512];

					memcpy(saved, c->lastmsg, sizeof(saved));
					if (daxctl_dev_disable_ram(dev, true, "device_dax") == 0)
						snprintf(c->lastmsg, sizeof(c->lastmsg),
							 "%.400s; the device went back to devdax",
							 saved);
					else
						memcpy(c->lastmsg, saved, sizeof(saved));
				}
				goto fail;
			}
		}
	} else if (o->mode) {
		if (daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM) {
			rc = daxctl_dev_disable_ram(dev, o->force, "device_dax");
			if (rc < 0) {
				memfail_offline_why(dev, why, sizeof(why));
				if (why[0])
					snprintf(c->lastmsg, sizeof(c->lastmsg), "%.500s", why);
				goto fail;
			}
		} else if (!daxctl_dev_is_enabled(dev)) {
			rc = daxctl_dev_enable_devdax(dev);
			if (rc < 0)
				goto fail;
		}
	}
	devcmd_done(c, dev, asked, before);
	if (!*jdevs)
		*jdevs = json_object_new_array();
	if (*jdevs) {
		struct json_object *jdev = daxctl_dev_to_json(dev, o->human ? DAXCTL_JSON_HUMAN : 0);

		if (jdev) {
			reconfigure_add_memmap_json(jdev, dev);
			json_object_array_add(*jdevs, jdev);
		}
	}
	return 0;
fail:
	devcmd_fail(c, dev, asked, NULL, rc);
	return rc;
}

int cmd_reconfigure_device(int argc, char **argv, const struct cmd_env *env)
{
	static const struct option longopts[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "mode", required_argument, NULL, 'm' },
		{ "size", required_argument, NULL, 's' },
		{ "align", required_argument, NULL, 'a' },
		{ "no-online", no_argument, NULL, 'N' },
		{ "no-movable", no_argument, NULL, 'M' },
		{ "movable", no_argument, NULL, 'V' },
		{ "memmap-on-memory", no_argument, NULL, 'O' },
		{ "no-memmap-on-memory", no_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "human", no_argument, NULL, 'u' },
		{ "check-config", no_argument, NULL, 'C' },
		{ "config-dir", required_argument, NULL, OPT_CONFIG_DIR },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct reconf_opts o = { .memmap = -1, .zone = DAXCTL_ZONE_MOVABLE };
	struct devcmd c = { .env = env };
	struct json_object *jdevs = NULL;
	struct daxctl_dev **devs;
	int ch, rc;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":r:m:s:a:NfuCvh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			c.region = optarg;
			break;
		case 'm':
			o.mode = optarg;
			break;
		case 's':
			if (parse_size(optarg, &o.size) < 0) {
				cmd_err(env, "--size '%s': not a size (e.g. 256M, 1G)", optarg);
				return 1;
			}
			o.has_size = true;
			break;
		case 'a':
			if (parse_size(optarg, &o.align) < 0 ||
			    (o.align != 4096 && o.align != (2ULL << 20) && o.align != (1ULL << 30))) {
				cmd_err(env, "--align '%s': unsupported alignment; use 4K, 2M or 1G",
					optarg);
				return 1;
			}
			break;
		case 'N':
			o.no_online = true;
			break;
		case 'M':
		case 'V':
			o.zone = ch == 'M' ? DAXCTL_ZONE_NORMAL : DAXCTL_ZONE_MOVABLE;
			o.zone_given = true;
			break;
		case 'O':
		case 'o':
			o.memmap = ch == 'O';
			break;
		case 'f':
			o.force = true;
			break;
		case 'u':
			o.human = true;
			break;
		case 'C':
			o.check_config = true;
			break;
		case OPT_CONFIG_DIR:
			o.config_dir = optarg;
			break;
		case 'v':
			c.verbose = true;
			break;
		case 'h':
			printf("usage: daxctl reconfigure-device <device> [<device>...] [<options>]\n\n"
			       "Change the mode, size or alignment of dax devices.\n\n"
			       "    -m, --mode <mode>         devdax or system-ram\n"
			       "    -s, --size <size>         new size (disabled devices)\n"
			       "    -a, --align <align>       new alignment: 4K, 2M or 1G\n"
			       "    -N, --no-online           system-ram: leave the memory offline\n"
			       "        --no-movable          system-ram: online into ZONE_NORMAL\n"
			       "        --movable             system-ram: online into ZONE_MOVABLE "
			       "(default)\n"
			       "        --memmap-on-memory    system-ram: put the memmap on the new "
			       "memory (no DRAM cost)\n"
			       "        --no-memmap-on-memory system-ram: memmap in DRAM\n"
			       "    -f, --force               devdax: offline online memory first\n"
			       "    -u, --human               human friendly numbers in the JSON\n"
			       "    -C, --check-config        apply the configured policy "
			       "(daxctl.conf.d) instead\n"
			       "        --config-dir <dir>    -C: configuration directory (default "
			       SYSCONFDIR "/daxctl.conf.d)\n"
			       DEVCMD_USAGE_COMMON);
			return 0;
		case ':':
			cmd_err(env, "option '%s' needs an argument", argv[optind - 1]);
			return 1;
		default:
			cmd_err(env, "unknown option '%s'; see 'daxctl reconfigure-device --help'",
				argv[optind - 1]);
			return 1;
		}
	}
	if (o.config_dir && !o.check_config) {
		cmd_err(env, "--config-dir goes with -C/--check-config");
		return 1;
	}
	if (o.check_config) {
		if (o.mode || o.has_size || o.align || o.memmap >= 0 || o.no_online ||
		    o.zone_given || o.force) {
			cmd_err(env, "-C takes the changes from the configuration: leave out "
				"--mode, --size, --align, --no-online, --movable, --no-movable, "
				"--memmap-on-memory and --force");
			return 1;
		}
		if (optind >= argc) {
			cmd_err(env, "-C needs the device(s) to configure, e.g. 'daxctl "
				"reconfigure-device -C dax0.0'");
			return 1;
		}
		c.env = env;
		return reconfigure_check_config(&c, argc - optind, argv + optind, o.config_dir,
						o.human ? DAXCTL_JSON_HUMAN : 0);
	}
	if (o.mode && strcmp(o.mode, "devdax") != 0 && strcmp(o.mode, "system-ram") != 0) {
		cmd_err(env, "--mode '%s': expected devdax or system-ram", o.mode);
		return 1;
	}
	if (!o.mode && !o.has_size && !o.align && o.memmap < 0) {
		cmd_err(env, "nothing to do: give --mode, --size, --align or --memmap-on-memory");
		return 1;
	}
	if ((o.no_online || o.zone_given) && (!o.mode || strcmp(o.mode, "system-ram") != 0)) {
		cmd_err(env, "--no-online, --movable and --no-movable go with -m system-ram");
		return 1;
	}
	if (o.no_online && o.zone_given) {
		cmd_err(env, "--no-online leaves memory offline: a zone makes no sense with it");
		return 1;
	}
	if (devcmd_init(&c, env) < 0)
		return 1;
	rc = devcmd_select(&c, argc - optind, argv + optind, &devs);
	if (rc < 0) {
		devcmd_fini(&c);
		return 1;
	}
	for (size_t i = 0; devs[i]; i++)
		reconfigure_one(&c, devs[i], &o, &jdevs);
	free(devs);
	daxctl_json_print_list(stdout, jdevs, o.human ? DAXCTL_JSON_HUMAN : 0);
	fflush(stdout);
	rc = devcmd_summary(&c, "reconfigured");
	devcmd_fini(&c);
	return rc;
}
