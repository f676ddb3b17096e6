# Kernel acceptance of lib/label (proposed VM test; uses test/unit/label/labeltool,
# pass it with run-vm.sh --bin BUILD/test/unit/label/labeltool):
#  - an index written by lib/label (v1.2, then v1.1) passes the reference check-labels and
#    read-labels, and makes the kernel treat the region as labeled;
#  - the labels the kernel then writes for a namespace parse and verify with lib/label;
#  - a namespace label written by lib/label (after removing the kernel's) is taken by the
#    kernel: the namespace appears with our uuid and size;
#  - zeroing the area is seen by the reference tools at once, and by the kernel at the next
#    boot (it keeps a DIMM "labeling" once it found an index, until reboot).
# ndvm-group: label
# ndvm-fresh: yes
# ndvm-phases: 2
# ndvm-timeout: 400
. /vm/lib.sh
nd=/ref/bin/ndctl
lt=labeltool
command -v $lt >/dev/null || ndvm_skip "labeltool not in the guest"
nfit=$(nd_buses ACPI.NFIT)
r=$(for x in $(nd_regions "$nfit"); do echo "$(num "$(attr "$x/resource")") $x"; done | sort -n | head -n1 | cut -d' ' -f2)
[ -n "$r" ] || ndvm_die "no NFIT region"
R=${r##*/}
dimm=$(attr "$r/mapping0" | cut -d, -f1)
dev=/dev/$dimm
[ -c "$dev" ] || ndvm_die "no $dev"
reprobe() {
	$nd disable-dimm "$dimm" >/dev/null 2>&1
	$nd enable-dimm "$dimm" >/dev/null 2>&1
	$nd enable-region "$R" >/dev/null 2>&1
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" | head -n1; }

assert_eq "$R at boot (phase $NDVM_PHASE)" label-less "$(nd_region_labels "$r")"
[ "$NDVM_PHASE" = 2 ] && ndvm_finish
for v in 1.2 1.1; do
	case $v in 1.2) nslot=510 ls=256 ;; 1.1) nslot=1020 ls=128 ;; esac
	assert_cmd "v$v: disable $R" $nd disable-region "$R"
	out=$($lt init "$dev" $v 2>&1); echo "$out"
	assert_match "v$v: init: 1 read, 1 write" '^reads=1 writes=1$' "$(echo "$out" | tail -n1)"
	assert_cmd "v$v: reference check-labels accepts our index" $nd check-labels "$dimm"
	j=$($nd read-labels -j "$dimm")
	assert_eq "v$v: reference read-labels: seq, seq, nslot, minor" "3 2 $nslot ${v#1.}" \
		"$(echo "$j" | jq -r '[.[0].index[0].seq, .[0].index[1].seq, .[0].index[0].nslot, .[0].index[0].minor] | join(" ")')"
	reprobe
	assert_eq "v$v: $R labeled after our init" labeled "$(nd_region_labels "$r")"

	assert_cmd "v$v: kernel creates a namespace on our index" $nd create-namespace -r "$R" -m raw -s 256M
	ns=$(nd_active_namespaces "$r" | head -n1)
	kuuid=$(attr "$ns/uuid")
	d=$($lt dump "$dev" 2>&1); echo "$d"
	assert_eq "v$v: lib/label verifies the kernel's labels" "verify=0 problem=ok" "$(echo "$d" | grep '^verify=')"
	assert_eq "v$v: one label in use" 1 "$(echo "$d" | grep -c '^label:')"
	assert_eq "v$v: its uuid is the namespace's" "$kuuid" "$(echo "$d" | grep '^label:' | field uuid)"
	assert_eq "v$v: its size" 268435456 "$(echo "$d" | grep '^label:' | field rawsize)"
	assert_eq "v$v: label size" "label_size=$ls" "$(echo "$d" | grep -o 'label_size=[0-9]*')"
	assert_eq "v$v: reference read-labels lists slot_run labels" \
		"$(echo "$d" | sed -n 's/^slot_run=//p')" "$($nd read-labels -j "$dimm" | jq '.[0].label | length')"
	dpa=$(echo "$d" | grep '^label:' | field dpa)
	cookie=$(echo "$d" | grep '^label:' | field isetcookie)

	assert_cmd "v$v: disable $R" $nd disable-region "$R"
	out=$($lt rm "$dev" "$kuuid" 2>&1); echo "$out"
	assert_match "v$v: removed the kernel's label" '^removed=1$' "$(echo "$out" | grep removed)"
	myuuid=1f3e5d7c-0a2b-4c6d-8e9f-a0b1c2d3e4f5
	out=$($lt add "$dev" $myuuid "$dpa" 536870912 "$cookie" 2>&1); echo "$out"
	assert_match "v$v: our label written" '^slot=' "$(echo "$out" | grep slot=)"
	assert_cmd "v$v: reference check-labels after our label" $nd check-labels "$dimm"
	reprobe
	found=
	for n in $(nd_active_namespaces "$r"); do
		[ "$(attr "$n/uuid")" = $myuuid ] && found=$n
	done
	assert_ne "v$v: kernel shows a namespace with our uuid" "" "$found"
	[ -n "$found" ] && assert_eq "v$v: with our size" 536870912 "$(attr "$found/size")"

	assert_cmd "v$v: disable $R" $nd disable-region "$R"
	out=$($lt zero "$dev" 2>&1); echo "$out"
	assert_eq "v$v: zero: 1 write" "reads=33 writes=1" "$(echo "$out" | tail -n1)"
	d=$($lt dump "$dev" 2>&1)
	assert_eq "v$v: zeroed: lib/label finds no index" "parse=-61" "$(echo "$d" | grep '^parse=')"
	NDVM_CHECKS=$((NDVM_CHECKS + 1))
	if $nd check-labels "$dimm" >/dev/null 2>&1; then ndvm_fail "v$v: reference check-labels passed a zeroed area"
	else ndvm_pass "v$v: reference check-labels fails on the zeroed area"; fi
	reprobe
done
ndvm_finish
