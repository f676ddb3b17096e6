// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for label transactions: the kernel's two-step namespace label
 * write (UPDATING label, then final label freeing it) reproduces the
 * on-media state Debian's ndctl 76.1 dumped after create-namespace; torn
 * updates leave the old state current; full areas, bad frees, removal,
 * and the check-labels verdicts on bad or overlapping labels.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/label/label.h"
#include "test/unit/tap.h"

#define AREA (128 * 1024)

static struct label_ns ref_label(uint32_t flags)
{
	struct label_ns l = { 0 };

	/* values from dimm-read-labels-v12-ns.out */
	label_uuid_parse("4eadf33a-3643-42fa-a09e-5e9f6fc79102", l.uuid);
	l.flags = flags;
	l.nlabel = 1;
	l.position = 0;
	l.isetcookie = 52512752653219036ull;
	l.lbasize = 512;
	l.dpa = 0;
	l.rawsize = 268435456;
	label_guid_parse("66f0d379-b4f3-4074-ac43-0d3318b78cdb", l.type_guid);
	memcpy(l.abstraction_guid, label_guid_pfn, 16);
	return l;
}

static int count_in_use(const struct label_area *a)
{
	int n = 0;

	label_area_foreach_in_use(a, s)
		n++;
	return n;
}

static void create_like_kernel(struct tap *t)
{
	uint8_t *buf = calloc(1, AREA);
	struct label_ns l = ref_label(LABEL_FLAG_UPDATING), d;
	struct label_area a;
	uint32_t slot = 99, victim;
	char s[37];

	label_area_init(buf, AREA, 256, 0, NULL);

	/* step 1: label with UPDATING */
	tap_ok(t, label_area_commit(buf, AREA, &l, 1, NULL, 0, &slot, NULL) == 0,
	       "commit UPDATING label");
	tap_eq_u64(t, slot, 0, "first label goes to slot 0");
	label_area_parse(&a, buf, AREA, NULL);
	tap_ok(t, a.current == 1 && a.index[1].seq == 1 && a.index[0].seq == 3,
	       "block 1 now current with seq 1 (3 -> 1)");
	tap_ok(t, label_area_slot_in_use(&a, 0) && count_in_use(&a) == 1,
	       "slot 0 in use");
	tap_eq_u64(t, label_area_nfree(&a), 509, "509 free");

	/* step 2: final label, freeing the UPDATING one */
	l = ref_label(0);
	victim = 0;
	tap_ok(t, label_area_commit(buf, AREA, &l, 1, &victim, 1, &slot, NULL) == 0,
	       "commit final label freeing slot 0");
	tap_eq_u64(t, slot, 1, "final label goes to slot 1 (slot 0 still current)");
	label_area_parse(&a, buf, AREA, NULL);
	/* reference: index[0] seq 2, index[1] seq 1; labels slot 0 flags 8, slot 1 flags 0 */
	tap_ok(t, a.current == 0 && a.index[0].seq == 2 && a.index[1].seq == 1,
	       "block 0 current with seq 2, block 1 seq 1 (as in the reference)");
	tap_ok(t, !label_area_slot_in_use(&a, 0) && label_area_slot_in_use(&a, 1) &&
		       count_in_use(&a) == 1,
	       "only slot 1 in use");
	label_area_decode(&a, 0, &d);
	tap_ok(t, d.slot == 0 && d.flags == LABEL_FLAG_UPDATING && d.status == LABEL_OK,
	       "freed slot 0 still holds the UPDATING label (flags 8)");
	label_area_decode(&a, 1, &d);
	label_uuid_unparse(d.uuid, s);
	tap_ok(t, d.slot == 1 && d.flags == 0 && d.nlabel == 1 &&
		       d.isetcookie == 52512752653219036ull && d.lbasize == 512 &&
		       d.rawsize == 268435456 && strcmp(s, "4eadf33a-3643-42fa-a09e-5e9f6fc79102") == 0,
	       "slot 1: the reference's final label");
	tap_ok(t, label_area_verify(&a, NULL, NULL) == 0, "area verifies");
	tap_eq_u64(t, label_area_slot_run(&a), 2,
		   "read-labels lists slots 0 and 1 (reference)");
	tap_ok(t, a.index[0].checksum == a.index[0].checksum_computed &&
		       a.index[0].mysize == 256 && a.index[0].myoff == 0 &&
		       a.index[0].otheroff == 256 && a.index[0].minor == 2,
	       "rewritten block 0 header is complete");

	/* destroy-namespace */
	tap_ok(t, label_area_remove_uuid(buf, AREA, l.uuid, NULL) == 1,
	       "remove_uuid frees 1 label");
	label_area_parse(&a, buf, AREA, NULL);
	tap_ok(t, a.current == 1 && a.index[1].seq == 3 && count_in_use(&a) == 0,
	       "block 1 current with seq 3, nothing in use");
	tap_ok(t, label_area_remove_uuid(buf, AREA, l.uuid, NULL) == 0,
	       "remove_uuid of an absent uuid writes nothing");
	label_area_parse(&a, buf, AREA, NULL);
	tap_ok(t, a.current == 1 && a.index[1].seq == 3, "still seq 3");
	free(buf);
}

