// SPDX-License-Identifier: GPL-2.0-only
/*
 * The line scanner: a second, location-only reading of a configuration
 * file. iniparser (4.1) gives values but no line numbers, lowercases
 * section names, merges repeated sections, keeps the last of repeated keys,
 * files keys found before any section under "", drops a trailing
 * continuation and one-character lines. This scanner splits lines the way
 * iniparser does ('\' continuations, '#'/';' comment lines) and records
 * where each section header and key is, with the header's original case,
 * reporting what iniparser would take silently.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/conf-private.h"

struct scanner {
	const char *file;
	struct scan *scan;
	struct conf_diags *diags;
	struct scan_section *cur;	/* section the next key belongs to */
	bool bad_header;		/* cur is NULL because a header was broken */
	bool stop;			/* limits exceeded: stop scanning */
};

static char *dup_range(const char *s, size_t n)
{
	char *r = malloc(n + 1);

	if (r) {
		memcpy(r, s, n);
		r[n] = '\0';
	}
	return r;
}

static char *dup_lower(const char *s, size_t n)
{
	char *r = dup_range(s, n);

	for (size_t i = 0; r && i < n; i++)
		r[i] = tolower((unsigned char)r[i]);
	return r;
}

/* [*s, *s + *n) without leading and trailing white space */
static void strip(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

static struct scan_section *scan_find(struct scan *scan, const char *lower)
{
	for (size_t i = 0; i < scan->nsec; i++)
		if (strcmp(scan->sec[i].lower, lower) == 0)
			return &scan->sec[i];
	return NULL;
}

/* "[...]" at line: a new section, or more of a repeated one */
static int scan_section(struct scanner *sc, const char *l, size_t n, int line)
{
	const char *in = l + 1, *close = memchr(l, ']', n);
	size_t in_n = close - in;
	struct scan_section *sec, *v;
	char *lower;

	if (close != l + n - 1) {
		conf_diags_add(sc->diags, sc->file, line, true,
			       "unexpected text after ']' in a section header (comments go on their own line)");
		sc->cur = NULL;
		sc->bad_header = true;
		return 0;
	}
	strip(&in, &in_n);
	if (!in_n) {
		conf_diags_add(sc->diags, sc->file, line, true,
			       "empty section header: write [KIND NAME], e.g. [device hbm]");
		sc->cur = NULL;
		sc->bad_header = true;
		return 0;
	}
	lower = dup_lower(in, in_n);
	if (!lower)
		return -ENOMEM;
	sec = scan_find(sc->scan, lower);
	if (sec) {
		/* iniparser merges the two: so does the scan, after saying so */
		conf_diags_add(sc->diags, sc->file, line, true,
			       "duplicate section [%s] (first at line %d): merge the two or rename one",
			       sec->inner, sec->line);
		free(lower);
		sc->cur = sec;
		sc->bad_header = false;
		return 0;
	}
	if (sc->scan->nsec >= CONF_SECTIONS_MAX) {
		conf_diags_add(sc->diags, sc->file, line, true,
			       "more than %d sections in one file: split the file", CONF_SECTIONS_MAX);
		free(lower);
		sc->stop = true;
		return 0;
	}
	v = realloc(sc->scan->sec, (sc->scan->nsec + 1) * sizeof(*v));
	if (!v) {
		free(lower);
		return -ENOMEM;
	}
	sc->scan->sec = v;
	sec = &v[sc->scan->nsec];
	*sec = (struct scan_section){ .lower = lower, .line = line };
	sec->inner = dup_range(in, in_n);
	if (!sec->inner) {
		free(lower);
		return -ENOMEM;
	}
	sc->scan->nsec++;
	sc->cur = sec;
	sc->bad_header = false;
	return 0;
}

/* "key = value" at line */
static int scan_key(struct scanner *sc, const char *l, size_t n, int line)
{
	const char *k = l;
	size_t kn = (const char *)memchr(l, '=', n) - l;
	struct scan_section *sec = sc->cur;
	struct scan_key *v;
	char *key;

	strip(&k, &kn);
	if (!kn) {
		conf_diags_add(sc->diags, sc->file, line, true,
			       "missing key name before '=': write KEY = VALUE");
		return 0;
	}
	key = dup_lower(k, kn);
	if (!key)
		return -ENOMEM;
	if (!sec) {
		if (!sc->bad_header)
			conf_diags_add(sc->diags, sc->file, line, true,
				       "key '%s' before any section header: put it under one, e.g. [device NAME]",
				       key);
		/* else: after a broken header, already reported */
		free(key);
		return 0;
	}
	for (size_t i = 0; i < sec->nkeys; i++) {
		if (strcmp(sec->keys[i].key, key) == 0) {
			conf_diags_add(sc->diags, sc->file, line, true,
				       "duplicate key '%s' in [%s] (first at line %d): keep one",
				       key, sec->inner, sec->keys[i].line);
			free(key);
			return 0;
		}
	}
	if (sec->nkeys >= CONF_KEYS_MAX) {
		conf_diags_add(sc->diags, sc->file, line, true,
			       "more than %d keys in [%s]", CONF_KEYS_MAX, sec->inner);
		free(key);
		sc->stop = true;
		return 0;
	}
	v = realloc(sec->keys, (sec->nkeys + 1) * sizeof(*v));
	if (!v) {
		free(key);
		return -ENOMEM;
	}
	sec->keys = v;
	sec->keys[sec->nkeys++] = (struct scan_key){ .key = key, .line = line };
	return 0;
}

/* one logical line (continuations joined), first physical line number */
static int scan_line(struct scanner *sc, const char *l, size_t n, int line)
{
	strip(&l, &n);
	if (!n || l[0] == '#' || l[0] == ';')
		return 0;
	if (l[0] == '[') {
		if (l[n - 1] != ']') {
			conf_diags_add(sc->diags, sc->file, line, true, memchr(l, ']', n) ?
				       "unexpected text after ']' in a section header (comments go on their own line)" :
				       "section header without closing ']'");
			sc->cur = NULL;
			sc->bad_header = true;
			return 0;
		}
		return scan_section(sc, l, n, line);
	}
	if (memchr(l, '=', n))
		return scan_key(sc, l, n, line);
	conf_diags_add(sc->diags, sc->file, line, true,
		       "syntax error: expected [KIND NAME], KEY = VALUE, or a comment starting with # or ;");
	return 0;
}

int conf_scan(const char *file, const char *text, size_t len, struct scan *ret,
	      struct conf_diags *diags)
{
	struct scanner sc = { .file = file, .scan = ret, .diags = diags };
	const char *p = text, *end = text + len, *nul;
	char *logical = NULL;		/* continuation lines joined */
	size_t lsize = 0, lcap = 0;
	int line = 0, first = 0, rc = 0;

	*ret = (struct scan){ 0 };
	nul = memchr(text, '\0', len);
	if (nul) {
		for (const char *q = text; q < nul; q++)
			line += *q == '\n';
		conf_diags_add(diags, file, line + 1, true,
			       "NUL byte: not a text file (remove it or rename it so it does not end in .conf)");
		ret->fatal = true;
		return 0;
	}
	while (p < end && !sc.stop) {
		const char *nl = memchr(p, '\n', end - p);
		const char *l = p;
		size_t n = (nl ? nl : end) - p;

		p = nl ? nl + 1 : end;
		line++;
		if (!lsize)
			first = line;
		if (lsize + n >= CONF_LINE_MAX) {
			/* iniparser fails on lines over 1022 bytes, comments too */
			conf_diags_add(diags, file, first, true,
				       "line longer than %d characters", CONF_LINE_MAX);
			lsize = 0;
			continue;
		}
		while (n && isspace((unsigned char)l[n - 1]))
			n--;
		if (lsize + n + 1 > lcap) {
			size_t cap = (lsize + n + 1) * 2;
			char *v = realloc(logical, cap);

			if (!v) {
				rc = -ENOMEM;
				break;
			}
			logical = v;
			lcap = cap;
		}
		memcpy(logical + lsize, l, n);
		lsize += n;
		if (n && l[n - 1] == '\\') {
			/* iniparser joins the next line in place of the '\' */
			lsize--;
			if (p == end)
				conf_diags_add(diags, file, first, true,
					       "the last line ends in '\\' (a continuation): remove the '\\'");
			continue;
		}
		rc = scan_line(&sc, logical, lsize, first);
		lsize = 0;
		if (rc < 0)
			break;
	}
	free(logical);
	if (rc < 0)
		conf_scan_free(ret);
	return rc;
}

void conf_scan_free(struct scan *scan)
{
	for (size_t i = 0; i < scan->nsec; i++) {
		struct scan_section *sec = &scan->sec[i];

		free(sec->inner);
		free(sec->lower);
		for (size_t k = 0; k < sec->nkeys; k++)
			free(sec->keys[k].key);
		free(sec->keys);
	}
	free(scan->sec);
	*scan = (struct scan){ 0 };
}
