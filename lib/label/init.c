// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Creating label areas: a fresh, empty index pair (what init-labels
 * writes, laid out exactly as the kernel's own init_labels() does) and
 * zeroing (zero-labels).
 */
#include <errno.h>
#include <string.h>

#include "layout.h"

void write_index_block(uint8_t *buf, uint32_t index_size, uint32_t label_size,
		       int i, uint32_t seq, uint32_t nslot)
{
	uint8_t *p = buf + (uint64_t)i * index_size;

	memcpy(p + IX_SIG, label_index_signature, LABEL_SIG_LEN);
	memset(p + IX_FLAGS, 0, 3);
	p[IX_LABELSIZE] = (uint8_t)(label_size >> 8);
	put_le32(p + IX_SEQ, seq);
	put_le64(p + IX_MYOFF, (uint64_t)i * index_size);
	put_le64(p + IX_MYSIZE, index_size);
	put_le64(p + IX_OTHEROFF, (uint64_t)!i * index_size);
	put_le64(p + IX_LABELOFF, 2 * (uint64_t)index_size);
	put_le32(p + IX_NSLOT, nslot);
	put_le16(p + IX_MAJOR, 1);
	put_le16(p + IX_MINOR, label_size < LABEL_SIZE_V1_2 ? 1 : 2);
	put_le64(p + IX_CHECKSUM, 0);
	put_le64(p + IX_CHECKSUM, label_fletcher64(p, index_size));
}

int label_area_init(void *buf, size_t size, uint32_t label_size,
		    unsigned int flags, const struct label_log *log)
{
	struct label_geometry g;
	uint8_t *p = buf;
	int rc;

	if (!buf || (label_size != LABEL_SIZE_V1_1 && label_size != LABEL_SIZE_V1_2)) {
		label_msg(log, LABEL_LOG_ERR, "label size %u: %s", label_size,
			  label_problem_str(LABEL_ERR_BAD_LABELSIZE));
		return -EINVAL;
	}
	rc = label_geometry_get(size, label_size, &g);
	if (rc) {
		label_msg(log, LABEL_LOG_ERR, "label area of %zu bytes: %s", size,
			  label_problem_str(size > UINT32_MAX ?
					    LABEL_ERR_AREA_TOO_LARGE :
					    LABEL_ERR_AREA_TOO_SMALL));
		return -EMSGSIZE;
	}
	memset(p, 0, g.labeloff);
	if (flags & LABEL_INIT_CLEAR_SLOTS)
		memset(p + g.labeloff, 0, size - g.labeloff);
	for (int i = 0; i < 2; i++) {
		uint8_t *map = p + (uint64_t)i * g.index_size + IX_FREE;

		/* every slot free; bits past nslot stay zero */
		memset(map, 0xff, g.nslot / 8);
		for (uint32_t s = g.nslot / 8 * 8; s < g.nslot; s++)
			bit_set(map, s);
		/* block 0 gets seq 3 and block 1 seq 2: block 0 is current */
		write_index_block(p, g.index_size, label_size, i, 3 - (uint32_t)i,
				  g.nslot);
	}
	label_msg(log, LABEL_LOG_INFO,
		  "initialised v1.%d label area: %u slots of %u bytes",
		  label_size < LABEL_SIZE_V1_2 ? 1 : 2, g.nslot, label_size);
	return 0;
}

void label_area_zero(void *buf, size_t size)
{
	if (buf)
		memset(buf, 0, size);
}