static void torn_updates(struct tap *t)
{
	uint8_t *before = calloc(1, AREA), *after = malloc(AREA), *torn = malloc(AREA);
	struct label_ns l = ref_label(0);
	struct label_area a;
	uint32_t slot;

	label_area_init(before, AREA, 256, 0, NULL);
	label_area_commit(before, AREA, &l, 1, NULL, 0, NULL, NULL);
	memcpy(after, before, AREA);
	l.dpa = 1 << 30;
	label_area_commit(after, AREA, &l, 1, NULL, 0, &slot, NULL);
	tap_eq_u64(t, slot, 1, "second label in slot 1");

	/* label written, index not yet */
	memcpy(torn, before, AREA);
	memcpy(torn + 512 + 256, after + 512 + 256, 256);
	label_area_parse(&a, torn, AREA, NULL);
	tap_ok(t, a.current == 1 && count_in_use(&a) == 1 && !label_area_slot_in_use(&a, 1),
	       "label written, index not: old state still current");

	/* index block half written */
	memcpy(torn + 0, after + 0, 72); /* header only, not the bitmap */
	label_area_parse(&a, torn, AREA, NULL);
	tap_ok(t, a.current == 1 && a.index[0].status == LABEL_ERR_BAD_CHECKSUM &&
		       count_in_use(&a) == 1,
	       "torn index write: checksum fails, old block stays current");

	/* whole index written */
	memcpy(torn, after, 256);
	label_area_parse(&a, torn, AREA, NULL);
	tap_ok(t, a.current == 0 && count_in_use(&a) == 2 && memcmp(torn, after, AREA) == 0,
	       "index written: new state current");
	free(before);
	free(after);
	free(torn);
}

static void full_and_errors(struct tap *t)
{
	uint8_t *buf = calloc(1, AREA), *copy = malloc(AREA);
	struct label_ns *many = calloc(510, sizeof(*many));
	struct label_ns l = ref_label(0);
	struct label_area a;
	uint32_t *slots = calloc(510, sizeof(*slots)), victim;
	int rc;

	label_area_init(buf, AREA, 256, 0, NULL);
	for (int i = 0; i < 510; i++) {
		many[i] = ref_label(0);
		many[i].uuid[15] = (uint8_t)i;
		many[i].uuid[14] = (uint8_t)(i >> 8);
		many[i].dpa = (uint64_t)i << 28;
	}
	rc = label_area_commit(buf, AREA, many, 510, NULL, 0, slots, NULL);
	tap_ok(t, rc == 0 && slots[0] == 0 && slots[509] == 509,
	       "510 labels in one transaction fill slots 0-509");
	label_area_parse(&a, buf, AREA, NULL);
	tap_ok(t, label_area_nfree(&a) == 0 && count_in_use(&a) == 510, "area full");
	tap_ok(t, label_area_verify(&a, NULL, NULL) == 0, "full area verifies");

	memcpy(copy, buf, AREA);
	tap_ok(t, label_area_commit(buf, AREA, &l, 1, NULL, 0, NULL, NULL) == -ENOSPC,
	       "one more label: -ENOSPC");
	tap_ok(t, memcmp(copy, buf, AREA) == 0, "failed commit leaves the area unchanged");

	/* replacing a label still needs a free slot first, like the kernel */
	victim = 3;
	tap_ok(t, label_area_commit(buf, AREA, &l, 1, &victim, 1, NULL, NULL) == -ENOSPC,
	       "replace in a full area: -ENOSPC (new label is written before the old is freed)");

	tap_ok(t, label_area_commit(buf, AREA, NULL, 0, &victim, 1, NULL, NULL) == 0,
	       "free slot 3");
	tap_ok(t, label_area_commit(buf, AREA, NULL, 0, &victim, 1, NULL, NULL) == -ENOENT,
	       "free slot 3 again: -ENOENT");
	victim = 510;
	tap_ok(t, label_area_commit(buf, AREA, NULL, 0, &victim, 1, NULL, NULL) == -ERANGE,
	       "free slot 510: -ERANGE");
	tap_ok(t, label_area_commit(buf, AREA, &l, 1, NULL, 0, slots, NULL) == 0 && slots[0] == 3,
	       "next label reuses slot 3");

	memset(buf, 0, AREA);
	tap_ok(t, label_area_commit(buf, AREA, &l, 1, NULL, 0, NULL, NULL) == -ENODATA,
	       "commit on a zeroed area: -ENODATA");
	tap_ok(t, label_area_commit(buf, 100, &l, 1, NULL, 0, NULL, NULL) == -EMSGSIZE,
	       "commit on a tiny area: -EMSGSIZE");
	free(buf);
	free(copy);
	free(many);
	free(slots);
}

