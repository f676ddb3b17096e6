// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A DIMM's label storage area through its ioctl device node: a handle
 * that caches what was read (only the ranges asked for, each read once),
 * writes back only the bytes that changed, and re-probes the DIMM on close
 * when it wrote, because the kernel keeps its own copy of the labels until
 * the nvdimm driver re-reads them. The format itself is lib/label's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "private.h"
#include "lib/label/config-data.h"
#include "lib/label/label.h"

struct ndctl_label_area {
	struct ndctl_dimm *dimm;
	struct config_area ca;
	uint8_t *data;		/* config_size bytes; unread bytes are zero */
	uint8_t *valid;		/* 1 per byte read from the DIMM */
	bool written;
};

static void label_log_fn(void *ctx, enum label_log_level level, const char *msg)
{
	struct ndctl_dimm *dimm = ctx;

	/* callers report failures themselves; the details are debug output */
	(void)level;
	nd_dbg(dimm->bus->ctx, "%s: %s\n", dimm->devname, msg);
}

#define LOG(la) (&(struct label_log){ .fn = label_log_fn, .ctx = (la)->dimm })

NDCTL_EXPORT int ndctl_dimm_label_area_open(struct ndctl_dimm *dimm,
					    struct ndctl_label_area **ret)
{
	struct ndctl_label_area *la;
	char *node;
	int fd, rc;

	*ret = NULL;
	if (sysfs_root_is_captured(dimm->bus->ctx->sysfs))
		return -EROFS;
	node = nd_devnode(dimm->devname);
	if (!node)
		return -ENOMEM;
	/* the kernel wants O_RDWR even for reading (-EPERM otherwise) */
	fd = open(node, O_RDWR | O_CLOEXEC);
	rc = fd < 0 ? -errno : 0;
	nd_dbg(dimm->bus->ctx, "%s: open %s: %s\n", dimm->devname, node, strerror(-rc));
	free(node);
	if (fd < 0)
		return rc;
	la = calloc(1, sizeof(*la));
	if (!la) {
		close(fd);
		return -ENOMEM;
	}
	la->dimm = dimm;
	rc = config_area_open(&la->ca, fd, NULL, LOG(la));
	if (rc == 0) {
		la->data = calloc(1, la->ca.config_size);
		la->valid = calloc(1, la->ca.config_size);
		if (!la->data || !la->valid)
			rc = -ENOMEM;
	}
	if (rc < 0) {
		close(fd);
		free(la->data);
		free(la->valid);
		free(la);
		return rc;
	}
	*ret = la;
	return 0;
}

NDCTL_EXPORT unsigned int ndctl_label_area_get_size(struct ndctl_label_area *la)
{
	return la->ca.config_size;
}

NDCTL_EXPORT unsigned int ndctl_label_area_get_max_xfer(struct ndctl_label_area *la)
{
	return la->ca.max_xfer;
}

NDCTL_EXPORT const void *ndctl_label_area_get_data(struct ndctl_label_area *la)
{
	return la->data;
}

NDCTL_EXPORT void ndctl_label_area_get_ioctls(struct ndctl_label_area *la,
					      unsigned int *reads, unsigned int *writes)
{
	if (reads)
		*reads = la->ca.nreads;
	if (writes)
		*writes = la->ca.nwrites;
}

NDCTL_EXPORT int ndctl_label_area_read(struct ndctl_label_area *la, unsigned int off,
				       unsigned int len)
{
	uint32_t size = la->ca.config_size;
	uint32_t i, end;
	int rc;

	if (off > size || len > size - off)
		return -ERANGE;
	end = off + len;
	for (i = off; i < end;) {
		uint32_t j;

		if (la->valid[i]) {
			i++;
			continue;
		}
		for (j = i; j < end && !la->valid[j]; j++)
			;
		rc = config_area_read(&la->ca, i, la->data + i, j - i, LOG(la));
		if (rc < 0)
			return rc;
		memset(la->valid + i, 1, j - i);
		i = j;
	}
	return 0;
}

NDCTL_EXPORT int ndctl_label_area_write(struct ndctl_label_area *la, const void *buf)
{
	const uint8_t *nb = buf;
	uint32_t size = la->ca.config_size;
	int rc;

	for (uint32_t i = 0; i < size; i++)
		if (nb[i] != la->data[i] && !la->valid[i]) {
			nd_dbg(la->dimm->bus->ctx, "%s: write of unread byte %u refused\n",
			       la->dimm->devname, i);
			return -EINVAL;
		}
	if (ndctl_dimm_is_active(la->dimm))
		return -EBUSY;
	rc = config_area_write_changed(&la->ca, la->data, nb, LOG(la));
	if (rc > 0)
		la->written = true;
	if (rc < 0) {
		/* part of it may have been written: forget what we knew */
		memset(la->valid, 0, size);
		la->written = true;
		return rc;
	}
	memcpy(la->data, nb, size);
	return 0;
}

NDCTL_EXPORT int ndctl_label_area_close(struct ndctl_label_area *la)
{
	struct ndctl_dimm *dimm;
	int rc = 0;

	if (!la)
		return 0;
	dimm = la->dimm;
	close(la->ca.fd);
	if (la->written && ndctl_dimm_is_enabled(dimm)) {
		/* make the kernel drop its cached copy and read the new labels */
		rc = ndctl_dimm_disable(dimm);
		if (rc == 0)
			rc = ndctl_dimm_enable(dimm);
		if (rc < 0)
			nd_err(dimm->bus->ctx, "%s: labels written, but re-reading them "
			       "failed (%s); disable and enable the DIMM\n", dimm->devname,
			       strerror(-rc));
	}
	free(la->data);
	free(la->valid);
	free(la);
	return rc;
}
