# Planner probe for the VM test bed (not wired into test/vm): Debian's ndctl 76.1 creates
# namespaces of many mode x map x align x size combinations and this prints what the kernel
# reports (namespace/pfn/dax/btt size and resource, block and dax device sizes), one
# "PROBE" line each. Run by copying it to test/vm/guest/tests/ and
#   test/vm/run-vm.sh --kernel 6.1|6.12 plan-probe
# The logs it produced are probe-6.1.log / probe-6.12.log next to it; test-plan.c checks
# every line against the planner.
# ndvm-timeout: 1500
. /vm/lib.sh
nd=/ref/bin/ndctl
nfit=$(nd_buses ACPI.NFIT)
set -- $(for r in $(nd_regions "$nfit"); do echo "$(num "$(attr "$r/resource")") ${r##*/}"; done | sort -n | cut -d' ' -f2)
ra=$1 rb=$2
e820=$(nd_regions "$(nd_buses e820)"); e820=${e820##*/}
dimm=$(cut -d, -f1 "$ND/$ra/mapping0")
$nd disable-region "$ra" >/dev/null 2>&1
$nd init-labels "$dimm" >/dev/null 2>&1 || echo "PROBE init-labels failed"
$nd enable-region "$ra" >/dev/null 2>&1
echo "PROBE kernel=$(uname -r) ra=$ra res=$(attr $ND/$ra/resource) rb=$rb res=$(attr $ND/$rb/resource) e820=$e820 res=$(attr $ND/$e820/resource)"
echo "PROBE labels ra=$(nd_region_labels $ND/$ra) rb=$(nd_region_labels $ND/$rb)"

probe() { # NAME REGION ARGS...
	name=$1; shift 2
	out=$($nd create-namespace "$@" 2>/tmp/err); rc=$?
	ns=$(echo "$out" | sed -n 's/.*"dev":"\(namespace[0-9.]*\)".*/\1/p' | head -n1)
	js=$(echo "$out" | sed -n 's/^  "size":\([0-9]*\).*/\1/p' | head -n1)
	bd=$(echo "$out" | sed -n 's/.*"blockdev":"\([a-z0-9]*\)".*/\1/p' | head -n1)
	cd_=$(echo "$out" | sed -n 's/.*"chardev":"\([a-z0-9.]*\)".*/\1/p' | head -n1)
	line="PROBE name=$name rc=$rc ns=$ns json=$js"
	if [ -n "$ns" ]; then
		h=$(attr $ND/$ns/holder)
		line="$line nsres=$(attr $ND/$ns/resource) nssize=$(attr $ND/$ns/size) nsmode=$(attr $ND/$ns/mode) holder=$h"
		if [ -n "$h" ] && [ -e "$ND/$h" ]; then
			line="$line hsize=$(attr $ND/$h/size) hres=$(attr $ND/$h/resource) hmode=$(attr $ND/$h/mode) halign=$(attr $ND/$h/align)"
		fi
		[ -n "$bd" ] && line="$line blk=$(( $(attr /sys/block/$bd/size) * 512 )) lbs=$(attr /sys/block/$bd/queue/logical_block_size)"
		[ -n "$cd_" ] && line="$line daxsize=$(attr /sys/bus/dax/devices/$cd_/size)"
	else
		line="$line err=$(tr '\n' ' ' < /tmp/err | cut -c1-160)"
	fi
	echo "$line"
}
clean() { $nd destroy-namespace -f -r "$ra" all >/dev/null 2>&1; }

for m in "fsdax -M dev" "fsdax -M mem" "devdax -M dev" "devdax -M mem"; do
	for a in 4K 2M; do
		for s in 16M 256M 1040M; do
			set -- $m
			probe "$1-$3-a$a-$s" "$ra" -r "$ra" -m $m -a $a -s $s; clean
		done
	done
done
for l in 512 520 528 4096 4104 4160 4224; do
	probe "sector-l$l-256M" "$ra" -r "$ra" -m sector -l $l -s 256M; clean
done
probe "sector-l4096-32M" "$ra" -r "$ra" -m sector -s 32M; clean
probe "sector-l4096-16M" "$ra" -r "$ra" -m sector -s 16M; clean
probe "sector-l512-2G" "$ra" -r "$ra" -m sector -l 512 -s 2G; clean
probe "raw-256M" "$ra" -r "$ra" -m raw -s 256M; clean
probe "fsdax-dev-a2M-full" "$ra" -r "$ra" -m fsdax -M dev; clean
probe "devdax-mem-a2M-full" "$ra" -r "$ra" -m devdax -M mem; clean
probe "devdax-dev-a1G-full" "$ra" -r "$ra" -m devdax -M dev -a 1G; clean
probe "devdax-mem-a1G-full" "$ra" -r "$ra" -m devdax -M mem -a 1G; clean
probe "devdax-mem-a1G-1G" "$ra" -r "$ra" -m devdax -M mem -a 1G -s 1G; clean
# label-less NFIT region rb: reconfigure its one namespace
nsb=$(basename "$(nd_namespaces $ND/$rb | head -n1)")
for m in "fsdax -M dev" "fsdax -M mem" "devdax -M mem" "sector -l 4096" "sector -l 512" "sector -l 520" "raw"; do
	set -- $m
	probe "ll-$1-$3" "$rb" -f -e "$nsb" -m $m
done
nse=$(basename "$(nd_namespaces $ND/$e820 | head -n1)")
for m in "fsdax -M dev" "fsdax -M mem" "devdax -M mem" "devdax -M dev" "sector -l 4096" "sector -l 4224" "raw"; do
	set -- $m
	probe "e820-$1-$3" "$e820" -f -e "$nse" -m $m
done
probe "e820-back" "$e820" -f -e "$nse" -m fsdax -M mem
# 6.1 vs 6.12: 1G-aligned devdax at a start that is not 1G aligned (last: may upset 6.1)
probe "pad-raw-512M" "$ra" -r "$ra" -m raw -s 512M
probe "devdax-dev-a1G-1G-at512M" "$ra" -r "$ra" -m devdax -M dev -a 1G -s 1G
probe "devdax-dev-a2M-1G-at512M" "$ra" -r "$ra" -m devdax -M dev -a 2M -s 1G
echo "PROBE done"
ndvm_finish
