// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for the label area format: geometry, checksums, init of v1.1
 * and v1.2 areas (compared with what Debian's ndctl 76.1 printed for the
 * test bed's 128 KiB areas), choice of the current index block, precise
 * rejection reasons, label encode/decode, uuid/guid byte orders.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/label/label.h"
#include "test/unit/tap.h"

#define AREA (128 * 1024)	/* config size of the test bed's DIMMs */

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void wr32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void wr64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* Recompute an index block's checksum after a deliberate edit. */
static void reseal(uint8_t *buf, uint32_t off, uint32_t index_size)
{
	wr64(buf + off + 64, 0);
	wr64(buf + off + 64, label_fletcher64(buf + off, index_size));
}

static void geometry(struct tap *t)
{
	struct label_geometry g;

	tap_ok(t, label_geometry_get(AREA, 256, &g) == 0, "geometry 128K/256");
	tap_eq_u64(t, g.nslot, 510, "128K v1.2: 510 slots (reference read-labels)");
	tap_eq_u64(t, g.index_size, 256, "128K v1.2: 256-byte index blocks");
	tap_eq_u64(t, g.labeloff, 512, "128K v1.2: labels start at 512");

	tap_ok(t, label_geometry_get(AREA, 128, &g) == 0, "geometry 128K/128");
	tap_eq_u64(t, g.nslot, 1020, "128K v1.1: 1020 slots (reference read-labels)");
	tap_eq_u64(t, g.index_size, 256, "128K v1.1: 256-byte index blocks");

	tap_ok(t, label_geometry_get(256 * 1024, 128, &g) == 0 &&
		       g.index_size == 512 && g.nslot == 2040,
	       "256K v1.1: 512-byte index blocks, 2040 slots (got %u, %u)",
	       g.index_size, g.nslot);
	tap_ok(t, label_geometry_get(1024, 256, &g) == 0 && g.nslot == 2,
	       "1 KiB holds two v1.2 labels (UEFI minimum)");
	tap_ok(t, label_geometry_get(1023, 256, &g) == -ENOSPC,
	       "1023 bytes is too small for v1.2");
	tap_ok(t, label_geometry_get(768, 128, &g) == 0 && g.nslot == 2,
	       "768 bytes holds two v1.1 labels");
	tap_ok(t, label_geometry_get(0, 128, &g) == -ENOSPC, "empty area rejected");
	tap_ok(t, label_geometry_get(AREA, 64, &g) == -EINVAL, "label size 64 rejected");
	tap_ok(t, label_geometry_get(AREA, 512, &g) == -EINVAL, "label size 512 rejected");
	tap_eq_u64(t, label_index_span(AREA), 512, "128K: index blocks span 512 bytes");
	tap_eq_u64(t, label_index_span(256 * 1024), 1024, "256K: index blocks span 1024 bytes");
	tap_eq_u64(t, label_index_span(100), 0, "100 bytes: no index span");
	tap_ok(t, label_geometry_get(1ull << 32, 256, &g) == -ENOSPC,
	       "4 GiB area rejected (config sizes are 32-bit)");
}

static void primitives(struct tap *t)
{
	const uint8_t w[12] = { 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0 };
	uint32_t size = 0;

	tap_eq_u64(t, label_fletcher64(w, sizeof(w)), 10ull << 32 | 6,
		   "fletcher64 of words 1,2,3 = hi 1+3+6, lo 6");
	tap_eq_u64(t, label_fletcher64(w, 11), 4ull << 32 | 3,
		   "fletcher64 ignores a trailing partial word");

	tap_eq_u64(t, label_seq_next(1), 2, "seq 1 -> 2");
	tap_eq_u64(t, label_seq_next(2), 3, "seq 2 -> 3");
	tap_eq_u64(t, label_seq_next(3), 1, "seq 3 -> 1");
	tap_eq_u64(t, label_seq_next(0), 0, "seq 0 stays invalid");

	tap_ok(t, label_version_parse("1.1", &size) == 0 && size == 128, "-V 1.1 -> 128");
	tap_ok(t, label_version_parse("1.2", &size) == 0 && size == 256, "-V 1.2 -> 256");
	tap_ok(t, label_version_parse("1.3", &size) == -EINVAL, "-V 1.3 rejected");
	tap_ok(t, label_version_parse("", &size) == -EINVAL, "empty version rejected");
}

static void init_v12(struct tap *t)
{
	uint8_t *buf = malloc(AREA);
	struct label_area a;
	enum label_problem pr;
	int rc;

	memset(buf, 0x5a, AREA);
	rc = label_area_init(buf, AREA, 256, 0, NULL);
	tap_ok(t, rc == 0, "init v1.2 128K");
	rc = label_area_parse(&a, buf, AREA, NULL);
	tap_ok(t, rc == 0, "parse fresh v1.2 area");
	tap_ok(t, a.current == 0, "index block 0 is current (seq 3 beats 2)");
	/* reference: dimm-read-labels-v12.out */
	for (int i = 0; i < 2; i++) {
		const struct label_index *ix = &a.index[i];

		tap_ok(t, strcmp(ix->signature, "NAMESPACE_INDEX") == 0 &&
			       ix->major == 1 && ix->minor == 2 &&
			       label_index_labelsize(ix) == 256 && ix->nslot == 510 &&
			       ix->status == LABEL_OK,
		       "v1.2 index %d: NAMESPACE_INDEX 1.2 labelsize 256 nslot 510", i);
		tap_eq_u64(t, ix->seq, 3 - (uint32_t)i, "v1.2 index %d seq", i);
		tap_eq_u64(t, ix->myoff, 256 * (uint64_t)i, "index %d myoff", i);
		tap_eq_u64(t, ix->otheroff, 256 * (uint64_t)!i, "index %d otheroff", i);
		tap_eq_u64(t, ix->labeloff, 512, "index %d labeloff", i);
		tap_eq_u64(t, ix->mysize, 256, "index %d mysize", i);
		tap_eq_u64(t, ix->free_tail_bits, 0, "index %d bitmap tail clear", i);
		tap_eq_u64(t, ix->checksum, rd64(buf + 256 * i + 64),
			   "index %d checksum decoded", i);
	}
	tap_eq_u64(t, buf[19], 1, "labelsize byte is 1 (256 = 128 << 1)");
	tap_eq_u64(t, buf[72], 0xff, "bitmap: slots 0-7 free");
	tap_eq_u64(t, buf[72 + 63], 0x3f, "bitmap: bits of slots 510, 511 clear");
	tap_eq_u64(t, buf[72 + 64], 0, "bitmap: nothing past nslot");
	tap_eq_u64(t, buf[255], 0, "index block padding zeroed");
	tap_eq_u64(t, buf[512], 0x5a, "label slots untouched without CLEAR_SLOTS");
	tap_eq_u64(t, label_area_nfree(&a), 510, "all 510 slots free");
	tap_ok(t, label_area_next_in_use(&a, 0) == LABEL_NOT_FOUND, "no slot in use");
	tap_ok(t, label_area_verify(&a, &pr, NULL) == 0 && pr == LABEL_OK,
	       "fresh v1.2 area verifies (check-labels)");

	rc = label_area_init(buf, AREA, 256, LABEL_INIT_CLEAR_SLOTS, NULL);
	tap_ok(t, rc == 0 && buf[512] == 0 && buf[AREA - 1] == 0,
	       "CLEAR_SLOTS zeroes the label slots");
	free(buf);
}

static void init_v11(struct tap *t)
{
	uint8_t *buf = calloc(1, AREA);
	struct label_area a;

	tap_ok(t, label_area_init(buf, AREA, 128, 0, NULL) == 0, "init v1.1 128K");
	tap_ok(t, label_area_parse(&a, buf, AREA, NULL) == 0, "parse fresh v1.1 area");
	/* reference: init-read-labels.out */
	tap_ok(t, a.current == 0 && a.index[0].seq == 3 && a.index[1].seq == 2,
	       "v1.1: seq 3 (current) and 2");
	tap_ok(t, a.index[0].major == 1 && a.index[0].minor == 1 &&
		       label_index_labelsize(&a.index[0]) == 128 &&
		       a.index[0].nslot == 1020 && a.index[1].nslot == 1020,
	       "v1.1: version 1.1, labelsize 128, nslot 1020");
	tap_eq_u64(t, buf[19], 0, "v1.1 labelsize byte is 0");
	tap_eq_u64(t, a.label_size, 128, "v1.1 labels are 128 bytes");
	tap_eq_u64(t, buf[72 + 127], 0x0f, "v1.1 bitmap: slots 1016-1019 free, 1020-1023 not");
	tap_ok(t, label_area_verify(&a, NULL, NULL) == 0, "fresh v1.1 area verifies");
	tap_eq_u64(t, label_area_slot_run(&a), 1,
		   "fresh area: read-labels lists slot 0 only (reference)");
	free(buf);
}

static void zeroed(struct tap *t)
{
	uint8_t *buf = calloc(1, AREA);
	struct label_area a;
	enum label_problem pr;
	struct label_ns l;

	/* reference: dimm-read-labels-zeroed.out, boot-check-labels (rc 1) */
	tap_ok(t, label_area_parse(&a, buf, AREA, NULL) == -ENODATA,
	       "zeroed area: no valid index (-ENODATA)");
	tap_ok(t, a.current == -1 && a.status == LABEL_ERR_NO_VALID_INDEX,
	       "zeroed area: no current index");
	tap_ok(t, a.index[0].present && a.index[1].present &&
		       a.index[0].signature[0] == '\0' &&
		       label_index_labelsize(&a.index[1]) == 128 &&
		       a.index[1].nslot == 0 && a.index[1].seq == 0,
	       "zeroed area: raw index view: signature \"\", labelsize 128, nslot 0");
	tap_ok(t, a.index[0].status == LABEL_ERR_BAD_SIGNATURE &&
		       a.index[1].status == LABEL_ERR_BAD_SIGNATURE,
	       "zeroed area: both blocks: bad signature");
	tap_ok(t, a.label_size == 128 && a.labeloff == 512 && a.nslot == 1020,
	       "zeroed area: raw slots laid out as v1.1 for dumping");
	tap_ok(t, label_area_decode(&a, 0, &l) == 0 && l.slot == 0 && !l.v1_2 &&
		       l.status == LABEL_OK,
	       "zeroed area: slot 0 decodes (all zero)");
	tap_ok(t, label_area_verify(&a, &pr, NULL) == -ENODATA &&
		       pr == LABEL_ERR_NO_VALID_INDEX,
	       "zeroed area fails check-labels");
	tap_eq_u64(t, label_area_slot_run(&a), 1,
		   "zeroed area: read-labels lists slot 0 only (reference)");
	free(buf);
}

/* Set both seq numbers, reseal, return which block parse picks. */
static int pick(uint8_t *buf, uint32_t s0, uint32_t s1)
{
	struct label_area a;

	wr32(buf + 20, s0);
	wr32(buf + 256 + 20, s1);
	reseal(buf, 0, 256);
	reseal(buf, 256, 256);
	if (label_area_parse(&a, buf, AREA, NULL))
		return -1;
	return a.current;
}

static void sequence(struct tap *t)
{
	uint8_t *buf = calloc(1, AREA);
	static const struct {
		uint32_t s0, s1;
		int want;
	} c[] = {
		{ 1, 2, 1 }, { 2, 3, 1 }, { 3, 1, 1 },
		{ 2, 1, 0 }, { 3, 2, 0 }, { 1, 3, 0 },
		{ 2, 2, 1 },		/* equal: the kernel takes block 1 */
		{ 5, 2, 1 },		/* only the low two bits count: 5 is 1 */
		{ 0x103, 0x202, 0 },	/* 3 vs 2 */
		{ 0, 2, 1 },		/* seq 0 invalidates block 0 */
		{ 3, 4, 0 },		/* 4 & 3 == 0 invalidates block 1 */
	};

	label_area_init(buf, AREA, 256, 0, NULL);
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		tap_ok(t, pick(buf, c[i].s0, c[i].s1) == c[i].want,
		       "seq %#x vs %#x: block %d is current", c[i].s0, c[i].s1,
		       c[i].want);
	tap_ok(t, pick(buf, 0, 4) == -1, "both seq invalid: no current index");
	for (uint32_t a = 1; a <= 3; a++)
		tap_ok(t, label_seq_newest(a, label_seq_next(a)) == 1 &&
			       label_seq_newest(label_seq_next(a), a) == 0,
		       "seq_newest: %u is followed by %u", a, label_seq_next(a));
	free(buf);
}

/* Apply an edit to block 0 of a fresh v1.2 area (resealed unless asked). */
static enum label_problem block0_after(uint8_t *buf, uint32_t off, uint64_t v,
				       int width, bool do_reseal)
{
	struct label_area a;

	label_area_init(buf, AREA, 256, 0, NULL);
	if (width == 1)
		buf[off] = (uint8_t)v;
	else if (width == 2) {
		buf[off] = (uint8_t)v;
		buf[off + 1] = (uint8_t)(v >> 8);
	} else if (width == 4)
		wr32(buf + off, (uint32_t)v);
	else
		wr64(buf + off, v);
	if (do_reseal)
		reseal(buf, 0, 256);
	label_area_parse(&a, buf, AREA, NULL);
	if (a.current != 1)
		return LABEL_OK; /* block 0 survived: reported as OK */
	return a.index[0].status;
}

static void rejections(struct tap *t)
{
	uint8_t *buf = calloc(1, AREA);
	static const struct {
		const char *what;
		uint32_t off;
		uint64_t v;
		int width;
		bool reseal;
		enum label_problem want;
	} c[] = {
		{ "signature byte", 0, 'n', 1, true, LABEL_ERR_BAD_SIGNATURE },
		{ "signature NUL", 15, ' ', 1, true, LABEL_ERR_BAD_SIGNATURE },
		{ "bitmap bit, not resealed", 80, 0x00, 1, false, LABEL_ERR_BAD_CHECKSUM },
		{ "padding byte, not resealed", 250, 0x01, 1, false, LABEL_ERR_BAD_CHECKSUM },
		{ "checksum field", 64, 0x1234, 8, false, LABEL_ERR_BAD_CHECKSUM },
		{ "labelsize 512", 19, 2, 1, true, LABEL_ERR_BAD_LABELSIZE },
		{ "labelsize garbage", 19, 0xff, 1, true, LABEL_ERR_BAD_LABELSIZE },
		{ "seq 0", 20, 0, 4, true, LABEL_ERR_BAD_SEQ },
		{ "myoff", 24, 256, 8, true, LABEL_ERR_BAD_MYOFF },
		{ "otheroff", 40, 512, 8, true, LABEL_ERR_BAD_OTHEROFF },
		{ "labeloff", 48, 256, 8, true, LABEL_ERR_BAD_LABELOFF },
		{ "mysize 71", 32, 71, 8, true, LABEL_ERR_BAD_MYSIZE },
		{ "mysize 257", 32, 257, 8, true, LABEL_ERR_BAD_MYSIZE },
		{ "nslot 511", 56, 511, 4, true, LABEL_ERR_BAD_NSLOT },
		{ "nslot 2^24 (u32 product wraps)", 56, 1u << 24, 4, true, LABEL_ERR_BAD_NSLOT },
		{ "nslot 2^32-1", 56, UINT32_MAX, 4, true, LABEL_ERR_BAD_NSLOT },
		{ "mysize 72 is fine", 32, 72, 8, true, LABEL_OK },
		{ "nslot 2 is fine", 56, 2, 4, true, LABEL_OK },
		{ "flags are ignored", 16, 0x7, 1, true, LABEL_OK },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		enum label_problem got = block0_after(buf, c[i].off, c[i].v,
						      c[i].width, c[i].reseal);

		tap_ok(t, got == c[i].want, "%s: %s (got %s)", c[i].what,
		       label_problem_str(c[i].want), label_problem_str(got));
	}

	/*
	 * A v1.2 block relabelled 1.1 is read, like the kernel does, as a
	 * v1.1 area (128-byte probe first) whose other block is then invalid.
	 */
	{
		struct label_area a;

		label_area_init(buf, AREA, 256, 0, NULL);
		buf[62] = 1;
		reseal(buf, 0, 256);
		tap_ok(t, label_area_parse(&a, buf, AREA, NULL) == 0 && a.current == 0 &&
			       a.label_size == 128 &&
			       a.index[1].status == LABEL_ERR_BAD_LABELSIZE,
		       "v1.2 block with minor 1: taken as v1.1, other block bad labelsize");
	}

	/* both blocks corrupt: precise per-block reasons, -ENODATA */
	{
		struct label_area a;

		label_area_init(buf, AREA, 256, 0, NULL);
		buf[100] ^= 1;
		buf[256 + 20] = 0;
		reseal(buf, 256, 256);
		tap_ok(t, label_area_parse(&a, buf, AREA, NULL) == -ENODATA &&
			       a.index[0].status == LABEL_ERR_BAD_CHECKSUM &&
			       a.index[1].status == LABEL_ERR_BAD_SEQ,
		       "both invalid: block 0 bad checksum, block 1 bad seq");
		tap_ok(t, a.index[0].checksum_computed != a.index[0].checksum &&
			       a.index[0].checksum_computed != 0,
		       "bad checksum: computed value reported");
	}
	free(buf);
}

static void hostile_sizes(struct tap *t)
{
	uint8_t *full = calloc(1, AREA);
	static const size_t sizes[] = { 0, 1, 71, 72, 255, 256, 511, 512, 767,
					768, 1023, 1024, 4096, 65536, AREA - 1 };
	struct label_area a;
	int crashes = 0;

	label_area_init(full, AREA, 256, 0, NULL);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		/* exact-size copy so ASan sees any overread */
		uint8_t *b = malloc(sizes[i] ? sizes[i] : 1);
		int rc;

		memcpy(b, full, sizes[i]);
		rc = label_area_parse(&a, b, sizes[i], NULL);
		if (rc == 0)
			crashes++; /* a truncated 128K area must never validate */
		label_area_verify(&a, NULL, NULL);
		for (uint32_t s = 0; s < a.nslot && s < 64; s++) {
			struct label_ns l;

			label_area_decode(&a, s, &l);
		}
		free(b);
	}
	tap_ok(t, crashes == 0, "truncated copies of a 128K area never validate");
	tap_ok(t, label_area_parse(&a, full, 100, NULL) == -EMSGSIZE &&
		       a.status == LABEL_ERR_AREA_TOO_SMALL,
	       "100-byte area: -EMSGSIZE, area too small");
	tap_ok(t, label_area_parse(&a, NULL, 0, NULL) == -EMSGSIZE,
	       "empty area: -EMSGSIZE");
	tap_ok(t, label_area_parse(NULL, full, AREA, NULL) == -EINVAL,
	       "NULL view: -EINVAL");

	/* a v1.2 area inited at 64K reads fine; a 128K one cut to 64K not */
	label_area_init(full, 65536, 256, 0, NULL);
	tap_ok(t, label_area_parse(&a, full, 65536, NULL) == 0 && a.nslot == 254,
	       "64K v1.2 area: 254 slots (got %u)", a.nslot);
	free(full);
}

