// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The label-storage ioctls of /dev/nmemN (ND_IOCTL_GET_CONFIG_SIZE,
 * ND_IOCTL_GET_CONFIG_DATA, ND_IOCTL_SET_CONFIG_DATA from the kernel's
 * <linux/ndctl.h>), chunked by the DIMM's maximum transfer size.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/ndctl.h>

#include "config-data.h"
#include "layout.h"

/* The kernel refuses ioctl payloads above 4 MiB (ND_IOCTL_MAX_BUFLEN). */
#define IOCTL_MAX_BUFLEN (4u << 20)

static int do_ioctl(struct config_area *ca, unsigned long req, void *arg)
{
	if (ca->ops && ca->ops->ioctl)
		return ca->ops->ioctl(ca->ops->ctx, ca->fd, req, arg);
	if (ioctl(ca->fd, req, arg) < 0)
		return -errno;
	return 0;
}

static uint32_t chunk_max(const struct config_area *ca)
{
	uint32_t cap = IOCTL_MAX_BUFLEN - sizeof(struct nd_cmd_get_config_data_hdr) - 4;

	return ca->max_xfer < cap ? ca->max_xfer : cap;
}

int config_area_open(struct config_area *ca, int fd,
		     const struct config_area_ops *ops, const struct label_log *log)
{
	struct nd_cmd_get_config_size cmd = { 0 };
	int rc;

	if (!ca || fd < 0)
		return -EINVAL;
	memset(ca, 0, sizeof(*ca));
	ca->fd = fd;
	ca->ops = ops;
	rc = do_ioctl(ca, ND_IOCTL_GET_CONFIG_SIZE, &cmd);
	if (rc) {
		label_msg(log, LABEL_LOG_ERR, "get label area size: %s",
			  strerror(-rc));
		return rc;
	}
	if (cmd.status) {
		label_msg(log, LABEL_LOG_ERR,
			  "get label area size: firmware status %#x%s", cmd.status,
			  (cmd.status >> 16) & ND_CONFIG_LOCKED ? " (locked)" : "");
		return (cmd.status >> 16) & ND_CONFIG_LOCKED ? -EACCES : -EIO;
	}
	if (!cmd.config_size || !cmd.max_xfer) {
		label_msg(log, LABEL_LOG_ERR,
			  "DIMM reports no label area (size %u, max transfer %u)",
			  cmd.config_size, cmd.max_xfer);
		return -ENXIO;
	}
	ca->config_size = cmd.config_size;
	ca->max_xfer = cmd.max_xfer;
	return 0;
}

static int check_range(const struct config_area *ca, uint32_t off, uint32_t len,
		       const struct label_log *log)
{
	if (!ca->config_size || !ca->max_xfer)
		return -ENXIO;
	if (off > ca->config_size || len > ca->config_size - off) {
		label_msg(log, LABEL_LOG_ERR,
			  "label area range %u+%u past its end (%u bytes)", off,
			  len, ca->config_size);
		return -ERANGE;
	}
	return 0;
}

int config_area_read(struct config_area *ca, uint32_t off, void *buf,
		     uint32_t len, const struct label_log *log)
{
	struct nd_cmd_get_config_data_hdr *cmd;
	uint32_t max, done = 0;
	int rc;

	if (!ca || (!buf && len))
		return -EINVAL;
	rc = check_range(ca, off, len, log);
	if (rc)
		return rc;
	max = chunk_max(ca);
	cmd = malloc(sizeof(*cmd) + (len < max ? len : max));
	if (!cmd)
		return -ENOMEM;
	while (done < len) {
		uint32_t n = len - done < max ? len - done : max;

		memset(cmd, 0, sizeof(*cmd));
		cmd->in_offset = off + done;
		cmd->in_length = n;
		rc = do_ioctl(ca, ND_IOCTL_GET_CONFIG_DATA, cmd);
		ca->nreads++;
		if (!rc && cmd->status)
			rc = -EIO;
		if (rc) {
			label_msg(log, LABEL_LOG_ERR,
				  "read label area at %u+%u: %s (firmware status %#x)",
				  off + done, n, strerror(-rc), cmd->status);
			break;
		}
		memcpy((uint8_t *)buf + done, cmd->out_buf, n);
		done += n;
	}
	free(cmd);
	return rc;
}

