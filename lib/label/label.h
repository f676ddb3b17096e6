/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * NVDIMM namespace label area (UEFI 2.7 "Label Storage Area", v1.1 and
 * v1.2 layouts as the Linux nvdimm driver reads and writes them): pure
 * functions over a byte buffer holding a DIMM's whole config area.
 *
 * Layout of the area:
 *
 *   +-----------------+ 0
 *   | index block 0   |  index_size bytes (multiple of 256)
 *   +-----------------+ index_size
 *   | index block 1   |
 *   +-----------------+ 2 * index_size  (= labeloff)
 *   | label slot 0    |  label_size bytes (128 for v1.1, 256 for v1.2)
 *   | ...             |
 *   | label slot N-1  |  N = nslot
 *   +-----------------+
 *
 * Exactly one index block is "current" (kernel rules: both are checked;
 * if both are valid the one whose 2-bit sequence number follows the
 * other's in the cycle 1 -> 2 -> 3 -> 1 wins).  A slot is in use when its
 * bit in the current index's free bitmap is clear.  Updates never modify
 * the current index or a slot in use: labels go to free slots and the
 * other index block is rewritten with the next sequence number.
 *
 * Nothing here does I/O (see config-data.h) or produces JSON: the structs
 * below are what the CLI serialises.  Functions return 0 or -errno; the
 * precise reason is available as an enum label_problem and, if a
 * struct label_log is passed, as a message.
 */
#ifndef LIB_LABEL_LABEL_H
#define LIB_LABEL_LABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	LABEL_INDEX_ALIGN = 256,	/* index blocks are multiples of this */
	LABEL_INDEX_HDR_SIZE = 72,	/* fixed part before the free bitmap */
	LABEL_SIG_LEN = 16,
	LABEL_UUID_LEN = 16,
	LABEL_NAME_LEN = 64,
	LABEL_SIZE_V1_1 = 128,
	LABEL_SIZE_V1_2 = 256,
	LABEL_NOT_FOUND = -1,
};

/* Label flags (struct nd_namespace_label.flags) */
enum {
	LABEL_FLAG_ROLABEL = 0x1,
	LABEL_FLAG_LOCAL = 0x2,
	LABEL_FLAG_BTT = 0x4,
	LABEL_FLAG_UPDATING = 0x8,
};

/* The 16 signature bytes, NUL included. */
extern const uint8_t label_index_signature[LABEL_SIG_LEN];

/*
 * Abstraction GUIDs in on-media byte order (the kernel stores guid_t, whose
 * first three fields are little-endian).  label_uuid_unparse() of these
 * gives what `ndctl read-labels -j` prints, e.g. the pfn (fsdax) GUID
 * 266400ba-fb9f-4677-bcb0-968f11d0d225 prints "ba006426-9ffb-7746-...".
 */
extern const uint8_t label_guid_btt[LABEL_UUID_LEN];
extern const uint8_t label_guid_btt2[LABEL_UUID_LEN];
extern const uint8_t label_guid_pfn[LABEL_UUID_LEN];
extern const uint8_t label_guid_dax[LABEL_UUID_LEN];

/* Why something is not acceptable; LABEL_OK when it is. */
enum label_problem {
	LABEL_OK = 0,
	LABEL_ERR_AREA_TOO_SMALL,	/* cannot hold 2 index blocks + 2 labels */
	LABEL_ERR_AREA_TOO_LARGE,	/* config areas are at most 4 GiB - 1 */
	LABEL_ERR_INDEX_TRUNCATED,	/* index block runs past the area */
	LABEL_ERR_BAD_SIGNATURE,
	LABEL_ERR_BAD_LABELSIZE,	/* labelsize/version not 128 or 256 */
	LABEL_ERR_BAD_CHECKSUM,		/* index block Fletcher-64 mismatch */
	LABEL_ERR_BAD_SEQ,		/* sequence number 0 (mod 4) */
	LABEL_ERR_BAD_MYOFF,
	LABEL_ERR_BAD_OTHEROFF,
	LABEL_ERR_BAD_LABELOFF,
	LABEL_ERR_BAD_MYSIZE,
	LABEL_ERR_BAD_NSLOT,		/* slots would run past the area */
	LABEL_ERR_NO_VALID_INDEX,	/* neither index block is valid */
	LABEL_ERR_LABEL_SLOT_MISMATCH,	/* label's slot field != its slot */
	LABEL_ERR_LABEL_CHECKSUM,	/* v1.2 label Fletcher-64 mismatch */
	LABEL_ERR_DPA_OVERLAP,		/* two labels claim the same DPA */
	LABEL_ERR_NO_FREE_SLOT,
	LABEL_ERR_SLOT_NOT_IN_USE,	/* asked to free a free slot */
	LABEL_ERR_BAD_SLOT,		/* slot number >= nslot */
	LABEL_ERR_BAD_VERSION,		/* not "1.1" or "1.2" */
	LABEL_ERR_INVALID_ARGUMENT,
};

