// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsing one file's text into sections: iniparser reads the values, the
 * line scanner (conf-scan.c) the locations; then each [KIND NAME] header is
 * checked and each key handed to its parser in the key table (conf-keys.c)
 * and each section to its checks (conf-check.c).
 *
 * iniparser 4.1 only loads from a path: the text (already read and checked
 * by conf-load.c, or given by a test) goes to a memfd and iniparser opens
 * /proc/self/fd/N, so what it parses is byte for byte what was scanned.
 * Its error callback takes no context pointer: a thread-local pointer
 * routes its messages to the load in progress.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include <dictionary.h>
#include <iniparser.h>

#include "daemon/conf-private.h"

/* where iniparser's messages go while it parses */
struct ini_errors {
	struct conf_diags *diags;
	const char *file;	/* the name diags use */
	const char *path;	/* the name iniparser was given */
};

static __thread struct ini_errors *ini_errors;

static int ini_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int ini_error(const char *fmt, ...)
{
	struct ini_errors *e = ini_errors;
	const char *at;
	char msg[256];
	int line = 0;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!e)
		return 0;
	/* "iniparser: syntax error in PATH (LINE):\n-> TEXT" */
	at = strstr(msg, e->path);
	if (at && sscanf(at + strlen(e->path), " (%d)", &line) != 1)
		line = 0;
	if (strstr(msg, "syntax error"))
		conf_diags_add(e->diags, e->file, line, true,
			       "syntax error: expected [KIND NAME], KEY = VALUE, or a comment starting with # or ;");
	else if (strstr(msg, "too long"))
		conf_diags_add(e->diags, e->file, line, true, "line too long");
	else {
		msg[strcspn(msg, "\n")] = '\0';
		conf_diags_add(e->diags, e->file, line, true, "%s", msg);
	}
	return 0;
}

static int write_all(int fd, const char *text, size_t len)
{
	while (len) {
		ssize_t n = write(fd, text, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -errno;
		text += n;
		len -= n;
	}
	return 0;
}

/*
 * A file holding text that iniparser can open by name: a memfd seen through
 * /proc, or without /proc a temporary file (*unlink_path set). -errno.
 */
static int ini_file(const char *text, size_t len, char *path, size_t size, bool *unlink_path)
{
	int fd, rc;

	*unlink_path = false;
	fd = memfd_create("ndctld-conf", MFD_CLOEXEC);
	if (fd >= 0) {
		snprintf(path, size, "/proc/self/fd/%d", fd);
		if (access(path, R_OK) < 0) {
			close(fd);
			fd = -1;
		}
	}
	if (fd < 0) {
		const char *dir = getenv("TMPDIR");

		snprintf(path, size, "%s/ndctld-conf-XXXXXX", dir && dir[0] ? dir : "/tmp");
		fd = mkostemp(path, O_CLOEXEC);
		if (fd < 0)
			return -errno;
		*unlink_path = true;
	}
	rc = write_all(fd, text, len);
	if (rc < 0) {
		if (*unlink_path)
			unlink(path);
		close(fd);
		return rc;
	}
	return fd;
}

/* text as a dictionary; iniparser's complaints go to errs */
static dictionary *ini_parse(const char *file, const char *text, size_t len,
			     struct conf_diags *errs)
{
	struct ini_errors e = { .diags = errs, .file = file };
	dictionary *dict;
	bool unlink_path;
	char path[4096];
	int fd;

	fd = ini_file(text, len, path, sizeof(path), &unlink_path);
	if (fd < 0) {
		conf_diags_add(errs, file, 0, true, "cannot make a copy for iniparser: %s",
			       strerror(-fd));
		return NULL;
	}
	e.path = path;
	ini_errors = &e;
	iniparser_set_error_callback(ini_error);
	dict = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	ini_errors = NULL;
	if (unlink_path)
		unlink(path);
	close(fd);
	return dict;
}

static const enum conf_kind kinds[] = {
	CONF_RECONFIGURE_DEVICE, CONF_DEVICE, CONF_NAMESPACE, CONF_INSTANCE,
};

static bool name_char(int c)
{
	return isalnum(c) || strchr("._-+@", c);
}

/*
 * "[KIND NAME]": the kind and the name (case kept) of a header, false
 * after a diag when it is not one of ours.
 */
static bool parse_header(const char *file, const struct scan_section *s, enum conf_kind *kind,
			 char **name, struct conf_diags *diags)
{
	const char *in = s->inner, *rest;
	size_t klen = strcspn(in, " \t\v\f\r");
	const char *hint = NULL;
	size_t nlen;

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		const char *kn = conf_kind_name(kinds[i]);

		if (strlen(kn) == klen && strncasecmp(in, kn, klen) == 0) {
			*kind = kinds[i];
			goto known;
		}
	}
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]) && !hint; i++) {
		char *word = strndup(in, klen);

		if (word && conf_levenshtein(word, conf_kind_name(kinds[i])) <= 2)
			hint = conf_kind_name(kinds[i]);
		free(word);
	}
	conf_diags_add(diags, file, s->line, true,
		       "unknown section kind '%.*s' (expected reconfigure-device, device, namespace or instance%s%s%s)",
		       (int)(klen > 64 ? 64 : klen), in, hint ? "; did you mean " : "", hint ? hint : "",
		       hint ? "?" : "");
	return false;
