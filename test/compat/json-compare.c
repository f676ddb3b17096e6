// SPDX-License-Identifier: GPL-2.0-only
/*
 * json-compare: do two listings describe the same objects with the same keys,
 * value types and values, regardless of order?
 *
 *   json-compare [--types-only] [--ignore KEY]... OURS.json THEIRS.json
 *
 * Every JSON object with an identity ("dev", "chardev", or a "provider" of a
 * bus) becomes one entry keyed by that identity and the path of identities
 * above it; anonymous objects are keyed by their parent and member name, and
 * inside arrays by their scalar content. For each entry the scalar members and
 * arrays of scalars are compared. The top-level shape (array or single object)
 * must match too. Prints one line per difference; exit 0 if none, 1 if any,
 * 2 on bad input.
 */
#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *id;
	struct json_object *obj;
};

struct set {
	struct entry *v;
	size_t n, alloc;
};

struct opts {
	bool types_only;
	const char **ignore;
	size_t nignore;
};

static bool ignored(const struct opts *o, const char *key)
{
	for (size_t i = 0; i < o->nignore; i++)
		if (strcmp(o->ignore[i], key) == 0)
			return true;
	return false;
}

static void add(struct set *s, char *id, struct json_object *obj)
{
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? s->alloc * 2 : 64;
		s->v = realloc(s->v, s->alloc * sizeof(*s->v));
		if (!s->v)
			exit(2);
	}
	s->v[s->n].id = id;
	s->v[s->n].obj = obj;
	s->n++;
}

static const char *identity(struct json_object *obj)
{
	static const char *const keys[] = { "dev", "chardev", "daxregion_dev" };
	struct json_object *v;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (json_object_object_get_ex(obj, keys[i], &v) &&
		    json_object_is_type(v, json_type_string))
			return json_object_get_string(v);
	return NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Scalar members only, sorted by key, as one string: names array elements. */
static char *scalar_signature(struct json_object *obj)
{
	size_t n = 0, len = 1;
	char **parts = calloc((size_t)json_object_object_length(obj) + 1, sizeof(char *));
	char *buf;

	json_object_object_foreach(obj, key, val) {
		if (json_object_is_type(val, json_type_object) ||
		    json_object_is_type(val, json_type_array))
			continue;
		asprintf(&parts[n], "%s=%s,", key,
			 json_object_to_json_string_ext(val, JSON_C_TO_STRING_PLAIN));
		len += strlen(parts[n++]);
	}
	qsort(parts, n, sizeof(char *), cmp_str);
	buf = calloc(1, len);
	for (size_t i = 0; i < n; i++) {
		strcat(buf, parts[i]);
		free(parts[i]);
	}
	free(parts);
	return buf;
}

static void walk(struct set *s, struct json_object *j, const char *parent, const char *member);

static void walk_object(struct set *s, struct json_object *obj, const char *parent,
			const char *member)
{
	const char *idv = identity(obj);
	char *id;

	if (idv)
		asprintf(&id, "%s/%s", parent, idv);
	else
		asprintf(&id, "%s/%s", parent, member);
	add(s, id, obj);
	json_object_object_foreach(obj, key, val) {
		if (json_object_is_type(val, json_type_object) ||
		    json_object_is_type(val, json_type_array))
			walk(s, val, id, key);
	}
}

static void walk(struct set *s, struct json_object *j, const char *parent, const char *member)
{
	if (json_object_is_type(j, json_type_object)) {
		walk_object(s, j, parent, member);
		return;
	}
	if (!json_object_is_type(j, json_type_array))
		return;
	for (size_t i = 0; i < json_object_array_length(j); i++) {
		struct json_object *e = json_object_array_get_idx(j, i);
		char *m;

		if (!json_object_is_type(e, json_type_object))
			continue;
		if (identity(e)) {
			walk_object(s, e, parent, member);
			continue;
		}
		char *sig = scalar_signature(e);

		asprintf(&m, "%s[%s]", member, sig);
		free(sig);
		walk_object(s, e, parent, m);
		free(m);
	}
}

static struct entry *find(struct set *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].id, id) == 0)
			return &s->v[i];
	return NULL;
}

