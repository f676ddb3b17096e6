// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Re-reading objects after a state change (enable/disable, label writes).
 * Objects are refreshed in place so pointers callers hold stay valid and
 * keep their identity: a DIMM or region is re-read into a fresh struct
 * whose contents are then moved into the existing one. A region's
 * children are re-listed and matched by device name: a child still there
 * is updated in place, a new one is added, one that vanished is retired
 * (unlinked but kept until the context is freed, so a stale pointer reads
 * the last known state instead of freed memory).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

enum { R_NS, R_BTT, R_PFN, R_DAX };

struct nd_retired {
	int kind;
	void *obj;
	struct nd_retired *next;
};

void nd_region_retired_free(struct ndctl_region *region)
{
	struct nd_retired *r, *next;

	for (r = region->retired; r; r = next) {
		next = r->next;
		switch (r->kind) {
		case R_NS:
			nd_namespace_free(r->obj);
			break;
		case R_BTT:
			nd_btt_free(r->obj);
			break;
		case R_PFN:
			nd_pfn_free(r->obj);
			break;
		case R_DAX:
			nd_dax_free(r->obj);
			break;
		}
		free(r);
	}
	region->retired = NULL;
}

static void retire(struct ndctl_region *region, int kind, void *obj)
{
	struct nd_retired *r = calloc(1, sizeof(*r));

	if (!r)
		return;		/* leak rather than leave a dangling pointer */
	r->kind = kind;
	r->obj = obj;
	r->next = region->retired;
	region->retired = r;
}

int nd_dimm_refresh(struct ndctl_dimm *dimm)
{
	struct ndctl_dimm *fresh = nd_dimm_load(dimm->bus, dimm->devname);
	struct ndctl_dimm old;

	if (!fresh)
		return -ENOMEM;
	old = *dimm;
	*dimm = *fresh;
	dimm->next = old.next;
	/* names callers may hold stay valid: keep the (equal) old strings */
	dimm->path = old.path;
	dimm->devname = old.devname;
	old.path = fresh->path;
	old.devname = fresh->devname;
	*fresh = old;		/* the shell now owns what is to be freed */
	nd_dimm_free(fresh);
	return 0;
}

/*
 * Merge a freshly loaded list (new) into the old one: for each new object
 * with an old namesake, move the new contents into the old object and free
 * the new shell. TYPE has a `next` link; NAME(obj) gives its devname.
 */
#define MERGE(region, TYPE, kind, oldlist, newlist, NAME, KEEP, FREE)                  \
	do {                                                                     \
		struct TYPE *n_, *nnext_, **tail_ = &(newlist), *o_, **op_;     \
		for (n_ = (newlist); n_; n_ = nnext_) {                         \
			nnext_ = n_->next;                                       \
			for (op_ = &(oldlist); (o_ = *op_); op_ = &o_->next)      \
				if (strcmp(NAME(o_), NAME(n_)) == 0)             \
					break;                                   \
			if (o_) {                                                \
				struct TYPE t_ = *o_;                            \
				*op_ = o_->next;                                 \
				*o_ = *n_;                                       \
				*n_ = t_;                                        \
				/* keep the (equal) names callers may hold */    \
				KEEP(o_, n_);                                    \
				FREE(n_);                                        \
				n_ = o_;                                         \
			}                                                        \
			*tail_ = n_;                                             \
			tail_ = &n_->next;                                       \
		}                                                                \
		*tail_ = NULL;                                                   \
		while ((o_ = (oldlist))) {                                       \
			(oldlist) = o_->next;                                    \
			o_->next = NULL;                                         \
			retire(region, kind, o_);                                \
		}                                                                \
	} while (0)

#define NS_NAME(o) ((o)->d.devname)
#define PFN_NAME(o) ((o)->d.devname)
#define DAX_NAME(o) ((o)->pfn.d.devname)

/* swap the path and devname of a (now new contents) and b (old contents) */
static void keep_dev(struct nd_dev *a, struct nd_dev *b)
{
	char *path = a->path, *devname = a->devname;

	a->path = b->path;
	a->devname = b->devname;
	b->path = path;
	b->devname = devname;
}

#define NS_KEEP(a, b) keep_dev(&(a)->d, &(b)->d)
#define DAX_KEEP(a, b) keep_dev(&(a)->pfn.d, &(b)->pfn.d)

static void free_ns_shell(struct ndctl_namespace *n) { nd_namespace_free(n); }
static void free_btt_shell(struct ndctl_btt *b) { nd_btt_free(b); }
static void free_pfn_shell(struct ndctl_pfn *p) { nd_pfn_free(p); }
static void free_dax_shell(struct ndctl_dax *d) { nd_dax_free(d); }

static void refresh_children(struct ndctl_region *region)
{
	struct ndctl_namespace *ons = region->namespaces;
	struct ndctl_btt *obtt = region->btts;
	struct ndctl_pfn *opfn = region->pfns;
	struct ndctl_dax *odax = region->daxs;

	region->namespaces = NULL;
	region->btts = NULL;
	region->pfns = NULL;
	region->daxs = NULL;
	nd_region_load_children(region);
	MERGE(region, ndctl_namespace, R_NS, ons, region->namespaces, NS_NAME, NS_KEEP,
	      free_ns_shell);
	MERGE(region, ndctl_btt, R_BTT, obtt, region->btts, PFN_NAME, NS_KEEP, free_btt_shell);
	MERGE(region, ndctl_pfn, R_PFN, opfn, region->pfns, PFN_NAME, NS_KEEP, free_pfn_shell);
	MERGE(region, ndctl_dax, R_DAX, odax, region->daxs, DAX_NAME, DAX_KEEP, free_dax_shell);
}

int nd_region_refresh(struct ndctl_region *region)
{
	struct ndctl_region *fresh = nd_region_load(region->bus, region->devname);
	struct ndctl_region old;

	if (!fresh) {
		/* unreadable now (or gone): at least the driver state is right */
		region->enabled = nd_dev_bound(region->path);
		return -ENODEV;
	}
	old = *region;
	*region = *fresh;
	region->next = old.next;
	/* mappings never change: keep the objects callers may hold */
	region->mappings = old.mappings;
	region->num_mappings = old.num_mappings;
	region->iset.region = region;
	region->children_loaded = old.children_loaded;
	region->namespaces = old.namespaces;
	region->btts = old.btts;
	region->pfns = old.pfns;
	region->daxs = old.daxs;
	region->retired = old.retired;
	/* names callers may hold stay valid: keep the (equal) old strings */
	region->path = old.path;
	region->devname = old.devname;
	/* the shell frees the other old strings, bad blocks and the fresh mappings */
	fresh->namespace_seed = old.namespace_seed;
	fresh->btt_seed = old.btt_seed;
	fresh->pfn_seed = old.pfn_seed;
	fresh->dax_seed = old.dax_seed;
	fresh->bbs = old.bbs;
	fresh->namespaces = NULL;
	fresh->btts = NULL;
	fresh->pfns = NULL;
	fresh->daxs = NULL;
	fresh->retired = NULL;
	nd_region_free(fresh);
	if (region->children_loaded)
		refresh_children(region);
	return 0;
}
