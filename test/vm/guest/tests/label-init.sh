# Label commands on the NFIT DIMMs, over three boots on the same NVDIMM images.
# Phase 1: on the lower-address (label-less) region's DIMM our read-labels -j equals the
# reference's, check-labels fails; init-labels is refused while the region is enabled and
# writes nothing; after our disable-region it writes the index with 1 size, 1 read and 1
# write ioctl (the reference: 1 read, 2 writes), re-probes the DIMM; check-labels (ours and
# reference) passes; -f is needed to re-initialise (v1.2); after our enable-region the kernel
# sees the region labeled with all of it available; a namespace created by the reference is
# listed by ours as by the reference; the kernel-written labels read and verify the same.
# Phase 2: the labels and the namespace survived the reboot; a corrupted index (write-labels)
# fails check-labels (ours and reference) and restoring the dump makes it pass; zero-labels
# is refused while the region is enabled, then zeroes with at most as many ioctls as the
# reference and makes check-labels fail. Phase 3: the region is label-less again.
# ndvm-group: core
# ndvm-fresh: yes
# ndvm-phases: 3
# ndvm-timeout: 300
. /vm/lib.sh
nd=/ref/bin/ndctl
nfit=$(nd_buses ACPI.NFIT)
r=$(for x in $(nd_regions "$nfit"); do echo "$(num "$(attr "$x/resource")") $x"; done | sort -n | head -n1 | cut -d' ' -f2)
[ -n "$r" ] || ndvm_die "no NFIT region"
R=${r##*/}
dimm=$(attr "$r/mapping0" | cut -d, -f1)
[ -c "/dev/$dimm" ] || ndvm_die "no /dev/$dimm"
JC=$(command -v json-compare)

# same_labels DESC: our read-labels -j equals the reference's (exactly, and per json-compare)
same_labels() {
	ndctl read-labels -j "$dimm" > ours.json 2> ours.err
	$nd read-labels -j "$dimm" > ref.json 2> /dev/null
	jq -S . ref.json > ref.s.json; jq -S . ours.json > ours.s.json
	NDVM_CHECKS=$((NDVM_CHECKS + 1))
	if [ -s ref.s.json ] && cmp -s ref.s.json ours.s.json; then
		ndvm_pass "$1: read-labels -j equals the reference's ($(jq '.[0].label | length' ours.json) labels)"
	else
		ndvm_fail "$1: read-labels -j differs from the reference's:"; diff ref.s.json ours.s.json
	fi
	if [ -x "$JC" ]; then assert_cmd "$1: json-compare" "$JC" ours.json ref.json; fi
	assert_eq "$1: read-labels says" "read 1 nmem" "$(cat ours.err)"
}
# traced NAME CMD...: run CMD under strace (ioctls and writes), status in $rc, stderr in NAME.err
traced() {
	_n=$1; shift
	strace -f -y -e trace=ioctl,write -o "$_n.st" "$@" > "$_n.out" 2> "$_n.err"; rc=$?
	cat "$_n.err"
}
ioctls() { grep -c "$2" "$1.st"; }
check_ok() {
	_e=$(ndctl check-labels "$dimm" 2>&1); _r=$?
	assert_eq "$1: our check-labels status" 0 "$_r"
	assert_eq "$1: our check-labels says" "successfully verified 1 nmem label" "$_e"
	assert_cmd "$1: reference check-labels passes" $nd check-labels "$dimm"
}
check_fails() {
	_e=$(ndctl check-labels "$dimm" 2>&1); _r=$?
	assert_ne "$1: our check-labels status" 0 "$_r"
	assert_match "$1: our check-labels explains" "$2" "$_e"
	NDVM_CHECKS=$((NDVM_CHECKS + 1))
	if $nd check-labels "$dimm" >/dev/null 2>&1; then ndvm_fail "$1: reference check-labels passed"
	else ndvm_pass "$1: reference check-labels fails too"; fi
}

case $NDVM_PHASE in
1)
	assert_eq "$R at first boot" label-less "$(nd_region_labels "$r")"
	same_labels "zeroed"
	check_fails "zeroed" "$dimm: no valid label index"
	ndctl read-labels -j -I "$dimm" > oi.json 2>/dev/null; $nd read-labels -j -I "$dimm" > ri.json 2>/dev/null
	assert_eq "read-labels -j -I equals the reference's" "$(jq -S -c . ri.json)" "$(jq -S -c . oi.json)"
	ndctl read-labels -I -o oi.bin "$dimm" 2>/dev/null; $nd read-labels -I -o ri.bin "$dimm" 2>/dev/null
	assert_cmd "read-labels -I raw dump equals the reference's" cmp oi.bin ri.bin
	ndctl read-labels -j -b ACPI.NFIT all > oa.json 2>oa.err; $nd read-labels -j -b ACPI.NFIT all > ra.json 2>/dev/null
	assert_eq "read-labels -j -b ACPI.NFIT all equals the reference's (sorted by dev)" "$(jq -S -c 'sort_by(.dev)' ra.json)" "$(jq -S -c 'sort_by(.dev)' oa.json)"
	assert_eq "read-labels all says" "read 2 nmems" "$(cat oa.err)"

	traced busy ndctl init-labels "$dimm"
	assert_ne "init-labels while $R is enabled: status" 0 "$rc"
	assert_match "init-labels while enabled: says how to proceed" "ndctl disable-region $R" "$(cat busy.err)"
	assert_eq "init-labels while enabled: no SET_CONFIG_DATA" 0 "$(ioctls busy SET_CONFIG_DATA)"
	same_labels "after the refused init"

	traced dis ndctl disable-region "$R"
	assert_eq "disable-region status" 0 "$rc"
	assert_eq "disable-region says" "disabled 1 region" "$(cat dis.err)"
	assert_eq "$R driver link after disable" "" "$(readlink "$r/driver")"
	assert_eq "$R namespaces after disable" "" "$(nd_namespaces "$r")"
	assert_eq "disable-region: one unbind write" 1 "$(grep -c 'write(.*"'"$R"'"' dis.st)"

	traced init ndctl init-labels "$dimm"
	assert_eq "init-labels status" 0 "$rc"
	assert_eq "init-labels says" "initialized 1 nmem" "$(cat init.err)"
	assert_eq "init-labels: GET_CONFIG_SIZE ioctls" 1 "$(ioctls init GET_CONFIG_SIZE)"
	assert_eq "init-labels: GET_CONFIG_DATA ioctls" 1 "$(ioctls init GET_CONFIG_DATA)"
	assert_eq "init-labels: SET_CONFIG_DATA ioctls" 1 "$(ioctls init SET_CONFIG_DATA)"
	assert_match "init-labels re-probes $dimm (unbind, bind)" 'nvdimm.*nvdimm|unbind.*bind' \
		"$(grep -o 'write([0-9]*</sys/bus/nd/drivers/[a-z_]*/[a-z]*>' init.st | tr '\n' ' ')"
	assert_eq "$dimm bound after init-labels" nvdimm "$(basename "$(readlink /sys/bus/nd/devices/$dimm/driver)")"
	check_ok "v1.1 index"
	same_labels "v1.1 index"
	assert_eq "v1.1: seq, seq, nslot, minor, labelsize" "3 2 1020 1 128" \
		"$(jq -r '[.[0].index[0].seq, .[0].index[1].seq, .[0].index[0].nslot, .[0].index[0].minor, .[0].index[0].labelsize] | join(" ")' ours.json)"

	traced again ndctl init-labels "$dimm"
	assert_ne "init-labels on a valid index without -f: status" 0 "$rc"
	assert_match "init-labels without -f: explains" "already has a valid v1.1 label index.*-f" "$(cat again.err)"
	assert_eq "init-labels without -f: no SET_CONFIG_DATA" 0 "$(ioctls again SET_CONFIG_DATA)"
	traced v12 ndctl init-labels -f -V 1.2 "$dimm"
	assert_eq "init-labels -f -V 1.2 status" 0 "$rc"
	assert_eq "init-labels -V 1.2: SET_CONFIG_DATA ioctls" 1 "$(ioctls v12 SET_CONFIG_DATA)"
	check_ok "v1.2 index"
	same_labels "v1.2 index"
	assert_eq "v1.2: nslot, minor, labelsize" "510 2 256" \
		"$(jq -r '[.[0].index[0].nslot, .[0].index[0].minor, .[0].index[0].labelsize] | join(" ")' ours.json)"

	traced en ndctl enable-region "$R"
	assert_eq "enable-region status" 0 "$rc"
	assert_eq "enable-region says" "enabled 1 region" "$(cat en.err)"
	assert_eq "$R driver after enable" nd_region "$(basename "$(readlink "$r/driver")")"
	assert_eq "$R labeled (kernel view)" labeled "$(nd_region_labels "$r")"
	assert_eq "$R available_size" "$(attr "$r/size")" "$(attr "$r/available_size")"
	assert_eq "our list: $R available_size" "$(attr "$r/size")" \
		"$(ndctl list -R -r "$R" | jq -r '.[0].available_size // .available_size')"

	assert_cmd "reference creates a namespace" $nd create-namespace -r "$R" -m fsdax -s 256M
	ns=$(nd_active_namespaces "$r" | head -n1); NS=${ns##*/}
	assert_ne "a namespace exists" "" "$NS"
	ndctl list -n "$NS" > o.json; $nd list -n "$NS" > rl.json
	assert_eq "our list of $NS equals the reference's" "$(jq -S . rl.json)" "$(jq -S . o.json)"
	assert_eq "our list: $NS mode" fsdax "$(jq -r '.[0].mode // .mode' o.json)"
	check_ok "kernel-written labels"
	same_labels "kernel-written labels"
	traced rl ndctl read-labels -j "$dimm"
	assert_eq "read-labels -j: GET_CONFIG_DATA ioctls (index and slots in one)" 1 "$(ioctls rl GET_CONFIG_DATA)"
	traced ck ndctl check-labels "$dimm"
	assert_eq "check-labels: GET_CONFIG_DATA ioctls (index and slots in one)" 1 "$(ioctls ck GET_CONFIG_DATA)"
	ndctl read-labels -o cur.bin "$dimm" 2>/dev/null
	traced wb ndctl write-labels -i cur.bin "$dimm"
	assert_ne "write-labels while $R is enabled: status" 0 "$rc"
	assert_match "write-labels while enabled: says how to proceed" "ndctl disable-region $R" "$(cat wb.err)"
	assert_eq "write-labels while enabled: no SET_CONFIG_DATA" 0 "$(ioctls wb SET_CONFIG_DATA)"
	;;
2)
	assert_eq "$R labeled after reboot" labeled "$(nd_region_labels "$r")"
	ns=$(nd_active_namespaces "$r")
	assert_count "$R active namespaces after reboot" 1 $ns
	for n in $ns; do assert_eq "${n##*/} size after reboot" 268435456 "$(attr "$n/size")"; done
	check_ok "after reboot"
	same_labels "after reboot"

	assert_cmd "disable-region" ndctl disable-region "$R"
	ndctl read-labels -o orig.bin "$dimm" 2>/dev/null
	$nd read-labels -o ref.bin "$dimm" 2>/dev/null
	assert_cmd "raw dump equals the reference's" cmp orig.bin ref.bin
	assert_eq "raw dump size" 131072 "$(wc -c < orig.bin)"
	cp orig.bin bad.bin
	# the signature's first byte of both v1.2 index blocks (256 bytes each)
	printf 'X' | dd of=bad.bin bs=1 seek=0 conv=notrunc 2>/dev/null
	printf 'X' | dd of=bad.bin bs=1 seek=256 conv=notrunc 2>/dev/null
	traced wr ndctl write-labels -i bad.bin "$dimm"
	assert_eq "write-labels (corrupt) status" 0 "$rc"
	assert_eq "write-labels says" "wrote 1 nmem" "$(cat wr.err)"
	assert_eq "write-labels: SET_CONFIG_DATA ioctls (2 bytes changed)" 1 "$(ioctls wr SET_CONFIG_DATA)"
	check_fails "corrupted index" "no valid label index"
	assert_cmd "write-labels (restore)" ndctl write-labels -i orig.bin "$dimm"
	check_ok "restored"
	ndctl read-labels -o back.bin "$dimm" 2>/dev/null
	assert_cmd "restored dump equals the original" cmp orig.bin back.bin

	ndctl read-labels -u "$dimm" > ou.json 2>/dev/null; $nd read-labels -u "$dimm" > ru.json 2>/dev/null
	assert_eq "read-labels -u equals the reference's" "$(jq -S -c . ru.json)" "$(jq -S -c . ou.json)"
	assert_cmd "zero-labels -s 256 -O 0 (index block 0 only)" ndctl zero-labels -s 256 -O 0 "$dimm"
	ndctl read-labels -j -I "$dimm" > oi.json 2>/dev/null; $nd read-labels -j -I "$dimm" > ri.json 2>/dev/null
	assert_eq "after zeroing block 0: read-labels -j -I equals the reference's" "$(jq -S -c . ri.json)" "$(jq -S -c . oi.json)"
	assert_eq "after zeroing block 0: its signature" "" "$(jq -r '.[0].index[0].signature' oi.json)"
	check_ok "index block 1 still valid"
	assert_cmd "write-labels (restore)" ndctl write-labels -i orig.bin "$dimm"

	assert_cmd "enable-region" ndctl enable-region "$R"
	traced zb ndctl zero-labels "$dimm"
	assert_ne "zero-labels while $R is enabled: status" 0 "$rc"
	assert_match "zero-labels while enabled: says how to proceed" "ndctl disable-region $R" "$(cat zb.err)"
	assert_eq "zero-labels while enabled: no SET_CONFIG_DATA" 0 "$(ioctls zb SET_CONFIG_DATA)"
	check_ok "after the refused zero"

	assert_cmd "disable-region" ndctl disable-region "$R"
	traced zero ndctl zero-labels "$dimm"
	assert_eq "zero-labels status" 0 "$rc"
	assert_eq "zero-labels says" "zeroed 1 nmem" "$(cat zero.err)"
	rd=$(ioctls zero GET_CONFIG_DATA); wr=$(ioctls zero SET_CONFIG_DATA)
	assert_match "zero-labels: GET_CONFIG_DATA ioctls <= reference's 33" '^([1-9]|[12][0-9]|3[0-3])$' "$rd"
	assert_match "zero-labels: SET_CONFIG_DATA ioctls <= 3 (reference: 33)" '^[1-3]$' "$wr"
	check_fails "zeroed" "no valid label index"
	same_labels "zeroed"
	assert_cmd "enable-region" ndctl enable-region "$R"
	;;
3)
	assert_eq "$R label-less after zero-labels and a reboot" label-less "$(nd_region_labels "$r")"
	same_labels "after reboot"
	;;
esac
ndvm_finish
