# capture-sysfs.sh state "boot": the topology as booted (label-less NFIT, hmem as the kernel set it)
# ndvm-group: capture
# ndvm-timeout: 600
. /vm/lib.sh
. /vm/capture.sh
capture_state boot
