# ndctld reacts to hotplug (systemd PID 1, udevd running): devices created after boot get the
# policy of the configuration in place at boot ([device] sections), under the kernel's most
# hostile onlining policy (auto_online_blocks=online, 6.12's default, set on both kernels):
#   - an NFIT devdax namespace named "hotram" (ndctl create-namespace) -> its dax device
#     becomes system-ram, every block online in ZONE_MOVABLE;
#   - a 256M hmem instance of node 0 (daxctl create-device) -> /dev/daxX.Y vmuser:vmuser
#     0600, vmuser can open it, "other" cannot (EACCES); again after disable + enable (a new
#     device node: ownership is applied on every add);
#   - a 512M hmem instance of node 0 -> system-ram, online, movable.
# A device vmuser holds open is refused when a reload asks system-ram for it (its pid named in
# the journal; it stays devdax). Then SIGHUP with a broken file (unknown key): the journal names FILE:LINE, the daemon stays
# active and keeps the last good configuration (the broken file's section, which would open
# the device to everybody, is not applied on the next add). `ndctld --check` prints a plan
# and changes nothing: no changes with the configuration in place; one chmod with a
# configuration asking for 0640, which is not done. Idle, the daemon does not wake up and
# stays within 4 MiB resident (the issue's limits). Then,
# with ndctld stopped, the one-shot path (udev rule -> daxdev-reconfigure@ -> daxctl
# reconfigure-device --check-config) applies the configuration to a 128M instance.
# Every wait is a bounded loop over the real state (udevadm settle + check).
# 6.12 boots with memhp_default_state=offline: its kernel binds hmem to kmem at boot, and
# online memory in ZONE_NORMAL could not be given back to carve instances.
# ndvm-group: daemon
# ndvm-init: systemd
# ndvm-setup: yes
# ndvm-timeout: 240
# ndvm-append-6.12: memhp_default_state=offline
. /vm/tests/daemon-lib.inc
M=1048576
RB=$(nfit_upper)
HR=$(hmem_region 0)
[ -n "$RB" ] && [ -n "$HR" ] || ndvm_die "no NFIT region or no hmem region of node 0"

if [ "${1:-}" = setup ]; then
	label_region "$RB"
	zone=movable
	# run-vm.sh --env NDVM_BREAK_ASSERT=1: a configuration the assertions must catch
	[ "${NDVM_BREAK_ASSERT:-}" = 1 ] && zone=normal
	conf_write 50-daemon-hotplug.conf <<EOF
# daemon-hotplug (VM test)
[device hot-ram]
region.kind = pmem
namespace = hotram
mode = system-ram
zone = $zone

[device hot-vm]
region.kind = hmem
node = 0
size = 256M
owner = vmuser
group = vmuser
permissions = 0600

[device hot-hmem-ram]
region.kind = hmem
node = 0
size = 512M
mode = system-ram
zone = movable

# applied by the one-shot path (udev rule -> daxdev-reconfigure@) once ndctld is stopped
[device hot-oneshot]
region.kind = hmem
node = 0
size = 128M
mode = system-ram
zone = movable
EOF
	echo "setup: ${RB##*/} $(nd_region_labels "$RB"), configuration in $NDVM_CONF_DIR"
	exit 0
fi

assert_eq "ndctld.service" active "$(systemctl is-active ndctld.service)"
POLICY0=$(attr "$MEM/auto_online_blocks")
echo online > "$MEM/auto_online_blocks"
assert_eq "auto_online_blocks (the kernel onlines hot-added memory itself)" online "$(attr "$MEM/auto_online_blocks")"

settled() { udevadm settle --timeout=10 && "$@"; }
ram_ok() { # DEV: system-ram, blocks all online and movable
	[ "$(dax_mode "$1")" = system-ram ] || return 1
	_n=$(dax_memblocks "$1" | wc -l)
	[ "$_n" -gt 0 ] && [ "$(ram_state "$1")" = "$_n blocks, online $_n, movable $_n" ]
}
node_ok() { [ "$(stat -c '%U %G %a' "$1" 2>/dev/null)" = "vmuser vmuser 600" ]; }

