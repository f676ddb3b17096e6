/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A DIMM's label storage ("config data") through the nvdimm ioctls on an
 * already-open /dev/nmemN: size query, chunked reads, chunked writes, and
 * writes of only the bytes that changed.  Chunks never exceed the maximum
 * transfer size the DIMM reports; the firmware status word in each reply
 * is checked (the ioctl itself succeeds even when the firmware fails).
 */
#ifndef LIB_LABEL_CONFIG_DATA_H
#define LIB_LABEL_CONFIG_DATA_H

#include <stdint.h>

#include "label.h"

/* Replaces ioctl(2) (for tests); must return 0 or -errno. */
struct config_area_ops {
	int (*ioctl)(void *ctx, int fd, unsigned long request, void *arg);
	void *ctx;
};

struct config_area {
	int fd;
	uint32_t config_size;	/* bytes of label storage */
	uint32_t max_xfer;	/* largest transfer the DIMM accepts */
	unsigned int nreads;	/* GET_CONFIG_DATA ioctls issued */
	unsigned int nwrites;	/* SET_CONFIG_DATA ioctls issued */
	const struct config_area_ops *ops;
};

/*
 * ND_IOCTL_GET_CONFIG_SIZE on fd (not closed by anything here).  The fd
 * must be open O_RDWR even just to read: the kernel answers -EPERM to
 * these ioctls on a read-only fd (measured on 6.1).  After writing, the
 * kernel still holds its cached copy: re-probe the DIMM (unbind/bind the
 * nvdimm driver) so it re-reads the labels.  ops may
 * be NULL.  -ENXIO if the DIMM reports no label area or a zero transfer
 * size, -EACCES if the labels are locked, -EIO on another firmware status,
 * else the ioctl's -errno (-ENOTTY: the DIMM has no label support).
 */
int config_area_open(struct config_area *ca, int fd,
		     const struct config_area_ops *ops, const struct label_log *log);

/* Read [off, off + len) in ceil(len / max_xfer) ioctls. */
int config_area_read(struct config_area *ca, uint32_t off, void *buf,
		     uint32_t len, const struct label_log *log);

/* Read the whole area into a new buffer of config_size bytes (free()). */
int config_area_read_all(struct config_area *ca, uint8_t **ret_buf,
			 const struct label_log *log);

/* Write [off, off + len) in ceil(len / max_xfer) ioctls.  -EBUSY: the
 * kernel owns the labels (DIMM's region active). */
int config_area_write(struct config_area *ca, uint32_t off, const void *buf,
		      uint32_t len, const struct label_log *log);

/*
 * Write the bytes where new differs from old (both config_size bytes,
 * old being what the DIMM holds), in as few ioctls as possible: each
 * write covers the first remaining difference and everything up to
 * max_xfer bytes after it.  Returns the number of ioctls or -errno.
 */
int config_area_write_changed(struct config_area *ca, const void *old,
			      const void *new_buf, const struct label_log *log);

/* The ioctl chunk plan of write_changed, without doing I/O: how many
 * writes a given diff needs (for tests and dry runs). */
unsigned int config_area_count_changed(const void *old, const void *new_buf,
				       uint32_t size, uint32_t max_xfer);

#endif
