// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parser of create-device --input: device objects as 'daxctl list' prints
 * them (see input.h). Values may be numbers, hex strings ("0x1000") or the
 * --human sizes ("768.00 MiB (805.31 MB)", accepted only when exact). The
 * mappings must tile the device: page offsets consecutive from 0, sizes
 * adding up to "size".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "daxctl/input.h"
#include "util/parse.h"

#define PAGE 4096ULL

static int fail(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* "768.00 MiB (805.31 MB)": exact binary value or -EINVAL */
static int parse_human(const char *s, uint64_t *ret)
{
	static const struct { const char *name; uint64_t unit; } units[] = {
		{ "KiB", 1ULL << 10 }, { "MiB", 1ULL << 20 }, { "GiB", 1ULL << 30 },
		{ "TiB", 1ULL << 40 },
	};
	unsigned __int128 hundredths = 0;
	const char *p = s;
	int digits = 0;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		hundredths = hundredths * 10 + (unsigned)(*p - '0');
		if (hundredths > UINT64_MAX)
			return -EINVAL;
	}
	hundredths *= 100;
	if (*p == '.') {
		p++;
		for (; *p >= '0' && *p <= '9' && digits < 2; p++, digits++)
			hundredths += (unsigned)(*p - '0') * (digits == 0 ? 10 : 1);
		if (!digits || (*p >= '0' && *p <= '9'))
			return -EINVAL;
	}
	if (*p++ != ' ')
		return -EINVAL;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t n = strlen(units[i].name);
		unsigned __int128 v;

		if (strncmp(p, units[i].name, n) != 0 || (p[n] != '\0' && p[n] != ' '))
			continue;
		/* the decimal figure in parentheses, if any, is not checked */
		if (p[n] == ' ' && p[n + 1] != '(')
			return -EINVAL;
		v = hundredths * units[i].unit;
		if (v % 100 || v / 100 > UINT64_MAX)
			return -EINVAL;
		*ret = (uint64_t)(v / 100);
		return 0;
	}
	return -EINVAL;
}

static int get_u64(struct json_object *obj, const char *key, uint64_t *ret, bool *present)
{
	struct json_object *v;
	const char *s;

	*present = json_object_object_get_ex(obj, key, &v) && v;
	if (!*present)
		return 0;
	switch (json_object_get_type(v)) {
	case json_type_int:
		errno = 0;
		if (json_object_get_int64(v) < 0)
			return -ERANGE;
		*ret = json_object_get_uint64(v);
		return errno ? -ERANGE : 0;
	case json_type_string:
		s = json_object_get_string(v);
		if (parse_u64(s, ret) == 0)
			return 0;
		return parse_human(s, ret);
	default:
		return -EINVAL;
	}
}

static int cmp_ranges(const void *a, const void *b)
{
	const struct dax_input_range *ra = a, *rb = b;

	return ra->page_offset < rb->page_offset ? -1 : ra->page_offset > rb->page_offset;
}

static int parse_dev(struct json_object *obj, struct dax_input_dev *d, size_t idx,
		     char *why, size_t wl)
{
	struct json_object *maps, *name;
	uint64_t total = 0;
	bool has;
	int rc;

	if (!json_object_is_type(obj, json_type_object))
		return fail(why, wl, "device %zu: not a JSON object", idx);
	if (json_object_object_get_ex(obj, "chardev", &name)) {
		if (!json_object_is_type(name, json_type_string) ||
		    strlen(json_object_get_string(name)) >= sizeof(d->chardev))
			return fail(why, wl, "device %zu: \"chardev\" is not a device name", idx);
		strcpy(d->chardev, json_object_get_string(name));
	}
	rc = get_u64(obj, "size", &d->size, &has);
	if (rc < 0)
		return fail(why, wl, "device %zu: \"size\" is not a size", idx);
	rc = get_u64(obj, "align", &d->align, &has);
	if (rc < 0 || (has && (d->align == 0 || (d->align & (d->align - 1)))))
		return fail(why, wl, "device %zu: \"align\" is not a power of two", idx);
	if (json_object_object_get_ex(obj, "mappings", &maps)) {
		size_t n;

		if (!json_object_is_type(maps, json_type_array))
			return fail(why, wl, "device %zu: \"mappings\" is not an array", idx);
		n = json_object_array_length(maps);
		if (n == 0 || n > 4096)
			return fail(why, wl, "device %zu: %zu mappings", idx, n);
		d->ranges = calloc(n, sizeof(*d->ranges));
		if (!d->ranges)
			return -ENOMEM;
		for (size_t i = 0; i < n; i++) {
			struct json_object *m = json_object_array_get_idx(maps, i);
			struct dax_input_range *r = &d->ranges[i];
			uint64_t size;
			bool hs, ho, he, hz;

			if (!m || !json_object_is_type(m, json_type_object))
				return fail(why, wl, "device %zu, mapping %zu: not an object",
					    idx, i);
			if (get_u64(m, "start", &r->start, &hs) < 0 || !hs ||
			    get_u64(m, "end", &r->end, &he) < 0 || !he ||
			    get_u64(m, "page_offset", &r->page_offset, &ho) < 0 || !ho)
				return fail(why, wl, "device %zu, mapping %zu: needs numeric "
					    "\"start\", \"end\" and \"page_offset\"", idx, i);
			if (r->end < r->start || r->end == UINT64_MAX)
				return fail(why, wl, "device %zu, mapping %zu: end before start",
					    idx, i);
			if (r->start % PAGE || (r->end + 1) % PAGE)
				return fail(why, wl, "device %zu, mapping %zu: not page aligned",
					    idx, i);
			if (get_u64(m, "size", &size, &hz) < 0 ||
			    (hz && size != r->end - r->start + 1))
				return fail(why, wl, "device %zu, mapping %zu: \"size\" is not "
					    "end - start + 1", idx, i);
			d->nr_ranges++;
		}
		qsort(d->ranges, n, sizeof(*d->ranges), cmp_ranges);
		for (size_t i = 0; i < n; i++) {
			struct dax_input_range *r = &d->ranges[i];

			if (r->page_offset != total / PAGE)
				return fail(why, wl, "device %zu: mapping at page_offset %llu "
					    "leaves a hole or overlaps (expected %llu)", idx,
					    (unsigned long long)r->page_offset,
					    (unsigned long long)(total / PAGE));
			for (size_t k = 0; k < i; k++)
				if (r->start <= d->ranges[k].end && d->ranges[k].start <= r->end)
					return fail(why, wl, "device %zu: mappings overlap", idx);
			if (total > UINT64_MAX - (r->end - r->start + 1))
				return fail(why, wl, "device %zu: mappings too large", idx);
			total += r->end - r->start + 1;
		}
		if (d->size && d->size != total)
			return fail(why, wl, "device %zu: \"size\" %llu is not the sum of its "
				    "mappings (%llu)", idx, (unsigned long long)d->size,
				    (unsigned long long)total);
		d->size = total;
	}
	if (!d->size)
		return fail(why, wl, "device %zu: no \"size\" and no \"mappings\"", idx);
	return 0;
}

