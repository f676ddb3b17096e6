# Labels and namespaces survive a reboot (two boots on the same NVDIMM images):
# phase 1 writes label indexes (reference ndctl) and creates an fsdax namespace on the
# lower-address NFIT region; phase 2 finds the region labeled with that namespace.
# ndvm-group: core
# ndvm-phases: 2
# ndvm-fresh: yes
# ndvm-timeout: 120
. /vm/lib.sh
nfit=$(nd_buses ACPI.NFIT)
r=$(for x in $(nd_regions "$nfit"); do echo "$(num "$(attr "$x/resource")") $x"; done | sort -n | head -n1 | cut -d' ' -f2)
[ -n "$r" ] || ndvm_die "no NFIT region"
nd=/ref/bin/ndctl
case $NDVM_PHASE in
1)
	assert_eq "${r##*/} labels at first boot" label-less "$(nd_region_labels "$r")"
	assert_cmd "disable NFIT regions" $nd disable-region -b ACPI.NFIT all
	assert_cmd "init-labels" $nd init-labels -b ACPI.NFIT all
	assert_cmd "enable NFIT regions" $nd enable-region -b ACPI.NFIT all
	assert_cmd "create fsdax namespace" $nd create-namespace -r "${r##*/}" -m fsdax -M dev -s 256M
	;;
2)
	assert_eq "${r##*/} labels after reboot" labeled "$(nd_region_labels "$r")"
	ns=$(nd_active_namespaces "$r")
	assert_count "${r##*/} active namespaces after reboot" 1 $ns
	for n in $ns; do
		assert_eq "${n##*/} size" 268435456 "$(attr "$n/size")"
		assert_match "${n##*/} uuid" '^[0-9a-f-]{36}$' "$(attr "$n/uuid")"
		assert_eq "${n##*/} mode (reference ndctl)" fsdax "$($nd list -n "${n##*/}" | jq -r '.[0].mode // .mode')"
	done
	;;
esac
ndvm_finish
