// SPDX-License-Identifier: LGPL-2.1-or-later
/* Strict number and size parsers; see parse.h. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/parse.h"

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static bool only_trailer(const char *s)
{
	if (*s == '\n')
		s++;
	return *s == '\0';
}

/* Digits in base 10 or (with 0x) 16; stops at the first non-digit. */
static int scan_u64(const char **sp, uint64_t *ret)
{
	const char *s = *sp;
	unsigned int base = 10;
	uint64_t v = 0;
	int digits = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (;; s++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned int)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = (unsigned int)(*s - 'a' + 10);
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = (unsigned int)(*s - 'A' + 10);
		else
			break;
		if (v > (UINT64_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
		digits++;
	}
	if (!digits)
		return -EINVAL;
	*sp = s;
	*ret = v;
	return 0;
}

int parse_u64(const char *s, uint64_t *ret)
{
	uint64_t v;
	int rc;

	if (!s)
		return -EINVAL;
	s = skip_space(s);
	rc = scan_u64(&s, &v);
	if (rc < 0)
		return rc;
	if (!only_trailer(s))
		return -EINVAL;
	*ret = v;
	return 0;
}

int parse_s64(const char *s, int64_t *ret)
{
	bool neg = false;
	uint64_t v;
	int rc;

	if (!s)
		return -EINVAL;
	s = skip_space(s);
	if (*s == '-') {
		neg = true;
		s++;
	}
	rc = scan_u64(&s, &v);
	if (rc < 0)
		return rc;
	if (!only_trailer(s))
		return -EINVAL;
	if (neg) {
		if (v > (uint64_t)INT64_MAX + 1)
			return -ERANGE;
		*ret = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	} else {
		if (v > INT64_MAX)
			return -ERANGE;
		*ret = (int64_t)v;
	}
	return 0;
}

static int suffix_shift(const char *s, const char **end)
{
	static const char units[] = "KMGTPE";
	const char *u;
	int shift;

	if (!*s) {
		*end = s;
		return 0;
	}
	u = strchr(units, toupper((unsigned char)*s));
	if (!u)
		return -EINVAL;
	shift = 10 * (int)(u - units + 1);
	s++;
	/* accept K, KB, KiB (all binary: sizes of memory, as ndctl uses them) */
	if (s[0] == 'i' && (s[1] == 'B' || s[1] == 'b'))
		s += 2;
	else if (s[0] == 'B' || s[0] == 'b')
		s++;
	*end = s;
	return shift;
}

int parse_size(const char *s, uint64_t *ret)
{
	uint64_t whole, frac = 0, frac_div = 1;
	const char *end;
	int shift, rc;

	if (!s)
		return -EINVAL;
	s = skip_space(s);
	if (*s == '-' || *s == '+')
		return -EINVAL;
	rc = scan_u64(&s, &whole);
	if (rc < 0)
		return rc;
	if (*s == '.') {
		s++;
		if (!isdigit((unsigned char)*s))
			return -EINVAL;
		while (isdigit((unsigned char)*s)) {
			if (frac_div < 1000000000ULL) {
				frac = frac * 10 + (uint64_t)(*s - '0');
				frac_div *= 10;
			}
			s++;
		}
	}
	shift = suffix_shift(s, &end);
	if (shift < 0)
		return shift;
	if (!only_trailer(end))
		return -EINVAL;
	if (frac_div > 1 && shift == 0)
		return -EINVAL; /* "1.5" bytes means nothing */
	if (shift && whole > (UINT64_MAX >> shift))
		return -ERANGE;
	whole <<= shift;
	if (frac) {
		/* frac/frac_div of one unit; frac_div <= 1e9 < 2^30 keeps this exact enough */
		uint64_t unit = 1ULL << shift;
		uint64_t add = (unit / frac_div) * frac +
			       ((unit % frac_div) * frac) / frac_div;

		if (whole > UINT64_MAX - add)
			return -ERANGE;
		whole += add;
	}
	*ret = whole;
	return 0;
}

/* value / unit in hundredths, rounded half up, without overflow */
static uint64_t hundredths(uint64_t v, uint64_t unit)
{
	unsigned __int128 x = (unsigned __int128)v * 200 + unit;

	return (uint64_t)(x / ((unsigned __int128)unit * 2));
}

const char *format_size_human(uint64_t bytes, char *buf, int len)
{
	static const struct {
		uint64_t below;		/* this unit below this size */
		uint64_t bin, dec;
		const char *bname, *dname;
	} units[] = {
		{ 2ULL << 30, 1ULL << 20, 1000000ULL, "MiB", "MB" },
		{ 2ULL << 40, 1ULL << 30, 1000000000ULL, "GiB", "GB" },
		{ UINT64_MAX, 1ULL << 40, 1000000000000ULL, "TiB", "TB" },
	};
	uint64_t b, d;
	size_t i;

	if (bytes < 5000ULL * 1024) {
		snprintf(buf, (size_t)len, "%llu", (unsigned long long)bytes);
		return NULL;
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]) - 1; i++)
		if (bytes < units[i].below)
			break;
	b = hundredths(bytes, units[i].bin);
	d = hundredths(bytes, units[i].dec);
	snprintf(buf, (size_t)len, "%llu.%02llu %s (%llu.%02llu %s)",
		 (unsigned long long)(b / 100), (unsigned long long)(b % 100), units[i].bname,
		 (unsigned long long)(d / 100), (unsigned long long)(d % 100), units[i].dname);
	return buf;
}
