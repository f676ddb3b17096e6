# Nothing is lost when the kernel refuses a step: with dax_pmem unloaded, binding a dax
# claim fails (ENOENT), after the namespace and the claim were configured. A new devdax
# namespace leaves the region exactly as before (sysfs snapshot, `ndctl list -RNi`); an
# in-place fsdax -> devdax reconfiguration puts the old pfn claim back, enabled, with the
# namespace's uuid and data intact; the e820 namespace reconfigured in place comes back
# enabled as it was, and so do an e820 sector and an e820 fsdax namespace with their data (a
# 4 MiB pattern reads back identical). --no-autorecover leaves the failed state (proof that
# the restore is ours), and a later destroy cleans it. Claim device names are not compared:
# the kernel deletes a released idle claim device, its settings come back on another one.
# ndvm-group: ns
# ndvm-fresh: yes
# ndvm-timeout: 300
. /vm/lib.sh
. /vm/tests/ns-lib.inc
ns_label_region
ns_json ndctl create-namespace -r "$R" -m fsdax -s 256M -n data
assert_eq "setup: fsdax namespace" 0 "$NS_RC"
ns=$(jget .dev); uuid=$(jget .uuid); bdev=$(jget .blockdev)
printf 'precious-%s' "$uuid" | dd of=/dev/$bdev bs=4096 conv=sync,fsync 2>/dev/null
state() { ns_snap_norm "$RD"; ndctl list -RNi -r "$R"; }

grep -q '^dax_pmem ' /proc/modules || ndvm_skip "dax_pmem is not a module here"
rmmod dax_pmem || ndvm_die "cannot unload dax_pmem"

before=$(state)
ns_json ndctl create-namespace -r "$R" -m devdax -s 256M
assert_eq "new devdax without dax_pmem: exit status" 1 "$NS_RC"
assert_match "new devdax: message names the failing step and the restore" "enable failed: .*; nothing was changed" "$NS_ERR"
assert_eq "new devdax: region as before" "$before" "$(state)"

ns_json ndctl create-namespace -f -e "$ns" -m devdax
assert_eq "reconfigure fsdax -> devdax without dax_pmem: exit status" 1 "$NS_RC"
assert_match "reconfigure: message" "enable failed: .*; nothing was changed" "$NS_ERR"
assert_eq "reconfigure: region as before (same pfn claim, uuid, enabled)" "$before" "$(state)"
assert_eq "reconfigure: $ns still fsdax with its uuid" "fsdax $uuid" "$(ndctl list -n "$ns" | jq -r '.[0] | "\(.mode) \(.uuid)"')"
assert_eq "reconfigure: data intact" "precious-$uuid" "$(dd if=/dev/$bdev bs=4096 count=1 2>/dev/null | tr -d '\0')"

# label-less (e820) in place: claim class written, then the bind fails
e=$(nd_regions "$(nd_buses e820)")
en=$(nd_namespaces "$e" | head -n1)
ebefore=$(ns_snap_norm "$e"; ndctl list -RNi -r "${e##*/}")
ns_json ndctl create-namespace -f -e "${en##*/}" -m devdax
assert_eq "e820 -> devdax without dax_pmem: exit status" 1 "$NS_RC"
assert_match "e820: message" "enable failed: .*; nothing was changed" "$NS_ERR"
assert_eq "e820: region as before (enabled, raw, same mode)" "$ebefore" "$(ns_snap_norm "$e"; ndctl list -RNi -r "${e##*/}")"

# label-less data survives: going devdax zeroes the old info block (a label-less namespace
# has no uuid to tell the kernel it is stale), so the rollback must write the saved bytes
# back. Without them a BTT would come back as a fresh one (identity map: the data it had
# remapped reads shifted) and a pfn claim with a freshly written info block.
# pattern FILE: 4 MiB of numbered lines, recognisable and different in every block
pattern() {
	awk 'BEGIN { for (i = 0; i < 65536; i++) printf "rollback-data-%049d\n", i }' > "$1"
}
pattern /tmp/pat
psum=$(md5sum < /tmp/pat | cut -d' ' -f1)
# e820_data MODE: configure MODE, write the pattern, fail devdax, check it all came back
e820_data() {
	ns_json ndctl create-namespace -f -e "${en##*/}" -m "$1"
	assert_eq "e820 $1: set up" "0 $1" "$NS_RC $(jget .mode)"
	b=$(jget .blockdev); u=$(jget .uuid); sz=$(jget .size)
	dd if=/tmp/pat of=/dev/$b bs=1M conv=fsync 2>/dev/null
	assert_eq "e820 $1: pattern written to /dev/$b" "$psum" "$(dd if=/dev/$b bs=1M count=4 2>/dev/null | md5sum | cut -d' ' -f1)"
	eb=$(ns_snap_norm "$e"; ndctl list -RNi -r "${e##*/}")
	ns_json ndctl create-namespace -f -e "${en##*/}" -m devdax
	assert_eq "e820 $1 -> devdax without dax_pmem: exit status" 1 "$NS_RC"
	assert_match "e820 $1 -> devdax: message" "enable failed: .*; nothing was changed" "$NS_ERR"
	assert_eq "e820 $1 -> devdax: region as before" "$eb" "$(ns_snap_norm "$e"; ndctl list -RNi -r "${e##*/}")"
	assert_eq "e820 $1 -> devdax: still $1, same uuid, size, block device" "$1 $u $sz $b" \
		"$(ndctl list -n "${en##*/}" | jq -r '.[0] | "\(.mode) \(.uuid) \(.size) \(.blockdev)"')"
	assert_eq "e820 $1 -> devdax: data intact (md5 of 4 MiB)" "$psum" \
		"$(dd if=/dev/$b bs=1M count=4 2>/dev/null | md5sum | cut -d' ' -f1)"
}
e820_data sector
e820_data fsdax
rm -f /tmp/pat

ns_json ndctl create-namespace -R -r "$R" -m devdax -s 256M
assert_eq "--no-autorecover: exit status" 1 "$NS_RC"
assert_match "--no-autorecover: says it left the state" "left as is" "$NS_ERR"
assert_ne "--no-autorecover: region changed" "$before" "$(state)"
left=$(for n in $(nd_namespaces "$RD"); do [ "$(attr "$n/size")" = 268435456 ] && [ "${n##*/}" != "$ns" ] && echo "${n##*/}"; done)
assert_ne "--no-autorecover: a configured namespace is left" "" "$left"
modprobe dax_pmem || insmod "$(find /lib/modules -name 'dax_pmem.ko*' | head -n1)"
[ -n "$left" ] && assert_cmd "destroy the leftover" ndctl destroy-namespace -f $left
# (reloading dax_pmem bound the leftover's claim, so the kernel made a new namespace seed)
assert_eq "after cleanup: only $ns is left" "$ns" "$(ndctl list -N -r "$R" | jq -r '.[].dev')"
assert_eq "after cleanup: capacity back" 1879048192 "$(attr "$RD/available_size")"
ns_json ndctl create-namespace -f -e "$ns" -m devdax
assert_eq "with dax_pmem back: reconfigure works" "0 devdax" "$NS_RC $(jget .mode)"
ndvm_finish
