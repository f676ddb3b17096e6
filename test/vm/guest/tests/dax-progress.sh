# Progress of long kmem operations: on a terminal daxctl shows "memory block i/N" as it
# goes and clears the line at the end; on a pipe it prints none of it. Uses an hmem device
# (8 blocks of 128 MiB): devdax at boot on 6.1; on 6.12 booted with hmem memory offline, so
# the device is system-ram with offline blocks. pty-run (test/vm/helpers) gives daxctl a
# pseudo-terminal.
# ndvm-group: core
# ndvm-fresh: yes
# ndvm-append-6.12: memhp_default_state=offline
# ndvm-timeout: 180
. /vm/lib.sh
command -v pty-run >/dev/null || ndvm_skip "pty-run not in the guest (NDCTL_VM_BINS)"

dev=
for r in $(dax_regions hmem); do
	d=$(dax_devices "$r" | head -n1)
	[ -n "$d" ] || continue
	dev=$d
	break
done
[ -n "$dev" ] || ndvm_die "no hmem dax device"
n=${dev##*/}
online() { for b in $(dax_memblocks "$dev"); do attr "$b/state"; done | grep -c '^online$'; }

# get to "system-ram, all blocks offline" without progress on a pipe
case $(dax_mode "$dev") in
devdax)
	daxctl reconfigure-device -m system-ram -N "$n" >out 2>err
	assert_eq "to system-ram without onlining (pipe)" 0 $? ;;
system-ram)
	[ "$(online)" = 0 ] || daxctl offline-memory "$n" >out 2>err ;;
esac
assert_eq "$n is system-ram" system-ram "$(dax_mode "$dev")"
assert_eq "$n blocks all offline" 0 "$(online)"
# (memory blocks exist only once kmem has added the memory)
assert_eq "$n has 8 memory blocks (enough for progress)" 8 "$(dax_memblocks "$dev" | wc -l)"

# online on a terminal: progress lines, then the line cleared
pty-run daxctl online-memory "$n" > tty.out; rc=$?
assert_eq "online-memory on a pty exit" 0 $rc
assert_eq "all blocks online" 8 "$(online)"
assert_match "progress shows the first block" "memory block 1/8" "$(tr '\r' '\n' < tty.out)"
assert_match "progress shows the last block" "memory block 8/8" "$(tr '\r' '\n' < tty.out)"
assert_eq "progress line cleared at the end" 1 "$(grep -c "$(printf '\033\\[K')" tty.out)"

# offline through a pipe: no progress at all
daxctl offline-memory "$n" >out 2>err; rc=$?
assert_eq "offline-memory on a pipe exit" 0 $rc
assert_eq "all blocks offline" 0 "$(online)"
assert_eq "no progress on a pipe (no carriage returns)" 0 "$(tr -cd '\r' < err | wc -c)"
assert_eq "no progress on a pipe (no block counter)" 0 "$(grep -c 'memory block' err)"
ndvm_finish