static void labels(struct tap *t)
{
	uint8_t *buf = calloc(1, AREA);
	struct label_area a;
	struct label_ns in = { 0 }, out;
	char s[37];

	label_area_init(buf, AREA, 256, 0, NULL);
	label_area_parse(&a, buf, AREA, NULL);
	label_uuid_parse("4eadf33a-3643-42fa-a09e-5e9f6fc79102", in.uuid);
	strcpy(in.name, "test-ns");
	in.flags = LABEL_FLAG_UPDATING;
	in.nlabel = 1;
	in.position = 0;
	in.isetcookie = 52512752653219036ull;
	in.lbasize = 512;
	in.dpa = 0x10000000;
	in.rawsize = 268435456;
	in.align = 0;
	label_guid_parse("66f0d379-b4f3-4074-ac43-0d3318b78cdb", in.type_guid);
	memcpy(in.abstraction_guid, label_guid_pfn, 16);
	in.slot = 99; /* ignored: encode writes the real slot */

	tap_ok(t, label_encode(buf, AREA, &a, 7, &in) == 0, "encode into slot 7");
	tap_ok(t, label_area_decode(&a, 7, &out) == 0, "decode slot 7");
	tap_ok(t, out.status == LABEL_OK && out.slot == 7 && out.pos == 7 && out.v1_2,
	       "round trip: valid, slot field 7");
	tap_ok(t, memcmp(out.uuid, in.uuid, 16) == 0 && strcmp(out.name, "test-ns") == 0 &&
		       out.flags == 8 && out.nlabel == 1 && out.isetcookie == in.isetcookie &&
		       out.lbasize == 512 && out.dpa == in.dpa && out.rawsize == in.rawsize,
	       "round trip: uuid, name, flags, nlabel, cookie, lbasize, dpa, rawsize");
	label_uuid_unparse(out.type_guid, s);
	tap_ok(t, strcmp(s, "79d3f066-f3b4-7440-ac43-0d3318b78cdb") == 0,
	       "type_guid prints as the reference's %s", s);
	label_uuid_unparse(out.abstraction_guid, s);
	tap_ok(t, strcmp(s, "ba006426-9ffb-7746-bcb0-968f11d0d225") == 0,
	       "abstraction_guid (pfn) prints as the reference's %s", s);
	tap_eq_u64(t, out.checksum, rd64(buf + 512 + 7 * 256 + 248), "label checksum at 248");

	buf[512 + 7 * 256 + 200] ^= 0x40; /* reserved byte: covered by checksum */
	label_area_decode(&a, 7, &out);
	tap_ok(t, out.status == LABEL_ERR_LABEL_CHECKSUM, "flipped reserved byte: bad label checksum");

	label_encode(buf, AREA, &a, 7, &in);
	wr32(buf + 512 + 7 * 256 + 120, 8);
	label_area_decode(&a, 7, &out);
	tap_ok(t, out.status == LABEL_ERR_LABEL_SLOT_MISMATCH, "slot field 8 in slot 7: mismatch");

	tap_ok(t, label_area_decode(&a, 510, &out) == -ERANGE, "decode slot 510 of 510: -ERANGE");
	tap_ok(t, label_encode(buf, AREA, &a, 510, &in) == -ERANGE, "encode slot 510: -ERANGE");

	/* name of exactly 64 bytes is stored without NUL and read back */
	memset(in.name, 'n', 64);
	in.name[64] = '\0';
	label_encode(buf, AREA, &a, 3, &in);
	label_area_decode(&a, 3, &out);
	tap_ok(t, strlen(out.name) == 64, "64-byte name round trip");
	free(buf);
}

