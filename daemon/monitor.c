// SPDX-License-Identifier: GPL-2.0-only
/*
 * The daemon proper: an sd-event loop with an sd-device monitor on the nd
 * and dax subsystems (udev's group: events arrive after udev has processed
 * them, so the device's attributes and its /dev node are in place), SIGHUP
 * (reload), SIGTERM/SIGINT (exit), and a defer source that turns every
 * batch of queued uevents into one converge. Nothing wakes the process
 * while no event arrives: no timers, no watchdog, no polling.
 *
 * Early path: a socket on the kernel's own uevents (kevent.h, filtered to
 * driver binds) sees a dax device the moment device_dax binds it, tens of
 * milliseconds before udev has processed its add and bind on a busy
 * machine. That device alone is converged at once (engine opts.only: its
 * mode, zone and owner; no namespaces or layouts). udev's events for it
 * still follow and start the full converge as always, which then usually
 * finds nothing left to do.
 *
 * Loop guard: a converge with a failed change (say EBUSY onlining memory)
 * makes the kernel emit uevents for the objects it touched (unbind, rollback
 * bind), which would start the same failing attempt again, forever. After
 * such a run, uevents for objects the daemon itself acted on are ignored
 * until a run without failures or a SIGHUP; after FAIL_STREAK_MAX such runs
 * in a row only "add" uevents (a new device) start another one. Runs whose
 * plan only has problems (conflicts, devices in use) change nothing, cause
 * no uevents and do not count.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>

#include <systemd/sd-daemon.h>
#include <systemd/sd-device.h>
#include <systemd/sd-event.h>

#include "daemon/kevent.h"
#include "daemon/ndctld.h"
#include "util/sysfs.h"

#define FAIL_STREAK_MAX 5
#define EARLY_MAX 16

struct loop {
	struct ndctld *d;
	sd_event *event;
	sd_device_monitor *monitor;
	sd_event_source *defer;
	unsigned int batch;		/* uevents since the last converge */
	char first[128];		/* the first of them, for the log */
	struct sysfs_root *sysfs;	/* opts.sysfs_root, for a look at a device's size */
	sd_event_source *kernel;	/* the kernel's uevents (early path), or NULL */
	sd_event_source *early;		/* defer: converge each device in early[] */
	unsigned int nearly;
	char early_devs[EARLY_MAX][32];
};

static void notify_status(struct loop *l, const char *state)
{
	const struct ndctld *d = l->d;
	const char *last;
	char buf[96];

	if (d->last.rc == 0) {
		last = "everything configured is in place";
	} else {
		snprintf(buf, sizeof(buf), "not everything configured is in place (%u failed, %u conflicts)",
			 d->last.failed, d->last.conflicts);
		last = buf;
	}
	sd_notifyf(false, "%sSTATUS=%zu section%s; %s; %s", state, d->conf->nsec,
		   d->conf->nsec == 1 ? "" : "s", last,
		   "waiting for nd/dax uevents");
}

/* the loop guard: false (logged) when this uevent must not start a run */
static bool admit(struct loop *l, const char *action, const char *subsystem, const char *sysname)
{
	struct ndctld *d = l->d;

	if (d->last.failed && touched_has(&d->touched, sysname)) {
		ndlog_uevent(&d->log, action, subsystem, sysname, true,
			     "the daemon's own failed attempt");
		return false;
	}
	if (d->fail_streak >= FAIL_STREAK_MAX && strcmp(action, "add") != 0) {
		ndlog_uevent(&d->log, action, subsystem, sysname, true,
			     "too many failed attempts in a row; waiting for a new device or SIGHUP");
		return false;
	}
	ndlog_uevent(&d->log, action, subsystem, sysname, false, NULL);
	return true;
}

/*
 * udev's add of a dax device that no run needs, or NULL. A dax device is
 * configured once a driver has it, and its bind uevent follows the add:
 * `daxctl create-device` makes a device (size 0), sizes it and binds it, and
 * a run started by the add would only compete with the tool for the CPU
 * (the driver link even appears while device_dax still probes). Where
 * [instance] sections lay regions out, an unbound device may matter to the
 * layout: then only an empty one (a region's new seed) is passed over.
 */
static const char *unneeded_dax_add(struct loop *l, const char *action, const char *subsystem,
				    const char *sysname)
{
	char rel[160], *dir;
	uint64_t size;
	bool empty;

	if (strcmp(subsystem, "dax") != 0 || strcmp(action, "add") != 0 ||
	    strncmp(sysname, "dax", 3) != 0)
		return NULL;
	for (size_t i = 0; i < l->d->conf->nsec; i++)
		if (l->d->conf->sec[i].kind == CONF_INSTANCE)
			goto layout;
	return "a dax device is configured when a driver binds it (its bind uevent)";
layout:
	if (!l->sysfs)
		return NULL;
	snprintf(rel, sizeof(rel), "bus/dax/devices/%s", sysname);
	dir = sysfs_path(l->sysfs, rel);
	empty = dir && sysfs_read_u64(dir, "size", &size) == 0 && size == 0;
	free(dir);
	return empty ? "an empty device (the region's seed): nothing to configure" : NULL;
}

