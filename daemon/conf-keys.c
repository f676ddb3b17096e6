// SPDX-License-Identifier: GPL-2.0-only
/*
 * The key table of the configuration (which key is valid in which section
 * kind) and the value parsers that store a key's value into the section
 * model: booleans, sizes, UUIDs, enumerations, globs, address ranges, node
 * numbers, users, groups and octal permissions. Each bad value becomes one
 * diag naming the key, the value and what is accepted.
 */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "daemon/conf-private.h"
#include "util/parse.h"

/* larger than any physical address space (52 bits) */
#define CONF_SIZE_MAX (1ULL << 52)
/* MAX_NUMNODES is at most 1 << 10 on every architecture */
#define CONF_NODE_MAX 1023

static const char *const mode_dax[] = { "devdax", "system-ram" };
static const char *const mode_ns[] = { "fsdax", "devdax", "sector", "raw" };
static const char *const zones[] = { "movable", "normal" };
static const char *const region_kinds[] = { "hmem", "pmem" };
static const char *const maps[] = { "mem", "dev" };
static const unsigned int sector_sizes[] = { 512, 520, 528, 4096, 4104, 4160, 4224 };

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int bad_value(struct conf_ctx *c, const char *expected)
{
	if (!c->value[0])
		conf_diags_add(c->diags, c->file, c->line, true, "no value for %s (expected %s)",
			       c->key, expected);
	else
		conf_diags_add(c->diags, c->file, c->line, true,
			       "invalid value for %s: '%s' (expected %s)", c->key, c->value,
			       expected);
	return -EINVAL;
}

/* edit distance counting a swap of neighbours as one edit (optimal string alignment) */
size_t conf_levenshtein(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), d[65][65];

	if (la > 64 || lb > 64)		/* nothing that long is a near miss */
		return SIZE_MAX;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			int ca = tolower((unsigned char)a[i - 1]);
			int cb = tolower((unsigned char)b[j - 1]);
			size_t best = d[i - 1][j - 1] + (ca != cb);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

/* a near miss: at most 2 edits, and fewer than half of the word */
static bool near(const char *typed, const char *known)
{
	size_t d = conf_levenshtein(typed, known);

	return d <= 2 && 2 * d < strlen(known);
}

static int val_enum(struct conf_ctx *c, const char *const *names, size_t n, int *ret)
{
	char expected[160] = "";
	const char *hint = NULL;

	for (size_t i = 0; i < n; i++) {
		if (strcasecmp(c->value, names[i]) == 0) {
			*ret = i;
			return 0;
		}
	}
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(expected);

		snprintf(expected + len, sizeof(expected) - len, "%s%s",
			 i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
		if (!hint && c->value[0] && near(c->value, names[i]))
			hint = names[i];
	}
	if (hint) {
		size_t len = strlen(expected);

		snprintf(expected + len, sizeof(expected) - len, "; did you mean %s?", hint);
	}
	return bad_value(c, expected);
}

static int val_bool(struct conf_ctx *c, bool *ret)
{
	static const char *const t[] = { "true", "yes", "1" }, *const f[] = { "false", "no", "0" };

	for (size_t i = 0; i < N(t); i++) {
		if (strcasecmp(c->value, t[i]) == 0) {
			*ret = true;
			return 0;
		}
		if (strcasecmp(c->value, f[i]) == 0) {
			*ret = false;
			return 0;
		}
	}
	return bad_value(c, "true, false, yes, no, 1 or 0");
}

static int val_size(struct conf_ctx *c, uint64_t *ret)
{
	uint64_t v;

	if (parse_size(c->value, &v) < 0)
		return bad_value(c, "a size such as 2G, 512M or 0x80000000");
	if (v == 0)
		return bad_value(c, "a size above 0; leave the key out for the default");
	if (v > CONF_SIZE_MAX)
		return bad_value(c, "a size below 4P, the largest physical address space");
	*ret = v;
	return 0;
}

