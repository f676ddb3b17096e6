# Namespaces and their labels survive a reboot (two boots on the same NVDIMM images):
# phase 1 creates fsdax, devdax and sector namespaces with fixed uuids and names (and
# writes data to the fsdax one); phase 2 finds them, enabled by the kernel from the
# labels, with the same mode, size, uuid, name, and the data.
# ndvm-group: ns
# ndvm-phases: 2
# ndvm-fresh: yes
# ndvm-timeout: 200
. /vm/lib.sh
. /vm/tests/ns-lib.inc
U1=11111111-2222-3333-4444-000000000001
U2=11111111-2222-3333-4444-000000000002
U3=11111111-2222-3333-4444-000000000003
# the namespace (sysfs) with uuid $1; listings show the claim's uuid, not this one
nsof() { for _n in $(nd_namespaces "$RD"); do [ "$(attr "$_n/uuid")" = "$1" ] && echo "${_n##*/}"; done; }
sig() { ndctl list -n "$(nsof "$1")" | jq -r '.[0] | "\(.mode) \(.size) \(.name)"'; }
bdev() { ndctl list -n "$(nsof "$1")" | jq -r '.[0].blockdev'; }
case $NDVM_PHASE in
1)
	ns_label_region
	assert_cmd "create fsdax" ndctl create-namespace -r "$R" -m fsdax -s 256M -u $U1 -n keep-fsdax
	assert_cmd "create devdax" ndctl create-namespace -r "$R" -m devdax -M mem -s 256M -u $U2 -n keep-devdax
	assert_cmd "create sector" ndctl create-namespace -r "$R" -m sector -l 512 -s 256M -u $U3 -n keep-sector
	b=$(bdev $U1)
	printf 'survives-reboot' | dd of=/dev/$b bs=4096 conv=sync,fsync 2>/dev/null
	;;
2)
	RD=$(ns_lower_nfit); R=${RD##*/}
	assert_eq "$R still labeled" labeled "$(nd_region_labels "$RD")"
	assert_eq "fsdax after reboot" "fsdax 262144000 keep-fsdax" "$(sig $U1)"
	assert_eq "devdax after reboot" "devdax 266338304 keep-devdax" "$(sig $U2)"
	assert_eq "sector after reboot" "sector 266190848 keep-sector" "$(sig $U3)"
	b=$(bdev $U1)
	assert_eq "fsdax data after reboot" survives-reboot "$(dd if=/dev/$b bs=4096 count=1 2>/dev/null | tr -d '\0')"
	assert_cmd "destroy all after reboot" ndctl destroy-namespace -f all -r "$R"
	assert_eq "region empty" 2147483648 "$(attr "$RD/available_size")"
	;;
esac
ndvm_finish
