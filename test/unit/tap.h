/* SPDX-License-Identifier: GPL-2.0-only */
/* A minimal TAP producer for unit tests (meson protocol: 'tap'). */
#ifndef TEST_TAP_H
#define TEST_TAP_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

struct tap {
	int n;
	int failed;
};

#define tap_ok(t, cond, ...)                                                  \
	do {                                                                  \
		int _c = !!(cond);                                            \
		(t)->n++;                                                     \
		if (!_c)                                                      \
			(t)->failed++;                                        \
		printf("%sok %d - ", _c ? "" : "not ", (t)->n);               \
		printf(__VA_ARGS__);                                          \
		printf("\n");                                                 \
		if (!_c)                                                      \
			printf("# failed at %s:%d: %s\n", __FILE__, __LINE__, \
			       #cond);                                        \
	} while (0)

#define tap_eq_u64(t, got, want, ...)                                          \
	do {                                                                   \
		uint64_t _g = (got), _w = (want);                              \
		tap_ok(t, _g == _w, __VA_ARGS__);                              \
		if (_g != _w)                                                  \
			printf("# got %" PRIu64 " (0x%" PRIx64 "), want %" PRIu64 \
			       " (0x%" PRIx64 ")\n", _g, _g, _w, _w);          \
	} while (0)

static inline int tap_done(struct tap *t)
{
	printf("1..%d\n", t->n);
	return t->failed ? 1 : 0;
}

#endif
