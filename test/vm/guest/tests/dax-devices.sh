# daxctl create-device / destroy-device / enable-device / disable-device / reconfigure-device -s
# on an hmem region (node 0 first; on 6.12 the one whose boot device can be freed): sizes, multi-range devices from a fragmented region, list -M
# order, save (list -M, plain and --human) and restore (create-device --input) at the same
# addresses, shrink order, bad input (nothing changed, no leftovers), devices in use.
# 6.12 boots hmem as system-ram, usually with an unremovable first block: when neither device
# can be freed the test skips (memhp_default_state=offline makes it run; dax-kmem asserts the refusal).
# ndvm-group: core
# ndvm-fresh: yes
# ndvm-append-6.12: memhp_default_state=offline
# ndvm-timeout: 240
. /vm/lib.sh
MiB=1048576
# --- a free hmem region: its boot device spans it. On 6.12 the devices boot as system-ram
# and the first block usually cannot be offlined; take the first region (node 0 first)
# whose device goes back to devdax.
R=
for node in 0 1; do
	for r in $(dax_regions hmem); do
		d=$(dax_devices "$r" | head -n1)
		[ "$(attr "$d/target_node")" = $node ] || continue
		if [ "$(dax_mode "$d")" = system-ram ] &&
		   ! daxctl reconfigure-device -m devdax -f "${d##*/}" >/dev/null 2>err; then
			grep -q "could not be offlined" err || { cat err; ndvm_die "cannot bring ${d##*/} back to devdax"; }
			continue
		fi
		R=$r
	done
	[ -n "$R" ] && break
