// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target for lib/label (libFuzzer entry point): the input is a label
 * area.  Everything a CLI does with an untrusted area is exercised --
 * parse, verify, decode every slot, and a label transaction -- and the
 * transaction's promises are checked: on success the result parses with
 * the other index block current and the new label in use; on failure the
 * buffer is unchanged.  Violations abort().
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/label/label.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_commit(uint8_t *buf, size_t size, const struct label_area *a)
{
	struct label_ns l = { 0 };
	struct label_area after;
	uint8_t *copy = malloc(size);
	uint32_t slot = UINT32_MAX, victim;
	int64_t first = label_area_next_in_use(a, 0);
	int rc;

	if (!copy)
		return;
	memcpy(copy, buf, size);
	l.rawsize = 4096;
	l.dpa = (uint64_t)size << 12;
	victim = first >= 0 ? (uint32_t)first : 0;
	rc = label_area_commit(buf, size, &l, 1, &victim, first >= 0, &slot, NULL);
	if (rc) {
		if (memcmp(copy, buf, size) != 0)
			abort();
	} else {
		if (label_area_parse(&after, buf, size, NULL) != 0)
			abort();
		if (after.current != !a->current)
			abort();
		if (!label_area_slot_in_use(&after, slot))
			abort();
		if (first >= 0 && label_area_slot_in_use(&after, (uint32_t)first))
			abort();
		label_area_verify(&after, NULL, NULL);
	}
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct label_area a;
	uint8_t *buf;
	char text[37];
	int rc;

	/* an exact-size private copy, so ASan flags any overread */
	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	if (size)
		memcpy(buf, data, size);
	rc = label_area_parse(&a, buf, size, NULL);
	label_area_verify(&a, NULL, NULL);
	label_area_nfree(&a);
	for (uint32_t s = 0; s < a.nslot && s < 4096; s++) {
		struct label_ns l;

		if (label_area_decode(&a, s, &l) == 0)
			label_uuid_unparse(l.type_guid, text);
	}
	label_area_foreach_in_use(&a, s) {
		struct label_ns l;

		if (label_area_decode(&a, (uint32_t)s, &l) != 0)
			abort(); /* an in-use slot must always be decodable */
	}
	if (rc == 0)
		check_commit(buf, size, &a);
	free(buf);
	return 0;
}