static int val_uuid(struct conf_ctx *c, uuid_t ret)
{
	if (uuid_parse(c->value, ret) < 0)
		return bad_value(c, "a UUID such as 9a2ca8bf-1c6f-4a1a-8f5a-2b2f3d4c5e6f");
	return 0;
}

/* a name or pattern: printable, no white space */
static int val_word(struct conf_ctx *c, const char *expected, size_t max, char **ret)
{
	size_t len = strlen(c->value);

	if (!len || len > max)
		return bad_value(c, expected);
	for (size_t i = 0; i < len; i++)
		if (!isgraph((unsigned char)c->value[i]))
			return bad_value(c, expected);
	free(*ret);
	*ret = strdup(c->value);
	return *ret ? 0 : -ENOMEM;
}

/* decimal digits only, at most max */
static int val_decimal(const char *s, uint64_t max, uint64_t *ret)
{
	uint64_t v;

	if (!s[0] || strspn(s, "0123456789") != strlen(s))
		return -EINVAL;
	if (parse_u64(s, &v) < 0 || v > max)
		return -ERANGE;
	*ret = v;
	return 0;
}

static struct conf_select *selector(struct conf_ctx *c)
{
	return c->sec->kind == CONF_INSTANCE ? &c->sec->inst.region : &c->sec->sel;
}

static int key_all(struct conf_ctx *c)
{
	bool all;
	int rc = val_bool(c, &all);

	if (rc < 0)
		return rc;
	if (all)
		c->sec->sel.set |= CONF_SEL_ALL;
	else
		conf_diags_add(c->diags, c->file, c->line, false,
			       "all = false has no effect: remove it (every selector narrows the match)");
	return 0;
}

static int key_nvdimm_uuid(struct conf_ctx *c)
{
	int rc = val_uuid(c, c->sec->sel.nvdimm_uuid);

	if (rc == 0)
		c->sec->sel.set |= CONF_SEL_NVDIMM_UUID;
	return rc;
}

static int key_namespace(struct conf_ctx *c)
{
	int rc = val_word(c, "the name (alt_name) of a namespace, at most 63 characters", 63,
			  &c->sec->sel.namespace);

	if (rc == 0)
		c->sec->sel.set |= CONF_SEL_NAMESPACE;
	return rc;
}

static int key_region_kind(struct conf_ctx *c)
{
	int i, rc = val_enum(c, region_kinds, N(region_kinds), &i);

	if (rc < 0)
		return rc;
	selector(c)->region_kind = i == 0 ? CONF_REGION_HMEM : CONF_REGION_PMEM;
	selector(c)->set |= CONF_SEL_REGION_KIND;
	return 0;
}

static int key_region(struct conf_ctx *c)
{
	const char *v = c->value;
	uint64_t id;
	int rc;

	if (c->sec->kind == CONF_NAMESPACE) {
		if (strncasecmp(v, "region", 6) == 0)
			v += 6;
		if (val_decimal(v, INT32_MAX, &id) < 0)
			return bad_value(c, "an nd region such as region0");
		free(c->sec->ns.region);
		if (asprintf(&c->sec->ns.region, "region%llu", (unsigned long long)id) < 0) {
			c->sec->ns.region = NULL;
			return -ENOMEM;
		}
		return 0;
	}
	rc = val_word(c, "a region name or pattern such as region1, 1 or region[23]", 255,
		      &selector(c)->region);
	if (rc == 0)
		selector(c)->set |= CONF_SEL_REGION;
	return rc;
}

static int key_device(struct conf_ctx *c)
{
	int rc = val_word(c, "a device name or pattern such as dax1.0 or dax1.*", 255,
			  &c->sec->sel.device);

	if (rc == 0)
		c->sec->sel.set |= CONF_SEL_DEVICE;
	return rc;
}

