# capture-sysfs.sh state "dax-online": with the reference daxctl, target node 1's hmem device
# onlined as system-ram (default: movable), target node 0's reconfigured to system-ram with
# --no-online. On 6.12 (hmem boots as System-RAM) each is first made devdax; a step the kernel
# refuses is recorded in ref/steps.log and the state captured as it stands.
# ndvm-group: capture
# ndvm-timeout: 600
. /vm/lib.sh
. /vm/capture.sh
dx=/ref/bin/daxctl
set -- $(hmem_by_node)
d1=$(dax_devices "$1" | head -n1) d0=$(dax_devices "$2" | head -n1)
to_devdax "$d1" && step $dx reconfigure-device -m system-ram "${d1##*/}"
to_devdax "$d0" && step $dx reconfigure-device -m system-ram --no-online "${d0##*/}"
for d in $d1 $d0; do
	b=$(dax_memblocks "$d")
	echo "${d##*/} (target node $(attr "$d/target_node")): $(dax_mode "$d"), $(count_state online $b) of $(echo $b | wc -w) blocks online"
done
assert_eq "${d1##*/} mode" system-ram "$(dax_mode "$d1")"
capture_state dax-online
ndvm_finish
