// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Onlining and offlining the memory blocks of a system-ram device, with the
 * zone given explicitly (online_movable / online_kernel, never the kernel's
 * choice) and checked afterwards through valid_zones. Offlining is
 * all-or-nothing: when a block refuses, the blocks already offlined are
 * onlined again into the zone each was in, and the refusing blocks keep
 * their -errno (daxctl_memory_block_get_op_error) so callers can name them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

static const char *online_type(enum daxctl_zone zone)
{
	return zone == DAXCTL_ZONE_MOVABLE ? "online_movable" : "online_kernel";
}

static bool zone_matches(const char *zone, enum daxctl_zone want)
{
	if (!zone)
		return false;
	if (want == DAXCTL_ZONE_MOVABLE)
		return strcmp(zone, "Movable") == 0;
	return strcmp(zone, "Movable") != 0;
}

int memory_block_refresh(struct daxctl_memory_block *b)
{
	const char *memory_dir = b->mem->dev->region->ctx->memory_dir;
	char *dir = sysfs_join(memory_dir, b->name);
	int rc = 0;

	if (!dir)
		return -ENOMEM;
	free(b->state);
	free(b->valid_zones);
	free(b->zone);
	b->zone = NULL;
	b->valid_zones = NULL;
	b->state = sysfs_read_str(dir, "state", &rc);
	if (b->state)
		b->valid_zones = sysfs_read_str(dir, "valid_zones", &rc);
	free(dir);
	if (!b->state || !b->valid_zones)
		return rc;
	b->online = strcmp(b->state, "online") == 0;
	if (b->online && *b->valid_zones) {
		b->zone = strndup(b->valid_zones, strcspn(b->valid_zones, " \t"));
		if (!b->zone)
			return -ENOMEM;
	}
	return 0;
}

static void recount(struct daxctl_memory *mem)
{
	mem->nr_online = 0;
	for (size_t i = 0; i < mem->nr_blocks; i++)
		if (mem->blocks[i].online)
			mem->nr_online++;
}

static void progress(struct daxctl_memory *mem, const char *what, size_t done)
{
	struct daxctl_ctx *ctx = mem->dev->region->ctx;

	if (ctx->progress_fn)
		ctx->progress_fn(ctx, what, (unsigned int)done, (unsigned int)mem->nr_blocks);
}

/*
 * The state write completes synchronously: after a successful "offline" the
 * block is offline; after an online write only the zone is unknown, and
 * valid_zones (the zone of an online block) is read back to verify it.
 */
static int block_write(struct daxctl_memory_block *b, const char *val)
{
	const char *memory_dir = b->mem->dev->region->ctx->memory_dir;
	char *dir = sysfs_join(memory_dir, b->name);
	int rc;

	if (!dir)
		return -ENOMEM;
	rc = sysfs_write(dir, "state", val);
	b->op_err = rc;
	if (rc == 0) {
		bool online = strcmp(val, "offline") != 0;
		char *state = strdup(online ? "online" : "offline");

		free(b->state);
		free(b->valid_zones);
		free(b->zone);
		b->state = state;
		b->valid_zones = NULL;
		b->zone = NULL;
		b->online = online;
		if (!state)
			rc = -ENOMEM;
		else if (online)
			b->valid_zones = sysfs_read_str(dir, "valid_zones", &rc);
		if (b->valid_zones && *b->valid_zones) {
			b->zone = strndup(b->valid_zones, strcspn(b->valid_zones, " \t"));
			if (!b->zone)
				rc = -ENOMEM;
		}
	}
	free(dir);
	return rc;
}

/*
 * Online every offline block into zone. Blocks already online stay as they
 * are; with strict, one in another zone is an error (-EXDEV) naming it.
 */
DAXCTL_EXPORT int daxctl_memory_online_zone(struct daxctl_memory *mem, enum daxctl_zone zone,
					    bool strict)
{
	struct daxctl_ctx *ctx = mem->dev->region->ctx;
	int rc = 0, first = 0;

	if (sysfs_root_is_captured(ctx->sysfs))
		return -EROFS;
	for (size_t i = 0; i < mem->nr_blocks; i++) {
		struct daxctl_memory_block *b = &mem->blocks[i];
		bool was_online = b->online;

		b->op_err = 0;
		if (!was_online) {
			rc = block_write(b, online_type(zone));
			if (rc < 0) {
				err(ctx, "%s: %s <- %s: %s\n", mem->dev->devname, b->name,
				    online_type(zone), strerror(-rc));
				if (!first)
					first = rc;
				progress(mem, "onlining", i + 1);
				continue;
			}
		}
		/* valid_zones read back: the zone the block is really in */
		if (b->online && !zone_matches(b->zone, zone) && (strict || !was_online)) {
			b->op_err = -EXDEV;
			err(ctx, "%s: %s is online in %s, not %s%s\n", mem->dev->devname,
			    b->name, b->zone ? b->zone : "an unknown zone",
			    zone == DAXCTL_ZONE_MOVABLE ? "Movable" : "a kernel zone",
			    was_online ? " (it was online before; offline it to move it)" : "");
			if (!first)
				first = -EXDEV;
		}
		progress(mem, "onlining", i + 1);
	}
	recount(mem);
	return first;
}

/* Offline all blocks or none. */
DAXCTL_EXPORT int daxctl_memory_offline_all(struct daxctl_memory *mem)
{
	struct daxctl_ctx *ctx = mem->dev->region->ctx;
	char **zones;
	int first = 0;

	if (sysfs_root_is_captured(ctx->sysfs))
		return -EROFS;
	zones = calloc(mem->nr_blocks + 1, sizeof(*zones));
	if (!zones)
		return -ENOMEM;
	for (size_t i = 0; i < mem->nr_blocks; i++) {
		struct daxctl_memory_block *b = &mem->blocks[i];
		int rc;

		b->op_err = 0;
		if (!b->online)
			continue;
		zones[i] = strdup(b->zone ? b->zone : "Normal");
		if (!zones[i]) {
			first = -ENOMEM;
			break;
		}
		/* go on after a refusal: every unremovable block gets named */
		rc = block_write(b, "offline");
		if (rc < 0) {
			b->op_err = rc;
			if (!first)
				first = rc;
		}
		progress(mem, "offlining", i + 1);
	}
	if (first) {
		/* roll back: what was offlined goes back online, in its old zone */
		for (size_t i = 0; i < mem->nr_blocks; i++) {
			struct daxctl_memory_block *b = &mem->blocks[i];
			int saved = b->op_err, rc;

			if (!zones[i] || b->online)
				continue;
			rc = block_write(b, strcmp(zones[i], "Movable") == 0 ? "online_movable"
									 : "online_kernel");
			if (rc < 0)
				err(ctx, "%s: %s could not be onlined again into %s: %s\n",
				    mem->dev->devname, b->name, zones[i], strerror(-rc));
			b->op_err = saved;
		}
	}
	for (size_t i = 0; i < mem->nr_blocks; i++)
		free(zones[i]);
	free(zones);
	recount(mem);
	return first;
}

DAXCTL_EXPORT int daxctl_memory_block_get_op_error(struct daxctl_memory_block *block)
{
	return block->op_err;
}

DAXCTL_EXPORT void daxctl_set_progress_fn(struct daxctl_ctx *ctx,
	void (*fn)(struct daxctl_ctx *ctx, const char *what, unsigned int done,
		   unsigned int total))
{
	ctx->progress_fn = fn;
}
