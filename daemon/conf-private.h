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

/* what one parse of a value needs */
struct conf_ctx {
	struct conf_diags *diags;
	const char *file;
	int line;		/* of the key */
	const char *key;
	const char *value;	/* as iniparser returned it */
	struct conf_section *sec;
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
/* "all, nvdimm.uuid, ..." (static buffer per kind, built once) */
void conf_keys_list(enum conf_kind kind, char *buf, size_t len);
size_t conf_levenshtein(const char *a, const char *b);

/* per-section checks once all keys are parsed (required keys, conflicts) */
void conf_check_section(struct conf_section *sec, struct conf_diags *diags);
/* checks across sections (duplicate names, namespace identities) */
void conf_check_all(struct conf *conf, struct conf_diags *diags);

/* parse text named file into conf (appending sections) */
int conf_parse_text(struct conf *conf, const char *file, const char *text, size_t len,
		    struct conf_diags *diags);

/* sort the diags from index start on by line (stable) */
void conf_diags_sort(struct conf_diags *d, size_t start);
const char *conf_file_intern(char ***files, size_t *nfiles, const char *file);

#endif