const char *label_problem_str(enum label_problem p);

/* Optional message hook; every function accepting one allows NULL. */
enum label_log_level {
	LABEL_LOG_ERR,
	LABEL_LOG_WARN,
	LABEL_LOG_INFO,
};

struct label_log {
	void (*fn)(void *ctx, enum label_log_level level, const char *msg);
	void *ctx;
};

/* --- geometry ----------------------------------------------------------- */

/*
 * What the kernel (and therefore init) uses for a config area of
 * config_size bytes and labels of label_size bytes.
 */
struct label_geometry {
	uint32_t config_size;
	uint32_t label_size;
	uint32_t index_size;	/* one index block */
	uint64_t labeloff;	/* 2 * index_size */
	uint32_t nslot;
};

/* -EINVAL: label_size not 128/256; -ENOSPC: area too small. */
int label_geometry_get(uint64_t config_size, uint32_t label_size,
		       struct label_geometry *ret);

/*
 * Bytes at the start of a config area that hold both index blocks for
 * either label size (the 128-byte case is the larger), i.e. what must be
 * read to parse the index and to decide whether init-labels needs -f.
 * 0 if the area cannot hold labels.  Like the kernel, a reader can fetch
 * just this much, parse a config_size buffer whose remainder is zero,
 * and read label slots only if it needs them.
 */
uint64_t label_index_span(uint64_t config_size);

/* "1.1" -> 128, "1.2" -> 256; -EINVAL otherwise. */
int label_version_parse(const char *s, uint32_t *ret_label_size);

/* The kernel's nd_fletcher64 over len / 4 little-endian 32-bit words. */
uint64_t label_fletcher64(const void *buf, size_t len);

/* Sequence number that follows seq in the 1 -> 2 -> 3 -> 1 cycle (0 -> 0). */
uint32_t label_seq_next(uint32_t seq);

/*
 * Which of two index blocks with sequence numbers a and b is newer, by the
 * kernel's rule (only the low 2 bits count; 0 loses): 0 for a, 1 for b.
 */
int label_seq_newest(uint32_t a, uint32_t b);

/* --- parsed view -------------------------------------------------------- */

/* One index block as stored (all fields raw, even when invalid). */
struct label_index {
	bool present;		/* its fixed header fits in the area */
	uint64_t offset;	/* where it was decoded from */
	char signature[LABEL_SIG_LEN + 1]; /* bytes up to the first NUL */
	uint8_t flags[3];
	uint8_t labelsize_field;	/* log2(label size) - 7 */
	uint32_t seq;
	uint64_t myoff;
	uint64_t mysize;
	uint64_t otheroff;
	uint64_t labeloff;
	uint32_t nslot;
	uint16_t major;
	uint16_t minor;
	uint64_t checksum;
	uint64_t checksum_computed;	/* 0 when it could not be computed */
	uint32_t free_tail_bits;	/* set bitmap bits >= nslot (spec: 0) */
	enum label_problem status;	/* LABEL_OK: kernel would accept it */
};

/* 128 << labelsize_field, as ndctl prints it; 0 if the field is absurd. */
uint32_t label_index_labelsize(const struct label_index *ix);

struct label_area {
	const uint8_t *buf;
	size_t size;
	/*
	 * Geometry in effect: from the current index block when one is valid,
	 * otherwise the kernel's default probe (128-byte labels) so raw slots
	 * can still be dumped.  nslot is 0 if not even that fits.
	 */
	uint32_t label_size;
	uint32_t index_size;
	uint64_t labeloff;
	uint32_t nslot;
	struct label_index index[2];
	int current;		/* 0, 1, or -1 when no index is valid */
	enum label_problem status;	/* LABEL_OK or why no index is valid */
};

/*
 * Decode and validate an area.  The view is filled in as far as possible
 * even on error (for read-labels of broken areas).  Returns 0 when an
 * index block is valid, -ENODATA when none is (zeroed/uninitialised or
 * corrupt: see index[i].status), -EMSGSIZE when the area is too small or
 * too large to hold labels at all, -EINVAL for bad arguments.
 * The view points into buf: keep buf alive and unchanged while using it.
 */
int label_area_parse(struct label_area *ret, const void *buf, size_t size,
		     const struct label_log *log);

/* Is slot in use in the current index?  False without a current index. */
bool label_area_slot_in_use(const struct label_area *a, uint32_t slot);

/*
 * First in-use slot >= from, or LABEL_NOT_FOUND.  Iterate with
 * label_area_foreach_in_use().
 */
int64_t label_area_next_in_use(const struct label_area *a, uint32_t from);

#define label_area_foreach_in_use(a, s)                                    \
	for (int64_t s = label_area_next_in_use((a), 0); s >= 0;           \
	     s = label_area_next_in_use((a), (uint32_t)s + 1))

/* Free slots in the current index (0 without one). */
uint32_t label_area_nfree(const struct label_area *a);