int config_area_read_all(struct config_area *ca, uint8_t **ret_buf,
			 const struct label_log *log)
{
	uint8_t *buf;
	int rc;

	if (!ca || !ret_buf || !ca->config_size)
		return -EINVAL;
	buf = malloc(ca->config_size);
	if (!buf)
		return -ENOMEM;
	rc = config_area_read(ca, 0, buf, ca->config_size, log);
	if (rc) {
		free(buf);
		return rc;
	}
	*ret_buf = buf;
	return 0;
}

int config_area_write(struct config_area *ca, uint32_t off, const void *buf,
		      uint32_t len, const struct label_log *log)
{
	struct nd_cmd_set_config_hdr *cmd;
	uint32_t max, done = 0;
	int rc;

	if (!ca || (!buf && len))
		return -EINVAL;
	rc = check_range(ca, off, len, log);
	if (rc)
		return rc;
	max = chunk_max(ca);
	/* payload, then the firmware's 32-bit status */
	cmd = malloc(sizeof(*cmd) + (len < max ? len : max) + 4);
	if (!cmd)
		return -ENOMEM;
	while (done < len) {
		uint32_t n = len - done < max ? len - done : max;
		uint32_t status;

		cmd->in_offset = off + done;
		cmd->in_length = n;
		memcpy(cmd->in_buf, (const uint8_t *)buf + done, n);
		memset(cmd->in_buf + n, 0, 4);
		rc = do_ioctl(ca, ND_IOCTL_SET_CONFIG_DATA, cmd);
		ca->nwrites++;
		memcpy(&status, cmd->in_buf + n, 4);
		if (!rc && status)
			rc = -EIO;
		if (rc) {
			label_msg(log, LABEL_LOG_ERR,
				  "write label area at %u+%u: %s%s", off + done, n,
				  strerror(-rc),
				  rc == -EBUSY ? " (disable the DIMM's regions first)" : "");
			break;
		}
		done += n;
	}
	free(cmd);
	return rc;
}

/* Next write window [*start, *end) at or after from; false when none. */
static bool next_window(const uint8_t *a, const uint8_t *b, uint32_t size,
			uint32_t max, uint32_t from, uint32_t *start, uint32_t *end)
{
	uint32_t s = from, e, limit;

	while (s < size && a[s] == b[s])
		s++;
	if (s >= size)
		return false;
	limit = size - s < max ? size : s + max;
	e = s + 1;
	for (uint32_t i = e; i < limit; i++)
		if (a[i] != b[i])
			e = i + 1;
	*start = s;
	*end = e;
	return true;
}

unsigned int config_area_count_changed(const void *old, const void *new_buf,
				       uint32_t size, uint32_t max_xfer)
{
	uint32_t from = 0, s, e;
	unsigned int n = 0;

	if (!old || !new_buf || !max_xfer)
		return 0;
	while (next_window(old, new_buf, size, max_xfer, from, &s, &e)) {
		n++;
		from = e;
	}
	return n;
}

int config_area_write_changed(struct config_area *ca, const void *old,
			      const void *new_buf, const struct label_log *log)
{
	uint32_t from = 0, s, e, max;
	int n = 0, rc;

	if (!ca || !old || !new_buf)
		return -EINVAL;
	if (!ca->config_size || !ca->max_xfer)
		return -ENXIO;
	max = chunk_max(ca);
	while (next_window(old, new_buf, ca->config_size, max, from, &s, &e)) {
		rc = config_area_write(ca, s, (const uint8_t *)new_buf + s, e - s,
				       log);
		if (rc)
			return rc;
		n++;
		from = e;
	}
	return n;
}
