# Benchmark (same boot): a 1 GiB hmem device to system-ram and back, with our daxctl, with
# Debian's daxctl 76.1 (/ref/bin) and with a minimal shell script doing the same kernel writes
# (the floor); create-device + destroy-device, ours vs the reference. Times from
# /proc/uptime (10 ms steps), rounds interleaved; printed as
# "BENCH name min_ms median_ms rounds" (TCG on a shared host is noisy: compare medians).
# ndvm-group: bench
# ndvm-fresh: yes
# ndvm-timeout: 600
. /vm/lib.sh
ROUNDS=${NDVM_BENCH_ROUNDS:-11}
for r in $(dax_regions hmem); do
	d=$(dax_devices "$r" | head -n1)
	[ "$(attr "$d/target_node")" = 0 ] && R=$r && D=$d
done
N=${D##*/}
RID=$(attr "$R/id")
# booted with memhp_default_state=offline (6.12): kmem holds it, all offline
[ "$(dax_mode "$D")" = system-ram ] && daxctl reconfigure-device -m devdax "$N" >/dev/null 2>&1
[ "$(dax_mode "$D")" = devdax ] || ndvm_skip "$N is $(dax_mode "$D") at boot (6.12 boots hmem as system-ram); boot with memhp_default_state=offline and reconfigure it first"
DRV=$SYS/bus/dax/drivers
BS=$(num "0x$(attr "$MEM/block_size_bytes")")
START=$(num "$(attr "$D/mapping0/start")"); END=$(num "$(attr "$D/mapping0/end")")
BLOCKS=
i=$((START / BS)); while [ $((i * BS)) -le "$END" ]; do BLOCKS="$BLOCKS memory$i"; i=$((i + 1)); done
POLICY=$(attr "$MEM/auto_online_blocks")

ms() { read -r up _ </proc/uptime; echo $((${up%.*} * 1000 + 10 * (1${up#*.} - 100))); }
# floor: what a script that knows everything writes, nothing read back
floor_ram() {
	echo "$N" >"$DRV/device_dax/unbind"
	echo "$N" >"$DRV/kmem/new_id"
	for b in $BLOCKS; do echo online_movable >"$MEM/$b/state"; done
}
floor_devdax() {
	for b in $BLOCKS; do echo offline >"$MEM/$b/state"; done
	echo "$N" >"$DRV/kmem/remove_id"
	echo "$N" >"$DRV/kmem/unbind"
	echo "$N" >"$DRV/device_dax/bind"
}
ours_ram() { daxctl reconfigure-device -m system-ram "$N" >/dev/null 2>&1; }
ours_devdax() { daxctl reconfigure-device -m devdax -f "$N" >/dev/null 2>&1; }
ref_ram() { /ref/bin/daxctl reconfigure-device -m system-ram "$N" >/dev/null 2>&1; }
ref_devdax() { /ref/bin/daxctl reconfigure-device -m devdax -f "$N" >/dev/null 2>&1; }
check_ram() {
	[ "$(dax_mode "$D")" = system-ram ] || ndvm_die "$1: not system-ram"
	for b in $BLOCKS; do [ "$(cut -d' ' -f1 <"$MEM/$b/valid_zones")" = Movable ] || ndvm_die "$1: $b not Movable"; done
}
check_devdax() { [ "$(dax_mode "$D")" = devdax ] || ndvm_die "$1: not devdax"; }

# stats NAME TIMES...: "BENCH NAME min median count"
stats() {
	_n=$1; shift
	_s=$(for x in "$@"; do echo "$x"; done | sort -n)
	_c=$#
	echo "BENCH $_n $(echo "$_s" | head -n1) $(echo "$_s" | sed -n "$(((_c + 1) / 2))p") $_c"
}
T_floor= T_ours= T_ref=
# rounds interleaved so that drift hits all three alike
k=0
while [ $k -lt "$ROUNDS" ]; do
	for t in floor ours ref; do
		t0=$(ms); ${t}_ram; check_ram $t; ${t}_devdax; t1=$(ms); check_devdax $t
		eval "T_$t=\"\$T_$t $((t1 - t0))\""
	done
	k=$((k + 1))
done
for t in floor ours ref; do
	eval "stats reconfigure-roundtrip-$t \$T_$t"
done
assert_eq "policy untouched" "$POLICY" "$(attr "$MEM/auto_online_blocks")"

# create + destroy (256 MiB), ours vs reference; the boot device is emptied first
daxctl disable-device "$N" >/dev/null 2>&1
daxctl destroy-device "$N" >/dev/null 2>&1
T_cours= T_cref=
k=0
while [ $k -lt "$ROUNDS" ]; do
	for t in cours cref; do
		[ $t = cours ] && bin=daxctl || bin=/ref/bin/daxctl
		t0=$(ms)
		out=$($bin create-device -r "$RID" -s 256M 2>/dev/null)
		new=${out#*\"chardev\":\"}; new=${new%%\"*}
		$bin destroy-device -f "$new" >/dev/null 2>&1
		t1=$(ms)
		[ -e "$DAX/$new" ] && ndvm_die "$t: $new not destroyed"
		eval "T_$t=\"\$T_$t $((t1 - t0))\""
	done
	k=$((k + 1))
done
for t in cours cref; do
	eval "stats create-destroy-$t \$T_$t"
done
ndvm_finish
