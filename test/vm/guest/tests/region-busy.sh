# disable-region refuses while a namespace is in use, and changes nothing: the e820 region's
# block device as active swap (the kernel holds it exclusively), then its namespace as devdax
# with the device-dax instance made system-ram (kmem; with auto-onlining off, as 6.12 has it on
# and the reference daxctl then refuses);
# once released, the region disables.
# ndvm-group: core
# ndvm-fresh: yes
# ndvm-timeout: 200
. /vm/lib.sh
nd=/ref/bin/ndctl
dx=/ref/bin/daxctl
e820=$(nd_regions "$(nd_buses e820)" | head -n1); E=${e820##*/}
[ -n "$e820" ] || ndvm_die "no e820 region"
drv() { basename "$(readlink "$1/driver" 2>/dev/null)" 2>/dev/null; }
ns=$(nd_namespaces "$e820" | head -n1); NS=${ns##*/}
bdev=$(ls "$ns/block" 2>/dev/null)
[ -b "/dev/$bdev" ] || ndvm_die "no block device for $NS"
writes() { grep -c 'write([0-9]*</sys/bus/nd/drivers/' "$1"; }

# --- swap holds the block device exclusively
mkswap "/dev/$bdev" >/dev/null 2>&1 && swapon "/dev/$bdev" 2>/dev/null
if grep -q "/dev/$bdev" /proc/swaps; then
	strace -f -y -e trace=write -o swap.st ndctl disable-region "$E" 2> swap.err; rc=$?
	cat swap.err
	assert_ne "disable-region with swap on /dev/$bdev: status" 0 "$rc"
	assert_match "disable-region explains" "$E: not disabled: $NS is in use: /dev/$bdev is mounted or held open exclusively" "$(cat swap.err)"
	assert_eq "nothing unbound" 0 "$(writes swap.st)"
	assert_eq "$E still enabled" nd_region "$(drv "$e820")"
	assert_eq "$NS still enabled" nd_pmem "$(drv "$ns")"
	assert_eq "swap still active" 1 "$(grep -c "/dev/$bdev" /proc/swaps)"
	swapoff "/dev/$bdev"
else
	ndvm_fail "could not start swap on /dev/$bdev"
fi

# --- device-dax as system-ram
assert_cmd "reference: $NS to devdax" $nd create-namespace -f -e "$NS" -m devdax
dax=$(ls -d "$e820"/dax*.*/dax*.* 2>/dev/null | head -n1); DAX=${dax##*/}
assert_match "device-dax instance" '^dax[0-9]+\.[0-9]+$' "$DAX"
echo offline > "$MEM/auto_online_blocks"
assert_cmd "reference: $DAX to system-ram" $dx reconfigure-device -m system-ram "$DAX"
assert_eq "$DAX mode" system-ram "$(dax_mode "/sys/bus/dax/devices/$DAX")"
strace -f -y -e trace=write -o kmem.st ndctl disable-region "$E" 2> kmem.err; rc=$?
cat kmem.err
assert_ne "disable-region with $DAX as system-ram: status" 0 "$rc"
assert_match "disable-region explains" "$E: not disabled: $NS is in use: $DAX is system-ram.*daxctl offline-memory $DAX" "$(cat kmem.err)"
assert_eq "nothing unbound" 0 "$(writes kmem.st)"
assert_eq "$E still enabled" nd_region "$(drv "$e820")"
assert_eq "$DAX still system-ram" system-ram "$(dax_mode "/sys/bus/dax/devices/$DAX")"

# --- released: devdax (not mapped) disables
if $dx offline-memory "$DAX" >/dev/null 2>&1 && $dx reconfigure-device -m devdax "$DAX" >/dev/null 2>&1; then
	assert_eq "$DAX back to devdax" devdax "$(dax_mode "/sys/bus/dax/devices/$DAX")"
	assert_cmd "disable-region once released" ndctl disable-region "$E"
	assert_eq "$E disabled" "" "$(drv "$e820")"
	assert_cmd "enable-region" ndctl enable-region "$E"
	assert_eq "$E enabled" nd_region "$(drv "$e820")"
	assert_eq "devdax namespace back with its device-dax instance" yes \
		"$([ -d "/sys/bus/dax/devices/$DAX" ] && echo yes)"
else
	echo "# the kernel keeps $DAX's memory (offline refused): release not tested"
fi
ndvm_finish
