// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: strict number/size parsers and natural ordering. */
#include <errno.h>
#include <stdlib.h>

#include "tap.h"
#include "util/parse.h"
#include "util/sysfs.h"

/* printable copy for TAP descriptions (inputs contain newlines) */
static const char *esc(const char *in)
{
	static char buf[128];
	size_t o = 0;

	for (; *in && o < sizeof(buf) - 3; in++) {
		if (*in == '\n') {
			buf[o++] = '\\';
			buf[o++] = 'n';
		} else {
			buf[o++] = *in;
		}
	}
	buf[o] = '\0';
	return buf;
}

static void u64_cases(struct tap *t)
{
	static const struct {
		const char *in;
		int rc;
		uint64_t v;
	} c[] = {
		{ "0", 0, 0 },
		{ "4096\n", 0, 4096 },
		{ "0x8000000", 0, 0x8000000 },
		{ "0X1f", 0, 31 },
		{ "18446744073709551615", 0, UINT64_MAX },
		{ "0xffffffffffffffff", 0, UINT64_MAX },
		{ "18446744073709551616", -ERANGE, 0 },
		{ "1180591620717411303424", -ERANGE, 0 }, /* 2^70 */
		{ "0x10000000000000000", -ERANGE, 0 },
		{ "", -EINVAL, 0 },
		{ "\n", -EINVAL, 0 },
		{ "abc", -EINVAL, 0 },
		{ "12abc", -EINVAL, 0 },
		{ "-1", -EINVAL, 0 },
		{ "0x", -EINVAL, 0 },
		{ "1 2", -EINVAL, 0 },
		{ "5\n\n", -EINVAL, 0 },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		uint64_t v = 0xdead;
		int rc = parse_u64(c[i].in, &v);

		tap_ok(t, rc == c[i].rc && (rc < 0 ? v == 0xdead : v == c[i].v),
		       "parse_u64(\"%s\") = %d", esc(c[i].in), c[i].rc);
	}
}

static void s64_cases(struct tap *t)
{
	int64_t v = 0;

	tap_ok(t, parse_s64("-1", &v) == 0 && v == -1, "parse_s64 -1");
	tap_ok(t, parse_s64("-9223372036854775808", &v) == 0 && v == INT64_MIN,
	       "parse_s64 INT64_MIN");
	tap_ok(t, parse_s64("9223372036854775808", &v) == -ERANGE, "parse_s64 overflow");
	tap_ok(t, parse_s64("-", &v) == -EINVAL, "parse_s64 lone sign");
}

static void size_cases(struct tap *t)
{
	static const struct {
		const char *in;
		int rc;
		uint64_t v;
	} c[] = {
		{ "4096", 0, 4096 },
		{ "0x1000", 0, 4096 },
		{ "4k", 0, 4096 },
		{ "4K", 0, 4096 },
		{ "256M", 0, 256ULL << 20 },
		{ "256MiB", 0, 256ULL << 20 },
		{ "256MB", 0, 256ULL << 20 },
		{ "2G", 0, 2ULL << 30 },
		{ "1.5G", 0, 3ULL << 29 },
		{ "0.25T", 0, 1ULL << 38 },
		{ "16E", -ERANGE, 0 },
		{ "15E", 0, 15ULL << 60 },
		{ "", -EINVAL, 0 },
		{ "G", -EINVAL, 0 },
		{ "2X", -EINVAL, 0 },
		{ "-2G", -EINVAL, 0 },
		{ "1.5", -EINVAL, 0 },
		{ "2GiBx", -EINVAL, 0 },
		{ "1.G", -EINVAL, 0 },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		uint64_t v = 0xdead;
		int rc = parse_size(c[i].in, &v);

		tap_ok(t, rc == c[i].rc && (rc < 0 || v == c[i].v),
		       "parse_size(\"%s\") = %d", esc(c[i].in), c[i].rc);
		if (rc == 0 && v != c[i].v)
			printf("# got %llu\n", (unsigned long long)v);
	}
}

static void natural_cases(struct tap *t)
{
	tap_ok(t, natural_cmp("region2", "region10") < 0, "region2 < region10");
	tap_ok(t, natural_cmp("region10", "region2") > 0, "region10 > region2");
	tap_ok(t, natural_cmp("dax0.2", "dax0.10") < 0, "dax0.2 < dax0.10");
	tap_ok(t, natural_cmp("dax1.0", "dax0.10") > 0, "dax1.0 > dax0.10");
	tap_ok(t, natural_cmp("namespace1.0", "namespace1.0") == 0, "equal");
	tap_ok(t, natural_cmp("memory9", "memory10") < 0, "memory9 < memory10");
	tap_ok(t, natural_cmp("ndbus0", "nmem0") < 0, "plain text order");
	tap_ok(t, natural_cmp("a", "ab") < 0, "prefix first");
}

static void human_cases(struct tap *t)
{
	char buf[64];

	format_size_human(2147483648ULL, buf, sizeof(buf));
	tap_ok(t, strcmp(buf, "2.00 GiB (2.15 GB)") == 0, "2 GiB human: %s", buf);
	format_size_human(536870912ULL, buf, sizeof(buf));
	tap_ok(t, strcmp(buf, "512.00 MiB (536.87 MB)") == 0, "512 MiB human: %s", buf);
	format_size_human(4398046511104ULL, buf, sizeof(buf));
	tap_ok(t, strcmp(buf, "4.00 TiB (4.40 TB)") == 0, "4 TiB human: %s", buf);
	tap_ok(t, format_size_human(5000ULL * 1024 - 1, buf, sizeof(buf)) == NULL &&
	       strcmp(buf, "5119999") == 0, "under 5000 KiB stays a number: %s", buf);
	tap_ok(t, format_size_human(5000ULL * 1024, buf, sizeof(buf)) == buf &&
	       strcmp(buf, "4.88 MiB (5.12 MB)") == 0, "5000 KiB human: %s", buf);
}

int main(void)
{
	struct tap t = { 0 };

	u64_cases(&t);
	s64_cases(&t);
	size_cases(&t);
	natural_cases(&t);
	human_cases(&t);
	return tap_done(&t);
}