static int on_uevent(sd_device_monitor *m, sd_device *dev, void *ud)
{
	struct loop *l = ud;
	const char *action = "?", *sysname = "?", *subsystem = "?", *why;

	(void)sd_device_get_property_value(dev, "ACTION", &action);
	(void)sd_device_get_sysname(dev, &sysname);
	(void)sd_device_get_subsystem(dev, &subsystem);

	why = unneeded_dax_add(l, action, subsystem, sysname);
	if (why) {
		ndlog_uevent(&l->d->log, action, subsystem, sysname, true, why);
		return 0;
	}
	if (!admit(l, action, subsystem, sysname))
		return 0;
	if (l->batch++ == 0)
		snprintf(l->first, sizeof(l->first), "uevent %s %s", action, sysname);
	/* runs once every uevent already queued has been read (lower priority) */
	return sd_event_source_set_enabled(l->defer, SD_EVENT_ONESHOT);
}

static int on_defer(sd_event_source *s, void *ud)
{
	struct loop *l = ud;
	char why[160];

	if (l->batch == 1)
		snprintf(why, sizeof(why), "%s", l->first);
	else
		snprintf(why, sizeof(why), "%u uevents, first %s", l->batch, l->first);
	l->batch = 0;
	ndctld_converge(l->d, why, true, NULL);
	notify_status(l, "");
	return 0;
}

/* the kernel's uevents: every queued one is read, device_dax binds are kept for on_early */
static int on_kernel_uevent(sd_event_source *s, int fd, uint32_t revents, void *ud)
{
	struct loop *l = ud;
	const char *only = l->d->opts.only;
	char buf[8192];
	struct kevent ev;
	unsigned int i;
	int rc;

	for (;;) {
		rc = kevent_receive(fd, buf, sizeof(buf), &ev);
		if (rc == -EAGAIN)
			break;
		/* one bad message (or an overrun: udev's events still come) */
		if (rc == -EPERM || rc == -EINVAL || rc == -EMSGSIZE || rc == -ENOBUFS)
			continue;
		if (rc < 0) {
			ndlog(&l->d->log, LOG_WARNING, "kernel uevents: %s; only udev's from now on",
			      strerror(-rc));
			return sd_event_source_set_enabled(s, SD_EVENT_OFF);
		}
		if (!kevent_is_devdax_bind(&ev) || (only && strcmp(only, ev.sysname) != 0) ||
		    strlen(ev.sysname) >= sizeof(l->early_devs[0]))
			continue;
		if (!admit(l, ev.action, "dax (kernel)", ev.sysname))
			continue;
		for (i = 0; i < l->nearly; i++)
			if (strcmp(l->early_devs[i], ev.sysname) == 0)
				break;
		if (i == l->nearly && l->nearly < EARLY_MAX)
			snprintf(l->early_devs[l->nearly++], sizeof(l->early_devs[0]), "%s",
				 ev.sysname);
		sd_event_source_set_enabled(l->early, SD_EVENT_ONESHOT);
	}
	return 0;
}

/* the early runs: each device the kernel reported, alone */
static int on_early(sd_event_source *s, void *ud)
{
	struct loop *l = ud;
	char why[96];

	for (unsigned int i = 0; i < l->nearly; i++) {
		snprintf(why, sizeof(why), "kernel uevent bind %s", l->early_devs[i]);
		ndctld_converge(l->d, why, true, l->early_devs[i]);
	}
	l->nearly = 0;
	notify_status(l, "");
	return 0;
}

static int on_sighup(sd_event_source *s, const struct signalfd_siginfo *si, void *ud)
{
	struct loop *l = ud;
	struct ndctld *d = l->d;
	struct conf *conf;
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	/* MONOTONIC_USEC: what systemd >= 253 (Type=notify-reload) wants with RELOADING=1 */
	sd_notifyf(false, "RELOADING=1\nMONOTONIC_USEC=%llu\nSTATUS=reloading the configuration",
		   (unsigned long long)ts.tv_sec * 1000000ULL + ts.tv_nsec / 1000);
	if (ndctld_load_conf(d, &conf) < 0) {
		ndlog(&d->log, LOG_WARNING,
		      "reload: kept the last good configuration (%zu section%s)", d->conf->nsec,
		      d->conf->nsec == 1 ? "" : "s");
	} else {
		conf_free(d->conf);
		d->conf = conf;
		ndlog(&d->log, LOG_INFO, "reload: %zu section%s from %s", d->conf->nsec,
		      d->conf->nsec == 1 ? "" : "s", d->opts.config_dir);
	}
	/* a reload is also the way to retry after failures */
	touched_clear(&d->touched);
	d->fail_streak = 0;
	sd_event_source_set_enabled(l->defer, SD_EVENT_OFF);
	l->batch = 0;
	sd_event_source_set_enabled(l->early, SD_EVENT_OFF);
	l->nearly = 0;
	ndctld_converge(d, "reload", false, NULL);
	notify_status(l, "READY=1\n");
	return 0;
}