known:
	rest = in + klen;
	rest += strspn(rest, " \t\v\f\r");
	nlen = strlen(rest);
	if (!nlen) {
		conf_diags_add(diags, file, s->line, true,
			       "[%s] needs a name: write [%s NAME], e.g. [%s %s]",
			       conf_kind_name(*kind), conf_kind_name(*kind), conf_kind_name(*kind),
			       *kind == CONF_NAMESPACE ? "data0" : "hbm");
		return false;
	}
	if (strcspn(rest, " \t\v\f\r") != nlen) {
		conf_diags_add(diags, file, s->line, true,
			       "section name '%s' is more than one word: use one, e.g. [%s %.*s]", rest,
			       conf_kind_name(*kind), (int)strcspn(rest, " \t\v\f\r"), rest);
		return false;
	}
	for (size_t i = 0; i < nlen; i++) {
		if (!name_char((unsigned char)rest[i])) {
			conf_diags_add(diags, file, s->line, true,
				       "section name '%s' has '%c': names may contain letters, digits and . _ - + @",
				       rest, isprint((unsigned char)rest[i]) ? rest[i] : '?');
			return false;
		}
	}
	*name = strdup(rest);
	return *name != NULL;
}

static int scan_key_line(const struct scan_section *s, const char *key)
{
	for (size_t i = 0; i < s->nkeys; i++)
		if (strcmp(s->keys[i].key, key) == 0)
			return s->keys[i].line;
	return 0;
}