static int key_address(struct conf_ctx *c)
{
	static const char *const expected =
		"START-END (inclusive) or START+SIZE, e.g. 0x880000000-0x107fffffff or 0x880000000+32G";
	uint64_t start, end, size;
	const char *sep = strpbrk(c->value, "-+");
	char *a, *b;
	int rc = -EINVAL;

	if (!sep)
		return bad_value(c, expected);
	a = strndup(c->value, sep - c->value);
	b = strdup(sep + 1);
	if (!a || !b) {
		free(a);
		free(b);
		return -ENOMEM;
	}
	/* strip the blanks around the separator */
	for (size_t n = strlen(a); n && isspace((unsigned char)a[n - 1]);)
		a[--n] = '\0';
	memmove(b, b + strspn(b, " \t"), strlen(b + strspn(b, " \t")) + 1);
	if (parse_u64(a, &start) < 0)
		goto bad;
	if (*sep == '-') {
		if (parse_u64(b, &end) < 0)
			goto bad;
		if (end < start) {
			conf_diags_add(c->diags, c->file, c->line, true,
				       "invalid value for address: '%s' (END is below START; END is the last byte, inclusive)",
				       c->value);
			goto out;
		}
	} else {
		if (parse_size(b, &size) < 0 || size == 0)
			goto bad;
		if (size - 1 > UINT64_MAX - start) {
			conf_diags_add(c->diags, c->file, c->line, true,
				       "invalid value for address: '%s' (START+SIZE is past the end of the address space)",
				       c->value);
			goto out;
		}
		end = start + (size - 1);
	}
	selector(c)->addr_start = start;
	selector(c)->addr_end = end;
	selector(c)->set |= CONF_SEL_ADDRESS;
	rc = 0;
	goto out;
bad:
	bad_value(c, expected);
out:
	free(a);
	free(b);
	return rc;
}

static int key_node(struct conf_ctx *c)
{
	uint64_t node;

	if (val_decimal(c->value, CONF_NODE_MAX, &node) < 0)
		return bad_value(c, "a NUMA node number from 0 to 1023");
	selector(c)->node = node;
	selector(c)->set |= CONF_SEL_NODE;
	return 0;
}

static int key_size(struct conf_ctx *c)
{
	c->x->size = c->value;
	switch (c->sec->kind) {
	case CONF_NAMESPACE:
		return val_size(c, &c->sec->ns.size);
	case CONF_INSTANCE:
		return val_size(c, &c->sec->inst.size);
	default:
		if (val_size(c, &c->sec->sel.size) < 0)
			return -EINVAL;
		c->sec->sel.set |= CONF_SEL_SIZE;
		return 0;
	}
}

static int key_mode(struct conf_ctx *c)
{
	int i, rc;

	if (c->sec->kind == CONF_NAMESPACE) {
		rc = val_enum(c, mode_ns, N(mode_ns), &i);
		if (rc == 0)
			c->sec->ns.mode = CONF_NS_FSDAX + i;
		return rc;
	}
	rc = val_enum(c, mode_dax, N(mode_dax), &i);
	if (rc == 0)
		c->sec->act.mode = i == 0 ? CONF_MODE_DEVDAX : CONF_MODE_SYSTEM_RAM;
	return rc;
}

static int key_online(struct conf_ctx *c)
{
	bool on;
	int rc = val_bool(c, &on);

	if (rc == 0)
		c->sec->act.online = on;
	return rc;
}

static int key_zone(struct conf_ctx *c)
{
	int i, rc = val_enum(c, zones, N(zones), &i);

	if (rc < 0)
		return rc;
	c->sec->act.zone = i == 0 ? CONF_ZONE_MOVABLE : CONF_ZONE_NORMAL;
	c->x->has_zone = true;
	return 0;
}

static int key_movable(struct conf_ctx *c)
{
	bool movable;
	int rc = val_bool(c, &movable);

	if (rc == 0)
		c->x->movable = movable;
	return rc;
}

/* the buffer size getpw*_r/getgr*_r want */
static size_t id_bufsize(void)
{
	long n = sysconf(_SC_GETPW_R_SIZE_MAX);

	return n > 0 ? (size_t)n : 16384;
}

