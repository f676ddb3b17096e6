# daxctl reconfigure-device -m system-ram|devdax, online-memory, offline-memory on a pmem
# dax device (e820 namespace switched to devdax: a devdax device on both kernels) and on
# the hmem devices 6.12 boots as system-ram: preflight refusals (in use, udev rule,
# memmap_on_memory), zones asked and verified through valid_zones, the kernel's own onlining
# (auto_online_blocks=online) neither leaking into --no-online nor choosing the zone, the
# policy restored, all-or-nothing offline with a pinned block (pipe pages held on the node
# through a cpuset), no progress output on pipes.
# ndvm-group: core
# ndvm-fresh: yes
# ndvm-timeout: 240
. /vm/lib.sh
POLICY0=$(attr "$MEM/auto_online_blocks")

# blocks of a device as "memoryN:state:zone" (zone: first word of valid_zones when online)
blocks() {
	for b in $(dax_memblocks "$DAX/$1"); do
		st=$(attr "$b/state"); z=-
		[ "$st" = online ] && z=$(attr "$b/valid_zones" | cut -d' ' -f1)
		echo "${b##*/}:$st:$z"
	done
}
# count of blocks of device $1 that are state $2 in zone $3 (- for offline)
nblocks() { blocks "$1" | grep -c ":$2:$3\$"; }
total() { dax_memblocks "$DAX/$1" | wc -l; }

