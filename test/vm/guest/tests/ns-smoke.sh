# scratch smoke test (not committed)
# ndvm-group: dev
# ndvm-fresh: yes
# ndvm-timeout: 300
. /vm/lib.sh
nfit=$(nd_buses ACPI.NFIT)
r=$(for x in $(nd_regions "$nfit"); do echo "$(num "$(attr "$x/resource")") $x"; done | sort -n | head -n1 | cut -d' ' -f2)
R=${r##*/}
ref=/ref/bin/ndctl
$ref disable-region -b ACPI.NFIT all
$ref init-labels -b ACPI.NFIT all
$ref enable-region -b ACPI.NFIT all
set -x
ndctl create-namespace -r $R -m fsdax -s 256M --dry-run
ndctl create-namespace -r $R -m fsdax -s 256M
ndctl list -N
ndctl create-namespace -r $R -m devdax -s 256M
ndctl create-namespace -r $R -m sector -s 256M --dry-run
ndctl create-namespace -r $R -m sector -s 256M
ndctl create-namespace -r $R -m raw -s 256M
ndctl list -Ni
ndctl destroy-namespace all -r $R
ndctl destroy-namespace all -r $R -f
ndctl list -Ni
ndctl create-namespace -r $R -m fsdax -s 100M
ndctl create-namespace -r $R -m fsdax -s 1G -a 1G
ndctl list -Ni
ndctl create-namespace -r $R -m fsdax -s 512M
ndctl create-namespace -e ${R#region}.0 -m devdax
ndctl create-namespace -f -e namespace${R#region}.0 -m devdax
ndctl disable-namespace namespace${R#region}.0
ndctl list -Ni
ndctl enable-namespace namespace${R#region}.0
ndctl list -N
e=$(nd_regions "$(nd_buses e820)")
ndctl list -N -r ${e##*/}
ndctl create-namespace -f -e namespace${e##*region}.0 -m devdax --dry-run
ndctl create-namespace -f -e namespace${e##*region}.0 -m devdax
ndctl create-namespace -f -e namespace${e##*region}.0 -m raw
ndctl create-namespace -f -e namespace${e##*region}.0 -m fsdax -M mem
ndctl destroy-namespace -f namespace${e##*region}.0
ndctl list -Ni -r ${e##*/}
exit 0