/* a user (or group) name to its id, growing the buffer on ERANGE; -ENOENT: no such name */
static int lookup_id(const char *name, bool group, uint32_t *id)
{
	size_t len = id_bufsize();
	char *buf = NULL;
	int rc;

	for (;;) {
		char *nbuf = realloc(buf, len);

		if (!nbuf) {
			rc = -ENOMEM;
			break;
		}
		buf = nbuf;
		if (group) {
			struct group gr, *res = NULL;

			rc = getgrnam_r(name, &gr, buf, len, &res);
			if (res)
				*id = res->gr_gid;
			rc = res ? 0 : rc ? rc : ENOENT;
		} else {
			struct passwd pw, *res = NULL;

			rc = getpwnam_r(name, &pw, buf, len, &res);
			if (res)
				*id = res->pw_uid;
			rc = res ? 0 : rc ? rc : ENOENT;
		}
		if (rc == 0)
			break;
		if (rc != ERANGE || len > (1 << 20)) {
			rc = (rc == 0 || rc == ENOENT || rc == ESRCH) ? -ENOENT : -rc;
			break;
		}
		len *= 2;
	}
	free(buf);
	return rc;
}

/* owner = USER | UID, group = GROUP | GID */
static int key_id(struct conf_ctx *c, bool group)
{
	const char *what = group ? "group" : "user", *key = group ? "group" : "owner";
	struct conf_action *act = &c->sec->act;
	uint32_t id = 0;
	uint64_t num;
	char *name;
	int rc;

	rc = val_decimal(c->value, UINT32_MAX - 1, &num);
	if (rc == 0) {
		id = num;
	} else if (rc == -ERANGE || !c->value[0]) {
		return bad_value(c, group ? "a group name or a numeric gid below 4294967295"
					  : "a user name or a numeric uid below 4294967295");
	} else {
		rc = lookup_id(c->value, group, &id);
		if (rc == -ENOMEM)
			return rc;
		if (rc == -ENOENT)
			conf_diags_add(c->diags, c->file, c->line, true,
				       "unknown %s '%s' for %s (create the %s first, or give a numeric %s)",
				       what, c->value, key, what, group ? "gid" : "uid");
		else if (rc < 0)
			conf_diags_add(c->diags, c->file, c->line, true,
				       "cannot look up %s '%s' for %s: %s", what, c->value, key,
				       strerror(-rc));
		if (rc < 0)
			return -EINVAL;
	}
	name = strdup(c->value);
	if (!name)
		return -ENOMEM;
	if (group) {
		free(act->group_name);
		act->group_name = name;
		act->gid = id;
		act->has_group = true;
	} else {
		free(act->owner_name);
		act->owner_name = name;
		act->uid = id;
		act->has_owner = true;
	}
	return 0;
}

static int key_owner(struct conf_ctx *c)
{
	return key_id(c, false);
}

static int key_group(struct conf_ctx *c)
{
	return key_id(c, true);
}

static int key_permissions(struct conf_ctx *c)
{
	size_t len = strlen(c->value);
	mode_t perm = 0;

	if (!len || len > 4 || strspn(c->value, "01234567") != len)
		return bad_value(c, "octal permissions such as 0600 or 0660");
	for (size_t i = 0; i < len; i++)
		perm = perm * 8 + (c->value[i] - '0');
	if (perm > 0777)
		return bad_value(c, "permission bits up to 0777; setuid, setgid and sticky bits do not apply to a device");
	c->sec->act.perm = perm;
	c->sec->act.has_perm = true;
	return 0;
}

static int key_map(struct conf_ctx *c)
{
	int i, rc = val_enum(c, maps, N(maps), &i);

	if (rc == 0)
		c->sec->ns.map = i == 0 ? CONF_MAP_MEM : CONF_MAP_DEV;
	return rc;
}

