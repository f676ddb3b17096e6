# capture-sysfs.sh state "labeled": label indexes written on every DIMM (reference
# init-labels, regions disabled then enabled), then one namespace of each mode: on the
# lower-address NFIT region fsdax map=dev 512M, fsdax map=mem 256M, devdax 512M; on the
# other sector 256M and raw 256M. The e820 region stays as booted.
# ndvm-group: capture
# ndvm-timeout: 600
. /vm/lib.sh
. /vm/capture.sh
nfit=$(nd_buses ACPI.NFIT)
[ -n "$nfit" ] || ndvm_die "no ACPI.NFIT bus"
# regions sorted by resource: names differ between kernels
set -- $(for r in $(nd_regions "$nfit"); do echo "$(num "$(attr "$r/resource")") ${r##*/}"; done | sort -n | cut -d' ' -f2)
ra=$1 rb=$2
nd=/ref/bin/ndctl
step $nd disable-region -b ACPI.NFIT all || ndvm_die "disable-region"
step $nd init-labels -b ACPI.NFIT all || ndvm_die "init-labels"
step $nd enable-region -b ACPI.NFIT all || ndvm_die "enable-region"
step $nd create-namespace -r "$ra" -m fsdax -M dev -s 512M || ndvm_die "fsdax dev"
step $nd create-namespace -r "$ra" -m fsdax -M mem -s 256M || ndvm_die "fsdax mem"
step $nd create-namespace -r "$ra" -m devdax -s 512M || ndvm_die "devdax"
step $nd create-namespace -r "$rb" -m sector -s 256M || ndvm_die "sector"
step $nd create-namespace -r "$rb" -m raw -s 256M || ndvm_die "raw"
for r in $ra $rb; do assert_eq "$r labels" labeled "$(nd_region_labels "$ND/$r")"; done
capture_state labeled
ndvm_finish