static int on_exit_signal(sd_event_source *s, const struct signalfd_siginfo *si, void *ud)
{
	struct loop *l = ud;

	ndlog(&l->d->log, LOG_INFO, "%s: exiting", strsignal(si->ssi_signo));
	sd_notify(false, "STOPPING=1");
	return sd_event_exit(l->event, 0);
}

static int setup(struct loop *l)
{
	static const int sigs[] = { SIGHUP, SIGTERM, SIGINT };
	struct ndctld *d = l->d;
	sigset_t mask;
	int fd, rc;

	if (sysfs_root_new(d->opts.sysfs_root, &l->sysfs) < 0)
		l->sysfs = NULL;	/* every uevent then starts a run */
	sigemptyset(&mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&mask, sigs[i]);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
		return -errno;

	rc = sd_event_new(&l->event);
	if (rc < 0)
		return rc;
	rc = sd_event_add_signal(l->event, NULL, SIGHUP, on_sighup, l);
	if (rc >= 0)
		rc = sd_event_add_signal(l->event, NULL, SIGTERM, on_exit_signal, l);
	if (rc >= 0)
		rc = sd_event_add_signal(l->event, NULL, SIGINT, on_exit_signal, l);
	if (rc < 0)
		return rc;

	rc = sd_event_add_defer(l->event, &l->defer, on_defer, l);
	if (rc >= 0)
		rc = sd_event_source_set_priority(l->defer, SD_EVENT_PRIORITY_IDLE);
	if (rc >= 0)
		rc = sd_event_source_set_enabled(l->defer, SD_EVENT_OFF);
	if (rc < 0)
		return rc;

	/*
	 * the early path: after pending io (every queued kernel uevent read),
	 * before the full converge of udev's events (idle priority)
	 */
	rc = sd_event_add_defer(l->event, &l->early, on_early, l);
	if (rc >= 0)
		rc = sd_event_source_set_priority(l->early, SD_EVENT_PRIORITY_NORMAL + 1);
	if (rc >= 0)
		rc = sd_event_source_set_enabled(l->early, SD_EVENT_OFF);
	if (rc < 0)
		return rc;
	fd = kevent_open();
	if (fd >= 0) {
		rc = sd_event_add_io(l->event, &l->kernel, fd, EPOLLIN, on_kernel_uevent, l);
		if (rc >= 0)
			rc = sd_event_source_set_io_fd_own(l->kernel, true);
		/* read before udev's events: those can wait, this one is the point */
		if (rc >= 0)
			rc = sd_event_source_set_priority(l->kernel, SD_EVENT_PRIORITY_NORMAL - 1);
		if (rc < 0) {
			close(fd);
			return rc;
		}
		(void)sd_event_source_set_description(l->kernel, "kernel uevents");
	} else {
		ndlog(&d->log, LOG_INFO, "no kernel uevent socket (%s): udev's uevents only",
		      strerror(-fd));
	}

	rc = sd_device_monitor_new(&l->monitor);
	if (rc < 0) {
		ndlog(&d->log, LOG_ERR, "cannot open a uevent netlink socket: %s", strerror(-rc));
		return rc;
	}
	/* room for a burst (best effort: beyond rmem_max it needs CAP_NET_ADMIN) */
	(void)sd_device_monitor_set_receive_buffer_size(l->monitor, 1024 * 1024);
	rc = sd_device_monitor_filter_add_match_subsystem_devtype(l->monitor, "nd", NULL);
	if (rc >= 0)
		rc = sd_device_monitor_filter_add_match_subsystem_devtype(l->monitor, "dax", NULL);
	if (rc >= 0)
		rc = sd_device_monitor_attach_event(l->monitor, l->event);
	if (rc >= 0)
		rc = sd_device_monitor_set_description(l->monitor, "nd/dax uevents");
	/* listen before the coldplug: a device added meanwhile is not missed */
	if (rc >= 0)
		rc = sd_device_monitor_start(l->monitor, on_uevent, l);
	if (rc < 0)
		ndlog(&d->log, LOG_ERR, "cannot listen to nd/dax uevents: %s", strerror(-rc));
	return rc;
}

int ndctld_run(struct ndctld *d)
{
	struct loop l = { .d = d };
	int rc;

	rc = setup(&l);
	if (rc < 0) {
		ndlog(&d->log, LOG_ERR, "cannot start: %s", strerror(-rc));
		rc = NDCTLD_EXIT_CONFIG;
		goto out;
	}
	ndlog(&d->log, LOG_INFO, "started: %zu section%s from %s", d->conf->nsec,
	      d->conf->nsec == 1 ? "" : "s", d->opts.config_dir);
	ndctld_converge(d, "coldplug", false, NULL);
	notify_status(&l, "READY=1\n");

	rc = sd_event_loop(l.event);
	rc = rc < 0 ? NDCTLD_EXIT_CONFIG : NDCTLD_EXIT_OK;
out:
	sd_device_monitor_unref(l.monitor);
	sd_event_source_unref(l.kernel);
	sd_event_source_unref(l.early);
	sd_event_source_unref(l.defer);
	sd_event_unref(l.event);
	sysfs_root_free(l.sysfs);
	return rc;
}