static int key_align(struct conf_ctx *c)
{
	uint64_t a;

	c->x->align = c->value;
	if (parse_size(c->value, &a) < 0 || a < 4096 || a > (1ULL << 30) || (a & (a - 1)))
		return bad_value(c, "a power of two from 4K to 1G, e.g. 2M");
	if (c->sec->kind == CONF_NAMESPACE)
		c->sec->ns.align = a;
	else
		c->sec->inst.align = a;
	return 0;
}

static int key_sector_size(struct conf_ctx *c)
{
	uint64_t v;

	if (val_decimal(c->value, UINT32_MAX, &v) == 0)
		for (size_t i = 0; i < N(sector_sizes); i++)
			if (v == sector_sizes[i]) {
				c->sec->ns.sector_size = v;
				return 0;
			}
	return bad_value(c, "512, 520, 528, 4096, 4104, 4160 or 4224");
}

static int key_uuid(struct conf_ctx *c)
{
	int rc = val_uuid(c, c->sec->ns.uuid);

	if (rc == 0)
		c->sec->ns.has_uuid = true;
	return rc;
}

#define K_DEV (KB_RECONF | KB_DEVICE)
#define K_ACT (KB_RECONF | KB_DEVICE | KB_INSTANCE)

/* in the order the documentation lists them */
static const struct conf_key keys[] = {
	{ "all", K_DEV, key_all },
	{ "nvdimm.uuid", K_DEV, key_nvdimm_uuid },
	{ "namespace", K_DEV, key_namespace },
	{ "region.kind", K_ACT, key_region_kind },
	{ "region", K_ACT | KB_NAMESPACE, key_region },
	{ "device", K_DEV, key_device },
	{ "address", K_ACT, key_address },
	{ "node", K_ACT, key_node },
	{ "size", K_ACT | KB_NAMESPACE, key_size },
	{ "mode", K_ACT | KB_NAMESPACE, key_mode },
	{ "online", K_ACT, key_online },
	{ "zone", K_ACT, key_zone },
	{ "movable", K_ACT, key_movable },
	{ "owner", K_ACT, key_owner },
	{ "group", K_ACT, key_group },
	{ "permissions", K_ACT, key_permissions },
	{ "map", KB_NAMESPACE, key_map },
	{ "align", KB_NAMESPACE | KB_INSTANCE, key_align },
	{ "sector-size", KB_NAMESPACE, key_sector_size },
	{ "uuid", KB_NAMESPACE, key_uuid },
};

const struct conf_key *conf_key_find(const char *name)
{
	for (size_t i = 0; i < N(keys); i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

const char *conf_key_suggest(const char *name, enum conf_kind kind)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX;

	for (size_t i = 0; i < N(keys); i++) {
		const char *dot = strchr(keys[i].name, '.');
		size_t d;

		if (!(keys[i].kinds & (1u << kind)))
			continue;
		/* "uuid" for "nvdimm.uuid", "kind" for "region.kind" */
		if (dot && strcmp(dot + 1, name) == 0)
			return keys[i].name;
		d = conf_levenshtein(name, keys[i].name);
		if (d < best_d && near(name, keys[i].name)) {
			best = keys[i].name;
			best_d = d;
		}
	}
	return best;
}

void conf_keys_list(enum conf_kind kind, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < N(keys) && off < len; i++) {
		if (!(keys[i].kinds & (1u << kind)))
			continue;
		off += snprintf(buf + off, len - off, "%s%s", off ? ", " : "", keys[i].name);
	}
}

void conf_key_kinds(const struct conf_key *k, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int kind = CONF_RECONFIGURE_DEVICE; kind <= CONF_INSTANCE && off < len; kind++) {
		if (!(k->kinds & (1u << kind)))
			continue;
		off += snprintf(buf + off, len - off, "%s[%s]", off ? ", " : "",
				conf_kind_name(kind));
	}
	if (off < len)
		snprintf(buf + off, len - off, " sections");
}
