# A devdax device that a process only maps (its fd closed: nothing in /proc/PID/fd names the
# device, only /proc/PID/maps) counts as in use, like an open one: daxctl reconfigure-device
# -m system-ram and disable-device refuse it naming the process, and the policy engine
# (daxctl reconfigure-device -C, what ndctld runs) reports it busy and leaves it devdax.
# Once the process is gone the conversion goes through. The mapping is made by the
# dax-hold helper (NDCTL_VM_BINS; skipped without it). Uses the hmem device of node 1 (on
# 6.12, booted with memhp_default_state=offline, it is first given back to devdax).
# ndvm-group: core
# ndvm-fresh: yes
# ndvm-append-6.12: memhp_default_state=offline
. /vm/lib.sh
command -v dax-hold >/dev/null || ndvm_skip "dax-hold not in the guest (NDCTL_VM_BINS)"
D=
for r in $(dax_regions hmem); do
	d=$(dax_devices "$r" | head -n1)
	[ "$(attr "$d/target_node")" = 1 ] && D=$d
done
[ -n "$D" ] || ndvm_die "no hmem device of node 1"
N=${D##*/}
[ "$(dax_mode "$D")" = system-ram ] && daxctl reconfigure-device -m devdax -f "$N" >/dev/null
assert_eq "$N devdax" devdax "$(dax_mode "$D")"

dax-hold "/dev/$N" > hold.out 2>&1 &
holder=$!
mapped() { grep -q '^mapped ' hold.out; }
assert_cmd "dax-hold maps /dev/$N" wait_for 10 mapped
cat hold.out
assert_eq "the holder has no fd on /dev/$N" no \
	"$(ls -l /proc/$holder/fd 2>/dev/null | grep -q "/dev/$N" && echo yes || echo no)"
assert_match "its maps name /dev/$N" "/dev/$N" "$(grep "/dev/$N" /proc/$holder/maps)"

daxctl reconfigure-device -m system-ram "$N" > out 2> err; rc=$?
assert_ne "reconfigure-device -m system-ram of a mapped device fails" 0 $rc
assert_match "  naming the process" "in use by process $holder" "$(cat err)"
assert_eq "  $N still devdax" devdax "$(dax_mode "$D")"
daxctl disable-device "$N" > out 2> err; rc=$?
assert_ne "disable-device of a mapped device fails" 0 $rc
assert_match "  naming the process" "in use by process $holder" "$(cat err)"

mkdir -m 0755 conf
cat > conf/10-ram.conf <<EOT
[device ram]
device = $N
mode = system-ram
EOT
chmod 0644 conf/10-ram.conf
daxctl reconfigure-device -C --config-dir "$PWD/conf" "$N" > out 2> err; rc=$?
assert_ne "reconfigure-device -C: the policy cannot be applied" 0 $rc
assert_match "  the engine names the process" "process $holder has it open or mapped" "$(cat err)"
assert_eq "  $N still devdax" devdax "$(dax_mode "$D")"

kill $holder; wait $holder 2>/dev/null
daxctl reconfigure-device -C --config-dir "$PWD/conf" "$N" > out 2> err; rc=$?
assert_eq "holder gone: reconfigure-device -C applies the policy" 0 $rc
assert_eq "  $N system-ram" system-ram "$(dax_mode "$D")"
daxctl reconfigure-device -m devdax -f "$N" > /dev/null 2>&1
ndvm_finish
