// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for the label-storage ioctl layer against a simulated DIMM:
 * chunking by the reported max transfer, firmware status handling, errno
 * propagation, and writing only the changed bytes (zero-labels and
 * init-labels need far fewer writes than the 33 the reference issued).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/ndctl.h>

#include "lib/label/config-data.h"
#include "lib/label/label.h"
#include "test/unit/tap.h"

#define AREA (128 * 1024)

struct fake_dimm {
	uint8_t data[AREA];
	uint32_t config_size;
	uint32_t max_xfer;
	uint32_t size_status;
	uint32_t data_status;	/* firmware status for GET/SET */
	int set_errno;		/* ioctl failure for SET (e.g. -EBUSY) */
	unsigned int gets, sets, oversize;
	uint32_t bytes_written;
};

static int fake_ioctl(void *ctx, int fd, unsigned long req, void *arg)
{
	struct fake_dimm *d = ctx;

	(void)fd;
	if (req == ND_IOCTL_GET_CONFIG_SIZE) {
		struct nd_cmd_get_config_size *c = arg;

		c->status = d->size_status;
		c->config_size = d->config_size;
		c->max_xfer = d->max_xfer;
		return 0;
	}
	if (req == ND_IOCTL_GET_CONFIG_DATA) {
		struct nd_cmd_get_config_data_hdr *c = arg;

		d->gets++;
		if (c->in_length > d->max_xfer)
			d->oversize++;
		if ((uint64_t)c->in_offset + c->in_length > d->config_size)
			return -EINVAL;
		c->status = d->data_status;
		memcpy(c->out_buf, d->data + c->in_offset, c->in_length);
		return 0;
	}
	if (req == ND_IOCTL_SET_CONFIG_DATA) {
		struct nd_cmd_set_config_hdr *c = arg;
		uint32_t st = d->data_status;

		d->sets++;
		if (d->set_errno)
			return d->set_errno;
		if (c->in_length > d->max_xfer)
			d->oversize++;
		if ((uint64_t)c->in_offset + c->in_length > d->config_size)
			return -EINVAL;
		if (!st) {
			memcpy(d->data + c->in_offset, c->in_buf, c->in_length);
			d->bytes_written += c->in_length;
		}
		memcpy(c->in_buf + c->in_length, &st, 4);
		return 0;
	}
	return -ENOTTY;
}

static struct fake_dimm *new_dimm(void)
{
	struct fake_dimm *d = calloc(1, sizeof(*d));

	d->config_size = AREA;
	/* what QEMU 7.2's NVDIMM reports in the test bed (measured) */
	d->max_xfer = 4076;
	return d;
}

static void reset_counts(struct fake_dimm *d)
{
	d->gets = d->sets = d->oversize = 0;
	d->bytes_written = 0;
}

static void open_and_read(struct tap *t)
{
	struct fake_dimm *d = new_dimm();
	struct config_area_ops ops = { fake_ioctl, d };
	struct config_area ca;
	uint8_t *buf = NULL, small[10];

	for (uint32_t i = 0; i < AREA; i++)
		d->data[i] = (uint8_t)(i * 7 + (i >> 8));
	tap_ok(t, config_area_open(&ca, 3, &ops, NULL) == 0, "open: GET_CONFIG_SIZE");
	tap_ok(t, ca.config_size == AREA && ca.max_xfer == 4076, "size 128K, max xfer 4076");
	tap_ok(t, config_area_read_all(&ca, &buf, NULL) == 0, "read whole area");
	tap_ok(t, buf && memcmp(buf, d->data, AREA) == 0, "read data matches the DIMM");
	tap_eq_u64(t, d->gets, 33, "128K in 4076-byte chunks: 33 reads (as the reference), the minimum");
	tap_eq_u64(t, ca.nreads, 33, "read counter");
	tap_eq_u64(t, d->oversize, 0, "no read above max xfer");
	free(buf);

	reset_counts(d);
	tap_ok(t, config_area_read(&ca, AREA - 10, small, 10, NULL) == 0 &&
		       memcmp(small, d->data + AREA - 10, 10) == 0 && d->gets == 1,
	       "read the last 10 bytes in one ioctl");
	tap_ok(t, config_area_read(&ca, AREA - 9, small, 10, NULL) == -ERANGE,
	       "read past the end: -ERANGE");
	tap_ok(t, config_area_read(&ca, UINT32_MAX, small, 10, NULL) == -ERANGE,
	       "read at offset 2^32-1: -ERANGE");
	tap_ok(t, config_area_read(&ca, 0, small, 0, NULL) == 0, "empty read is fine");

	d->data_status = 3;
	tap_ok(t, config_area_read(&ca, 0, small, 10, NULL) == -EIO,
	       "firmware status on read: -EIO");
	free(d);
}

static void open_errors(struct tap *t)
{
	struct fake_dimm *d = new_dimm();
	struct config_area_ops ops = { fake_ioctl, d };
	struct config_area ca;

	d->size_status = ND_CONFIG_LOCKED << 16;
	tap_ok(t, config_area_open(&ca, 3, &ops, NULL) == -EACCES, "locked labels: -EACCES");
	d->size_status = 1;
	tap_ok(t, config_area_open(&ca, 3, &ops, NULL) == -EIO, "other firmware status: -EIO");
	d->size_status = 0;
	d->config_size = 0;
	tap_ok(t, config_area_open(&ca, 3, &ops, NULL) == -ENXIO, "no label area: -ENXIO");
	d->config_size = AREA;
	d->max_xfer = 0;
	tap_ok(t, config_area_open(&ca, 3, &ops, NULL) == -ENXIO, "zero max xfer: -ENXIO");
	tap_ok(t, config_area_open(&ca, -1, &ops, NULL) == -EINVAL, "bad fd: -EINVAL");
	/* a real ioctl on a non-nvdimm fd fails with the kernel's errno */
	tap_ok(t, config_area_open(&ca, 0, NULL, NULL) < 0, "real ioctl on stdin fails");
	free(d);
}

