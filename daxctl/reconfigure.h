/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * daxctl reconfigure-device internals shared by reconfigure.c (options,
 * explicit changes) and reconfigure-config.c (-C/--check-config: the
 * configured policy, applied by the policy engine).
 */
#ifndef DAXCTL_RECONFIGURE_H
#define DAXCTL_RECONFIGURE_H

#include <json-c/json.h>
#include <daxctl/libdaxctl.h>
#include "daxctl/devcmd.h"

/* memmap keys of a system-ram device's JSON */
void reconfigure_add_memmap_json(struct json_object *jdev, struct daxctl_dev *dev);
/*
 * -C: apply the policy of dir (NULL: SYSCONFDIR/daxctl.conf.d) to the devices
 * named in argv, print them as JSON; exit status
 */
int reconfigure_check_config(struct devcmd *c, int argc, char **argv, const char *dir,
			     unsigned long json_flags);

#endif