/* one key of sec: record its location, check it is ours, parse its value */
static int parse_key(struct conf_ctx *c)
{
	struct conf_section *sec = c->sec;
	const struct conf_key *k = conf_key_find(c->key);
	struct conf_key_loc *v;
	const char *hint;
	char buf[256];

	v = realloc(sec->keys, (sec->nkeys + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	sec->keys = v;
	v[sec->nkeys].key = strdup(c->key);
	if (!v[sec->nkeys].key)
		return -ENOMEM;
	v[sec->nkeys++].line = c->line;

	hint = conf_key_suggest(c->key, sec->kind);
	if (!k) {
		if (hint) {
			conf_diags_add(c->diags, c->file, c->line, true,
				       "unknown key '%s' in [%s %s]; did you mean '%s'?", c->key,
				       conf_kind_name(sec->kind), sec->name, hint);
		} else {
			conf_keys_list(sec->kind, buf, sizeof(buf));
			conf_diags_add(c->diags, c->file, c->line, true,
				       "unknown key '%s' in [%s %s] (accepted: %s)", c->key,
				       conf_kind_name(sec->kind), sec->name, buf);
		}
		return 0;
	}
	if (!(k->kinds & (1u << sec->kind))) {
		conf_key_kinds(k, buf, sizeof(buf));
		conf_diags_add(c->diags, c->file, c->line, true,
			       "key '%s' is not valid in [%s] sections (it belongs in %s)%s%s%s",
			       c->key, conf_kind_name(sec->kind), buf, hint ? "; did you mean '" : "",
			       hint ? hint : "", hint ? "'?" : "");
		return 0;
	}
	return k->parse(c) == -ENOMEM ? -ENOMEM : 0;
}

/* the keys iniparser found for section s, each parsed into sec */
static int parse_keys(const char *file, dictionary *dict, const struct scan_section *s,
		      struct conf_section *sec, struct conf_diags *diags)
{
	struct conf_scratch x = { .movable = -1 };
	size_t plen = strlen(s->lower) + 1, errors = conf_diags_errors(diags);
	const char **keys;
	int n, rc = 0;

	n = iniparser_getsecnkeys(dict, s->lower);
	if (n > 0) {
		keys = calloc(n, sizeof(*keys));
		if (!keys)
			return -ENOMEM;
		if (!iniparser_getseckeys(dict, s->lower, keys))
			n = 0;
		for (int i = 0; i < n && rc == 0; i++) {
			struct conf_ctx c = {
				.diags = diags, .file = file, .sec = sec, .x = &x,
				.key = keys[i] + plen,
			};
			int line = scan_key_line(s, c.key);

			/* "[device a:b]" keys share the prefix "device a:" */
			if (!line && strchr(c.key, ':'))
				continue;
			c.line = line ? line : s->line;
			c.value = dictionary_get(dict, keys[i], NULL);
			if (!c.value)
				c.value = "";
			rc = parse_key(&c);
		}
		free(keys);
	}
	x.bad = conf_diags_errors(diags) > errors;
	if (rc == 0)
		conf_check_section(sec, &x, file, diags);
	return rc;
}

static struct conf_section *conf_add_section(struct conf *conf)
{
	struct conf_section *v = realloc(conf->sec, (conf->nsec + 1) * sizeof(*v));

	if (!v)
		return NULL;
	conf->sec = v;
	v = &v[conf->nsec++];
	*v = (struct conf_section){ 0 };
	v->act.online = -1;
	return v;
}

int conf_parse_text(struct conf *conf, const char *file, const char *text, size_t len,
		    struct conf_diags *diags)
{
	size_t start = diags->n, errors = conf_diags_errors(diags);
	struct conf_diags ini = { 0 };
	dictionary *dict = NULL;
	const char *f;
	struct scan scan;
	int rc;

	f = conf_file_intern(&conf->files, &conf->nfiles, file);
	if (!f)
		return -ENOMEM;
	rc = conf_scan(f, text, len, &scan, diags);
	if (rc < 0)
		return rc;
	if (!scan.fatal) {
		dict = ini_parse(f, text, len, &ini);
		/*
		 * The scanner reports everything iniparser rejects, with better
		 * words; iniparser's own messages only count when it found
		 * something the scanner did not.
		 */
		if (conf_diags_errors(diags) == errors)
			for (size_t i = 0; i < ini.n; i++)
				conf_diags_add(diags, f, ini.v[i].loc.line, ini.v[i].error, "%s",
					       ini.v[i].msg);
		if (!dict && conf_diags_errors(diags) == errors)
			conf_diags_add(diags, f, 0, true, "iniparser cannot parse this file");
		conf_diags_clear(&ini);
	}
	for (size_t i = 0; i < scan.nsec && rc == 0; i++) {
		const struct scan_section *s = &scan.sec[i];
		struct conf_section *sec;
		enum conf_kind kind;
		char *name = NULL;

		if (!parse_header(f, s, &kind, &name, diags))
			continue;
		sec = conf_add_section(conf);
		if (!sec) {
			free(name);
			rc = -ENOMEM;
			break;
		}
		sec->kind = kind;
		sec->name = name;
		sec->loc = (struct conf_loc){ .file = f, .line = s->line };
		if (dict)
			rc = parse_keys(f, dict, s, sec, diags);
	}
	if (dict)
		iniparser_freedict(dict);
	conf_scan_free(&scan);
	conf_diags_sort(diags, start);
	return rc;
}
