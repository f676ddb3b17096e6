# Namespaces in use are never disabled, reconfigured or destroyed, --force or not:
# ext4 mounted -o dax on an fsdax namespace, a block device held open by a process,
# a dax character device held open. Each refusal: exit 1, a message naming the user,
# sysfs unchanged, the file's data intact. Once released, destroy works.
# ndvm-group: ns
# ndvm-fresh: yes
# ndvm-timeout: 300
. /vm/lib.sh
. /vm/tests/ns-lib.inc
ns_label_region
ns_json ndctl create-namespace -r "$R" -m fsdax -s 256M
ns=$(jget .dev); bdev=$(jget .blockdev)
grep -qw ext4 /proc/filesystems || ndvm_skip "no ext4 in this guest (needs the ext4 and crc32c_generic modules)"
assert_cmd "mkfs.ext4 on /dev/$bdev" mkfs.ext4 -q -F -b 4096 /dev/$bdev
mkdir -p /mnt/pm
assert_cmd "mount -t ext4 -o dax" mount -o dax /dev/$bdev /mnt/pm
echo "file-data-42" > /mnt/pm/f && sync
before=$(ns_snap "$RD")
refuse() {
	_d=$1 _re=$2; shift 2
	ns_json "$@"
	assert_eq "$_d: exit status" 1 "$NS_RC"
	assert_match "$_d: message" "$_re" "$NS_ERR"
	assert_eq "$_d: sysfs unchanged" "$before" "$(ns_snap "$RD")"
}
refuse "mounted: destroy -f" "/dev/$bdev is (mounted|in use)" ndctl destroy-namespace -f "$ns"
refuse "mounted: reconfigure -f" "/dev/$bdev is (mounted|in use)" ndctl create-namespace -f -e "$ns" -m devdax
refuse "mounted: disable" "/dev/$bdev is (mounted|in use)" ndctl disable-namespace "$ns"
refuse "mounted: destroy all -f" "/dev/$bdev is (mounted|in use)" ndctl destroy-namespace -f all -r "$R"
assert_eq "file intact while mounted" "file-data-42" "$(cat /mnt/pm/f)"
umount /mnt/pm
assert_cmd "mount again" mount -t ext4 -o dax /dev/$bdev /mnt/pm
assert_eq "file intact after remount" "file-data-42" "$(cat /mnt/pm/f)"
umount /mnt/pm

sleep 60 < /dev/$bdev &
holder=$!
sleep 1
refuse "open block device: destroy -f" "open in process $holder" ndctl destroy-namespace -f "$ns"
kill $holder; wait $holder 2>/dev/null

ns_json ndctl create-namespace -r "$R" -m devdax -s 256M
dns=$(jget .dev); chr=$(jget '.daxregion.devices[0].chardev')
before=$(ns_snap "$RD")
sleep 60 < /dev/$chr &
holder=$!
sleep 1
refuse "open dax device: destroy -f" "/dev/$chr is open in process $holder" ndctl destroy-namespace -f "$dns"
refuse "open dax device: reconfigure -f" "/dev/$chr" ndctl create-namespace -f -e "$dns" -m fsdax
kill $holder; wait $holder 2>/dev/null

ns_json ndctl destroy-namespace -f "$ns" "$dns"
assert_eq "released: destroy both" "0 destroyed 2 namespaces" "$NS_RC $NS_ERR"
assert_eq "region empty again" "$(attr "$RD/size")" "$(attr "$RD/available_size")"
ndvm_finish