static int add_devs(struct json_object *obj, struct dax_input *in, char *why, size_t wl,
		    int depth)
{
	struct json_object *devs;

	if (depth > 2)
		return fail(why, wl, "nested too deep: expected devices or regions");
	if (json_object_is_type(obj, json_type_array)) {
		size_t n = json_object_array_length(obj);

		for (size_t i = 0; i < n; i++) {
			int rc = add_devs(json_object_array_get_idx(obj, i), in, why, wl,
					  depth + 1);

			if (rc < 0)
				return rc;
		}
		return 0;
	}
	if (!json_object_is_type(obj, json_type_object))
		return fail(why, wl, "expected a device object or an array of them");
	/* a region as 'daxctl list -RD' prints it: its devices */
	if (json_object_object_get_ex(obj, "devices", &devs))
		return add_devs(devs, in, why, wl, depth + 1);
	{
		struct dax_input_dev *tmp = realloc(in->devs, (in->nr_devs + 1) * sizeof(*tmp));

		if (!tmp)
			return -ENOMEM;
		in->devs = tmp;
		memset(&in->devs[in->nr_devs], 0, sizeof(*tmp));
		in->nr_devs++;
		return parse_dev(obj, &in->devs[in->nr_devs - 1], in->nr_devs - 1, why, wl);
	}
}

int dax_input_parse(const char *buf, size_t len, struct dax_input *in, char *why,
		    size_t whylen)
{
	struct json_tokener *tok;
	struct json_object *root;
	int rc;

	memset(in, 0, sizeof(*in));
	if (len > (1u << 24))
		return fail(why, whylen, "input larger than 16 MiB");
	tok = json_tokener_new();
	if (!tok)
		return -ENOMEM;
	root = json_tokener_parse_ex(tok, buf, (int)len);
	if (!root) {
		enum json_tokener_error e = json_tokener_get_error(tok);

		rc = fail(why, whylen, "not valid JSON (%s at byte %zu)",
			  e == json_tokener_continue ? "unexpected end" :
			  json_tokener_error_desc(e), json_tokener_get_parse_end(tok));
		json_tokener_free(tok);
		return rc;
	}
	/* nothing but whitespace may follow */
	for (size_t i = json_tokener_get_parse_end(tok); i < len; i++)
		if (buf[i] != ' ' && buf[i] != '\n' && buf[i] != '\t' && buf[i] != '\r') {
			json_object_put(root);
			json_tokener_free(tok);
			return fail(why, whylen, "trailing data after the JSON value at byte %zu",
				    i);
		}
	json_tokener_free(tok);
	rc = add_devs(root, in, why, whylen, 0);
	json_object_put(root);
	if (rc == 0 && in->nr_devs == 0)
		rc = fail(why, whylen, "no device in the input");
	if (rc < 0)
		dax_input_free(in);
	return rc;
}

void dax_input_free(struct dax_input *in)
{
	for (size_t i = 0; i < in->nr_devs; i++)
		free(in->devs[i].ranges);
	free(in->devs);
	in->devs = NULL;
	in->nr_devs = 0;
}