/* One namespace label (either layout), decoded. */
struct label_ns {
	uint32_t pos;		/* slot it was read from */
	uint8_t uuid[LABEL_UUID_LEN];	/* raw bytes */
	char name[LABEL_NAME_LEN + 1];	/* NUL-terminated */
	uint32_t flags;
	uint16_t nlabel;
	uint16_t position;
	uint64_t isetcookie;
	uint64_t lbasize;
	uint64_t dpa;
	uint64_t rawsize;
	uint32_t slot;		/* slot field as stored */
	bool v1_2;		/* fields below exist (256-byte labels) */
	uint8_t align;
	uint8_t type_guid[LABEL_UUID_LEN];	/* raw bytes */
	uint8_t abstraction_guid[LABEL_UUID_LEN];
	uint64_t checksum;
	/* LABEL_OK, LABEL_ERR_LABEL_SLOT_MISMATCH or LABEL_ERR_LABEL_CHECKSUM:
	 * the kernel ignores in-use slots that are not OK. */
	enum label_problem status;
};

/*
 * Decode slot (any slot < a->nslot, in use or not, using a->label_size).
 * -ERANGE if the slot is outside the area.
 */
int label_area_decode(const struct label_area *a, uint32_t slot,
		      struct label_ns *ret);

/*
 * Number of leading slots (from slot 0) whose stored slot field equals
 * their position, in use or not.  `ndctl read-labels` (76.1) printed
 * exactly these: slot 0 of a zeroed or fresh area (all zero, so slot
 * field 0), and slots 0 and 1 after a namespace was created (the freed
 * UPDATING label and the final one).  For output compatibility only.
 */
uint32_t label_area_slot_run(const struct label_area *a);

/*
 * check-labels: a valid current index, every in-use slot holding a label
 * the kernel accepts, and no two of them claiming overlapping DPA ranges.
 * Returns 0, -ENODATA (no valid index), -EUCLEAN (bad label in a used
 * slot) or -EBUSY (overlapping DPA: the kernel refuses the DIMM).
 * ret_problem (may be NULL) gets the first problem found.  Non-fatal
 * oddities (other index invalid, non-zero bitmap tail, DPA not 4K
 * aligned) are logged as warnings only.
 */
int label_area_verify(const struct label_area *a, enum label_problem *ret_problem,
		      const struct label_log *log);

/* --- writing ------------------------------------------------------------ */

enum {
	/* also zero every label slot (init otherwise writes only the two
	 * index blocks, like the kernel does) */
	LABEL_INIT_CLEAR_SLOTS = 0x1,
};

/*
 * Write a fresh, empty label index pair for label_size (128 -> v1.1,
 * 256 -> v1.2) into buf: block 0 with sequence 3 (current), block 1 with
 * sequence 2, all slots free, exactly as the kernel initialises an area.
 * -EINVAL: bad label size; -EMSGSIZE: area too small/large.
 */
int label_area_init(void *buf, size_t size, uint32_t label_size,
		    unsigned int flags, const struct label_log *log);

void label_area_zero(void *buf, size_t size);

/*
 * Encode l into slot (slot field set to slot, checksum computed for
 * 256-byte labels; l->pos, l->slot, l->checksum, l->status are ignored).
 * Low level: does not touch the index.  -ERANGE if slot is outside.
 */
int label_encode(void *buf, size_t size, const struct label_area *a,
		 uint32_t slot, const struct label_ns *l);

/*
 * One label transaction, the way the kernel updates labels: write each
 * label of add[] into a slot free in the current index, mark those in use
 * and the slots of free_slots[] free in the *other* index block, give it
 * the next sequence number, so it becomes current.  On success
 * ret_slots[i] (may be NULL) holds the slot used for add[i].  buf must
 * hold a valid area.  -ENODATA no valid index, -EMSGSIZE area too small
 * or large, -ENOSPC no free slot, -ENOENT a slot to free is not in use,
 * -ERANGE bad slot number.
 * On error buf is unchanged.
 */
int label_area_commit(void *buf, size_t size, const struct label_ns *add,
		      size_t nadd, const uint32_t *free_slots, size_t nfree,
		      uint32_t *ret_slots, const struct label_log *log);

/* Free every in-use slot whose label has this uuid (one transaction).
 * Returns the number freed (0: nothing written) or -errno. */
int label_area_remove_uuid(void *buf, size_t size,
			   const uint8_t uuid[LABEL_UUID_LEN],
			   const struct label_log *log);

/* --- uuids -------------------------------------------------------------- */

/* Lower-case 8-4-4-4-12 text of 16 raw bytes, in byte order. */
void label_uuid_unparse(const uint8_t in[LABEL_UUID_LEN], char out[37]);

/* Text -> raw bytes in text order (uuid_t, as namespace uuids are stored). */
int label_uuid_parse(const char *s, uint8_t out[LABEL_UUID_LEN]);

/* Text -> guid_t byte order (first three fields little-endian), as the
 * kernel stores type and abstraction GUIDs. */
int label_guid_parse(const char *s, uint8_t out[LABEL_UUID_LEN]);

#endif
