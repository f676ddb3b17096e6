// SPDX-License-Identifier: GPL-2.0-only
/*
 * labeltool: a minimal driver of lib/label on a real /dev/nmemN, for the
 * VM test bed to check that the kernel accepts what the library writes
 * (and that the library accepts what the kernel writes) before the ndctl
 * label commands exist.  Not installed.  Output is "key=value" lines.
 *
 *   labeltool init DEV 1.1|1.2      reads only the index blocks, writes changes
 *   labeltool zero DEV
 *   labeltool dump DEV              index state, in-use labels, verify verdict
 *   labeltool add DEV UUID DPA SIZE COOKIE   one v1.x pmem label (position 0 of 1)
 *   labeltool rm DEV UUID
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/label/config-data.h"
#include "lib/label/label.h"

static void log_fn(void *ctx, enum label_log_level level, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "labeltool: %s: %s\n",
		level == LABEL_LOG_ERR ? "error" : level == LABEL_LOG_WARN ? "warning" : "info",
		msg);
}

static const struct label_log lg = { log_fn, NULL };

static int fail(const char *what, int rc)
{
	fprintf(stderr, "labeltool: %s: %s\n", what, strerror(-rc));
	return 1;
}

static void print_area(const struct label_area *a)
{
	char u[37], tg[37], ag[37];

	printf("current=%d label_size=%u nslot=%u nfree=%u\n", a->current,
	       a->label_size, a->nslot, label_area_nfree(a));
	for (int i = 0; i < 2; i++)
		printf("index%d: sig=%s major=%u minor=%u labelsize=%u seq=%u nslot=%u status=%s\n",
		       i, a->index[i].signature, a->index[i].major, a->index[i].minor,
		       label_index_labelsize(&a->index[i]), a->index[i].seq,
		       a->index[i].nslot, label_problem_str(a->index[i].status));
	label_area_foreach_in_use(a, s) {
		struct label_ns l;

		if (label_area_decode(a, (uint32_t)s, &l))
			continue;
		label_uuid_unparse(l.uuid, u);
		label_uuid_unparse(l.type_guid, tg);
		label_uuid_unparse(l.abstraction_guid, ag);
		printf("label: slot=%u uuid=%s name=%s flags=%u nlabel=%u position=%u "
		       "isetcookie=%llu lbasize=%llu dpa=%llu rawsize=%llu type_guid=%s "
		       "abstraction_guid=%s status=%s\n",
		       l.pos, u, l.name, l.flags, l.nlabel, l.position,
		       (unsigned long long)l.isetcookie, (unsigned long long)l.lbasize,
		       (unsigned long long)l.dpa, (unsigned long long)l.rawsize, tg, ag,
		       label_problem_str(l.status));
	}
	printf("slot_run=%u\n", label_area_slot_run(a));
}

int main(int argc, char **argv)
{
	struct config_area ca;
	uint8_t *old = NULL, *buf = NULL;
	struct label_area a;
	int fd, rc, n;

	if (argc < 3) {
		fprintf(stderr, "usage: labeltool init|zero|dump|add|rm DEV ...\n");
		return 2;
	}
	/* the kernel answers EPERM to label ioctls on a read-only fd */
	fd = open(argv[2], O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return fail(argv[2], -errno);
	rc = config_area_open(&ca, fd, NULL, &lg);
	if (rc)
		return fail("config size", rc);
	printf("config_size=%u max_xfer=%u\n", ca.config_size, ca.max_xfer);
	old = calloc(1, ca.config_size);
	buf = malloc(ca.config_size);
	if (!old || !buf)
		return fail("memory", -ENOMEM);

	if (strcmp(argv[1], "init") == 0 && argc == 4) {
		uint32_t ls;

		if (label_version_parse(argv[3], &ls))
			return fail(argv[3], -EINVAL);
		rc = config_area_read(&ca, 0, old, (uint32_t)label_index_span(ca.config_size), &lg);
		if (rc)
			return fail("read index", rc);
		memcpy(buf, old, ca.config_size);
		rc = label_area_init(buf, ca.config_size, ls, 0, &lg);
		if (rc)
			return fail("init", rc);
	} else {
		rc = config_area_read(&ca, 0, old, ca.config_size, &lg);
		if (rc)
			return fail("read", rc);
		memcpy(buf, old, ca.config_size);
		if (strcmp(argv[1], "zero") == 0) {
			label_area_zero(buf, ca.config_size);
		} else if (strcmp(argv[1], "dump") == 0) {
			enum label_problem pr;

			rc = label_area_parse(&a, buf, ca.config_size, &lg);
			printf("parse=%d\n", rc);
			print_area(&a);
			rc = label_area_verify(&a, &pr, &lg);
			printf("verify=%d problem=%s\nreads=%u\n", rc, label_problem_str(pr),
			       ca.nreads);
			return rc ? 1 : 0;
		} else if (strcmp(argv[1], "add") == 0 && argc == 7) {
			struct label_ns l = { 0 };
			uint32_t slot;

			if (label_uuid_parse(argv[3], l.uuid))
				return fail(argv[3], -EINVAL);
			l.dpa = strtoull(argv[4], NULL, 0);
			l.rawsize = strtoull(argv[5], NULL, 0);
			l.isetcookie = strtoull(argv[6], NULL, 0);
			l.nlabel = 1;
			l.lbasize = 512;
			/* ACPI NFIT persistent memory range type */
			label_guid_parse("66f0d379-b4f3-4074-ac43-0d3318b78cdb", l.type_guid);
			rc = label_area_commit(buf, ca.config_size, &l, 1, NULL, 0, &slot, &lg);
			if (rc)
				return fail("add", rc);
			printf("slot=%u\n", slot);
		} else if (strcmp(argv[1], "rm") == 0 && argc == 4) {
			uint8_t u[16];

			if (label_uuid_parse(argv[3], u))
				return fail(argv[3], -EINVAL);
			rc = label_area_remove_uuid(buf, ca.config_size, u, &lg);
			if (rc < 0)
				return fail("rm", rc);
			printf("removed=%d\n", rc);
		} else {
			fprintf(stderr, "labeltool: bad command\n");
			return 2;
		}
	}
	n = config_area_write_changed(&ca, old, buf, &lg);
	if (n < 0)
		return fail("write", n);
	printf("reads=%u writes=%u\n", ca.nreads, ca.nwrites);
	free(old);
	free(buf);
	close(fd);
	return 0;
}
