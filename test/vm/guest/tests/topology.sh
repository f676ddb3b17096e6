# The fixed topology as each kernel shows it (see test/vm/README.md), plus a smoke check that
# our tools and Debian's reference tools both run in the guest.
# ndvm-group: core
# ndvm-timeout: 60
. /vm/lib.sh
GiB=1073741824

echo "kernel $(uname -r)"
# --- ACPI.NFIT bus: 2 DIMMs, 2 regions of 2 GiB, label-less with fresh backing files
nfit=$(nd_buses ACPI.NFIT)
assert_count "ACPI.NFIT buses" 1 $nfit
assert_count "DIMMs on the NFIT bus" 2 $(nd_dimms "$nfit")
regs=$(nd_regions "$nfit")
assert_count "regions on the NFIT bus" 2 $regs
res=
for r in $regs; do
	n=${r##*/}
	assert_eq "$n size" $((2 * GiB)) "$(attr "$r/size")"
	assert_eq "$n nstype (pmem)" 4 "$(attr "$r/nstype")"
	assert_eq "$n mappings" 1 "$(attr "$r/mappings")"
	assert_eq "$n labels" label-less "$(nd_region_labels "$r")"
	ns=$(nd_active_namespaces "$r")
	assert_count "$n active namespaces" 1 $ns
	for x in $ns; do assert_eq "${x##*/} size" $((2 * GiB)) "$(attr "$x/size")"; done
	res="$res $(attr "$r/resource")"
	assert_eq "$n found by its resource" "$r" "$(nd_region_at "$(attr "$r/resource")")"
done
assert_eq "NFIT region resources (sorted)" "0x1c0000000 0x240000000" "$(echo $res | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')"

# --- e820: one 512 MiB label-less region at 6 GiB on (target) node 1
e820=$(nd_buses e820)
assert_count "e820 buses" 1 $e820
er=$(nd_regions "$e820")
assert_count "e820 regions" 1 $er
assert_eq "e820 region size" 536870912 "$(attr "$er/size")"
assert_eq "e820 region resource" 0x180000000 "$(attr "$er/resource")"
assert_eq "e820 region target_node" 1 "$(attr "$er/target_node")"
assert_eq "e820 region numa_node" 0 "$(attr "$er/numa_node")"
assert_eq "e820 region labels" label-less "$(nd_region_labels "$er")"

# --- memory blocks
bs=$(attr "$MEM/block_size_bytes")
assert_eq "memory block_size_bytes (128 MiB)" $((128 * 1024 * 1024)) "$(num "0x$bs")"
if kernel_ge 6.12; then want=online; else want=offline; fi
assert_eq "auto_online_blocks" "$want" "$(attr "$MEM/auto_online_blocks")"

# --- two hmem dax regions (soft-reserved), 1 GiB each, target nodes 0 and 1
hregs=$(dax_regions hmem)
assert_count "hmem dax regions" 2 $hregs
nodes=
for r in $hregs; do
	p=$(basename "$(real "$r/..")")
	assert_eq "$p dax region size" $GiB "$(attr "$r/size")"
	devs=$(dax_devices "$r")
	assert_count "$p dax devices" 1 $devs
	for d in $devs; do
		dn=${d##*/}
		assert_eq "$dn size" $GiB "$(attr "$d/size")"
		nodes="$nodes $(attr "$d/target_node")"
		blocks=$(dax_memblocks "$d")
		# 6.12 binds hmem to kmem itself and onlines it (auto_online_blocks=online):
		# System-RAM at boot; 6.1 leaves it to device_dax
		if kernel_ge 6.12; then
			assert_eq "$dn mode" system-ram "$(dax_mode "$d")"
			assert_eq "$dn memory blocks online" 8 "$(count_state online $blocks)"
		else
			assert_eq "$dn mode" devdax "$(dax_mode "$d")"
			assert_eq "$dn memory blocks present" 0 "$(echo $blocks | wc -w)"
		fi
	done
done
assert_eq "hmem target nodes (sorted)" "0 1" "$(echo $nodes | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')"
soft=$(grep -c 'Soft Reserved' /proc/iomem)
assert_eq "Soft Reserved ranges in /proc/iomem" 2 "$soft"

# --- smoke: both toolsets start
assert_match "our ndctl --version" '^[0-9]+(\.[0-9]+)+' "$(ndctl --version 2>&1)"
assert_match "our daxctl --version" '^[0-9]+(\.[0-9]+)+' "$(daxctl --version 2>&1)"
assert_eq "reference ndctl --version" 76.1 "$(/ref/bin/ndctl --version 2>&1)"
assert_eq "reference daxctl --version" 76.1 "$(/ref/bin/daxctl --version 2>&1)"
assert_eq "reference ndctl list -R: regions" 3 "$(/ref/bin/ndctl list -R | jq length)"
assert_eq "reference daxctl list -R: regions" 2 "$(/ref/bin/daxctl list -R | jq length)"
[ -n "${NDVM_BREAK_ASSERT:-}" ] && assert_eq "deliberately broken assertion" yes no

ndvm_finish
