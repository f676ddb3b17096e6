# create-namespace --dry-run predicts exactly what the kernel then reports, for every
# mode x map x align the test bed supports: on a labeled NFIT region (new namespaces,
# then destroyed), on the e820 region and on the label-less NFIT region (in place, -L).
# Checked per case: dry-run changes nothing (sysfs snapshot), created "size" and the
# device's own size (block device x512, dax device, btt) equal the planned usable size,
# pfn/dax mode (ram/pmem) and resource (namespace resource + data_offset), BTT logical
# block size, and the region's capacity is back after destroy-namespace.
# 1 GiB-aligned cases run last, each alone in its region: 6.1 crashes destroying a
# 1 GiB-aligned fsdax namespace next to another (testbed.md).
# ndvm-group: ns
# ndvm-fresh: yes
# ndvm-timeout: 900
. /vm/lib.sh
. /vm/tests/ns-lib.inc
ns_label_region
avail0=$(attr "$RD/available_size")

# the claim device (pfnX.Y/daxX.Y/bttX.Y) holding namespace $1 in region dir $2
claim_of() {
	for _c in "$2"/pfn*.* "$2"/dax*.* "$2"/btt*.*; do
		[ -e "$_c/namespace" ] && [ "$(attr "$_c/namespace")" = "$1" ] && echo "$_c"
	done
}

# verify DESC REGIONDIR: NS_OUT holds the create output, PLAN the dry-run output
verify() {
	_d=$1 _rd=$2
	want=$(echo "$PLAN" | jq -r .size)
	dev=$(jget .dev); mode=$(jget .mode)
	assert_eq "$_d: reported size = planned usable" "$want" "$(jget .size)"
	pmode=$(echo "$PLAN" | jq -r .mode)
	case $pmode in
	fsdax)
		bdev=$(jget .blockdev)
		assert_eq "$_d: /sys/class/block/$bdev size" "$want" "$(bsize "$bdev")"
		pmap=$(echo "$PLAN" | jq -r .map)
		if [ "$(echo "$PLAN" | jq -r '.data_offset // empty')" = "" ]; then
			assert_eq "$_d: stays raw on a pagemap region, mode" memory "$(attr "$ND/$dev/mode")"
		else
			c=$(claim_of "$dev" "$_rd")
			exp=pmem; [ "$pmap" = mem ] && exp=ram
			assert_eq "$_d: ${c##*/} mode" "$exp" "$(attr "$c/mode")"
			assert_eq "$_d: ${c##*/} align" "$(echo "$PLAN" | jq -r .align)" "$(attr "$c/align")"
			assert_eq "$_d: ${c##*/} resource = ns resource + data_offset" \
				"$(( $(attr "$ND/$dev/resource") + $(echo "$PLAN" | jq -r .data_offset) ))" \
				"$(num "$(attr "$c/resource")")"
		fi ;;
	devdax)
		chr=$(jget '.daxregion.devices[0].chardev')
		assert_eq "$_d: $chr size" "$want" "$(attr "$DAX/$chr/size")"
		assert_eq "$_d: $chr align" "$(echo "$PLAN" | jq -r .align)" "$(attr "$DAX/$chr/align")"
		c=$(claim_of "$dev" "$_rd")
		exp=pmem; [ "$(echo "$PLAN" | jq -r .map)" = mem ] && exp=ram
		assert_eq "$_d: ${c##*/} mode" "$exp" "$(attr "$c/mode")"
		assert_eq "$_d: ${c##*/} resource = ns resource + data_offset" \
			"$(( $(attr "$ND/$dev/resource") + $(echo "$PLAN" | jq -r .data_offset) ))" \
			"$(num "$(attr "$c/resource")")" ;;
	sector)
		bdev=$(jget .blockdev)
		assert_eq "$_d: /sys/class/block/$bdev size" "$want" "$(bsize "$bdev")"
		c=$(claim_of "$dev" "$_rd")
		assert_eq "$_d: ${c##*/} size" "$want" "$(attr "$c/size")"
		ls=$(echo "$PLAN" | jq -r .sector_size); [ "$ls" -ge 4096 ] && lbs=4096 || lbs=512
		assert_eq "$_d: logical block size" "$lbs" "$(attr "/sys/class/block/$bdev/queue/logical_block_size")" ;;
	raw)
		bdev=$(jget .blockdev)
		assert_eq "$_d: /sys/class/block/$bdev size" "$want" "$(bsize "$bdev")" ;;
	esac
}

