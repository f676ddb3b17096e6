// SPDX-License-Identifier: GPL-2.0-only
/*
 * Direct tests of the configuration loader: model fields of the upstream
 * form, owner/group resolution, conf_key_line, directories (lexical order,
 * only *.conf, missing directory, duplicates across files), the permission
 * refusal (group/other writable, not owned by root, insecure directory) and
 * the contrib example (loads empty; every example in it is valid once
 * uncommented). Usage: test-conf CONTRIB_EXAMPLE
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/conf.h"
#include "test/unit/tap.h"

static char tmpdir[] = "/tmp/test-conf-XXXXXX";

static void write_file(const char *name, const char *text, mode_t mode)
{
	char *path;
	FILE *f;

	if (asprintf(&path, "%s/%s", tmpdir, name) < 0)
		exit(2);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
	free(path);
}

/* all diags as text, tmpdir replaced by "DIR" */
static char *diags_text(const struct conf_diags *d)
{
	char *out = NULL, *p;
	size_t len;
	FILE *f = open_memstream(&out, &len);

	conf_diags_print(d, f);
	fclose(f);
	while ((p = strstr(out, tmpdir))) {
		memcpy(p, "DIR", 3);
		memmove(p + 3, p + strlen(tmpdir), strlen(p + strlen(tmpdir)) + 1);
	}
	return out;
}

static void test_upstream(struct tap *t)
{
	static const char text[] =
		"[reconfigure-device foo]\n"
		"nvdimm.uuid = 7c14a0b4-5a71-4b1e-9d2e-3c5f0f1a2b3c\n"
		"mode = system-ram\n"
		"online = true\n"
		"movable = false\n";
	struct conf_diags d = { 0 };
	struct conf *conf;
	uuid_t u;
	int rc;

	rc = conf_load_buffer("up.conf", text, sizeof(text) - 1, &conf, &d);
	tap_ok(t, rc == 0 && conf && conf->nsec == 1 && d.n == 0, "upstream form loads cleanly");
	if (rc)
		return;
	uuid_parse("7c14a0b4-5a71-4b1e-9d2e-3c5f0f1a2b3c", u);
	tap_ok(t, conf->sec[0].kind == CONF_RECONFIGURE_DEVICE, "kind reconfigure-device");
	tap_ok(t, strcmp(conf->sec[0].name, "foo") == 0, "name foo");
	tap_ok(t, conf->sec[0].sel.set == CONF_SEL_NVDIMM_UUID &&
		  uuid_compare(conf->sec[0].sel.nvdimm_uuid, u) == 0, "selects by nvdimm.uuid");
	tap_ok(t, conf->sec[0].act.mode == CONF_MODE_SYSTEM_RAM, "mode system-ram");
	tap_ok(t, conf->sec[0].act.online == 1, "online true");
	tap_ok(t, conf->sec[0].act.zone == CONF_ZONE_NORMAL, "movable = false is zone normal");
	tap_ok(t, strcmp(conf->sec[0].loc.file, "up.conf") == 0 && conf->sec[0].loc.line == 1,
	       "section at up.conf:1");
	tap_ok(t, conf_key_line(&conf->sec[0], "movable") == 5, "movable at line 5");
	tap_ok(t, conf_key_line(&conf->sec[0], "owner") == 1, "absent key: the section's line");
	conf_free(conf);
	conf_diags_clear(&d);
}

static void test_ids(struct tap *t)
{
	static const char text[] =
		"[device users]\ndevice = dax0.0\nmode = devdax\nowner = nobody\ngroup = root\n";
	struct passwd *pw = getpwnam("nobody");
	struct conf_diags d = { 0 };
	struct conf *conf;
	int rc;

	rc = conf_load_buffer("ids.conf", text, sizeof(text) - 1, &conf, &d);
	tap_ok(t, rc == 0, "owner = nobody, group = root resolve");
	if (rc)
		return;
	tap_ok(t, pw && conf->sec[0].act.has_owner && conf->sec[0].act.uid == pw->pw_uid,
	       "uid of nobody");
	tap_ok(t, conf->sec[0].act.has_group && conf->sec[0].act.gid == 0, "gid of root");
	tap_ok(t, strcmp(conf->sec[0].act.owner_name, "nobody") == 0, "owner name kept");
	tap_ok(t, !conf->sec[0].act.has_perm, "no permissions given");
	conf_free(conf);
	conf_diags_clear(&d);
}

