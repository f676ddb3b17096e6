/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Strict parsers for sysfs values and command-line input. Each rejects empty
 * strings, trailing garbage, signs where none belong and overflow.
 */
#ifndef UTIL_PARSE_H
#define UTIL_PARSE_H

#include <stdbool.h>
#include <stdint.h>

/* decimal, or hex with 0x prefix; one trailing newline tolerated */
int parse_u64(const char *s, uint64_t *ret);
int parse_s64(const char *s, int64_t *ret);

/*
 * Size with optional binary suffix: 4096, 0x1000, 256M, 2G, 1.5G, 512k,
 * 2GiB, 2GB (all powers of 1024, as ndctl users expect). -EINVAL on garbage,
 * -ERANGE on overflow.
 */
int parse_size(const char *s, uint64_t *ret);

/*
 * The --human size text of ndctl/daxctl listings, into buf: hundredths of
 * MiB/MB below 2 GiB, GiB/GB below 2 TiB, TiB/TB above, both rounded half
 * up: "512.00 MiB (536.87 MB)", "2.00 GiB (2.15 GB)", "3.00 TiB (3.30 TB)".
 * Sizes under 5000 KiB stay numbers: buf gets the decimal value and the
 * return is NULL; otherwise the return is buf.
 */
const char *format_size_human(uint64_t bytes, char *buf, int len);

#endif
