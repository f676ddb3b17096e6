# Listing compatibility (list-compat.sh's matrix) with labeled NFIT regions holding one
# namespace of each mode, made with the reference ndctl: on the lower-address region fsdax
# map=dev 512M, fsdax map=mem 256M, devdax 512M; on the other sector 256M and raw 256M, then
# the raw one disabled (so -i and -c have something to add).
# ndvm-group: compat
# ndvm-fresh: yes
# ndvm-timeout: 600
LIST_COMPAT_LIB=1
. /vm/tests/list-compat.sh
. /vm/capture.sh
nfit=$(nd_buses ACPI.NFIT)
[ -n "$nfit" ] || ndvm_die "no ACPI.NFIT bus"
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
raw=$($nd create-namespace -r "$rb" -m raw -s 256M | jq -r .dev) || ndvm_die "raw"
step $nd disable-namespace "$raw" || ndvm_die "disable $raw"
lc_matrix labeled
lc_finish
