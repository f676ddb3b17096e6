# Bad requests to create/destroy-namespace: exit status 1, exactly one line on stderr
# naming the problem (and, for sizes, the nearest valid ones), and no change at all:
# the sysfs snapshot of every nd region and `ndctl list -RNDi` are the same before/after.
# ndvm-group: ns
# ndvm-fresh: yes
# ndvm-timeout: 300
. /vm/lib.sh
. /vm/tests/ns-lib.inc
ns_label_region
e=$(nd_regions "$(nd_buses e820)")
en=$(nd_namespaces "$e" | head -n1)
ll=$(ns_upper_nfit)
ns_json ndctl create-namespace -r "$R" -m fsdax -s 512M -n keep
assert_eq "setup: fsdax namespace" 0 "$NS_RC"
keep=$(jget .dev)
keepuuid=$(jget .uuid)
echo "data-before" | dd of=/dev/$(jget .blockdev) bs=4096 conv=sync,fsync 2>/dev/null

state() {
	for x in "$RD" "$e" "$ll"; do ns_snap "$x"; done
	ndctl list -RNDi
}
# refused DESC REGEX CMD...: fails, one stderr line matching REGEX, nothing changed
refused() {
	_d=$1 _re=$2; shift 2
	_b=$(state)
	ns_json "$@"
	assert_ne "$_d: exit status" 0 "$NS_RC"
	# destroy-namespace adds upstream's "destroyed 0 namespaces" summary
	assert_eq "$_d: one line on stderr" 1 "$(printf '%s\n' "$NS_ERR" | grep -vc '^destroyed 0 namespaces$')"
	assert_match "$_d: message" "$_re" "$NS_ERR"
	assert_eq "$_d: stdout empty" "" "$NS_OUT"
	assert_eq "$_d: nothing changed" "$_b" "$(state)"
}
c="ndctl create-namespace -r $R"
refused "unknown mode" "unknown mode 'foo'" $c -m foo -s 256M
refused "size 0" "size 0" $c -s 0
refused "garbage size" "invalid size 'abc'" $c -s abc
refused "trailing garbage" "invalid size '256Mx'" $c -s 256Mx
refused "too large" "4 GiB .* exceeds the 1536 MiB .* the region can allocate; nearest valid size: 1536 MiB" $c -s 4G
refused "misaligned size" "nearest valid sizes: 96 MiB .* below, 112 MiB .* above" $c -s 100M
refused "unsupported align" "align" $c -m devdax -a 3M -s 256M
refused "1G align, 1G size: nothing usable" "leaves no usable capacity" $c -m fsdax -a 1G -s 1G
refused "unknown map" "unknown map 'foo'" $c -M foo
refused "map for raw" "map" $c -m raw -M mem -s 256M
refused "bad sector size" "sector" $c -m sector -l 1000 -s 256M
refused "bad uuid" "invalid uuid" $c -u not-a-uuid -s 256M
refused "name too long" "too long" $c -n 0123456789012345678901234567890123456789012345678901234567890123456789 -s 256M
refused "size and usable-size" "either" $c -s 256M --usable-size 200M
refused "stray argument" "unexpected argument" ndctl create-namespace namespace0.0
refused "unknown option" "unknown option" $c --bogus
refused "no such region" "no region" ndctl create-namespace -r region99 -s 256M
refused "label-less e820 sub-division" "label-less" ndctl create-namespace -r "${e##*/}" -s 256M
refused "label-less NFIT, active namespace, no -f" "active: add -f to label .* or -L" ndctl create-namespace -r "${ll##*/}" -s 256M
refused "label-less NFIT with -L" "label-less" ndctl create-namespace -L -r "${ll##*/}" -s 256M
refused "reconfigure active without -f" "active: add -f" ndctl create-namespace -e "$keep" -m devdax
refused "reconfigure too large" "exceeds the 2 GiB" ndctl create-namespace -f -e "$keep" -s 4G
refused "no such namespace" "no namespace" ndctl create-namespace -e namespace9.9 -m raw
refused "destroy active without -f" "active: add -f" ndctl destroy-namespace "$keep"
refused "duplicate uuid" "uuid|Invalid|exists" $c -u "$keepuuid" -s 256M
refused "dry-run of a bad size" "nearest" $c -s 100M --dry-run
$ref disable-region "${ll##*/}" >/dev/null 2>&1
refused "disabled region" "disabled: enable it" ndctl create-namespace -r "${ll##*/}" -m fsdax
$ref enable-region "${ll##*/}" >/dev/null 2>&1
assert_eq "data of $keep intact" "data-before" "$(dd if=/dev/$(ndctl list -n "$keep" | jq -r '.[0].blockdev') bs=4096 count=1 2>/dev/null | head -n1 | tr -d '\0')"
ndvm_finish
