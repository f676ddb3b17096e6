# memmap cost probe for the VM test bed (not wired into test/vm; run like plan-probe.sh):
# /proc/vmstat nr_memmap_pages (6.11+) around each creation with Debian's ndctl 76.1.
# On 6.12.117 the counter also counts vmemmap carved from the pmem (map=dev), so only the
# map=mem lines measure DRAM. Log: memmap-6.12.log, checked by test-plan.c.
# ndvm-timeout: 600
. /vm/lib.sh
nd=/ref/bin/ndctl
nfit=$(nd_buses ACPI.NFIT)
set -- $(for r in $(nd_regions "$nfit"); do echo "$(num "$(attr "$r/resource")") ${r##*/}"; done | sort -n | cut -d' ' -f2)
ra=$1
dimm=$(cut -d, -f1 "$ND/$ra/mapping0")
$nd disable-region "$ra" >/dev/null 2>&1; $nd init-labels "$dimm" >/dev/null 2>&1; $nd enable-region "$ra" >/dev/null 2>&1
grep memmap /proc/vmstat | sed 's/^/MEMMAP vmstat /'
mm() { awk '$1=="nr_memmap_pages"{print $2}' /proc/vmstat; }
for c in "fsdax -M mem -a 2M -s 1G" "fsdax -M dev -a 2M -s 1G" "devdax -M mem -a 2M -s 1G" "devdax -M mem -a 4K -s 1G" "devdax -M mem -a 1G -s 2G" "devdax -M dev -a 2M -s 1G" "fsdax -M mem -a 2M -s 1040M" "devdax -M mem -a 2M -s 1040M"; do
	b=$(mm); $nd create-namespace -r "$ra" -m $c >/dev/null 2>&1; rc=$?; a=$(mm)
	echo "MEMMAP cmd=$(echo $c | tr ' ' _) rc=$rc before=$b after=$a delta_pages=$((a - b))"
	$nd destroy-namespace -f -r "$ra" all >/dev/null 2>&1
	echo "MEMMAP after-destroy=$(mm)"
done
ndvm_finish
