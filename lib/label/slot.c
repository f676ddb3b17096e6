// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Namespace labels in their slots: decoding and encoding both layouts
 * (128-byte v1.1, 256-byte v1.2 with GUIDs and checksum), the kernel's
 * per-slot validity rule, and the whole-area check behind check-labels.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

/* guid_t byte order of the kernel's NVDIMM_*_GUID strings */
const uint8_t label_guid_btt[LABEL_UUID_LEN] = {
	0xa2, 0x63, 0xed, 0x8a, 0xa2, 0x29, 0x66, 0x4c,
	0x8b, 0x12, 0xf0, 0x5d, 0x15, 0xd3, 0x92, 0x2a,
};
const uint8_t label_guid_btt2[LABEL_UUID_LEN] = {
	0xfc, 0x3b, 0x63, 0x18, 0x35, 0x17, 0x17, 0x42,
	0x8a, 0xc9, 0x17, 0x23, 0x92, 0x82, 0xd3, 0xf8,
};
const uint8_t label_guid_pfn[LABEL_UUID_LEN] = {
	0xba, 0x00, 0x64, 0x26, 0x9f, 0xfb, 0x77, 0x46,
	0xbc, 0xb0, 0x96, 0x8f, 0x11, 0xd0, 0xd2, 0x25,
};
const uint8_t label_guid_dax[LABEL_UUID_LEN] = {
	0x9c, 0x6d, 0xa8, 0x97, 0xdd, 0x3c, 0xda, 0x4e,
	0x98, 0x6f, 0x50, 0x68, 0xb4, 0xf8, 0x00, 0x88,
};

static int slot_offset(const struct label_area *a, size_t size, uint32_t slot,
		       uint64_t *ret)
{
	uint64_t off;

	if (!a->label_size || slot >= a->nslot)
		return -ERANGE;
	off = a->labeloff + (uint64_t)slot * a->label_size;
	if (off > size || size - off < a->label_size)
		return -ERANGE;
	*ret = off;
	return 0;
}

int label_area_decode(const struct label_area *a, uint32_t slot,
		      struct label_ns *ret)
{
	const uint8_t *p;
	uint64_t off;
	int rc;

	if (!a || !ret)
		return -EINVAL;
	rc = slot_offset(a, a->size, slot, &off);
	if (rc)
		return rc;
	p = a->buf + off;
	memset(ret, 0, sizeof(*ret));
	ret->pos = slot;
	memcpy(ret->uuid, p + NL_UUID, LABEL_UUID_LEN);
	memcpy(ret->name, p + NL_NAME, LABEL_NAME_LEN);
	ret->name[LABEL_NAME_LEN] = '\0';
	ret->flags = get_le32(p + NL_FLAGS);
	ret->nlabel = get_le16(p + NL_NLABEL);
	ret->position = get_le16(p + NL_POSITION);
	ret->isetcookie = get_le64(p + NL_ISETCOOKIE);
	ret->lbasize = get_le64(p + NL_LBASIZE);
	ret->dpa = get_le64(p + NL_DPA);
	ret->rawsize = get_le64(p + NL_RAWSIZE);
	ret->slot = get_le32(p + NL_SLOT);
	ret->status = LABEL_OK;
	if (a->label_size >= LABEL_SIZE_V1_2) {
		ret->v1_2 = true;
		ret->align = p[NL_ALIGN];
		memcpy(ret->type_guid, p + NL_TYPE_GUID, LABEL_UUID_LEN);
		memcpy(ret->abstraction_guid, p + NL_ABSTRACTION_GUID,
		       LABEL_UUID_LEN);
		ret->checksum = get_le64(p + NL_CHECKSUM);
	}
	/* the kernel's slot_valid(): right slot, and checksum for v1.2 */
	if (ret->slot != slot)
		ret->status = LABEL_ERR_LABEL_SLOT_MISMATCH;
	else if (ret->v1_2 &&
		 fletcher64_skip(p, a->label_size, NL_CHECKSUM) != ret->checksum)
		ret->status = LABEL_ERR_LABEL_CHECKSUM;
	return 0;
}

int label_encode(void *buf, size_t size, const struct label_area *a,
		 uint32_t slot, const struct label_ns *l)
{
	uint8_t *p;
	uint64_t off;
	int rc;

	if (!buf || !a || !l)
		return -EINVAL;
	rc = slot_offset(a, size, slot, &off);
	if (rc)
		return rc;
	p = (uint8_t *)buf + off;
	memset(p, 0, a->label_size);
	memcpy(p + NL_UUID, l->uuid, LABEL_UUID_LEN);
	memcpy(p + NL_NAME, l->name, strnlen(l->name, LABEL_NAME_LEN));
	put_le32(p + NL_FLAGS, l->flags);
	put_le16(p + NL_NLABEL, l->nlabel);
	put_le16(p + NL_POSITION, l->position);
	put_le64(p + NL_ISETCOOKIE, l->isetcookie);
	put_le64(p + NL_LBASIZE, l->lbasize);
	put_le64(p + NL_DPA, l->dpa);
	put_le64(p + NL_RAWSIZE, l->rawsize);
	put_le32(p + NL_SLOT, slot);
	if (a->label_size >= LABEL_SIZE_V1_2) {
		p[NL_ALIGN] = l->align;
		memcpy(p + NL_TYPE_GUID, l->type_guid, LABEL_UUID_LEN);
		memcpy(p + NL_ABSTRACTION_GUID, l->abstraction_guid,
		       LABEL_UUID_LEN);
		put_le64(p + NL_CHECKSUM, label_fletcher64(p, a->label_size));
	}
	return 0;
}