# --- 6.12: hmem booted as system-ram; its first block cannot be offlined
for r in $(dax_regions hmem); do
	d=$(dax_devices "$r" | head -n1); n=${d##*/}
	[ "$(dax_mode "$d")" = system-ram ] || continue
	before=$(blocks "$n")
	daxctl reconfigure-device -m devdax -f "$n" >out 2>err; rc=$?
	if [ $rc = 0 ]; then
		# all of its blocks could be offlined this boot: then all of it went
		assert_eq "$n: devdax now" devdax "$(dax_mode "$d")"
		assert_eq "$n: no memory blocks left" 0 "$(total "$n")"
		continue
	fi
	refused_hmem=$n
	assert_match "$n: names the unremovable block and why" "memory[0-9]+.* could not be offlined \(Device or resource busy\)" "$(cat err)"
	assert_match "$n: says the device is unchanged" "device is unchanged" "$(cat err)"
	assert_eq "$n: one error line" 1 "$(grep -c '^daxctl ' err)"
	assert_eq "$n: blocks back in their state and zone" "$before" "$(blocks "$n")"
	assert_eq "$n: still system-ram" system-ram "$(dax_mode "$d")"
	daxctl offline-memory "$n" >out 2>err; rc=$?
	assert_ne "$n: offline-memory fails" 0 $rc
	assert_eq "$n: blocks unchanged after offline-memory" "$before" "$(blocks "$n")"
	assert_eq "$n: list online_memblocks" "$(total "$n")" "$(daxctl list -d "$n" | jq '.[0].online_memblocks')"
	assert_eq "$n: list zones" '["Normal"]' "$(daxctl list -d "$n" | jq -c '.[0].zones')"
done

kernel_ge 6.12 && assert_ne "6.12: some hmem device boots with an unremovable block" "" "${refused_hmem:-}"

# --- a devdax device on both kernels: the e820 pmem namespace in devdax mode
E=$(nd_buses e820); ER=$(nd_regions "$E"); NS=$(nd_active_namespaces "$ER" | head -n1)
/ref/bin/ndctl create-namespace -f -e "${NS##*/}" -m devdax >ns.json 2>err ||
	ndvm_die "cannot switch ${NS##*/} to devdax: $(cat err)"
P=$(jq -r '.daxregion.devices[0].chardev' ns.json)
PD=$DAX/$P
NODE=$(attr "$PD/target_node")
assert_eq "$P starts devdax" devdax "$(dax_mode "$PD")"

# preflight refusals: nothing changes
refused() { # DESC REGEX CMD...
	_d=$1 _re=$2; shift 2
	"$@" >out 2>err; _rc=$?
	assert_ne "$_d: exit" 0 $_rc
	assert_match "$_d: message" "$_re" "$(cat err)"
	assert_eq "$_d: $P still devdax" devdax "$(dax_mode "$PD")"
	assert_eq "$_d: policy untouched" "$POLICY0" "$(attr "$MEM/auto_online_blocks")"
}
if [ "$(attr "$PD/memmap_on_memory")" = "<unreadable>" ]; then
	refused "--memmap-on-memory on $(uname -r)" "6.8 or later" daxctl reconfigure-device -m system-ram --memmap-on-memory "$P"
elif ! grep -q "memory_hotplug.memmap_on_memory=[1yY]" /proc/cmdline; then
	refused "--memmap-on-memory without the boot option" "memory_hotplug.memmap_on_memory=1" \
		daxctl reconfigure-device -m system-ram --memmap-on-memory "$P"
fi
sleep 300 <"/dev/$P" &
holder=$!
sleep 0.2
refused "device open by a process" "in use by process $holder" daxctl reconfigure-device -m system-ram "$P"
kill $holder; wait $holder 2>/dev/null
mkdir -p /etc/udev/rules.d
echo 'SUBSYSTEM=="memory", ACTION=="add", ATTR{state}=="offline", ATTR{state}="online"' >/etc/udev/rules.d/99-ndvm-online.rules
refused "--no-online with an onlining udev rule" "99-ndvm-online.rules:1 onlines hot-added memory" \
	daxctl reconfigure-device -m system-ram -N "$P"
rm /etc/udev/rules.d/99-ndvm-online.rules

# --- system-ram, default zone: movable, every block checked
daxctl reconfigure-device -m system-ram "$P" >out 2>err; rc=$?
assert_eq "to system-ram exit" 0 $rc
N=$(total "$P")
assert_ne "$P has memory blocks" 0 "$N"
assert_eq "every block online in Movable" "$N" "$(nblocks "$P" online Movable)"
assert_eq "JSON mode" system-ram "$(jq -r '.[0].mode' out)"
assert_eq "JSON online_memblocks" "$N" "$(jq '.[0].online_memblocks' out)"
assert_eq "JSON total_memblocks" "$N" "$(jq '.[0].total_memblocks' out)"
assert_eq "JSON movable" true "$(jq '.[0].movable' out)"
assert_eq "JSON memmap" dram "$(jq -r '.[0].memmap' out)"
assert_eq "JSON memmap DRAM cost (64 B per 4 KiB page)" $((N * $(num 0x$(attr "$MEM/block_size_bytes")) / 64)) "$(jq '.[0].memmap_dram_bytes' out)"
assert_match "report: asked, before, after" "^$P: reconfigure to system-ram: devdax .* -> system-ram .*, $N/$N blocks online \(Movable\)" "$(cat err)"
assert_eq "no progress output on a pipe" 0 "$(tr -cd '\r' <err | wc -c)"
assert_eq "policy restored" "$POLICY0" "$(attr "$MEM/auto_online_blocks")"
assert_eq "reference daxctl agrees (online, movable)" "$N true" \
	"$(/ref/bin/daxctl list -d "$P" | jq -r '"\(.[0].online_memblocks) \(.[0].movable)"')"

daxctl offline-memory "$P" >out 2>err; rc=$?
assert_eq "offline-memory exit" 0 $rc
assert_eq "every block offline" "$N" "$(nblocks "$P" offline -)"
assert_eq "list after offline" "0 $N" "$(daxctl list -d "$P" | jq -r '"\(.[0].online_memblocks) \(.[0].total_memblocks)"')"
daxctl online-memory "$P" >out 2>err; rc=$?
assert_eq "online-memory exit" 0 $rc
assert_eq "online-memory: Movable" "$N" "$(nblocks "$P" online Movable)"
daxctl reconfigure-device -m devdax "$P" >out 2>err; rc=$?
assert_ne "to devdax with online memory needs --force" 0 $rc
assert_match "says how" "use --force" "$(cat err)"
assert_eq "still system-ram" system-ram "$(dax_mode "$PD")"
assert_eq "still online" "$N" "$(nblocks "$P" online Movable)"
daxctl reconfigure-device -m devdax -f "$P" >out 2>err; rc=$?
assert_eq "to devdax -f exit" 0 $rc
assert_eq "devdax again" devdax "$(dax_mode "$PD")"
assert_eq "its memory blocks are gone" 0 "$(total "$P")"
assert_cmd "/dev/$P back" test -c "/dev/$P"

# --- memmap on the hot-added memory (6.12 booted with memory_hotplug.memmap_on_memory=1)
if [ "$(attr "$PD/memmap_on_memory")" != "<unreadable>" ] &&
   grep -q "memory_hotplug.memmap_on_memory=[1yY]" /proc/cmdline; then
	daxctl reconfigure-device -m system-ram --memmap-on-memory "$P" >out 2>err; rc=$?
	assert_eq "--memmap-on-memory exit" 0 $rc
	assert_eq "memmap_on_memory attribute set" 1 "$(attr "$PD/memmap_on_memory")"
	assert_eq "JSON memmap on the device" device "$(jq -r '.[0].memmap' out)"
	assert_eq "JSON no DRAM cost" 0 "$(jq '.[0].memmap_dram_bytes' out)"
	assert_eq "--memmap-on-memory: every block Movable" "$N" "$(nblocks "$P" online Movable)"
	daxctl reconfigure-device -m devdax -f "$P" >/dev/null 2>&1
	daxctl reconfigure-device --no-memmap-on-memory "$P" >/dev/null 2>&1
	assert_eq "memmap_on_memory cleared" 0 "$(attr "$PD/memmap_on_memory")"
fi

# --- the kernel onlines hot-added memory itself (6.12's default; forced on 6.1)
echo online >"$MEM/auto_online_blocks"
daxctl reconfigure-device -m system-ram -N "$P" >out 2>err; rc=$?
assert_eq "-N under auto-online: exit" 0 $rc
assert_eq "-N under auto-online: every block offline" "$N" "$(nblocks "$P" offline -)"
assert_eq "-N: policy back to online" online "$(attr "$MEM/auto_online_blocks")"
assert_eq "-N JSON online_memblocks" 0 "$(jq '.[0].online_memblocks' out)"
daxctl reconfigure-device -m devdax "$P" >out 2>err; rc=$?
assert_eq "offline system-ram to devdax without -f" 0 $rc
daxctl reconfigure-device -m system-ram "$P" >out 2>err; rc=$?
assert_eq "movable under auto-online: exit" 0 $rc
assert_eq "movable under auto-online: Movable, not the kernel's Normal" "$N" "$(nblocks "$P" online Movable)"
assert_eq "policy back to online" online "$(attr "$MEM/auto_online_blocks")"
daxctl reconfigure-device -m devdax -f "$P" >/dev/null 2>&1
echo "$POLICY0" >"$MEM/auto_online_blocks"

# --- two commands at once: the temporary policies do not leak (lock around the swap)
H=
for r in $(dax_regions hmem); do
	d=$(dax_devices "$r" | head -n1)
	[ "$(dax_mode "$d")" = devdax ] && H=${d##*/}
done
if [ -n "$H" ]; then
	daxctl reconfigure-device -m system-ram "$H" >h.out 2>&1 &
	j1=$!
	daxctl reconfigure-device -m system-ram -N "$P" >p.out 2>&1 &
	j2=$!
	wait $j1; r1=$?
	wait $j2; r2=$?
	assert_eq "concurrent: both succeed" "0 0" "$r1 $r2"
	assert_eq "concurrent: policy restored" "$POLICY0" "$(attr "$MEM/auto_online_blocks")"
	assert_eq "concurrent: $H all Movable" "$(total "$H")" "$(nblocks "$H" online Movable)"
	assert_eq "concurrent: $P all offline" "$N" "$(nblocks "$P" offline -)"
	daxctl reconfigure-device -m devdax -f "$H" "$P" >out 2>err; rc=$?
	assert_eq "both back to devdax in one command" 0 $rc
	assert_eq "reported per device" 2 "$(grep -c ': reconfigure to devdax: system-ram' err)"
fi

# --- --no-movable, then a block pinned by pipe pages on the device's node
daxctl reconfigure-device -m system-ram --no-movable "$P" >out 2>err; rc=$?
assert_eq "--no-movable exit" 0 $rc
assert_eq "--no-movable: every block in Normal" "$N" "$(nblocks "$P" online Normal)"
assert_eq "--no-movable JSON movable" false "$(jq '.[0].movable' out)"
mkdir -p /cg && mount -t cgroup2 none /cg 2>/dev/null
echo +cpuset >/cg/cgroup.subtree_control
mkdir -p /cg/pin && echo "$NODE" >/cg/pin/cpuset.mems
sh -c 'echo $$ >/cg/pin/cgroup.procs; i=0; while [ $i -lt 16 ]; do dd if=/dev/zero bs=64k count=1 2>/dev/null | sleep 300 & i=$((i + 1)); done; wait' &
pinner=$!
sleep 1
before=$(blocks "$P")
daxctl offline-memory "$P" >out 2>err; rc=$?
if [ $rc = 0 ] && kernel_ge 6.12; then
	# node 1 also holds dax4.0's Normal memory on 6.12: the pipe pages may sit there
	echo "note: no block pinned on $(uname -r) (pipe pages elsewhere on node $NODE)"
else
	assert_ne "offline with a pinned block fails" 0 $rc
	assert_match "names the pinned block(s)" "^daxctl offline-memory: $P: offline memory failed: memory[0-9]+(,memory[0-9]+)* could not be offlined" "$(cat err)"
	assert_eq "all or nothing: every block back, same zones" "$before" "$(blocks "$P")"
	assert_eq "still system-ram" system-ram "$(dax_mode "$PD")"
fi
kill -- -$pinner 2>/dev/null; pkill -P $pinner 2>/dev/null; kill $pinner 2>/dev/null
ndvm_finish
