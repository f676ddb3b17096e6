// SPDX-License-Identifier: GPL-2.0-only
/*
 * The configuration model's memory (struct conf, its sections) and the
 * diagnostics list (struct conf_diags): adding, sorting, counting, printing
 * and freeing. Loading lives in conf-load.c, scanning in conf-scan.c, keys
 * and values in conf-keys.c, checks in conf-check.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/conf-private.h"

const char *conf_kind_name(enum conf_kind kind)
{
	switch (kind) {
	case CONF_RECONFIGURE_DEVICE:
		return "reconfigure-device";
	case CONF_DEVICE:
		return "device";
	case CONF_NAMESPACE:
		return "namespace";
	case CONF_INSTANCE:
		return "instance";
	}
	return "unknown";
}

int conf_key_line(const struct conf_section *sec, const char *key)
{
	for (size_t i = 0; i < sec->nkeys; i++)
		if (strcmp(sec->keys[i].key, key) == 0)
			return sec->keys[i].line;
	return sec->loc.line;
}

static void conf_select_free(struct conf_select *sel)
{
	free(sel->namespace);
	free(sel->region);
	free(sel->device);
}

void conf_free(struct conf *conf)
{
	if (!conf)
		return;
	for (size_t i = 0; i < conf->nsec; i++) {
		struct conf_section *sec = &conf->sec[i];

		free(sec->name);
		conf_select_free(&sec->sel);
		free(sec->act.owner_name);
		free(sec->act.group_name);
		free(sec->ns.region);
		conf_select_free(&sec->inst.region);
		for (size_t k = 0; k < sec->nkeys; k++)
			free(sec->keys[k].key);
		free(sec->keys);
	}
	free(conf->sec);
	for (size_t i = 0; i < conf->nfiles; i++)
		free(conf->files[i]);
	free(conf->files);
	free(conf);
}

/* the stored copy of file in files (added when missing), NULL without memory */
const char *conf_file_intern(char ***files, size_t *nfiles, const char *file)
{
	char **v;
	char *dup;

	for (size_t i = *nfiles; i > 0; i--)
		if (strcmp((*files)[i - 1], file) == 0)
			return (*files)[i - 1];
	dup = strdup(file);
	if (!dup)
		return NULL;
	v = realloc(*files, (*nfiles + 1) * sizeof(*v));
	if (!v) {
		free(dup);
		return NULL;
	}
	v[(*nfiles)++] = dup;
	*files = v;
	return dup;
}

void conf_diags_add(struct conf_diags *d, const char *file, int line, bool error,
		    const char *fmt, ...)
{
	struct conf_diag *v;
	const char *f = NULL;
	char *msg;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return;
	if (file) {
		f = conf_file_intern(&d->files, &d->nfiles, file);
		if (!f)
			goto fail;
	}
	v = realloc(d->v, (d->n + 1) * sizeof(*v));
	if (!v)
		goto fail;
	d->v = v;
	d->v[d->n++] = (struct conf_diag){
		.loc = { .file = f, .line = line },
		.error = error,
		.msg = msg,
	};
	return;
fail:
	free(msg);
}

void conf_diags_clear(struct conf_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	for (size_t i = 0; i < d->nfiles; i++)
		free(d->files[i]);
	free(d->files);
	*d = (struct conf_diags){ 0 };
}

size_t conf_diags_errors(const struct conf_diags *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].error;
	return n;
}

void conf_diag_print(const struct conf_diag *diag, FILE *f)
{
	const char *sev = diag->error ? "" : "warning: ";

	if (diag->loc.file && diag->loc.line > 0)
		fprintf(f, "%s:%d: %s%s\n", diag->loc.file, diag->loc.line, sev, diag->msg);
	else if (diag->loc.file)
		fprintf(f, "%s: %s%s\n", diag->loc.file, sev, diag->msg);
	else
		fprintf(f, "%s%s\n", sev, diag->msg);
}

void conf_diags_print(const struct conf_diags *d, FILE *f)
{
	for (size_t i = 0; i < d->n; i++)
		conf_diag_print(&d->v[i], f);
}

/* stable merge sort of d->v[start..n) by line */
void conf_diags_sort(struct conf_diags *d, size_t start)
{
	size_t n = d->n - start;
	struct conf_diag *a = d->v + start, *tmp;

	if (n < 2)
		return;
	tmp = malloc(n * sizeof(*tmp));
	if (!tmp)
		return;		/* unsorted is still correct */
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi)
				tmp[k++] = a[j].loc.line < a[i].loc.line ? a[j++] : a[i++];
			while (i < mid)
				tmp[k++] = a[i++];
			while (j < hi)
				tmp[k++] = a[j++];
		}
		memcpy(a, tmp, n * sizeof(*tmp));
	}
	free(tmp);
}