static void test_dir(struct tap *t)
{
	struct conf_diags d = { 0 };
	struct conf *conf;
	char *text, *sub;
	int rc;

	rc = conf_load_dir("/nonexistent/daxctl.conf.d", false, &conf, &d);
	tap_ok(t, rc == 0 && conf && conf->nsec == 0 && d.n == 0, "missing directory: empty");
	conf_free(conf);

	write_file("10-b.conf", "[device b]\ndevice = dax1.0\nmode = devdax\n", 0644);
	write_file("02-a.conf", "[device a]\ndevice = dax0.0\nmode = devdax\n", 0644);
	write_file("02-a.conf.rpmsave", "garbage\n", 0644);
	write_file("README", "garbage\n", 0644);
	write_file(".hidden.conf", "garbage\n", 0644);
	rc = conf_load_dir(tmpdir, false, &conf, &d);
	tap_ok(t, rc == 0 && d.n == 0, "directory loads, other files ignored (rc %d, %zu diags)",
	       rc, d.n);
	if (rc == 0) {
		tap_ok(t, conf->nsec == 2 && strcmp(conf->sec[0].name, "a") == 0 &&
			  strcmp(conf->sec[1].name, "b") == 0, "lexical order: 02-a then 10-b");
		tap_ok(t, strstr(conf->sec[1].loc.file, "/10-b.conf") != NULL,
		       "location names the file");
		conf_free(conf);
	}
	conf_diags_clear(&d);

	/* the same [device a] in two files */
	write_file("20-c.conf", "# again\n[device A]\ndevice = dax2.0\nmode = devdax\n", 0644);
	rc = conf_load_dir(tmpdir, false, &conf, &d);
	text = diags_text(&d);
	tap_ok(t, rc == -EINVAL && !conf &&
		  strcmp(text, "DIR/20-c.conf:2: duplicate section [device A]: also at "
			       "DIR/02-a.conf:1 (names are unique within a kind); rename or remove one\n") == 0,
	       "duplicate across files names both locations");
	printf("# %s", text);
	free(text);
	conf_diags_clear(&d);

	/* a broken file breaks the whole configuration */
	write_file("20-c.conf", "[device c]\nmode = devdax\n", 0644);
	rc = conf_load_dir(tmpdir, false, &conf, &d);
	tap_ok(t, rc == -EINVAL && !conf && conf_diags_errors(&d) == 1, "one broken file: -EINVAL");
	conf_diags_clear(&d);
	if (asprintf(&sub, "%s/20-c.conf", tmpdir) < 0)
		exit(2);
	unlink(sub);
	free(sub);

	/* a directory named *.conf */
	if (asprintf(&sub, "%s/30-dir.conf", tmpdir) < 0)
		exit(2);
	mkdir(sub, 0755);
	rc = conf_load_dir(tmpdir, false, &conf, &d);
	text = diags_text(&d);
	tap_ok(t, rc == -EINVAL &&
		  strcmp(text, "DIR/30-dir.conf: not a regular file: remove it or rename it so "
			       "it does not end in .conf\n") == 0, "a directory *.conf is refused");
	free(text);
	conf_diags_clear(&d);
	rmdir(sub);
	free(sub);

	rc = conf_load_file("/nonexistent.conf", false, &conf, &d);
	tap_ok(t, rc == -ENOENT && !conf && d.n == 1, "missing file: -ENOENT");
	conf_diags_clear(&d);
}

