# Many labels (v1.2, written by our init-labels): 24 namespaces created by the reference fill
# label slots past the first transfer; our read-labels -j still equals the reference's (the
# slot run is read in as few ioctls as the transfer size allows), check-labels passes (ours
# and reference), and again after the reference destroys some. A labeled region whose DIMM
# is disabled cannot be enabled: enable-region says so and changes nothing; enable-dimm
# fixes it. init-labels -f on a DIMM with namespaces' labels refuses while enabled.
# ndvm-group: core
# ndvm-fresh: yes
# ndvm-timeout: 400
. /vm/lib.sh
nd=/ref/bin/ndctl
nfit=$(nd_buses ACPI.NFIT)
r=$(for x in $(nd_regions "$nfit"); do echo "$(num "$(attr "$x/resource")") $x"; done | sort -n | tail -n1 | cut -d' ' -f2)
[ -n "$r" ] || ndvm_die "no NFIT region"
R=${r##*/}
dimm=$(attr "$r/mapping0" | cut -d, -f1)
drv() { basename "$(readlink "$1/driver" 2>/dev/null)" 2>/dev/null; }
same_labels() {
	strace -f -e trace=ioctl -o rl.st ndctl read-labels -j "$dimm" > ours.json 2>/dev/null
	$nd read-labels -j "$dimm" > ref.json 2>/dev/null
	jq -S . ref.json > ref.s.json; jq -S . ours.json > ours.s.json
	NDVM_CHECKS=$((NDVM_CHECKS + 1))
	if [ -s ref.s.json ] && cmp -s ref.s.json ours.s.json; then
		ndvm_pass "$1: read-labels -j equals the reference's ($(jq '.[0].label | length' ours.json) labels)"
	else
		ndvm_fail "$1: read-labels -j differs from the reference's:"; diff ref.s.json ours.s.json
	fi
	# 25 slots of 256 bytes after 512 bytes of index: 2 transfers of QEMU's (about 4 KiB)
	assert_eq "$1: read-labels -j: GET_CONFIG_DATA ioctls (reference: 33)" 2 "$(grep -c GET_CONFIG_DATA rl.st)"
	assert_eq "$1: our check-labels" "successfully verified 1 nmem label" "$(ndctl check-labels "$dimm" 2>&1)"
	assert_cmd "$1: reference check-labels" $nd check-labels "$dimm"
}

assert_cmd "disable-region" ndctl disable-region "$R"
assert_cmd "init-labels -V 1.2" ndctl init-labels -V 1.2 "$dimm"
assert_cmd "enable-region" ndctl enable-region "$R"
assert_eq "$R labeled" labeled "$(nd_region_labels "$r")"
i=0
while [ $i -lt 24 ]; do
	$nd create-namespace -r "$R" -m raw -s 16M >/dev/null 2>&1 || break
	i=$((i + 1))
done
assert_eq "namespaces created by the reference" 24 "$i"
assert_count "$R active namespaces" 24 $(nd_active_namespaces "$r")
same_labels "24 namespaces"
n=$(jq '.[0].label | length' ours.json)
assert_eq "slots listed are past the first transfer (> 14)" yes "$([ "$n" -gt 14 ] && echo yes)"
for ns in $(nd_active_namespaces "$r" | head -n 5); do
	$nd destroy-namespace -f "${ns##*/}" >/dev/null 2>&1
done
assert_count "$R active namespaces after destroying 5" 19 $(nd_active_namespaces "$r")
same_labels "19 namespaces"

out=$(ndctl init-labels -f "$dimm" 2>&1); rc=$?
assert_ne "init-labels -f while $R is enabled: status" 0 "$rc"
assert_match "init-labels -f while enabled: refused, says how to proceed" "ndctl disable-region $R" "$out"
assert_count "$R namespaces untouched" 19 $(nd_active_namespaces "$r")

assert_cmd "disable-region" ndctl disable-region "$R"
assert_cmd "disable-dimm" ndctl disable-dimm "$dimm"
out=$(ndctl enable-region "$R" 2>&1); rc=$?
echo "$out"
if [ "$rc" = 0 ]; then
	echo "# this kernel enables a labeled region whose DIMM is disabled"
	assert_eq "$R enabled" nd_region "$(drv "$r")"
	assert_cmd "disable-region" ndctl disable-region "$R"
else
	assert_match "enable-region with its DIMM disabled explains" "$R: the region driver did not take it" "$out"
	assert_eq "$R still disabled" "" "$(drv "$r")"
fi
assert_cmd "enable-dimm" ndctl enable-dimm "$dimm"
assert_cmd "enable-region" ndctl enable-region "$R"
assert_count "$R namespaces back" 19 $(nd_active_namespaces "$r")
same_labels "after re-enabling"
ndvm_finish
