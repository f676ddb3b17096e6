// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Label area geometry, checksums, sequence numbers, and decoding and
 * validating the two index blocks (choosing the current one by the
 * kernel's rules in drivers/nvdimm/label.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "layout.h"

const uint8_t label_index_signature[LABEL_SIG_LEN] = "NAMESPACE_INDEX";

static const char *const problem_str[] = {
	[LABEL_OK] = "ok",
	[LABEL_ERR_AREA_TOO_SMALL] = "label area too small for two index blocks and two labels",
	[LABEL_ERR_AREA_TOO_LARGE] = "label area larger than 4 GiB",
	[LABEL_ERR_INDEX_TRUNCATED] = "index block extends past the end of the label area",
	[LABEL_ERR_BAD_SIGNATURE] = "bad index signature",
	[LABEL_ERR_BAD_LABELSIZE] = "bad index label size",
	[LABEL_ERR_BAD_CHECKSUM] = "bad index checksum",
	[LABEL_ERR_BAD_SEQ] = "bad index sequence number",
	[LABEL_ERR_BAD_MYOFF] = "bad index self offset",
	[LABEL_ERR_BAD_OTHEROFF] = "bad index offset of the other index",
	[LABEL_ERR_BAD_LABELOFF] = "bad index label offset",
	[LABEL_ERR_BAD_MYSIZE] = "bad index size",
	[LABEL_ERR_BAD_NSLOT] = "bad index slot count",
	[LABEL_ERR_NO_VALID_INDEX] = "no valid index block",
	[LABEL_ERR_LABEL_SLOT_MISMATCH] = "label slot field does not match its slot",
	[LABEL_ERR_LABEL_CHECKSUM] = "bad label checksum",
	[LABEL_ERR_DPA_OVERLAP] = "labels claim overlapping DPA ranges",
	[LABEL_ERR_NO_FREE_SLOT] = "no free label slot",
	[LABEL_ERR_SLOT_NOT_IN_USE] = "label slot not in use",
	[LABEL_ERR_BAD_SLOT] = "label slot out of range",
	[LABEL_ERR_BAD_VERSION] = "label version must be 1.1 or 1.2",
	[LABEL_ERR_INVALID_ARGUMENT] = "invalid argument",
};

const char *label_problem_str(enum label_problem p)
{
	if ((unsigned int)p < sizeof(problem_str) / sizeof(problem_str[0]) &&
	    problem_str[p])
		return problem_str[p];
	return "unknown label problem";
}

void label_msg(const struct label_log *log, enum label_log_level level,
	       const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (!log || !log->fn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log->fn(log->ctx, level, msg);
}

uint64_t label_fletcher64(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint32_t lo = 0;
	uint64_t hi = 0;

	for (size_t i = 0; i + 4 <= len; i += 4) {
		lo += get_le32(p + i);
		hi += lo;
	}
	return hi << 32 | lo;
}

uint64_t fletcher64_skip(const uint8_t *buf, size_t len, size_t csum_off)
{
	uint32_t lo = 0;
	uint64_t hi = 0;

	for (size_t i = 0; i + 4 <= len; i += 4) {
		if (i < csum_off + 8 && i + 4 > csum_off)
			; /* the checksum field counts as zero */
		else
			lo += get_le32(buf + i);
		hi += lo;
	}
	return hi << 32 | lo;
}

uint32_t label_seq_next(uint32_t seq)
{
	static const uint32_t next[] = { 0, 2, 3, 1 };

	return next[seq & 3];
}

int label_seq_newest(uint32_t a, uint32_t b)
{
	uint32_t best;

	a &= 3;
	b &= 3;
	if (a == 0 || a == b)
		best = b;
	else if (b == 0)
		best = a;
	else if (label_seq_next(a) == b)
		best = b;
	else
		best = a;
	return best == b ? 1 : 0;
}

int label_geometry_get(uint64_t config_size, uint32_t label_size,
		       struct label_geometry *ret)
{
	uint64_t tmp, span, nslot, index_size;

	if (label_size != LABEL_SIZE_V1_1 && label_size != LABEL_SIZE_V1_2)
		return -EINVAL;
	if (config_size > UINT32_MAX)
		return -ENOSPC;
	/*
	 * Like the kernel: size the index blocks for as many slots as would
	 * fit with no index at all, then count the slots that fit after two
	 * such blocks, then size the blocks for that count.
	 */
	tmp = config_size / label_size;
	span = 2 * index_size_for(tmp);
	if (span > config_size)
		return -ENOSPC;
	nslot = (config_size - span) / label_size;
	index_size = index_size_for(nslot);
	if (nslot < 2 || 2 * index_size > config_size - nslot * label_size)
		return -ENOSPC;
	if (ret) {
		ret->config_size = (uint32_t)config_size;
		ret->label_size = label_size;
		ret->index_size = (uint32_t)index_size;
		ret->labeloff = 2 * index_size;
		ret->nslot = (uint32_t)nslot;
	}
	return 0;
}

uint64_t label_index_span(uint64_t config_size)
{
	struct label_geometry g;

	if (label_geometry_get(config_size, LABEL_SIZE_V1_1, &g) == 0)
		return g.labeloff;
	if (label_geometry_get(config_size, LABEL_SIZE_V1_2, &g) == 0)
		return g.labeloff;
	return 0;
}

int label_version_parse(const char *s, uint32_t *ret_label_size)
{
	uint32_t size;

	if (!s)
		return -EINVAL;
	if (strcmp(s, "1.1") == 0)
		size = LABEL_SIZE_V1_1;
	else if (strcmp(s, "1.2") == 0)
		size = LABEL_SIZE_V1_2;
	else
		return -EINVAL;
	if (ret_label_size)
		*ret_label_size = size;
	return 0;
}

uint32_t label_index_labelsize(const struct label_index *ix)
{
	if (ix->labelsize_field > 24)
		return 0;
	return 128u << ix->labelsize_field;
}

/* Label size an index block declares, by the kernel's reading of it. */
static uint32_t declared_label_size(const struct label_index *ix)
{
	if ((unsigned int)ix->major * 100 + ix->minor >= 102)
		return label_index_labelsize(ix);
	return LABEL_SIZE_V1_1;
}

static void decode_index(const uint8_t *buf, size_t size, uint64_t off,
			 struct label_index *ix)
{
	const uint8_t *p;

	memset(ix, 0, sizeof(*ix));
	ix->offset = off;
	ix->status = LABEL_ERR_INDEX_TRUNCATED;
	if (off > size || size - off < LABEL_INDEX_HDR_SIZE)
		return;
	p = buf + off;
	ix->present = true;
	memcpy(ix->signature, p + IX_SIG, LABEL_SIG_LEN);
	ix->signature[LABEL_SIG_LEN] = '\0';
	memcpy(ix->flags, p + IX_FLAGS, 3);
	ix->labelsize_field = p[IX_LABELSIZE];
	ix->seq = get_le32(p + IX_SEQ);
	ix->myoff = get_le64(p + IX_MYOFF);
	ix->mysize = get_le64(p + IX_MYSIZE);
	ix->otheroff = get_le64(p + IX_OTHEROFF);
	ix->labeloff = get_le64(p + IX_LABELOFF);
	ix->nslot = get_le32(p + IX_NSLOT);
	ix->major = get_le16(p + IX_MAJOR);
	ix->minor = get_le16(p + IX_MINOR);
	ix->checksum = get_le64(p + IX_CHECKSUM);
}

/*
 * The kernel's checks of index block i, assuming labels of g->label_size;
 * in its order, so the first failing check names the problem.
 */
static enum label_problem check_index(const uint8_t *buf, size_t size,
				      const struct label_geometry *g, int i,
				      struct label_index *ix)
{
	uint64_t off = (uint64_t)i * g->index_size;
	const uint8_t *p;

	if (off + g->index_size > size)
		return LABEL_ERR_INDEX_TRUNCATED;
	p = buf + off;
	if (memcmp(p + IX_SIG, label_index_signature, LABEL_SIG_LEN) != 0)
		return LABEL_ERR_BAD_SIGNATURE;
	if (declared_label_size(ix) != g->label_size)
		return LABEL_ERR_BAD_LABELSIZE;
	ix->checksum_computed = fletcher64_skip(p, g->index_size, IX_CHECKSUM);
	if (ix->checksum_computed != ix->checksum)
		return LABEL_ERR_BAD_CHECKSUM;
	if ((ix->seq & 3) == 0)
		return LABEL_ERR_BAD_SEQ;
	if (ix->myoff != off)
		return LABEL_ERR_BAD_MYOFF;
	if (ix->otheroff != (uint64_t)!i * g->index_size)
		return LABEL_ERR_BAD_OTHEROFF;
	if (ix->labeloff != 2 * (uint64_t)g->index_size)
		return LABEL_ERR_BAD_LABELOFF;
	if (ix->mysize > g->index_size || ix->mysize < LABEL_INDEX_HDR_SIZE)
		return LABEL_ERR_BAD_MYSIZE;
	/* 64-bit: the kernel's u32 product can wrap for huge nslot */
	if ((uint64_t)ix->nslot * g->label_size + 2 * (uint64_t)g->index_size >
	    size)
		return LABEL_ERR_BAD_NSLOT;
	return LABEL_OK;
}

static uint32_t count_tail_bits(const uint8_t *buf, const struct label_index *ix,
				uint32_t index_size)
{
	const uint8_t *map = buf + ix->offset + IX_FREE;
	uint64_t nbits = (uint64_t)(index_size - IX_FREE) * 8;
	uint32_t n = 0;

	for (uint64_t b = ix->nslot; b < nbits; b++)
		n += (uint32_t)bit_test(map, (uint32_t)b);
	return n;
}

static void set_geometry(struct label_area *a, const struct label_geometry *g)
{
	a->label_size = g->label_size;
	a->index_size = g->index_size;
	a->labeloff = g->labeloff;
	a->nslot = g->nslot;
}

int label_area_parse(struct label_area *ret, const void *buf, size_t size,
		     const struct label_log *log)
{
	static const uint32_t probe[] = { LABEL_SIZE_V1_1, LABEL_SIZE_V1_2 };
	enum label_problem st[2][2];
	struct label_geometry g[2];
	bool g_ok[2];
	struct label_area *a = ret;
	const uint8_t *p = buf;

	if (!a || (!buf && size))
		return -EINVAL;
	memset(a, 0, sizeof(*a));
	a->buf = p;
	a->size = size;
	a->current = -1;

	if (size > UINT32_MAX) {
		a->status = LABEL_ERR_AREA_TOO_LARGE;
		label_msg(log, LABEL_LOG_ERR, "label area of %zu bytes: %s", size,
			  label_problem_str(a->status));
		return -EMSGSIZE;
	}

	/*
	 * The label size is only known once an index validates, so (like the
	 * kernel) try 128-byte then 256-byte labels.
	 */
	for (int k = 0; k < 2; k++) {
		g_ok[k] = label_geometry_get(size, probe[k], &g[k]) == 0;
		if (!g_ok[k]) {
			st[k][0] = st[k][1] = LABEL_ERR_AREA_TOO_SMALL;
			continue;
		}
		for (int i = 0; i < 2; i++) {
			decode_index(p, size, (uint64_t)i * g[k].index_size,
				     &a->index[i]);
			st[k][i] = check_index(p, size, &g[k], i, &a->index[i]);
		}
		if (st[k][0] != LABEL_OK && st[k][1] != LABEL_OK)
			continue;

		set_geometry(a, &g[k]);
		if (st[k][0] == LABEL_OK && st[k][1] == LABEL_OK)
			a->current = label_seq_newest(a->index[0].seq,
						      a->index[1].seq);
		else
			a->current = st[k][0] == LABEL_OK ? 0 : 1;
		for (int i = 0; i < 2; i++) {
			a->index[i].status = st[k][i];
			if (st[k][i] == LABEL_OK)
				a->index[i].free_tail_bits = count_tail_bits(
					p, &a->index[i], a->index_size);
			else
				label_msg(log, LABEL_LOG_INFO,
					  "index block %d: %s", i,
					  label_problem_str(st[k][i]));
		}
		a->nslot = a->index[a->current].nslot;
		a->status = LABEL_OK;
		return 0;
	}

	/* Nothing valid: keep a raw view for dumping, and say why. */
	if (!g_ok[0] && !g_ok[1]) {
		decode_index(p, size, 0, &a->index[0]);
		decode_index(p, size, LABEL_INDEX_ALIGN, &a->index[1]);
		a->index[0].status = a->index[1].status = LABEL_ERR_AREA_TOO_SMALL;
		a->status = LABEL_ERR_AREA_TOO_SMALL;
		label_msg(log, LABEL_LOG_ERR, "label area of %zu bytes: %s",
			  size, label_problem_str(a->status));
		return -EMSGSIZE;
	}
	set_geometry(a, &g[g_ok[0] ? 0 : 1]);
	for (int i = 0; i < 2; i++) {
		struct label_index *ix = &a->index[i];
		uint32_t want;
		int k;

		decode_index(p, size, (uint64_t)i * a->index_size, ix);
		want = declared_label_size(ix);
		k = want == LABEL_SIZE_V1_2 && g_ok[1] ? 1 : g_ok[0] ? 0 : 1;
		ix->status = st[k][i];
		if (want != LABEL_SIZE_V1_1 && want != LABEL_SIZE_V1_2 &&
		    ix->status != LABEL_ERR_BAD_SIGNATURE)
			ix->status = LABEL_ERR_BAD_LABELSIZE;
		if (ix->status == LABEL_ERR_BAD_CHECKSUM && g_ok[k]) {
			uint64_t off = (uint64_t)i * g[k].index_size;

			ix->checksum_computed = fletcher64_skip(
				p + off, g[k].index_size, IX_CHECKSUM);
		}
		label_msg(log, LABEL_LOG_INFO, "index block %d: %s", i,
			  label_problem_str(ix->status));
	}
	a->status = LABEL_ERR_NO_VALID_INDEX;
	return -ENODATA;
}

static const uint8_t *current_free_map(const struct label_area *a)
{
	if (a->current < 0)
		return NULL;
	return a->buf + a->index[a->current].offset + IX_FREE;
}

bool label_area_slot_in_use(const struct label_area *a, uint32_t slot)
{
	const uint8_t *map = current_free_map(a);

	if (!map || slot >= a->nslot)
		return false;
	return !bit_test(map, slot);
}

int64_t label_area_next_in_use(const struct label_area *a, uint32_t from)
{
	const uint8_t *map = current_free_map(a);

	if (!map)
		return LABEL_NOT_FOUND;
	for (uint32_t s = from; s < a->nslot; s++) {
		/* skip whole bytes of free slots quickly */
		if (s % 8 == 0 && map[s / 8] == 0xff && s + 8 <= a->nslot) {
			s += 7;
			continue;
		}
		if (!bit_test(map, s))
			return s;
	}
	return LABEL_NOT_FOUND;
}

uint32_t label_area_nfree(const struct label_area *a)
{
	const uint8_t *map = current_free_map(a);
	uint32_t n = 0;

	if (!map)
		return 0;
	for (uint32_t s = 0; s < a->nslot; s++)
		n += (uint32_t)bit_test(map, s);
	return n;
}