# --- NFIT: a devdax namespace named hotram
out=$(ndctl create-namespace -r "${RB##*/}" -m devdax -s 512M -n hotram 2>&1)
assert_eq "create-namespace hotram on ${RB##*/}" 0 $?
ns=$(ns_named "$RB" hotram)
dd=$(ns_dax_devices "${ns##*/}")
assert_count "dax device of hotram" 1 $dd
if [ -n "$dd" ]; then
	wait_for 30 settled ram_ok "$dd"
	assert_eq "${dd##*/} (hotram) mode" system-ram "$(dax_mode "$dd")"
	n=$(dax_memblocks "$dd" | wc -l)
	assert_ne "${dd##*/} memory blocks" 0 "$n"
	assert_eq "${dd##*/} memory, configured zone held" "$n blocks, online $n, movable $n" "$(ram_state "$dd")"
fi

# --- hmem of node 0: make room (6.12 boots its seed as kmem, offline here), then two instances
seed=$(dax_devices "$HR" | head -n1)
rid=$(attr "$HR/id")
[ "$(dax_mode "$seed")" = system-ram ] && daxctl reconfigure-device -m devdax "${seed##*/}" >/dev/null
daxctl disable-device "${seed##*/}" >/dev/null 2>&1
assert_cmd "shrink ${seed##*/} to 0" daxctl reconfigure-device -s 0 "${seed##*/}"
# Known race (seen in 2 of ~12 runs, at load 7-8): ndctld handles the instance's add uevent
# while create-device is between writing the size and binding device_dax; then either
# create-device fails (ndctld bound kmem first: "created the 512M instance" fails) or ndctld's
# kmem bind fails and is not retried (its own "failed" record; the memory stays offline
# until some later uevent). The test reports it; the daemon has to wait for the bind.
mk() { # SIZE: create an instance, print its name (daxctl's errors go to the log)
	daxctl create-device -r "$rid" -s "$1" 2>mk.err | jq -r '.[0].chardev // .chardev // empty'
	sed "s/^/create-device -s $1: /" mk.err >&2
}
v=$(mk 256M); r=$(mk 512M)
assert_match "created the 256M instance" '^dax[0-9]+\.[0-9]+$' "$v"
assert_match "created the 512M instance" '^dax[0-9]+\.[0-9]+$' "$r"
if [ -n "$v" ]; then
	wait_for 30 settled node_ok "/dev/$v"
	assert_eq "/dev/$v owner, group, mode" "vmuser vmuser 600" "$(stat -c '%U %G %a' "/dev/$v")"
	assert_eq "/dev/$v opened by vmuser" ok "$(open_as vmuser "/dev/$v")"
	assert_eq "/dev/$v opened by other (EACCES)" "Permission denied" "$(open_as other "/dev/$v")"
	assert_eq "$v size" $((256 * M)) "$(attr "$DAX/$v/size")"
fi
if [ -n "$r" ]; then
	wait_for 30 settled ram_ok "$DAX/$r"
	assert_eq "$r memory, configured zone held" "4 blocks, online 4, movable 4" "$(ram_state "$DAX/$r")"
fi
readd() { # DEV: unbind and bind again: the device node is made anew (root, 0600)
	daxctl disable-device "$1" >/dev/null && daxctl enable-device "$1" >/dev/null
}
if [ -n "$v" ]; then
	readd "$v"
	wait_for 30 settled node_ok "/dev/$v"
	assert_eq "/dev/$v after disable + enable" "vmuser vmuser 600" "$(stat -c '%U %G %a' "/dev/$v")"
fi

# --- a device in use is never taken: vmuser (another uid: the sandboxed daemon must be able
# to see its fds) holds /dev/$v open; a configuration asking system-ram for it is reloaded ->
# refused with the holder's pid, the device stays devdax with its owner
if [ -n "$v" ]; then
	rm -f /tmp/ndvm-holder.pid
	as_user vmuser sh -c "echo \$\$ > /tmp/ndvm-holder.pid; exec 3< /dev/$v; exec sleep 120" &
	wait_for 10 test -s /tmp/ndvm-holder.pid
	holder=$(cat /tmp/ndvm-holder.pid)
	held() { [ "$(readlink "/proc/$holder/fd/3" 2>/dev/null)" = "/dev/$v" ]; }
	assert_cmd "vmuser holds /dev/$v open (pid $holder)" wait_for 10 held
	conf_write 55-take-vm.conf <<EOF
