/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The namespace write sequences of create-namespace and destroy-namespace:
 * configure a new namespace (from the region's seed), reconfigure one in
 * place, destroy one. Each writes only the attributes that must change and,
 * when a step fails, puts back what it changed (rollback), so a failure
 * leaves the region as it found it. Errors: -errno, and one line in err.
 */
#ifndef NDCTL_NS_APPLY_H
#define NDCTL_NS_APPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <ndctl/libndctl.h>
#include "lib/plan/plan.h"

struct ns_config {
	const struct plan_result *plan;	/* mode, map, size, align, lbasize */
	const struct plan_region *pregion;	/* to re-plan with the real start */
	const struct plan_request *preq;
	uuid_t uuid;			/* namespace uuid (labeled regions) */
	const char *name;		/* alt_name; NULL keeps the current one */
	unsigned int ns_sector_size;	/* namespace logical block size, 0 = leave */
	bool rollback;			/* undo on failure (--no-autorecover clears it) */
	bool wipe;			/* set by ns_reconfigure: zero a label-less old info block */
};

/* Configure the region's seed namespace and enable it. */
int ns_create(struct ndctl_region *region, struct ns_config *cfg, struct ndctl_namespace **ret,
	      char *err, size_t len);
/* Reconfigure ndns (must be idle; the caller checked) and enable it. */
int ns_reconfigure(struct ndctl_namespace *ndns, struct ns_config *cfg, char *err, size_t len);
/* Disable ndns, release its claim and its capacity (label-less: wipe info blocks). */
int ns_destroy(struct ndctl_namespace *ndns, char *err, size_t len);
/* Enable ndns through its claim if it has one, else the namespace itself. */
int ns_enable(struct ndctl_namespace *ndns);
/*
 * Serialise writers of one region: an exclusive flock on the region's sysfs
 * directory, held until the returned fd is closed (at exit). -errno on error.
 */
int ns_lock_region(struct ndctl_region *region);
/*
 * Write empty (v1.1) label indexes on the DIMMs of a label-less NVDIMM
 * region (disabled meanwhile) so that it becomes labeled (ns-autolabel.c).
 */
int ns_autolabel(struct ndctl_region *region, char *err, size_t len);

#endif