static void verify_verdicts(struct tap *t)
{
	uint8_t *buf = calloc(1, AREA);
	struct label_ns l[3] = { ref_label(0), ref_label(0), ref_label(0) };
	struct label_area a;
	enum label_problem pr;

	label_area_init(buf, AREA, 256, 0, NULL);
	l[0].dpa = 0;
	l[0].rawsize = 1 << 30;
	l[1].dpa = 1 << 30; /* adjacent: fine */
	l[1].rawsize = 1 << 20;
	label_area_commit(buf, AREA, l, 2, NULL, 0, NULL, NULL);
	label_area_parse(&a, buf, AREA, NULL);
	tap_ok(t, label_area_verify(&a, &pr, NULL) == 0 && pr == LABEL_OK,
	       "adjacent DPA ranges verify");

	l[2].dpa = 4096; /* nested inside label 0 */
	l[2].rawsize = 4096;
	label_area_commit(buf, AREA, &l[2], 1, NULL, 0, NULL, NULL);
	label_area_parse(&a, buf, AREA, NULL);
	tap_ok(t, label_area_verify(&a, &pr, NULL) == -EBUSY && pr == LABEL_ERR_DPA_OVERLAP,
	       "nested DPA range: -EBUSY, overlapping DPA");

	/* corrupt an in-use label */
	label_area_init(buf, AREA, 256, 0, NULL);
	label_area_commit(buf, AREA, l, 1, NULL, 0, NULL, NULL);
	buf[512 + 20] ^= 1; /* name byte */
	label_area_parse(&a, buf, AREA, NULL);
	tap_ok(t, label_area_verify(&a, &pr, NULL) == -EUCLEAN && pr == LABEL_ERR_LABEL_CHECKSUM,
	       "corrupt label in use: -EUCLEAN, bad label checksum");

	/* a corrupt label in a free slot does not matter */
	label_area_commit(buf, AREA, NULL, 0, (uint32_t[]){ 0 }, 1, NULL, NULL);
	label_area_parse(&a, buf, AREA, NULL);
	tap_ok(t, label_area_verify(&a, &pr, NULL) == 0, "corrupt label in a free slot is ignored");
	free(buf);
}

static void v11_labels(struct tap *t)
{
	uint8_t *buf = calloc(1, AREA);
	struct label_ns l = ref_label(0), d;
	struct label_area a;
	uint32_t slot;

	label_area_init(buf, AREA, 128, 0, NULL);
	tap_ok(t, label_area_commit(buf, AREA, &l, 1, NULL, 0, &slot, NULL) == 0 && slot == 0,
	       "v1.1: commit a label");
	label_area_parse(&a, buf, AREA, NULL);
	label_area_decode(&a, 0, &d);
	tap_ok(t, !d.v1_2 && d.status == LABEL_OK && d.rawsize == l.rawsize &&
		       a.index[1].minor == 1 && buf[256 + 19] == 0,
	       "v1.1 label: no v1.2 fields, index stays v1.1");
	tap_eq_u64(t, buf[512 + 128], 0, "v1.1 label is 128 bytes (slot 1 untouched)");
	buf[512 + 100] ^= 1; /* v1.1 labels carry no checksum */
	label_area_decode(&a, 0, &d);
	tap_ok(t, d.status == LABEL_OK, "v1.1 label has no checksum to fail");
	free(buf);
}

int main(void)
{
	struct tap t = { 0 };

	create_like_kernel(&t);
	torn_updates(&t);
	full_and_errors(&t);
	verify_verdicts(&t);
	v11_labels(&t);
	return tap_done(&t);
}