static void writes(struct tap *t)
{
	struct fake_dimm *d = new_dimm();
	struct config_area_ops ops = { fake_ioctl, d };
	struct config_area ca;
	uint8_t *old = NULL, *buf = malloc(AREA);
	struct label_ns l = { 0 };
	int n;

	config_area_open(&ca, 3, &ops, NULL);

	/* init-labels -V 1.1 on a zeroed DIMM */
	config_area_read_all(&ca, &old, NULL);
	memcpy(buf, old, AREA);
	label_area_init(buf, AREA, 128, 0, NULL);
	reset_counts(d);
	n = config_area_write_changed(&ca, old, buf, NULL);
	tap_eq_u64(t, n, 1, "init-labels: one write (both index blocks)");
	tap_ok(t, memcmp(d->data, buf, AREA) == 0, "DIMM now holds the new area");
	tap_ok(t, d->bytes_written <= 512, "at most 512 bytes written (%u)", d->bytes_written);

	/* init-labels -f reading only the index blocks, as the kernel does */
	{
		uint8_t *part = calloc(1, AREA);
		uint32_t span = (uint32_t)label_index_span(AREA);
		struct label_area a;

		reset_counts(d);
		tap_ok(t, config_area_read(&ca, 0, part, span, NULL) == 0 && d->gets == 1,
		       "index blocks read in one ioctl");
		tap_ok(t, label_area_parse(&a, part, AREA, NULL) == 0 && a.label_size == 128,
		       "existing v1.1 index seen from the partial read");
		memcpy(buf, part, AREA);
		label_area_init(buf, AREA, 256, 0, NULL);
		n = config_area_write_changed(&ca, part, buf, NULL);
		tap_ok(t, n == 1 && d->gets == 1 && d->sets == 1,
		       "init-labels -V 1.2 -f: 1 read + 1 write (reference: 1 + 2)");
		tap_ok(t, label_area_parse(&a, d->data, AREA, NULL) == 0 && a.label_size == 256 &&
			       a.nslot == 510,
		       "DIMM holds a v1.2 index");
		/* back to the v1.1 area for the next steps */
		memcpy(d->data, old, AREA);
		label_area_init(d->data, AREA, 128, 0, NULL);
		memcpy(buf, d->data, AREA);
		free(part);
	}

	/* a namespace's labels, then zero-labels */
	memcpy(old, buf, AREA);
	l.rawsize = 1 << 28;
	label_area_commit(buf, AREA, &l, 1, NULL, 0, NULL, NULL);
	l.dpa = 1 << 28;
	label_area_commit(buf, AREA, &l, 1, NULL, 0, NULL, NULL);
	reset_counts(d);
	n = config_area_write_changed(&ca, old, buf, NULL);
	tap_ok(t, n == 1 && memcmp(d->data, buf, AREA) == 0,
	       "two label transactions: one write (got %d)", n);

	memcpy(old, buf, AREA);
	label_area_zero(buf, AREA);
	reset_counts(d);
	n = config_area_write_changed(&ca, old, buf, NULL);
	tap_ok(t, n == 1 && d->sets == 1,
	       "zero-labels after init + labels: 1 write instead of the reference's 33");
	tap_ok(t, memcmp(d->data, buf, AREA) == 0, "DIMM zeroed");
	reset_counts(d);
	tap_ok(t, config_area_write_changed(&ca, buf, buf, NULL) == 0 && d->sets == 0,
	       "nothing changed: no write");

	/* windows: differences at 0, 4075, 4076, 10000 with max 4076 */
	memset(old, 0, AREA);
	memset(buf, 0, AREA);
	buf[0] = buf[4075] = buf[4076] = buf[10000] = 1;
	tap_eq_u64(t, config_area_count_changed(old, buf, AREA, 4076), 3,
		   "diff at 0,4075 | 4076 | 10000: 3 windows");
	buf[AREA - 1] = 1;
	tap_eq_u64(t, config_area_count_changed(old, buf, AREA, 4076), 4,
		   "plus the last byte: 4 windows");
	memset(buf, 0xff, AREA);
	tap_eq_u64(t, config_area_count_changed(old, buf, AREA, 4076), 33,
		   "everything changed: 33 windows");
	memcpy(d->data, old, AREA);
	reset_counts(d);
	n = config_area_write_changed(&ca, old, buf, NULL);
	tap_ok(t, n == 33 && d->oversize == 0 && memcmp(d->data, buf, AREA) == 0,
	       "full rewrite: 33 writes, none above max xfer");

	/* errors */
	d->set_errno = -EBUSY;
	tap_ok(t, config_area_write(&ca, 0, buf, 16, NULL) == -EBUSY,
	       "kernel owns the labels: -EBUSY passed through");
	d->set_errno = 0;
	d->data_status = 2;
	tap_ok(t, config_area_write(&ca, 0, buf, 16, NULL) == -EIO,
	       "firmware status on write: -EIO");
	d->data_status = 0;
	tap_ok(t, config_area_write(&ca, AREA - 1, buf, 2, NULL) == -ERANGE,
	       "write past the end: -ERANGE");
	free(old);
	free(buf);
	free(d);
}

int main(void)
{
	struct tap t = { 0 };

	open_and_read(&t);
	open_errors(&t);
	writes(&t);
	return tap_done(&t);
}