[device take-vm]
device = $v
mode = system-ram
EOF
	systemctl reload ndctld.service
	busy() {
		ndctld_records "select(.NDCTLD_OBJECT == \"$v\" and .NDCTLD_EVENT == \"conflict\")" > busy.json &&
			[ -s busy.json ]
	}
	assert_cmd "journal: the in-use device is refused" wait_for 30 busy
	assert_match "  naming the holder" "process $holder has it open" "$(jq -r .MESSAGE busy.json | head -n1)"
	assert_eq "$v still devdax, still vmuser's" "devdax vmuser 600" \
		"$(dax_mode "$DAX/$v") $(stat -c '%U %a' "/dev/$v")"
	assert_eq "vmuser still holds it" yes "$(held && echo yes || echo no)"
	kill "$holder" 2>/dev/null
	wait 2>/dev/null
	rm -f "$NDVM_CONF_DIR/55-take-vm.conf"
	systemctl reload ndctld.service
fi

# --- SIGHUP with a broken file: reported with FILE:LINE, the last good configuration stays
conf_write 60-broken.conf <<EOF
# line 1: a section that would open vm instances to everybody, and a key that does not exist
[device loose]
region.kind = hmem
size = 256M
permissions = 0666
colour = blue
EOF
bad="$NDVM_CONF_DIR/60-broken.conf"
systemctl reload ndctld.service
assert_eq "reload queued" 0 $?
rec() { ndctld_records "select(.NDCTLD_CONFIG_FILE == \"$bad\")" > bad.json && [ -s bad.json ]; }
assert_cmd "journal record naming $bad" wait_for 30 rec
assert_eq "  its line (the unknown key)" 6 "$(jq -r .NDCTLD_CONFIG_LINE bad.json | head -n1)"
assert_match "  its message" 'colour' "$(jq -r .MESSAGE bad.json | head -n1)"
jq -r .MESSAGE bad.json
assert_eq "ndctld still active after the broken reload" active "$(systemctl is-active ndctld.service)"
if [ -n "$v" ]; then
	readd "$v"
	wait_for 30 settled node_ok "/dev/$v"
	assert_eq "/dev/$v re-added after the broken reload (last good config)" "vmuser vmuser 600" \
		"$(stat -c '%U %G %a' "/dev/$v")"
fi
rm -f "$bad"

