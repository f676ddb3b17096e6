/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private to lib/label: on-media byte offsets of the index block and of
 * namespace labels, little-endian accessors, and the message helper.
 * Fields are read with explicit offsets rather than packed structs so a
 * hostile buffer can never cause a misaligned or out-of-bounds access.
 */
#ifndef LIB_LABEL_LAYOUT_H
#define LIB_LABEL_LAYOUT_H

#include <stdint.h>
#include <string.h>

#include "label.h"

/* struct nd_namespace_index (kernel drivers/nvdimm/label.h) */
enum {
	IX_SIG = 0,		/* u8[16] "NAMESPACE_INDEX\0" */
	IX_FLAGS = 16,		/* u8[3] */
	IX_LABELSIZE = 19,	/* u8: log2(label size) - 7 */
	IX_SEQ = 20,		/* le32 */
	IX_MYOFF = 24,		/* le64 */
	IX_MYSIZE = 32,		/* le64 */
	IX_OTHEROFF = 40,	/* le64 */
	IX_LABELOFF = 48,	/* le64 */
	IX_NSLOT = 56,		/* le32 */
	IX_MAJOR = 60,		/* le16 */
	IX_MINOR = 62,		/* le16 */
	IX_CHECKSUM = 64,	/* le64 */
	IX_FREE = 72,		/* bitmap, bit set = slot free */
};

/* struct nvdimm_efi_label; v1.1 labels stop after the slot field */
enum {
	NL_UUID = 0,		/* u8[16] */
	NL_NAME = 16,		/* u8[64] */
	NL_FLAGS = 80,		/* le32 */
	NL_NLABEL = 84,		/* le16 */
	NL_POSITION = 86,	/* le16 */
	NL_ISETCOOKIE = 88,	/* le64 */
	NL_LBASIZE = 96,	/* le64 */
	NL_DPA = 104,		/* le64 */
	NL_RAWSIZE = 112,	/* le64 */
	NL_SLOT = 120,		/* le32 */
	NL_ALIGN = 124,		/* u8, v1.2 */
	NL_TYPE_GUID = 128,	/* u8[16], v1.2 */
	NL_ABSTRACTION_GUID = 144, /* u8[16], v1.2 */
	NL_CHECKSUM = 248,	/* le64, v1.2 (last 8 bytes of 256) */
};

static inline uint16_t get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t get_le64(const uint8_t *p)
{
	return (uint64_t)get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

static inline void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline void put_le64(uint8_t *p, uint64_t v)
{
	put_le32(p, (uint32_t)v);
	put_le32(p + 4, (uint32_t)(v >> 32));
}

/* Bitmaps are little-endian bit order: bit n is byte n / 8, bit n % 8. */
static inline int bit_test(const uint8_t *map, uint32_t n)
{
	return map[n / 8] >> (n % 8) & 1;
}

static inline void bit_set(uint8_t *map, uint32_t n)
{
	map[n / 8] |= (uint8_t)(1u << (n % 8));
}

static inline void bit_clear(uint8_t *map, uint32_t n)
{
	map[n / 8] &= (uint8_t)~(1u << (n % 8));
}

/* Index block size the kernel uses for nslot slots. */
static inline uint64_t index_size_for(uint64_t nslot)
{
	uint64_t raw = LABEL_INDEX_HDR_SIZE + (nslot + 7) / 8;

	return (raw + LABEL_INDEX_ALIGN - 1) / LABEL_INDEX_ALIGN * LABEL_INDEX_ALIGN;
}

/* Fletcher-64 of a block with its 8-byte checksum field taken as zero. */
uint64_t fletcher64_skip(const uint8_t *buf, size_t len, size_t csum_off);

/*
 * Write index block i's header and checksum (its free bitmap must already
 * be in place): everything the kernel's nd_label_write_index() sets.
 */
void write_index_block(uint8_t *buf, uint32_t index_size, uint32_t label_size,
		       int i, uint32_t seq, uint32_t nslot);

void label_msg(const struct label_log *log, enum label_log_level level,
	       const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