# case DESC ARGS...: labeled region, new namespace, destroyed afterwards
case_new() {
	_d=$1; shift
	before=$(ns_snap "$RD")
	ns_json ndctl create-namespace -r "$R" "$@" --dry-run
	assert_eq "$_d: dry-run status" 0 "$NS_RC"
	[ "$NS_RC" = 0 ] || { echo "$NS_ERR"; return; }
	PLAN=$NS_OUT
	assert_eq "$_d: dry-run changed nothing" "$before" "$(ns_snap "$RD")"
	ns_json ndctl create-namespace -r "$R" "$@"
	assert_eq "$_d: create status" 0 "$NS_RC"
	[ "$NS_RC" = 0 ] || { echo "$NS_ERR"; return; }
	verify "$_d" "$RD"
	ns_json ndctl destroy-namespace -f "$(jget .dev)"
	assert_eq "$_d: destroyed" "destroyed 1 namespace" "$NS_ERR"
	assert_eq "$_d: region capacity back" "$avail0" "$(attr "$RD/available_size")"
}

# case_inplace DESC NAMESPACE_DIR ARGS...: reconfigure a label-less namespace
case_inplace() {
	_d=$1 _n=$2; shift 2
	_rd=$(real "$_n/..")
	ns_json ndctl create-namespace -f -e "${_n##*/}" "$@" --dry-run
	assert_eq "$_d: dry-run status" 0 "$NS_RC"
	[ "$NS_RC" = 0 ] || { echo "$NS_ERR"; return; }
	PLAN=$NS_OUT
	ns_json ndctl create-namespace -f -e "${_n##*/}" "$@"
	assert_eq "$_d: reconfigure status" 0 "$NS_RC"
	[ "$NS_RC" = 0 ] || { echo "$NS_ERR"; return; }
	verify "$_d" "$_rd"
}

for m in dev mem; do
	for a in 4K 2M; do
		case_new "fsdax $m $a 256M" -m fsdax -M $m -a $a -s 256M
		case_new "devdax $m $a 256M" -m devdax -M $m -a $a -s 256M
	done
done
for l in 512 520 4096 4224; do
	case_new "sector $l 256M" -m sector -l $l -s 256M
done
case_new "raw 256M" -m raw -s 256M
case_new "fsdax default, whole region" -m fsdax
case_new "fsdax map=auto 256M" -m fsdax -M auto -s 256M
case_new "devdax map=auto 1G" -m devdax -M auto -s 1G
case_new "fsdax dev --usable-size 1G" -m fsdax --usable-size 1G
assert_eq "fsdax --usable-size 1G: at least 1G usable" 1 "$([ "$(echo "$PLAN" | jq -r .size)" -ge 1073741824 ] && echo 1)"
case_new "devdax mem --usable-size 300M" -m devdax -M mem --usable-size 300M
case_new "sector --usable-size 100M" -m sector --usable-size 100M

# label-less: e820 and the unlabeled NFIT region, in place
e=$(nd_regions "$(nd_buses e820)")
en=$(nd_namespaces "$e" | head -n1)
case_inplace "e820 devdax dev" "$en" -m devdax
case_inplace "e820 devdax mem 4K" "$en" -m devdax -M mem -a 4K
case_inplace "e820 fsdax dev" "$en" -m fsdax -M dev
case_inplace "e820 sector 4096" "$en" -m sector
case_inplace "e820 raw" "$en" -m raw
case_inplace "e820 fsdax mem (stays raw)" "$en" -m fsdax -M mem
ll=$(ns_upper_nfit)
lln=$(nd_namespaces "$ll" | head -n1)
assert_eq "${ll##*/} is label-less" label-less "$(nd_region_labels "$ll")"
case_inplace "label-less NFIT fsdax dev" "$lln" -L -m fsdax
case_inplace "label-less NFIT devdax mem" "$lln" -L -m devdax -M mem
case_inplace "label-less NFIT sector 512" "$lln" -L -m sector -l 512
case_inplace "label-less NFIT raw" "$lln" -L -m raw

# 1 GiB alignment: the whole 2 GiB region, alone (see header)
case_new "devdax dev 1G-aligned, whole region" -m devdax -M dev -a 1G
case_new "devdax mem 1G-aligned, whole region" -m devdax -M mem -a 1G
case_new "fsdax mem 1G-aligned, whole region" -m fsdax -M mem -a 1G
case_new "fsdax dev 1G-aligned, whole region" -m fsdax -M dev -a 1G
ndvm_finish
