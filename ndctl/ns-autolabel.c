// SPDX-License-Identifier: GPL-2.0-only
/*
 * Label a label-less NVDIMM region so namespaces can be created in it:
 * disable the region, write an empty v1.1 label index (the kernel's own
 * initial layout, lib/label) on each of its DIMMs through the label-area
 * handle (which re-probes the DIMM after writing), enable the region again.
 * What upstream's create-namespace does with --autolabel (the default) when
 * it is asked to use a label-less NFIT region.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/label/label.h"
#include "ndctl/ns-apply.h"

static int init_dimm(struct ndctl_dimm *dimm, char *err, size_t len)
{
	const char *name = ndctl_dimm_get_devname(dimm);
	struct ndctl_label_area *la;
	unsigned int size;
	uint64_t span;
	void *buf = NULL;
	int rc;

	rc = ndctl_dimm_label_area_open(dimm, &la);
	if (rc < 0) {
		snprintf(err, len, "%s: no usable label area: %s", name, strerror(-rc));
		return rc;
	}
	size = ndctl_label_area_get_size(la);
	span = label_index_span(size);
	rc = span ? ndctl_label_area_read(la, 0, (unsigned int)span) : -EMSGSIZE;
	if (rc == 0 && !(buf = malloc(size)))
		rc = -ENOMEM;
	if (rc == 0) {
		memcpy(buf, ndctl_label_area_get_data(la), size);
		rc = label_area_init(buf, size, LABEL_SIZE_V1_1, 0, NULL);
	}
	if (rc == 0)
		rc = ndctl_label_area_write(la, buf);
	if (rc < 0)
		snprintf(err, len, "%s: writing a label index failed: %s", name, strerror(-rc));
	free(buf);
	ndctl_label_area_close(la);
	return rc;
}

int ns_autolabel(struct ndctl_region *region, char *err, size_t len)
{
	const char *rname = ndctl_region_get_devname(region);
	struct ndctl_dimm *dimm;
	int rc, r;

	if (ndctl_region_get_mappings(region) == 0) {
		snprintf(err, len, "%s: legacy pmem has no label area", rname);
		return -EOPNOTSUPP;
	}
	rc = ndctl_region_disable_invalidate(region);
	if (rc < 0) {
		snprintf(err, len, "%s: disable before labeling failed: %s", rname, strerror(-rc));
		return rc;
	}
	ndctl_dimm_foreach_in_region(region, dimm)
		if ((rc = init_dimm(dimm, err, len)) < 0)
			break;
	r = ndctl_region_enable(region);
	if (rc == 0 && r < 0) {
		snprintf(err, len, "%s: enable after labeling failed: %s", rname, strerror(-r));
		rc = r;
	}
	if (rc == 0 && ndctl_region_get_nstype(region) != ND_DEVICE_NAMESPACE_PMEM) {
		snprintf(err, len, "%s: still label-less after writing label indexes", rname);
		rc = -ENXIO;
	}
	return rc;
}
