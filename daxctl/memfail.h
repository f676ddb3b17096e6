/* SPDX-License-Identifier: GPL-2.0-only */
/* The one-line explanation of a failed all-or-nothing offline (memfail.c). */
#ifndef DAXCTL_MEMFAIL_H
#define DAXCTL_MEMFAIL_H
#include <stddef.h>
#include <daxctl/libdaxctl.h>

/* "memory32 (EBUSY: ...) cannot be offlined; ...": names every refusing block */
void memfail_offline_why(struct daxctl_dev *dev, char *buf, size_t size);
#endif
