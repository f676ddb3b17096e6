# Page-backed pmem end to end: a DAX mapping is used as the buffer of an O_DIRECT read
# (the kernel must pin its struct pages). fsdax --map=dev and --map=mem (ext4 -o dax, a
# file mmap'd), devdax --map=dev and --map=mem (/dev/daxX.Y mmap'd): the read succeeds
# and the mapping holds the source's bytes. raw: create-namespace --dry-run says
# page_backed false, and the kernel refuses DAX on it (mount -o dax fails).
# Needs test/vm/helpers/dax-odirect in the guest (run-vm.sh --bin) and ext4 modules.
# ndvm-group: ns
# ndvm-fresh: yes
# ndvm-timeout: 300
. /vm/lib.sh
. /vm/tests/ns-lib.inc
command -v dax-odirect >/dev/null || ndvm_skip "dax-odirect helper not in the guest (run-vm.sh --bin BUILD/test/vm/helpers/dax-odirect)"
grep -qw ext4 /proc/filesystems || ndvm_skip "no ext4 in this guest (needs the ext4 and crc32c_generic modules)"
ns_label_region
# O_DIRECT source: the e820 namespace's block device, with a known pattern
e=$(nd_regions "$(nd_buses e820)")
src=/dev/$(ndctl list -r "${e##*/}" -N | jq -r '.[0].blockdev')
[ -b "$src" ] || ndvm_die "no e820 block device"
i=0; while [ $i -lt 2048 ]; do printf 'pattern-%07d-' $i; i=$((i + 1)); done > /tmp/pat
dd if=/tmp/pat of="$src" bs=4096 conv=fsync 2>/dev/null
LEN=2097152
mkdir -p /mnt/pm
for m in dev mem; do
	ns_json ndctl create-namespace -r "$R" -m fsdax -M $m -s 256M
	assert_eq "fsdax $m: created" 0 "$NS_RC"
	ns=$(jget .dev); b=$(jget .blockdev)
	mkfs.ext4 -q -F -b 4096 /dev/$b
	assert_cmd "fsdax $m: mount -o dax" mount -t ext4 -o dax /dev/$b /mnt/pm
	assert_match "fsdax $m: mounted with dax" "dax" "$(grep " /mnt/pm " /proc/mounts)"
	assert_eq "fsdax $m: O_DIRECT read into an mmap'd file" "ok $LEN" "$(dax-odirect "$src" /mnt/pm/buf $LEN 2>&1)"
	umount /mnt/pm
	assert_cmd "fsdax $m: destroy" ndctl destroy-namespace -f "$ns"

	ns_json ndctl create-namespace -r "$R" -m devdax -M $m -s 256M
	assert_eq "devdax $m: created" 0 "$NS_RC"
	ns=$(jget .dev); c=$(jget '.daxregion.devices[0].chardev')
	assert_eq "devdax $m: O_DIRECT read into the mmap'd /dev/$c" "ok $LEN" "$(dax-odirect "$src" /dev/$c $LEN 2>&1)"
	assert_cmd "devdax $m: destroy" ndctl destroy-namespace -f "$ns"
done
ns_json ndctl create-namespace -r "$R" -m raw -s 256M --dry-run
assert_eq "raw: dry-run page_backed" false "$(jget .page_backed)"
ns_json ndctl create-namespace -r "$R" -m fsdax -s 256M --dry-run
assert_eq "fsdax: dry-run page_backed" true "$(jget .page_backed)"
ns_json ndctl create-namespace -r "$R" -m raw -s 256M
ns=$(jget .dev); b=$(jget .blockdev)
mkfs.ext4 -q -F -b 4096 /dev/$b
if mount -t ext4 -o dax /dev/$b /mnt/pm 2>/dev/null; then
	# some kernels mount and fall back to the page cache: no DAX in the options then
	assert_eq "raw: mounted without dax" "" "$(grep " /mnt/pm " /proc/mounts | grep -o 'dax[^,]*')"
	umount /mnt/pm
else
	assert_eq "raw: the kernel refuses mount -o dax" refused refused
fi
assert_cmd "raw: destroy" ndctl destroy-namespace -f "$ns"
ndvm_finish