# --- ndctld --check: a plan, nothing changed
snap() {
	for d in "$DAX"/dax*; do
		echo "${d##*/} $(attr "$d/size") $(dax_mode "$d") $(stat -c '%U %G %a' "/dev/${d##*/}" 2>/dev/null)"
	done
	for b in "$MEM"/memory*; do echo "${b##*/} $(attr "$b/state") $(attr "$b/valid_zones")"; done
}
before=$(snap)
ndctld --check > plan.json 2> check.err
assert_eq "ndctld --check: status (valid, no problems)" 0 $?
assert_eq "  plan: nothing to change, no problems" "0 0" "$(jq -r '"\(.changes | length) \(.problems | length)"' plan.json)"
assert_match "  plan: lists what is in place" "\"$v\"" "$(jq -c '[.unchanged[].object]' plan.json)"
mkdir -m 0755 alt
sed 's/^permissions = 0600/permissions = 0640/' "$NDVM_CONF_DIR/50-daemon-hotplug.conf" > alt/50.conf
ndctld --check --config-dir "$PWD/alt" > plan2.json 2> check2.err
assert_eq "ndctld --check (0640 asked): status" 0 $?
pl=$(grep -n '^permissions' alt/50.conf | cut -d: -f1)
assert_eq "  plan: one change, on $v, from its line" "$v $pl" \
	"$(jq -r '.changes[] | "\(.object) \(.line)"' plan2.json | tr '\n' ' ' | sed 's/ $//')"
jq -c '.changes[]' plan2.json
assert_eq "--check changed nothing" "$before" "$(snap)"

# --- uevent to memory online, the daemon's path then (below) the one-shot path, on 128M
# instances (one block): from the dax device's add uevent to the online uevent of its last
# block, both stamped by one "udevadm monitor -k" (printed, not asserted: one sample on TCG)
mon_start() {
	udevadm monitor -k -s dax -s memory > mon.txt 2>&1 &
	monpid=$!
	wait_for 10 grep -q 'KERNEL - ' mon.txt   # its header: subscribed
}
path_time() { # DEV: seconds from its add uevent to the last online uevent of its blocks
	kill $monpid 2>/dev/null
	_blk=$(for _b in $(dax_memblocks "$DAX/$1"); do printf '%s|' "${_b##*/}"; done)
	awk -v dev="/$1 (dax)" -v blk="/(${_blk%|}) " '
		index($0, "] add ") && index($0, dev) && !a { a = substr($1, 8) + 0 }
		index($0, "] online ") && $0 ~ blk { o = substr($1, 8) + 0 }
		END { if (a && o) printf "%.3f", o - a; else print "?" }' mon.txt
}
mon_start
d=$(mk 128M)
assert_match "created a 128M instance (daemon path)" '^dax[0-9]+\.[0-9]+$' "$d"
if [ -n "$d" ]; then
	wait_for 30 settled ram_ok "$DAX/$d"
	assert_eq "$d memory (daemon path)" "1 blocks, online 1, movable 1" "$(ram_state "$DAX/$d")"
	TD=$(path_time "$d")
fi

# --- idle: no wakeups (context switches) over 2 s once udev is quiet; resident memory
pid=$(systemctl show -p MainPID --value ndctld.service)
udevadm settle --timeout=10
sw() { awk '/^(voluntary|nonvoluntary)_ctxt_switches/ { n += $2 } END { print n }' "/proc/$pid/status"; }
s0=$(sw); sleep 2; s1=$(sw)
assert_eq "ndctld idle: context switches over 2 s" 0 $((s1 - s0))
rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
assert_eq "ndctld resident memory ($rss kB) at most 4 MiB" yes "$([ "$rss" -le 4096 ] && echo yes || echo no)"

# --- without the daemon: the one-shot path (udev rule -> daxdev-reconfigure@DEV.service ->
# daxctl reconfigure-device --check-config DEV) applies the configuration
assert_cmd "systemctl stop ndctld" systemctl stop ndctld.service
assert_eq "/run/ndctld gone with the daemon" no "$([ -d /run/ndctld ] && echo yes || echo no)"
mon_start
o=$(mk 128M)
assert_match "created the 128M instance" '^dax[0-9]+\.[0-9]+$' "$o"
if [ -n "$o" ]; then
	wait_for 60 settled ram_ok "$DAX/$o"
	TO=$(path_time "$o")
	assert_eq "$o memory (one-shot path)" "1 blocks, online 1, movable 1" "$(ram_state "$DAX/$o")"
	u=daxdev-reconfigure@$o.service
	assert_eq "$u ran and succeeded" "ExecMainStatus=0 Result=success" \
		"$(systemctl show -p Result -p ExecMainStatus "$u" | sort | tr '\n' ' ' | sed 's/ $//')"
	journalctl -b -u "$u" -o cat --no-pager
fi
ratio=$(awk -v d="${TD:-?}" -v o="${TO:-?}" 'BEGIN { if (d + 0 > 0 && o + 0 > 0) printf "%.2f", d / o; else print "?" }')
echo "benchmark: add uevent to memory online: daemon ${TD:-?} s, one-shot path ${TO:-?} s, ratio $ratio"

echo "$POLICY0" > "$MEM/auto_online_blocks"
echo "--- ndctld's records this boot"
journalctl -b -u ndctld.service -o cat --no-pager | tail -n 40
ndvm_finish
