/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of the configuration parser shared by daemon/conf*.c: the
 * line scanner's output (locations, original case, what iniparser merges
 * silently), the per-file parse context and the key table.
 */
#ifndef NDCTLD_CONF_PRIVATE_H
#define NDCTLD_CONF_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "daemon/conf.h"

/* longest logical line we accept: below iniparser 4.1's 1024-byte buffer */
#define CONF_LINE_MAX 1000
/* more is certainly not a configuration: stop scanning */
#define CONF_SECTIONS_MAX 4096
#define CONF_KEYS_MAX 256
/* largest file we read */
#define CONF_FILE_MAX (1024 * 1024)

/* one "key = value" line as the scanner saw it */
struct scan_key {
	char *key;		/* stripped, lower case: iniparser's spelling */
	int line;		/* first physical line of the logical line */
};

/* one [section] header and the keys after it */
struct scan_section {
	char *inner;		/* text between the brackets, stripped, case kept */
	char *lower;		/* inner in lower case: iniparser's section name */
	int line;
	struct scan_key *keys;
	size_t nkeys;
};

struct scan {
	struct scan_section *sec;
	size_t nsec;
	bool fatal;		/* not text (NUL bytes): do not hand it to iniparser */
};

/*
 * Scan text for locations; adds diags for what iniparser would accept
 * silently or report without a usable message (garbage lines, keys before
 * any section, duplicate sections and keys, over-long lines, NUL bytes).
 * Returns 0, or -ENOMEM.
 */
int conf_scan(const char *file, const char *text, size_t len, struct scan *ret,
	      struct conf_diags *diags);
void conf_scan_free(struct scan *scan);

/* the kinds a key is valid in (bits) */
enum {
	KB_RECONF = 1 << CONF_RECONFIGURE_DEVICE,
	KB_DEVICE = 1 << CONF_DEVICE,
	KB_NAMESPACE = 1 << CONF_NAMESPACE,
	KB_INSTANCE = 1 << CONF_INSTANCE,
};

/* what a section's key parsers tell its checks beyond the model */
struct conf_scratch {
	int movable;		/* movable = bool: -1 when not given */
	bool has_zone;		/* zone = ... given */
	const char *size, *align;	/* values as written, for messages */
	bool bad;		/* a key of the section was reported */
};

/* what one parse of a value needs */
struct conf_ctx {
	struct conf_diags *diags;
	const char *file;
	int line;		/* of the key */
	const char *key;
	const char *value;	/* as iniparser returned it */
	struct conf_section *sec;
	struct conf_scratch *x;
};

struct conf_key {
	const char *name;
	unsigned int kinds;	/* KB_* where the key is valid */
	/* store ctx->value into ctx->sec; 0, or -EINVAL after a diag, -ENOMEM */
	int (*parse)(struct conf_ctx *ctx);
};

const struct conf_key *conf_key_find(const char *name);
/* the nearest key valid in kind to name, or NULL when none is close */
const char *conf_key_suggest(const char *name, enum conf_kind kind);
/* "all, nvdimm.uuid, ..., size": the keys valid in kind, into buf */
void conf_keys_list(enum conf_kind kind, char *buf, size_t len);
/* "[namespace] sections": where a key is valid, into buf */
void conf_key_kinds(const struct conf_key *k, char *buf, size_t len);
size_t conf_levenshtein(const char *a, const char *b);

/* per-section checks once all keys are parsed (required keys, conflicts) */
void conf_check_section(struct conf_section *sec, struct conf_scratch *x,
			const char *file, struct conf_diags *diags);
/* checks across sections (duplicate names, namespace identities) */
void conf_check_all(struct conf *conf, struct conf_diags *diags);

/* parse text named file into conf (appending sections) */
int conf_parse_text(struct conf *conf, const char *file, const char *text, size_t len,
		    struct conf_diags *diags);

/* sort the diags from index start on by line (stable) */
void conf_diags_sort(struct conf_diags *d, size_t start);
const char *conf_file_intern(char ***files, size_t *nfiles, const char *file);

#endif
