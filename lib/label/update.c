// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Label transactions: add and free labels the way the kernel does, so an
 * interrupted update never damages the current state.  New labels only go
 * to slots free in the current index, and the change becomes visible
 * only when the other index block is written with the next sequence
 * number.  Used for namespace creation/removal on labelled regions.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

int label_area_commit(void *buf, size_t size, const struct label_ns *add,
		      size_t nadd, const uint32_t *free_slots, size_t nfree,
		      uint32_t *ret_slots, const struct label_log *log)
{
	struct label_area a;
	const struct label_index *cur;
	uint8_t *p = buf, *map, *cur_map;
	uint32_t *slots = NULL;
	size_t maplen;
	int rc, next;

	if (!buf || (nadd && !add) || (nfree && !free_slots))
		return -EINVAL;
	rc = label_area_parse(&a, buf, size, log);
	if (rc) {
		label_msg(log, LABEL_LOG_ERR, "cannot update labels: %s",
			  label_problem_str(a.status));
		return rc == -EMSGSIZE ? rc : -ENODATA;
	}
	cur = &a.index[a.current];
	next = !a.current;
	maplen = a.index_size - IX_FREE;
	cur_map = p + cur->offset + IX_FREE;
	map = malloc(maplen);
	slots = calloc(nadd ? nadd : 1, sizeof(*slots));
	if (!map || !slots) {
		rc = -ENOMEM;
		goto out;
	}
	memcpy(map, cur_map, maplen);

	/* allocate first, so no new label lands in a slot being freed */
	for (size_t i = 0; i < nadd; i++) {
		uint32_t s;

		for (s = 0; s < a.nslot && !bit_test(map, s); s++)
			;
		if (s == a.nslot) {
			label_msg(log, LABEL_LOG_ERR, "%s (%u slots)",
				  label_problem_str(LABEL_ERR_NO_FREE_SLOT),
				  a.nslot);
			rc = -ENOSPC;
			goto out;
		}
		bit_clear(map, s);
		slots[i] = s;
	}
	for (size_t i = 0; i < nfree; i++) {
		uint32_t s = free_slots[i];

		if (s >= a.nslot) {
			label_msg(log, LABEL_LOG_ERR, "slot %u: %s", s,
				  label_problem_str(LABEL_ERR_BAD_SLOT));
			rc = -ERANGE;
			goto out;
		}
		if (bit_test(cur_map, s) || bit_test(map, s)) {
			label_msg(log, LABEL_LOG_ERR, "slot %u: %s", s,
				  label_problem_str(LABEL_ERR_SLOT_NOT_IN_USE));
			rc = -ENOENT;
			goto out;
		}
		bit_set(map, s);
	}

	/* all checked: now write labels, then the other index block */
	for (size_t i = 0; i < nadd; i++) {
		rc = label_encode(buf, size, &a, slots[i], &add[i]);
		if (rc)
			goto out; /* cannot happen: slots[i] < nslot fits */
	}
	memcpy(p + (uint64_t)next * a.index_size, p + cur->offset, a.index_size);
	memcpy(p + (uint64_t)next * a.index_size + IX_FREE, map, maplen);
	write_index_block(p, a.index_size, a.label_size, next,
			  label_seq_next(cur->seq), cur->nslot);
	if (ret_slots)
		memcpy(ret_slots, slots, nadd * sizeof(*slots));
	rc = 0;
out:
	free(map);
	free(slots);
	return rc;
}

int label_area_remove_uuid(void *buf, size_t size,
			   const uint8_t uuid[LABEL_UUID_LEN],
			   const struct label_log *log)
{
	struct label_area a;
	uint32_t *victims;
	uint32_t n = 0;
	int rc;

	if (!buf || !uuid)
		return -EINVAL;
	rc = label_area_parse(&a, buf, size, log);
	if (rc)
		return rc == -EMSGSIZE ? rc : -ENODATA;
	victims = calloc(a.nslot ? a.nslot : 1, sizeof(*victims));
	if (!victims)
		return -ENOMEM;
	label_area_foreach_in_use(&a, s) {
		struct label_ns l;

		if (label_area_decode(&a, (uint32_t)s, &l) == 0 &&
		    memcmp(l.uuid, uuid, LABEL_UUID_LEN) == 0)
			victims[n++] = (uint32_t)s;
	}
	rc = n ? label_area_commit(buf, size, NULL, 0, victims, n, NULL, log) : 0;
	free(victims);
	return rc ? rc : (int)n;
}
