// SPDX-License-Identifier: GPL-2.0-only
/*
 * Golden tests of the configuration parser: every cases/NAME.conf is
 * parsed (as the file "NAME.conf") and what comes out, the diags as
 * "FILE:LINE: message" and then the model dump, must equal NAME.expect.
 * Usage: test-conf-golden CASES_DIR [--update]  (--update rewrites .expect)
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/conf.h"
#include "dump.h"
#include "test/unit/tap.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0;

	*len = 0;
	if (!f)
		return NULL;
	for (;;) {
		size_t n;

		if (*len == cap) {
			char *v = realloc(buf, cap * 2 + 4096);

			if (!v)
				break;
			buf = v;
			cap = cap * 2 + 4096;
		}
		n = fread(buf + *len, 1, cap - *len, f);
		if (!n)
			break;
		*len += n;
	}
	fclose(f);
	return buf;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_case(struct tap *t, const char *dir, const char *name, bool update)
{
	char *path, *expect_path, *out = NULL, *text, *expect;
	struct conf_diags diags = { 0 };
	struct conf *conf = NULL;
	size_t len, out_len, expect_len;
	FILE *mem;
	int rc;

	if (asprintf(&path, "%s/%s", dir, name) < 0 ||
	    asprintf(&expect_path, "%s/%.*s.expect", dir, (int)(strlen(name) - 5), name) < 0)
		exit(2);
	text = slurp(path, &len);
	mem = open_memstream(&out, &out_len);
	rc = conf_load_buffer(name, text ? text : "", len, &conf, &diags);
	conf_diags_print(&diags, mem);
	fprintf(mem, "result: %s\n", rc == 0 ? "ok" : rc == -EINVAL ? "invalid" : strerror(-rc));
	if (conf)
		conf_dump(conf, mem);
	fclose(mem);
	if (update) {
		FILE *f = fopen(expect_path, "w");

		if (f) {
			fputs(out, f);
			fclose(f);
		}
	}
	expect = slurp(expect_path, &expect_len);
	tap_ok(t, expect && expect_len == out_len && memcmp(expect, out, out_len) == 0,
	       "%s gives %.*s.expect", name, (int)(strlen(name) - 5), name);
	if (!expect || expect_len != out_len || memcmp(expect, out, out_len))
		printf("# got:\n# %s", out);
	/* both ok and error results are internally consistent */
	tap_ok(t, (rc == 0) == (conf != NULL) && (rc == 0) == (conf_diags_errors(&diags) == 0),
	       "%s: return code, model and error count agree", name);
	conf_free(conf);
	conf_diags_clear(&diags);
	free(text);
	free(expect);
	free(out);
	free(path);
	free(expect_path);
}

int main(int argc, char **argv)
{
	bool update = argc > 2 && strcmp(argv[2], "--update") == 0;
	struct tap t = { 0 };
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	DIR *d;

	if (argc < 2) {
		fprintf(stderr, "usage: %s CASES_DIR [--update]\n", argv[0]);
		return 2;
	}
	d = opendir(argv[1]);
	if (!d) {
		perror(argv[1]);
		return 2;
	}
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);

		if (l > 5 && strcmp(de->d_name + l - 5, ".conf") == 0) {
			names = realloc(names, (n + 1) * sizeof(*names));
			names[n++] = strdup(de->d_name);
		}
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp);
	for (size_t i = 0; i < n; i++) {
		run_case(&t, argv[1], names[i], update);
		free(names[i]);
	}
	free(names);
	tap_ok(&t, n >= 10, "found %zu cases", n);
	return tap_done(&t);
}