done
[ -n "$R" ] || ndvm_skip "every hmem device booted as system-ram with an unremovable block (kernel $(uname -r)); boot with memhp_default_state=offline to run this test"
RID=$(attr "$R/id")
D0=$(dax_devices "$R" | head -n1); N0=${D0##*/}
RSIZE=$(attr "$R/size")
echo "using $(real "$R") (node $(attr "$D0/target_node"))"

# sorted "page_offset start end" lines of a device, from sysfs
maps() {
	for m in "$DAX/$1"/mapping*; do
		[ -d "$m" ] && echo "$(num "$(attr "$m/page_offset")") $(num "$(attr "$m/start")") $(num "$(attr "$m/end")")"
	done | sort -n
}
ndevs() { dax_devices "$R" | wc -l; }
# newest device of the region named in a create-device JSON output
created() { jq -r '.[0].chardev' "$1"; }

daxctl destroy-device -f "$N0" >out 2>err; rc=$?
assert_eq "destroy -f $N0 exit" 0 $rc
assert_match "destroy of device 0 reports it kept" "size 0, kept" "$(cat err)"
assert_eq "$N0 size" 0 "$(attr "$D0/size")"
assert_eq "$N0 unbound" unbound "$(dax_mode "$D0")"
assert_eq "region available after freeing" "$RSIZE" "$(attr "$R/available_size")"
assert_eq "list -R available_size" "$RSIZE" "$(daxctl list -R -r "$RID" | jq '.[0].available_size')"
assert_eq "list -R max_available_extent" "$RSIZE" "$(daxctl list -R -r "$RID" | jq '.[0].max_available_extent')"

# --- create three devices of 256 MiB
for x in A B C; do
	daxctl create-device -r "$RID" -s 256M >out.$x 2>err.$x; rc=$?
	assert_eq "create $x exit" 0 $rc
	eval $x=$(created out.$x)
done
assert_eq "A json size" $((256 * MiB)) "$(jq '.[0].size' out.A)"
assert_eq "A json mode" devdax "$(jq -r '.[0].mode' out.A)"
assert_eq "A sysfs size" $((256 * MiB)) "$(attr "$DAX/$A/size")"
assert_eq "A bound to device_dax" devdax "$(dax_mode "$DAX/$A")"
assert_cmd "/dev/$A is a character device" test -c "/dev/$A"
assert_match "create reports asked, before and after" "^$A: create: new -> devdax 256 MiB" "$(cat err.A)"
# same JSON as Debian's daxctl prints for the device (our extra keys removed)
assert_eq "create JSON = reference list JSON" "$(/ref/bin/daxctl list -d "$A" | jq -S 'map(del(.memmap_on_memory))')" \
	"$(jq -S 'map(del(.memmap_on_memory))' out.A)"
assert_eq "region available after 3 creates" $((RSIZE - 768 * MiB)) "$(attr "$R/available_size")"

# --- destroy needs --force for an enabled device; then B leaves a hole
daxctl destroy-device "$B" >out 2>err; rc=$?
assert_ne "destroy enabled $B without -f fails" 0 $rc
assert_match "error says how" "enabled; disable it first .* or use --force" "$(cat err)"
assert_eq "$B still enabled" devdax "$(dax_mode "$DAX/$B")"
daxctl destroy-device -f "$B" >out 2>err; rc=$?
assert_eq "destroy -f $B exit" 0 $rc
assert_eq "$B gone from the bus" no "$([ -e "$DAX/$B" ] && echo yes || echo no)"

# --- grow C into the hole: two ranges
assert_cmd "disable $C" daxctl disable-device "$C"
assert_eq "$C unbound" unbound "$(dax_mode "$DAX/$C")"
daxctl reconfigure-device -s 768M "$C" >out 2>err; rc=$?
assert_eq "grow $C exit" 0 $rc
assert_eq "$C size" $((768 * MiB)) "$(attr "$DAX/$C/size")"
# the kernel fills the first free hole, then the tail: several ranges
assert_ne "$C has several ranges" 1 "$(maps "$C" | wc -l)"
assert_cmd "enable $C" daxctl enable-device "$C"
assert_eq "$C bound" devdax "$(dax_mode "$DAX/$C")"
daxctl list -d "$C" -M >c.json
assert_eq "list -M page offsets sorted" "$(jq -c '[.[0].mappings[].page_offset] | sort' c.json)" \
	"$(jq -c '[.[0].mappings[].page_offset]' c.json)"
assert_eq "list -M = sysfs mappings" "$(maps "$C")" \
	"$(jq -r '.[0].mappings[] | "\(.page_offset) \(.start) \(.end)"' c.json)"
SAVED=$(maps "$C")
daxctl list -d "$C" -M -u >c-human.json
assert_eq "human listing is an object" object "$(jq -r type c-human.json)"

# --- save / destroy / restore at the same addresses (array, human object, stdin)
for form in c.json c-human.json stdin; do
	daxctl destroy-device -f "$C" >out 2>err
	assert_eq "destroyed $C before restoring from $form" no "$([ -e "$DAX/$C" ] && echo yes || echo no)"
	if [ $form = stdin ]; then
		daxctl create-device -r "$RID" --input - <c.json >out 2>err; rc=$?
	else
		daxctl create-device -r "$RID" --input $form >out 2>err; rc=$?
	fi
	assert_eq "restore from $form exit" 0 $rc
	C=$(created out)
	assert_eq "restored ($form) ranges = saved" "$SAVED" "$(maps "$C")"
	assert_eq "restored ($form) bound" devdax "$(dax_mode "$DAX/$C")"
done

# --- shrink releases the ranges in the kernel's order (last page offsets first)
FIRST=$(echo "$SAVED" | head -n1)
daxctl disable-device "$C" >/dev/null 2>&1
daxctl reconfigure-device -s 256M "$C" >out 2>err; rc=$?
assert_eq "shrink $C exit" 0 $rc
assert_eq "$C keeps its first 256 MiB" "0 $(echo "$FIRST" | cut -d' ' -f2) $(($(echo "$FIRST" | cut -d' ' -f2) + 256 * MiB - 1))" "$(maps "$C")"
daxctl enable-device "$C" >/dev/null 2>&1

# --- bad input: clear error, non-zero exit, nothing changed, no leftovers
before_n=$(ndevs); before_av=$(attr "$R/available_size")
bad() { # DESC REGEX CMD...
	_d=$1 _re=$2; shift 2
	"$@" >out 2>err; _rc=$?
	assert_ne "$_d: exit" 0 $_rc
	assert_match "$_d: message" "$_re" "$(cat err)"
	assert_eq "$_d: device count unchanged" "$before_n" "$(ndevs)"
	assert_eq "$_d: available unchanged" "$before_av" "$(attr "$R/available_size")"
	assert_eq "$_d: one error line" 1 "$(grep -c '^daxctl ' err)"
}
bad "size not a multiple of the align" "not a multiple of the alignment" daxctl create-device -r "$RID" -s 3M
bad "unsupported align" "unsupported alignment" daxctl create-device -r "$RID" -s 128M -a 3M
bad "more than available" "more than region$RID has available" daxctl create-device -r "$RID" -s 2G
bad "unknown device" "no such dax device" daxctl destroy-device dax99.9
bad "unknown device among known" "no such dax device" daxctl disable-device "$A" dax99.9
assert_eq "$A untouched by the refused multi-device command" devdax "$(dax_mode "$DAX/$A")"
echo '[{"chardev":"dax0.9","size":' >trunc.json
bad "truncated --input" "not valid JSON" daxctl create-device -r "$RID" --input trunc.json
echo '{"size":268435456,"mappings":[{"page_offset":0,"start":2097152,"end":270532607}]}' >out-of-region.json
bad "--input outside the region" "outside region|removed again" daxctl create-device -r "$RID" --input out-of-region.json
echo '{"mappings":[{"page_offset":1,"start":0,"end":4095}]}' >hole.json
bad "--input with a hole" "leaves a hole" daxctl create-device -r "$RID" --input hole.json
# ranges owned by A: the kernel refuses the mapping write; the half-made device is removed
daxctl list -d "$A" -M >a.json
bad "--input over a used range" "removed again" daxctl create-device -r "$RID" --input a.json
# two devices, the second impossible: the first is removed again too
jq -c '[{"size":134217728}] + .' a.json >two.json
bad "--input of two, second refused" "removed again" daxctl create-device -r "$RID" --input two.json
assert_match "the first one is named as removed" "dax$RID\.[0-9]+: removed again \(the input is created all or nothing\)" "$(cat err)"

# --- a device in use (open by a process) is not disabled or destroyed
sleep 300 <"/dev/$A" &
holder=$!
sleep 0.2
daxctl disable-device "$A" >out 2>err; rc=$?
assert_ne "disable of an open device fails" 0 $rc
assert_match "names the process" "in use by process $holder" "$(cat err)"
assert_eq "$A still enabled" devdax "$(dax_mode "$DAX/$A")"
daxctl destroy-device -f "$A" >out 2>err; rc=$?
assert_ne "destroy -f of an open device fails" 0 $rc
assert_eq "$A still there" $((256 * MiB)) "$(attr "$DAX/$A/size")"
kill $holder; wait $holder 2>/dev/null

# --- alignment
daxctl create-device -r "$RID" -s 128M -a 4K >out 2>err; rc=$?
assert_eq "create -a 4K exit" 0 $rc
X=$(created out)
assert_eq "$X align" 4096 "$(attr "$DAX/$X/align")"

# --- destroy all: every device of the region goes; device 0 stays with size 0
daxctl destroy-device -r "$RID" -f all >out 2>err; rc=$?
assert_eq "destroy all exit" 0 $rc
assert_eq "devices left in the region" "$N0" "$(for d in $(dax_devices "$R"); do echo ${d##*/}; done | tr '\n' ' ' | sed 's/ $//')"
assert_eq "all capacity back" "$RSIZE" "$(attr "$R/available_size")"

# --- create with no size takes everything, as one range
daxctl create-device -r "$RID" >out 2>err; rc=$?
assert_eq "create (all) exit" 0 $rc
X=$(created out)
assert_eq "$X size" "$RSIZE" "$(attr "$DAX/$X/size")"
assert_eq "$X ranges" 1 "$(maps "$X" | wc -l)"
assert_eq "region available" 0 "$(attr "$R/available_size")"

# --- destroy -f of a system-ram device: memory offlined, kmem unbound, capacity back
daxctl reconfigure-device -m system-ram "$X" >out 2>err; rc=$?
assert_eq "$X to system-ram exit" 0 $rc
blocks=$(dax_memblocks "$DAX/$X" | wc -l)
assert_eq "$X: 8 blocks of 128 MiB online" "8 8" "$blocks $(count_state online $(dax_memblocks "$DAX/$X"))"
daxctl destroy-device "$X" >out 2>err; rc=$?
assert_ne "destroy of a system-ram device without -f fails" 0 $rc
assert_eq "$X still system-ram" system-ram "$(dax_mode "$DAX/$X")"
daxctl destroy-device -f "$X" >out 2>err; rc=$?
assert_eq "destroy -f of a system-ram device exit" 0 $rc
assert_eq "$X gone" no "$([ -e "$DAX/$X" ] && echo yes || echo no)"
assert_eq "capacity back after destroying system-ram" "$RSIZE" "$(attr "$R/available_size")"
ndvm_finish
