// SPDX-License-Identifier: GPL-2.0-only
/*
 * ndctld: entry point. Options, loading the configuration, and the modes
 * that do not wait for events: --check (print the plan as JSON, change
 * nothing) and --no-monitor (converge once and exit). The daemon proper
 * (coldplug, uevents, SIGHUP reload) is monitor.c.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "config.h"
#include "daemon/ndctld.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ndctld [OPTIONS]\n"
		"\n"
		"Applies the namespace and dax configuration (daxctl.conf(5)) in\n"
		"%s to the devices present, then again on every\n"
		"nd/dax uevent, until SIGTERM; SIGHUP reloads the configuration. ndctld(8).\n"
		"\n"
		"      --config-dir=DIR        configuration directory (default %s)\n"
		"      --sysfs-root=DIR        directory standing for /sys (tests, captured trees)\n"
		"      --dev-root=DIR          directory standing for /dev (device node ownership)\n"
		"      --check                 print the plan as JSON, change nothing\n"
		"                              (exit 0: valid, no problems; 1: configuration errors;\n"
		"                              2: the plan has problems)\n"
		"      --only=DEV              consider only this object (e.g. dax1.0)\n"
		"      --allow-insecure-config accept files writable by non-root users (tests)\n"
		"      --no-monitor            apply once and exit (2: not everything in place)\n"
		"      --journal               log structured records to the journal\n"
		"  -v, --verbose               also log debug records (devices seen, uevents)\n"
		"      --version               print the version\n"
		"  -h, --help                  this text\n",
		NDCTLD_CONF_DIR, NDCTLD_CONF_DIR);
}

enum {
	OPT_CONFIG_DIR = 256,
	OPT_SYSFS_ROOT,
	OPT_DEV_ROOT,
	OPT_CHECK,
	OPT_ONLY,
	OPT_ALLOW_INSECURE,
	OPT_NO_MONITOR,
	OPT_JOURNAL,
	OPT_VERSION,
};

/* returns -1 to go on, else the exit status */
static int parse_args(int argc, char **argv, struct ndctld_opts *o)
{
	static const struct option longopts[] = {
		{ "config-dir", required_argument, NULL, OPT_CONFIG_DIR },
		{ "sysfs-root", required_argument, NULL, OPT_SYSFS_ROOT },
		{ "dev-root", required_argument, NULL, OPT_DEV_ROOT },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "only", required_argument, NULL, OPT_ONLY },
		{ "allow-insecure-config", no_argument, NULL, OPT_ALLOW_INSECURE },
		{ "no-monitor", no_argument, NULL, OPT_NO_MONITOR },
		{ "journal", no_argument, NULL, OPT_JOURNAL },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":vh", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_CONFIG_DIR:
			o->config_dir = optarg;
			break;
		case OPT_SYSFS_ROOT:
			if (access(optarg, R_OK | X_OK) < 0) {
				fprintf(stderr, "ndctld: --sysfs-root %s: %s\n", optarg,
					strerror(errno));
				return NDCTLD_EXIT_CONFIG;
			}
			o->sysfs_root = optarg;
			break;
		case OPT_DEV_ROOT:
			o->dev_root = optarg;
			break;
		case OPT_CHECK:
			o->check = true;
			break;
		case OPT_ONLY:
			o->only = optarg;
			break;
		case OPT_ALLOW_INSECURE:
			o->allow_insecure = true;
			break;
		case OPT_NO_MONITOR:
			o->no_monitor = true;
			break;
		case OPT_JOURNAL:
			o->journal = true;
			break;
		case 'v':
			o->verbose++;
			break;
		case OPT_VERSION:
			printf("%s\n", VERSION);
			return NDCTLD_EXIT_OK;
		case 'h':
			usage(stdout);
			return NDCTLD_EXIT_OK;
		case ':':
			fprintf(stderr, "ndctld: option '%s' needs a value; see 'ndctld --help'\n",
				argv[optind - 1]);
			return NDCTLD_EXIT_CONFIG;
		default:
			fprintf(stderr, "ndctld: unknown option '%s'; see 'ndctld --help'\n",
				argv[optind - 1]);
			return NDCTLD_EXIT_CONFIG;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "ndctld: unexpected argument '%s'; see 'ndctld --help'\n",
			argv[optind]);
		return NDCTLD_EXIT_CONFIG;
	}
	if (o->check && o->no_monitor) {
		fprintf(stderr, "ndctld: --check and --no-monitor exclude each other\n");
		return NDCTLD_EXIT_CONFIG;
	}
	return -1;
}

int ndctld_load_conf(struct ndctld *d, struct conf **ret)
{
	struct conf_diags diags = { 0 };
	int rc;

	rc = conf_load_dir(d->opts.config_dir, d->opts.allow_insecure, ret, &diags);
	ndlog_diags(&d->log, &diags);
	if (rc < 0 && rc != -EINVAL)
		ndlog(&d->log, LOG_ERR, "cannot read the configuration in %s: %s",
		      d->opts.config_dir, strerror(-rc));
	else if (rc < 0)
		ndlog(&d->log, LOG_ERR, "the configuration in %s has %zu error%s (listed above)",
		      d->opts.config_dir, conf_diags_errors(&diags),
		      conf_diags_errors(&diags) == 1 ? "" : "s");
	conf_diags_clear(&diags);
	return rc;
}

static int run_check(struct ndctld *d)
{
	struct engine_opts o;
	struct json_object *j;
	struct plan *plan;
	unsigned int problems;
	int rc;

	ndctld_engine_opts(d, &o);
	rc = engine_plan(d->conf, &o, &plan);
	if (rc < 0) {
		ndlog(&d->log, LOG_ERR, "cannot read the current state: %s", strerror(-rc));
		return NDCTLD_EXIT_CONFIG;
	}
	j = plan_to_json(plan);
	if (!j) {
		plan_free(plan);
		ndlog(&d->log, LOG_ERR, "cannot build the plan: %s", strerror(ENOMEM));
		return NDCTLD_EXIT_CONFIG;
	}
	/* the CLIs' layout (ndctl list, create-namespace) */
	printf("%s\n", json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY |
						      JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(j);
	problems = plan_problems(plan);
	plan_free(plan);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ndctld: cannot write the plan: %s\n", strerror(errno));
		return NDCTLD_EXIT_CONFIG;
	}
	return problems ? NDCTLD_EXIT_PROBLEMS : NDCTLD_EXIT_OK;
}

int main(int argc, char **argv)
{
	struct ndctld d = { .opts = { .config_dir = NDCTLD_CONF_DIR } };
	int rc;

	rc = parse_args(argc, argv, &d.opts);
	if (rc >= 0)
		return rc;
	ndlog_init(&d.log, d.opts.journal, d.opts.verbose);
	/* the plan is the output of --check: engine records only with -v */
	if (d.opts.check && !d.opts.verbose)
		d.log.max_priority = LOG_WARNING;

	if (ndctld_load_conf(&d, &d.conf) < 0)
		return NDCTLD_EXIT_CONFIG;

	if (d.opts.check)
		rc = run_check(&d);
	else if (d.opts.no_monitor)
		rc = ndctld_converge(&d, "apply", false, NULL) < 0 ? NDCTLD_EXIT_PROBLEMS :
		     NDCTLD_EXIT_OK;
	else
		rc = ndctld_run(&d);

	touched_clear(&d.touched);
	conf_free(d.conf);
	return rc;
}