static void guids(struct tap *t)
{
	static const struct {
		const char *text;
		const uint8_t *bytes;
	} c[] = {
		{ "8aed63a2-29a2-4c66-8b12-f05d15d3922a", label_guid_btt },
		{ "18633bfc-1735-4217-8ac9-17239282d3f8", label_guid_btt2 },
		{ "266400ba-fb9f-4677-bcb0-968f11d0d225", label_guid_pfn },
		{ "97a86d9c-3cdd-4eda-986f-5068b4f80088", label_guid_dax },
	};
	uint8_t g[16], u[16];
	char s[37];

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		tap_ok(t, label_guid_parse(c[i].text, g) == 0 &&
			       memcmp(g, c[i].bytes, 16) == 0,
		       "guid constant %s in guid_t byte order", c[i].text);
	tap_ok(t, label_uuid_parse("4EADF33A-3643-42fa-a09e-5e9f6fc79102", u) == 0,
	       "uuid parse accepts upper case");
	label_uuid_unparse(u, s);
	tap_ok(t, strcmp(s, "4eadf33a-3643-42fa-a09e-5e9f6fc79102") == 0,
	       "uuid round trip in byte order");
	tap_ok(t, label_uuid_parse("4eadf33a-3643-42fa-a09e-5e9f6fc7910", u) == -EINVAL,
	       "short uuid rejected");
	tap_ok(t, label_uuid_parse("4eadf33a+3643-42fa-a09e-5e9f6fc79102", u) == -EINVAL,
	       "bad separator rejected");
	tap_ok(t, label_uuid_parse("4eadf33g-3643-42fa-a09e-5e9f6fc79102", u) == -EINVAL,
	       "bad hex rejected");
	tap_ok(t, strcmp(label_problem_str(LABEL_ERR_BAD_CHECKSUM), "bad index checksum") == 0 &&
		       strcmp(label_problem_str((enum label_problem)999),
			      "unknown label problem") == 0,
	       "problem strings");
}

int main(void)
{
	struct tap t = { 0 };

	geometry(&t);
	primitives(&t);
	init_v12(&t);
	init_v11(&t);
	zeroed(&t);
	sequence(&t);
	rejections(&t);
	hostile_sizes(&t);
	labels(&t);
	guids(&t);
	return tap_done(&t);
}
