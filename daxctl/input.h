/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The --input of create-device: what 'daxctl list' prints for devices (an
 * object or an array; plain or --human values; with -M mappings), parsed
 * into the ranges to recreate. No sysfs here: the parser is fuzzed.
 */
#ifndef DAXCTL_INPUT_H
#define DAXCTL_INPUT_H

#include <stddef.h>
#include <stdint.h>

struct dax_input_range {
	uint64_t page_offset;	/* pages */
	uint64_t start, end;	/* inclusive */
};

struct dax_input_dev {
	char chardev[32];	/* as printed ("" when absent) */
	uint64_t size;		/* 0 when absent */
	uint64_t align;		/* 0 when absent */
	struct dax_input_range *ranges;	/* sorted by page_offset, contiguous */
	size_t nr_ranges;
};

struct dax_input {
	struct dax_input_dev *devs;
	size_t nr_devs;
};

/*
 * Parse len bytes. 0 on success; -EINVAL with a one-line reason in why
 * (including where: "device 1, mapping 2: ...") otherwise.
 */
int dax_input_parse(const char *buf, size_t len, struct dax_input *in, char *why,
		    size_t whylen);
void dax_input_free(struct dax_input *in);

#endif
