# What the README's first command shows: the test bed's topology as our tools see it.
# ndvm-group: demo
# ndvm-timeout: 120
. /vm/lib.sh

section() { printf '\n===== %s\n' "$*"; }

section "kernel $(uname -r); memory block size $(($(num "$(attr /sys/devices/system/memory/block_size_bytes)") >> 20)) MiB; auto_online_blocks=$(attr /sys/devices/system/memory/auto_online_blocks)"
section "ndctl list -BDRNu: buses, DIMMs, regions, namespaces"
ndctl list -BDRNu || ndvm_die "ndctl list failed"
section "ndctl list -Ru -v: region capabilities (what each region can be turned into)"
ndctl list -Ru -v || ndvm_die "ndctl list -v failed"
section "daxctl list -RDMu: dax regions, devices, their ranges and memory"
daxctl list -RDMu || ndvm_die "daxctl list failed"
section "done"