static void test_permissions(struct tap *t)
{
	struct conf_diags d = { 0 };
	struct passwd *nobody = getpwnam("nobody");
	char *path, *text, *want;
	struct conf *conf;
	int rc;

	if (geteuid() != 0 || !nobody) {
		printf("ok %d # SKIP ownership tests need root and user nobody\n", ++t->n);
		return;
	}
	if (asprintf(&path, "%s/02-a.conf", tmpdir) < 0)
		exit(2);

	chmod(path, 0664);
	rc = conf_load_dir(tmpdir, false, &conf, &d);
	text = diags_text(&d);
	tap_ok(t, rc == -EINVAL && !conf && strcmp(text,
		  "DIR/02-a.conf: refused: file writable by group (fix: chmod go-w DIR/02-a.conf)\n") == 0,
	       "group-writable file refused");
	printf("# %s", text);
	free(text);
	conf_diags_clear(&d);

	rc = conf_load_dir(tmpdir, true, &conf, &d);
	tap_ok(t, rc == 0 && conf && conf->nsec == 2, "allow_insecure loads it");
	conf_free(conf);
	conf_diags_clear(&d);

	chmod(path, 0646);
	rc = conf_load_file(path, false, &conf, &d);
	text = diags_text(&d);
	tap_ok(t, rc == -EINVAL && strcmp(text,
		  "DIR/02-a.conf: refused: file writable by others (fix: chmod go-w DIR/02-a.conf)\n") == 0,
	       "world-writable file refused by conf_load_file");
	free(text);
	conf_diags_clear(&d);

	chmod(path, 0644);
	if (chown(path, nobody->pw_uid, 0) < 0)
		perror("chown");
	rc = conf_load_dir(tmpdir, false, &conf, &d);
	text = diags_text(&d);
	if (asprintf(&want, "DIR/02-a.conf: refused: file owned by uid %u, not root "
		     "(fix: chown root DIR/02-a.conf)\n", (unsigned int)nobody->pw_uid) < 0)
		exit(2);
	tap_ok(t, rc == -EINVAL && strcmp(text, want) == 0, "file owned by nobody refused");
	printf("# %s", text);
	free(want);
	free(text);
	conf_diags_clear(&d);
	if (chown(path, 0, 0) < 0)
		perror("chown");

	chmod(tmpdir, 0777);
	rc = conf_load_dir(tmpdir, false, &conf, &d);
	text = diags_text(&d);
	tap_ok(t, rc == -EINVAL && strcmp(text,
		  "DIR: refused: directory writable by group and others (fix: chmod go-w DIR)\n") == 0,
	       "world-writable directory refused");
	printf("# %s", text);
	free(text);
	conf_diags_clear(&d);
	chmod(tmpdir, 0700);

	rc = conf_load_dir(tmpdir, false, &conf, &d);
	tap_ok(t, rc == 0 && conf && d.n == 0, "fixed: loads again");
	conf_free(conf);
	conf_diags_clear(&d);
	free(path);
}

/* "#key = value" and "#[kind name]" lines lose their '#'; prose stays */
static char *uncomment(const char *text)
{
	char *out = malloc(strlen(text) + 1), *o = out;
	const char *p = text;

	while (*p) {
		if (p[0] == '#' && p[1] && p[1] != ' ' && p[1] != '\n' && p[1] != '#')
			p++;
		while (*p && *p != '\n')
			*o++ = *p++;
		if (*p)
			*o++ = *p++;
	}
	*o = '\0';
	return out;
}

static void test_example(struct tap *t, const char *path)
{
	struct conf_diags d = { 0 };
	struct conf *conf;
	char *text = NULL, *live;
	size_t len = 0;
	FILE *f;
	int rc;

	rc = conf_load_file(path, true, &conf, &d);
	tap_ok(t, rc == 0 && conf && conf->nsec == 0 && d.n == 0,
	       "the contrib example changes nothing as installed (rc %d, %zu diags)", rc, d.n);
	conf_diags_print(&d, stdout);
	conf_free(conf);
	conf_diags_clear(&d);

	f = fopen(path, "r");
	if (!f || getdelim(&text, &len, '\0', f) < 0) {
		tap_ok(t, false, "read %s", path);
		return;
	}
	fclose(f);
	live = uncomment(text);
	rc = conf_load_buffer("example-uncommented.conf", live, strlen(live), &conf, &d);
	tap_ok(t, rc == 0 && conf && conf->nsec >= 8 && d.n == 0,
	       "every example in it is valid uncommented (%zu sections, %zu diags)",
	       conf ? conf->nsec : 0, d.n);
	conf_diags_print(&d, stdout);
	if (conf) {
		bool kinds[4] = { false };

		for (size_t i = 0; i < conf->nsec; i++)
			kinds[conf->sec[i].kind] = true;
		tap_ok(t, kinds[0] && kinds[1] && kinds[2] && kinds[3],
		       "it shows every section kind");
	}
	conf_free(conf);
	conf_diags_clear(&d);
	free(live);
	free(text);
}

int main(int argc, char **argv)
{
	struct tap t = { 0 };
	char *cmd;

	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 2;
	}
	test_upstream(&t);
	test_ids(&t);
	test_dir(&t);
	test_permissions(&t);
	if (argc > 1)
		test_example(&t, argv[1]);
	if (asprintf(&cmd, "rm -rf '%s'", tmpdir) >= 0) {
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", tmpdir);
		free(cmd);
	}
	return tap_done(&t);
}
