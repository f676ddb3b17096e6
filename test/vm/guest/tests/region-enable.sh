# enable/disable-region and enable/disable-dimm on the label-less NFIT regions and the e820
# region: driver links and namespace devices as expected after each command; one bind or
# unbind write per device (no trying every driver); our listing of the disabled region equals
# the reference's; already-in-state targets are left alone and counted; a DIMM an enabled
# region uses is not disabled; -b and `all` select by bus; unknown names are errors.
# ndvm-group: core
# ndvm-fresh: yes
# ndvm-timeout: 200
. /vm/lib.sh
nd=/ref/bin/ndctl
nfit=$(nd_buses ACPI.NFIT)
e820=$(nd_regions "$(nd_buses e820)" | head -n1); E=${e820##*/}
r=$(for x in $(nd_regions "$nfit"); do echo "$(num "$(attr "$x/resource")") $x"; done | sort -n | tail -n1 | cut -d' ' -f2)
[ -n "$r" ] && [ -n "$e820" ] || ndvm_die "no NFIT or e820 region"
R=${r##*/}
dimm=$(attr "$r/mapping0" | cut -d, -f1)
drv() { basename "$(readlink "$1/driver" 2>/dev/null)" 2>/dev/null; }
traced() {
	_n=$1; shift
	strace -f -y -e trace=write -o "$_n.st" "$@" > "$_n.out" 2> "$_n.err"; rc=$?
	cat "$_n.err"
}
binds() { grep -o 'write([0-9]*</sys/bus/nd/drivers/[a-z_]*/[a-z]*>, "[^"]*"' "$1.st" | sed 's/.*drivers\///; s/>, / /' | tr '\n' ';'; }

ns=$(nd_namespaces "$r"); NS=${ns##*/}
assert_eq "$R enabled at boot" nd_region "$(drv "$r")"
assert_eq "$NS bound at boot" nd_pmem "$(drv "$ns")"

traced dis ndctl disable-region -v "$R"
assert_eq "disable-region status" 0 "$rc"
assert_eq "disable-region -v says" "$R: disabled (1 active namespace went away)
disabled 1 region" "$(cat dis.err)"
assert_eq "writes: the namespace, then the region, each unbound once" \
	"nd_pmem/unbind \"$NS\";nd_region/unbind \"$R\";" "$(binds dis)"
assert_eq "$R driver link" "" "$(drv "$r")"
assert_eq "$R namespaces" "" "$(nd_namespaces "$r")"
ndctl list -R -i -r "$R" > o.json; $nd list -R -i -r "$R" > rl.json
assert_eq "our list -R -i of disabled $R equals the reference's" "$(jq -S -c . rl.json)" "$(jq -S -c . o.json)"
assert_eq "our list: $R state" disabled "$(jq -r '.[0].state // .state' o.json)"

traced again ndctl disable-region -v "$R"
assert_eq "disable-region of a disabled region: status" 0 "$rc"
assert_eq "disable-region of a disabled region says" "$R: already disabled
disabled 1 region" "$(cat again.err)"
assert_eq "disable-region of a disabled region: no writes" "" "$(binds again)"

traced dd ndctl disable-dimm "$dimm"
assert_eq "disable-dimm status" 0 "$rc"
assert_eq "disable-dimm says" "disabled 1 nmem" "$(cat dd.err)"
assert_eq "writes: one nvdimm unbind" "nvdimm/unbind \"$dimm\";" "$(binds dd)"
assert_eq "$dimm driver link" "" "$(drv "$ND/$dimm")"
traced ed ndctl enable-dimm "$dimm"
assert_eq "enable-dimm status" 0 "$rc"
assert_eq "enable-dimm says" "enabled 1 nmem" "$(cat ed.err)"
assert_eq "writes: one nvdimm bind (no other driver tried)" "nvdimm/bind \"$dimm\";" "$(binds ed)"
assert_eq "$dimm driver" nvdimm "$(drv "$ND/$dimm")"

traced en ndctl enable-region "$R"
assert_eq "enable-region status" 0 "$rc"
assert_eq "enable-region says" "enabled 1 region" "$(cat en.err)"
assert_eq "writes: one nd_region bind (no other driver tried)" "nd_region/bind \"$R\";" "$(binds en)"
assert_eq "$R driver" nd_region "$(drv "$r")"
ns=$(nd_namespaces "$r"); NS=${ns##*/}
assert_count "$R namespaces after enable" 1 $ns
assert_eq "$NS bound" nd_pmem "$(drv "$ns")"
assert_eq "$NS size" "$(attr "$r/size")" "$(attr "$ns/size")"
bdev=$(ls "$ns/block" 2>/dev/null)
assert_match "$NS block device" '^pmem[0-9]+$' "$bdev"
assert_eq "/dev/$bdev is a block device" yes "$([ -b "/dev/$bdev" ] && echo yes)"
assert_eq "our list shows $NS enabled" "$NS" "$(ndctl list -n "$NS" | jq -r '.[0].dev // .dev')"

traced busy ndctl disable-dimm "$dimm"
assert_ne "disable-dimm of a DIMM $R uses: status" 0 "$rc"
assert_match "disable-dimm explains" "$dimm: not disabled: enabled $R uses it; run 'ndctl disable-region $R' first" "$(cat busy.err)"
assert_eq "disable-dimm refused: no writes" "" "$(binds busy)"
assert_eq "$dimm still bound" nvdimm "$(drv "$ND/$dimm")"

traced bus ndctl disable-region -b ACPI.NFIT all
assert_eq "disable-region -b ACPI.NFIT all: status" 0 "$rc"
assert_eq "disable-region -b ACPI.NFIT all says" "disabled 2 regions" "$(cat bus.err)"
for x in $(nd_regions "$nfit"); do assert_eq "${x##*/} disabled" "" "$(drv "$x")"; done
assert_eq "e820 $E untouched" nd_region "$(drv "$e820")"
traced ball ndctl enable-region -b ACPI.NFIT all
assert_eq "enable-region -b ACPI.NFIT all says" "enabled 2 regions" "$(cat ball.err)"
for x in $(nd_regions "$nfit"); do
	assert_eq "${x##*/} enabled" nd_region "$(drv "$x")"
	assert_count "${x##*/} namespaces" 1 $(nd_namespaces "$x")
done

traced tb ndctl disable-region -t blk all
assert_eq "disable-region -t blk all: status" 0 "$rc"
assert_eq "disable-region -t blk all says" "disabled 0 regions" "$(cat tb.err)"
assert_eq "disable-region -t blk all: no writes" "" "$(binds tb)"

traced unk ndctl enable-region region99
assert_ne "enable-region region99: status" 0 "$rc"
assert_match "enable-region region99 explains" "region99: no such region" "$(cat unk.err)"
traced none ndctl disable-region
assert_ne "disable-region without a region: status" 0 "$rc"
assert_match "disable-region without a region explains" "no region given" "$(cat none.err)"
ndvm_finish
