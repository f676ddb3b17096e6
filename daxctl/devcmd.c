// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shared plumbing of the device-changing daxctl commands: see devcmd.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "daxctl/devcmd.h"
#include "daxctl/json.h"
#include "util/parse.h"

static void log_capture(struct daxctl_ctx *ctx, int priority, const char *file, int line,
			const char *fn, const char *format, va_list args)
{
	struct devcmd *c = daxctl_get_userdata(ctx);
	va_list copy;
	size_t len;

	va_copy(copy, args);
	if (priority <= LOG_ERR) {
		vsnprintf(c->lastmsg, sizeof(c->lastmsg), format, copy);
		len = strlen(c->lastmsg);
		if (len && c->lastmsg[len - 1] == '\n')
			c->lastmsg[len - 1] = '\0';
	}
	va_end(copy);
	if (c->verbose) {
		fprintf(stderr, "%s %s: %s: ", c->env->prog, c->env->cmd, fn);
		vfprintf(stderr, format, args);
	}
}

static void progress(struct daxctl_ctx *ctx, const char *what, unsigned int done,
		     unsigned int total)
{
	struct devcmd *c = daxctl_get_userdata(ctx);

	/* only on a terminal, only when it takes a while */
	if (total < 8 || !isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\r%s: %s memory block %u/%u", c->cur ? c->cur : "", what, done, total);
	c->progress_shown = true;
	if (done == total) {
		fputs("\r\033[K", stderr);
		c->progress_shown = false;
	}
}

int devcmd_init(struct devcmd *c, const struct cmd_env *env)
{
	int rc;

	c->env = env;
	rc = daxctl_new(&c->ctx);
	if (rc < 0) {
		cmd_err(env, "cannot create the library context: %s", strerror(-rc));
		return rc;
	}
	daxctl_set_userdata(c->ctx, c);
	daxctl_set_log_fn(c->ctx, log_capture);
	if (c->verbose)
		daxctl_set_log_priority(c->ctx, LOG_DEBUG);
	daxctl_set_progress_fn(c->ctx, progress);
	return 0;
}

void devcmd_fini(struct devcmd *c)
{
	daxctl_unref(c->ctx);
}

void devcmd_clear(struct devcmd *c)
{
	c->lastmsg[0] = '\0';
}

bool devcmd_valid_region_ident(const char *s)
{
	uint64_t v;

	if (strcmp(s, "all") == 0)
		return true;
	if (strncmp(s, "region", 6) == 0)
		s += 6;
	return *s >= '0' && *s <= '9' && !strchr(s, 'x') && parse_u64(s, &v) == 0 &&
	       v <= 0x7fffffff;
}

bool devcmd_region_match(struct devcmd *c, struct daxctl_region *region)
{
	return daxctl_region_filter(region, c->region);
}

struct daxctl_region *devcmd_region(struct devcmd *c)
{
	struct daxctl_region *region, *found = NULL;
	int n = 0;

	daxctl_region_foreach(c->ctx, region) {
		/* without -r: the one region with free capacity */
		if (c->region ? !devcmd_region_match(c, region)
			      : !daxctl_region_get_available_size(region))
			continue;
		found = region;
		n++;
	}
	if (c->region && !found)
		cmd_err(c->env, "region '%s' not found; see 'daxctl list -R'", c->region);
	else if (!c->region && n != 1)
		cmd_err(c->env, n ? "%d dax regions have free capacity: choose one with -r "
			"(see 'daxctl list -R')" : "no dax region has free capacity "
			"(see 'daxctl list -R'); nothing was changed", n);
	else
		return found;
	return NULL;
}

static bool add_dev(struct daxctl_dev ***devs, size_t *n, struct daxctl_dev *dev)
{
	struct daxctl_dev **tmp;

	for (size_t i = 0; i < *n; i++)
		if ((*devs)[i] == dev)
			return true;
	tmp = realloc(*devs, (*n + 2) * sizeof(*tmp));
	if (!tmp)
		return false;
	tmp[(*n)++] = dev;
	tmp[*n] = NULL;
	*devs = tmp;
	return true;
}

static bool all_wants(struct devcmd *c, struct daxctl_dev *dev)
{
	switch (c->all_kind) {
	case DEVCMD_ALL_RAM:
		return daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM;
	case DEVCMD_ALL_DYNAMIC:
		/* every device of dynamic regions: empty leftovers get deleted too */
		return daxctl_region_has_available_size(daxctl_dev_get_region(dev)) &&
		       (daxctl_dev_get_size(dev) || daxctl_dev_get_id(dev) != 0);
	default:
		return daxctl_dev_get_size(dev) != 0;
	}
}

int devcmd_select(struct devcmd *c, int argc, char **argv, struct daxctl_dev ***ret)
{
	struct daxctl_dev **devs = NULL;
	size_t n = 0;

	if (c->region && !devcmd_valid_region_ident(c->region)) {
		cmd_err(c->env, "--region '%s': expected a region id (0), regionN or all",
			c->region);
		return -EINVAL;
	}
	if (argc == 0) {
		cmd_err(c->env, "no device given: name one or more (dax0.1, 0.1) or 'all'");
		return -EINVAL;
	}
	for (int i = 0; i < argc; i++) {
		struct daxctl_region *region;
		struct daxctl_dev *dev;

		if (strcmp(argv[i], "all") != 0) {
			/* a name: load just that device */
			dev = daxctl_dev_lookup(c->ctx, argv[i]);
			if (dev && devcmd_region_match(c, daxctl_dev_get_region(dev))) {
				if (!add_dev(&devs, &n, dev)) {
					free(devs);
					return -ENOMEM;
				}
				continue;
			}
			cmd_err(c->env, "%s: no such dax device%s%s; see 'daxctl list -D -i'; "
				"nothing was changed", argv[i], c->region ? " in region " : "",
				c->region ? c->region : "");
			free(devs);
			return -ENODEV;
		}
		daxctl_region_foreach(c->ctx, region) {
			if (!devcmd_region_match(c, region))
				continue;
			daxctl_dev_foreach(region, dev) {
				if (!all_wants(c, dev))
					continue;
				if (!add_dev(&devs, &n, dev)) {
					free(devs);
					return -ENOMEM;
				}
			}
		}
	}
	if (!devs) {
		devs = calloc(1, sizeof(*devs));
		if (!devs)
			return -ENOMEM;
	}
	*ret = devs;
	return 0;
}

static const char *human(unsigned long long v, char *buf, size_t size)
{
	if (v && v % (1ULL << 30) == 0)
		snprintf(buf, size, "%llu GiB", v >> 30);
	else if (v && v % (1ULL << 20) == 0)
		snprintf(buf, size, "%llu MiB", v >> 20);
	else
		snprintf(buf, size, "%llu bytes", v);
	return buf;
}

void devcmd_state(struct daxctl_dev *dev, char *buf, size_t size)
{
	char sz[32];
	int len;

	if (daxctl_dev_is_deleted(dev)) {
		snprintf(buf, size, "deleted");
		return;
	}
	human(daxctl_dev_get_size(dev), sz, sizeof(sz));
	if (daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM) {
		struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
		struct daxctl_memory_block *b;
		char zones[64] = "";

		len = snprintf(buf, size, "system-ram %s", sz);
		if (!mem || len < 0 || (size_t)len >= size)
			return;
		daxctl_memory_block_foreach(mem, b) {
			const char *z = daxctl_memory_block_get_zone(b);

			if (z && !strstr(zones, z) && strlen(zones) + strlen(z) + 2 < sizeof(zones)) {
				if (*zones)
					strcat(zones, ",");
				strcat(zones, z);
			}
		}
		snprintf(buf + len, size - (size_t)len, ", %d/%d blocks online%s%s%s",
			 daxctl_memory_num_online(mem), daxctl_memory_num_sections(mem),
			 *zones ? " (" : "", zones, *zones ? ")" : "");
		return;
	}
	snprintf(buf, size, "%s %s", daxctl_dev_is_enabled(dev) ? "devdax" : "disabled", sz);
}

void devcmd_done(struct devcmd *c, struct daxctl_dev *dev, const char *asked,
		 const char *before)
{
	char after[160];

	devcmd_state(dev, after, sizeof(after));
	fprintf(stderr, "%s: %s: %s -> %s\n", daxctl_dev_get_devname(dev), asked, before, after);
	c->ok++;
}

void devcmd_fail(struct devcmd *c, struct daxctl_dev *dev, const char *asked,
		 const char *why, int rc)
{
	char after[160];

	if (c->progress_shown) {
		fputs("\r\033[K", stderr);
		c->progress_shown = false;
	}
	devcmd_state(dev, after, sizeof(after));
	if ((!why || !*why) && rc == -EROFS)
		why = "the sysfs tree is a captured copy (--sysfs-root or NDCTL_SYSFS_ROOT): "
		      "nothing can be changed there";
	if (!why || !*why) {
		const char *name = daxctl_dev_get_devname(dev);
		size_t nlen = strlen(name);

		why = c->lastmsg[0] ? c->lastmsg : strerror(rc < 0 ? -rc : rc);
		/* library messages start with the device name: say it once */
		if (strncmp(why, name, nlen) == 0 && why[nlen] == ':' && why[nlen + 1] == ' ')
			why += nlen + 2;
	}
	cmd_err(c->env, "%s: %s failed: %s; now %s", daxctl_dev_get_devname(dev), asked, why,
		after);
	c->failed++;
}

int devcmd_summary(struct devcmd *c, const char *verb)
{
	fprintf(stderr, "%s %d device%s\n", verb, c->ok, c->ok == 1 ? "" : "s");
	return c->failed ? 1 : 0;
}
