// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxctl reconfigure-device -C/--check-config DEVICE...: the policy of the
 * configuration directory (SYSCONFDIR/daxctl.conf.d, or --config-dir) for
 * these devices, applied by the policy engine (daemon/engine.h) exactly as
 * ndctld applies it: upstream's [reconfigure-device] sections (matched by
 * the parent namespace's nvdimm.uuid) and our [device] / [instance]
 * sections' actions (mode, online, zone, owner, group, permissions).
 * Namespaces and the instance layout of regions are the daemon's, not
 * this one-shot path's (the udev rule runs it per device).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "config.h"
#include "daemon/conf.h"
#include "daemon/engine.h"
#include "daxctl/devcmd.h"
#include "daxctl/json.h"
#include "daxctl/reconfigure.h"

struct log_ctx {
	const struct cmd_env *env;
	bool verbose;
	int failed;
};

static void log_record(void *ud, const struct engine_record *r)
{
	struct log_ctx *l = ud;
	char where[600] = "";

	if (r->priority > LOG_NOTICE && !(l->verbose && r->priority <= LOG_INFO))
		return;
	if (r->section)
		snprintf(where, sizeof(where), " ([%s] %s:%d)", r->section,
			 r->file ? r->file : "?", r->line);
	if (r->event == ENGINE_FAILED || r->event == ENGINE_CONFLICT) {
		l->failed++;
		cmd_err(l->env, "%s: %s%s", r->object ? r->object : "-", r->message, where);
		return;
	}
	fprintf(stderr, "%s: %s%s\n", r->object ? r->object : "-", r->message, where);
}

int reconfigure_check_config(struct devcmd *c, int argc, char **argv, const char *dir,
			     unsigned long json_flags)
{
	const char *conf_dir = dir ? dir : SYSCONFDIR "/daxctl.conf.d";
	struct conf_diags diags = { 0 };
	struct json_object *jdevs = NULL;
	struct log_ctx l = { .env = c->env, .verbose = c->verbose };
	struct engine_opts o = { .log = log_record, .log_ud = &l };
	struct daxctl_dev **devs;
	struct conf *conf = NULL;
	struct daxctl_ctx *ctx;
	char **names = NULL;
	size_t n = 0;
	int rc;

	rc = conf_load_dir(conf_dir, false, &conf, &diags);
	for (size_t i = 0; i < diags.n; i++)
		fprintf(stderr, "%s:%d: %s%s\n", diags.v[i].loc.file, diags.v[i].loc.line,
			diags.v[i].error ? "" : "warning: ", diags.v[i].msg);
	conf_diags_clear(&diags);
	if (rc < 0) {
		cmd_err(c->env, "%s: %s; nothing was changed", conf_dir,
			rc == -EINVAL ? "the configuration has errors (above)" : strerror(-rc));
		return 1;
	}
	if (devcmd_init(c, c->env) < 0) {
		conf_free(conf);
		return 1;
	}
	rc = devcmd_select(c, argc, argv, &devs);
	if (rc < 0) {
		devcmd_fini(c);
		conf_free(conf);
		return 1;
	}
	for (n = 0; devs[n]; n++)
		;
	names = calloc(n + 1, sizeof(*names));
	for (size_t i = 0; names && i < n; i++)
		names[i] = strdup(daxctl_dev_get_devname(devs[i]));
	free(devs);
	/* the engine reads its own state: the objects listed above are stale once it acts */
	devcmd_fini(c);
	if (!names) {
		conf_free(conf);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		struct plan *plan;

		if (!names[i])
			continue;
		o.only = names[i];
		rc = engine_plan(conf, &o, &plan);
		if (rc < 0) {
			cmd_err(c->env, "%s: reading the state failed: %s", names[i], strerror(-rc));
			c->failed++;
			continue;
		}
		if (!plan_changes(plan) && !plan_problems(plan) && !plan_unchanged(plan)) {
			fprintf(stderr, "%s: no section of %s matches it; nothing to do\n",
				names[i], conf_dir);
		} else if (!plan_changes(plan) && !plan_problems(plan)) {
			fprintf(stderr, "%s: as configured already\n", names[i]);
		} else {
			l.failed = 0;
			rc = engine_converge(conf, &o);
			if (rc < 0 || l.failed)
				c->failed++;
		}
		plan_free(plan);
	}
	/* what the devices are now */
	if (daxctl_new(&ctx) == 0) {
		for (size_t i = 0; i < n; i++) {
			struct daxctl_dev *dev = names[i] ? daxctl_dev_lookup(ctx, names[i]) : NULL;
			struct json_object *jdev;

			if (!dev)
				continue;
			jdev = daxctl_dev_to_json(dev, json_flags);
			if (!jdev)
				continue;
			reconfigure_add_memmap_json(jdev, dev);
			if (!jdevs)
				jdevs = json_object_new_array();
			if (jdevs)
				json_object_array_add(jdevs, jdev);
		}
		daxctl_json_print_list(stdout, jdevs, json_flags);
		fflush(stdout);
		daxctl_unref(ctx);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	conf_free(conf);
	return c->failed ? 1 : 0;
}