uint32_t label_area_slot_run(const struct label_area *a)
{
	struct label_ns l;
	uint32_t n = 0;

	while (a && label_area_decode(a, n, &l) == 0 && l.slot == n)
		n++;
	return n;
}

struct dpa_range {
	uint64_t start;
	uint64_t end;	/* exclusive; saturates */
	uint32_t slot;
};

static int cmp_range(const void *x, const void *y)
{
	const struct dpa_range *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->slot < b->slot ? -1 : a->slot > b->slot;
}

static int check_overlap(const struct label_area *a, uint32_t nused,
			 enum label_problem *problem, const struct label_log *log)
{
	struct dpa_range *r;
	uint32_t n = 0;
	int rc = 0;

	if (nused < 2)
		return 0;
	r = calloc(nused, sizeof(*r));
	if (!r)
		return -ENOMEM;
	label_area_foreach_in_use(a, s) {
		struct label_ns l;

		if (label_area_decode(a, (uint32_t)s, &l) || l.status != LABEL_OK)
			continue;
		if (!l.rawsize || n >= nused)
			continue;
		r[n].start = l.dpa;
		r[n].end = l.dpa + l.rawsize < l.dpa ? UINT64_MAX : l.dpa + l.rawsize;
		r[n].slot = (uint32_t)s;
		n++;
	}
	qsort(r, n, sizeof(*r), cmp_range);
	for (uint32_t i = 1; i < n; i++) {
		uint32_t j = i - 1;

		if (r[i].start < r[j].end) {
			label_msg(log, LABEL_LOG_ERR,
				  "labels in slots %u and %u overlap at DPA %#llx",
				  r[j].slot, r[i].slot,
				  (unsigned long long)r[i].start);
			*problem = LABEL_ERR_DPA_OVERLAP;
			rc = -EBUSY;
			break;
		}
		/* keep the furthest end seen, so nesting is caught too */
		if (r[j].end > r[i].end)
			r[i].end = r[j].end;
	}
	free(r);
	return rc;
}

int label_area_verify(const struct label_area *a, enum label_problem *ret_problem,
		      const struct label_log *log)
{
	enum label_problem problem = LABEL_OK;
	uint32_t nused = 0;
	int rc = 0;

	if (!a)
		return -EINVAL;
	if (a->current < 0) {
		problem = a->status == LABEL_OK ? LABEL_ERR_NO_VALID_INDEX : a->status;
		label_msg(log, LABEL_LOG_ERR,
			  "%s (index block 0: %s; index block 1: %s)",
			  label_problem_str(problem),
			  label_problem_str(a->index[0].status),
			  label_problem_str(a->index[1].status));
		rc = problem == LABEL_ERR_NO_VALID_INDEX ? -ENODATA : -EMSGSIZE;
		goto out;
	}
	for (int i = 0; i < 2; i++) {
		if (a->index[i].status != LABEL_OK)
			label_msg(log, LABEL_LOG_WARN,
				  "index block %d (not current): %s", i,
				  label_problem_str(a->index[i].status));
		else if (a->index[i].free_tail_bits)
			label_msg(log, LABEL_LOG_WARN,
				  "index block %d: %u free-bitmap bits set past slot %u",
				  i, a->index[i].free_tail_bits, a->nslot);
	}
	label_area_foreach_in_use(a, s) {
		struct label_ns l;

		nused++;
		if (label_area_decode(a, (uint32_t)s, &l))
			continue;
		if (l.status != LABEL_OK) {
			label_msg(log, LABEL_LOG_ERR, "slot %u: %s",
				  (unsigned int)s, label_problem_str(l.status));
			if (problem == LABEL_OK)
				problem = l.status;
			rc = -EUCLEAN;
			continue;
		}
		if ((l.dpa | l.rawsize) % 4096)
			label_msg(log, LABEL_LOG_WARN,
				  "slot %u: DPA %#llx size %#llx not 4K aligned",
				  (unsigned int)s, (unsigned long long)l.dpa,
				  (unsigned long long)l.rawsize);
	}
	if (rc == 0)
		rc = check_overlap(a, nused, &problem, log);
out:
	if (ret_problem)
		*ret_problem = problem;
	return rc;
}

void label_uuid_unparse(const uint8_t in[LABEL_UUID_LEN], char out[37])
{
	static const char hex[] = "0123456789abcdef";
	char *o = out;

	for (int i = 0; i < LABEL_UUID_LEN; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		*o++ = hex[in[i] >> 4];
		*o++ = hex[in[i] & 0xf];
	}
	*o = '\0';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int label_uuid_parse(const char *s, uint8_t out[LABEL_UUID_LEN])
{
	uint8_t tmp[LABEL_UUID_LEN];
	int n = 0;

	if (!s || strlen(s) != 36)
		return -EINVAL;
	for (int i = 0; i < 36;) {
		int hi, lo;

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i++] != '-')
				return -EINVAL;
			continue;
		}
		hi = hexval(s[i]);
		lo = hexval(s[i + 1]);
		if (hi < 0 || lo < 0)
			return -EINVAL;
		tmp[n++] = (uint8_t)(hi << 4 | lo);
		i += 2;
	}
	memcpy(out, tmp, sizeof(tmp));
	return 0;
}

int label_guid_parse(const char *s, uint8_t out[LABEL_UUID_LEN])
{
	static const int order[LABEL_UUID_LEN] = {
		3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15,
	};
	uint8_t raw[LABEL_UUID_LEN];
	int rc = label_uuid_parse(s, raw);

	if (rc)
		return rc;
	for (int i = 0; i < LABEL_UUID_LEN; i++)
		out[i] = raw[order[i]];
	return 0;
}