static const char *type_name(struct json_object *v)
{
	return json_type_to_name(json_object_get_type(v));
}

static bool scalar_array(struct json_object *v)
{
	if (!json_object_is_type(v, json_type_array))
		return false;
	for (size_t i = 0; i < json_object_array_length(v); i++) {
		enum json_type t = json_object_get_type(json_object_array_get_idx(v, i));

		if (t == json_type_object || t == json_type_array)
			return false;
	}
	return true;
}

static int compare_entry(const struct opts *o, const char *id, struct json_object *a,
			 struct json_object *b)
{
	int diffs = 0;

	json_object_object_foreach(a, key, va) {
		struct json_object *vb;

		if (ignored(o, key))
			continue;
		if (!json_object_object_get_ex(b, key, &vb)) {
			printf("%s: key \"%s\" only in first\n", id, key);
			diffs++;
			continue;
		}
		if (json_object_get_type(va) != json_object_get_type(vb)) {
			printf("%s: \"%s\" is %s in first, %s in second\n", id, key,
			       type_name(va), type_name(vb));
			diffs++;
			continue;
		}
		if (o->types_only || json_object_is_type(va, json_type_object))
			continue;
		if (json_object_is_type(va, json_type_array) && !scalar_array(va))
			continue;
		const char *sa = json_object_to_json_string_ext(va, JSON_C_TO_STRING_PLAIN);
		char *dup = strdup(sa);
		const char *sb = json_object_to_json_string_ext(vb, JSON_C_TO_STRING_PLAIN);

		if (strcmp(dup, sb) != 0) {
			printf("%s: \"%s\" is %s in first, %s in second\n", id, key, dup, sb);
			diffs++;
		}
		free(dup);
	}
	json_object_object_foreach(b, key2, vb2) {
		(void)vb2;
		if (!ignored(o, key2) && !json_object_object_get_ex(a, key2, NULL)) {
			printf("%s: key \"%s\" only in second\n", id, key2);
			diffs++;
		}
	}
	return diffs;
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct json_object *ja, *jb;
	struct set sa = { 0 }, sb = { 0 };
	int i, diffs = 0;

	o.ignore = calloc((size_t)argc, sizeof(char *));
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (strcmp(argv[i], "--types-only") == 0)
			o.types_only = true;
		else if (strcmp(argv[i], "--ignore") == 0 && i + 1 < argc)
			o.ignore[o.nignore++] = argv[++i];
		else {
			fprintf(stderr, "json-compare: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: json-compare [--types-only] [--ignore KEY]... A B\n");
		return 2;
	}
	/* empty output means "no objects": compare as an empty array */
	ja = json_object_from_file(argv[i]);
	jb = json_object_from_file(argv[i + 1]);
	if (!ja)
		ja = json_object_new_array();
	if (!jb)
		jb = json_object_new_array();
	if (json_object_get_type(ja) != json_object_get_type(jb)) {
		printf("top level is %s in first, %s in second\n", type_name(ja), type_name(jb));
		diffs++;
	}
	walk(&sa, ja, "", "top");
	walk(&sb, jb, "", "top");
	for (size_t k = 0; k < sa.n; k++) {
		struct entry *e = find(&sb, sa.v[k].id);

		if (!e) {
			printf("%s: object only in first\n", sa.v[k].id);
			diffs++;
			continue;
		}
		diffs += compare_entry(&o, sa.v[k].id, sa.v[k].obj, e->obj);
	}
	for (size_t k = 0; k < sb.n; k++)
		if (!find(&sa, sb.v[k].id)) {
			printf("%s: object only in second\n", sb.v[k].id);
			diffs++;
		}
	for (size_t k = 0; k < sa.n; k++)
		free(sa.v[k].id);
	for (size_t k = 0; k < sb.n; k++)
		free(sb.v[k].id);
	free(sa.v);
	free(sb.v);
	json_object_put(ja);
	json_object_put(jb);
	free(o.ignore);
	return diffs ? 1 : 0;
}
