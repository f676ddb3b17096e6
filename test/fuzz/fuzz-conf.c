// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target for the configuration parser (daemon/conf*.c): any bytes as
 * a daxctl.conf.d file through conf_load_buffer, the scanner and iniparser.
 * Checks the loader's promises: a model exactly when no error diag, every
 * diag located in the input, every key located by the scanner (so the
 * scanner and iniparser agree on what is a key of which section).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf_diags d = { 0 };
	struct conf *conf = NULL;
	int lines = 1, rc;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	rc = conf_load_buffer("fuzz.conf", (const char *)data, size, &conf, &d);
	if ((rc == 0) != (conf != NULL) || (rc == 0) != (conf_diags_errors(&d) == 0))
		abort();
	if (rc < 0 && rc != -EINVAL && rc != -ENOMEM)
		abort();
	for (size_t i = 0; i < d.n; i++)
		if (!d.v[i].msg || !d.v[i].msg[0] || d.v[i].loc.line < 0 ||
		    d.v[i].loc.line > lines || strcmp(d.v[i].loc.file, "fuzz.conf"))
			abort();
	for (size_t i = 0; conf && i < conf->nsec; i++) {
		const struct conf_section *sec = &conf->sec[i];

		if (!sec->name || !sec->name[0] || sec->loc.line < 1 || sec->loc.line > lines)
			abort();
		/*
		 * Every key iniparser found, the scanner found too, after its
		 * header: a key at its section's own line means they disagree.
		 */
		for (size_t k = 0; k < sec->nkeys; k++)
			if (sec->keys[k].line <= sec->loc.line || sec->keys[k].line > lines ||
			    conf_key_line(sec, sec->keys[k].key) != sec->keys[k].line)
				abort();
	}
	conf_free(conf);
	conf_diags_clear(&d);
	return 0;
}
