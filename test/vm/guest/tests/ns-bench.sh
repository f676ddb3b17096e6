# Benchmark (not a pass/fail test of speed): create + destroy of a 256 MiB fsdax, devdax
# and sector namespace, ours (/usr/bin/ndctl) against the reference (/ref/bin/ndctl), in
# the same boot, N rounds each, alternating; prints per-round times and medians (ms), and
# the sysfs writes each of our operations makes (strace). Results are recorded in
# Documentation/dev/benchmarks-ns.md. Asserts only that every operation succeeded.
# ndvm-group: bench
# ndvm-fresh: yes
# ndvm-timeout: 900
. /vm/lib.sh
. /vm/tests/ns-lib.inc
ns_label_region
N=${NS_BENCH_ROUNDS:-7}
# milliseconds since boot (10 ms resolution: busybox date has no %N)
now() { awk '{printf "%d\n", $1 * 1000}' /proc/uptime; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
one() { # TOOL MODE -> ms for create + destroy (no other program timed in between)
	_t0=$(now)
	$1 create-namespace -r "$R" -m $2 -s 256M > /tmp/b.out 2>/dev/null || ndvm_fail "$1 create $2"
	_t1=$(now)
	_d=$(sed -n 's/.*"dev":"\([^"]*\)".*/\1/p' /tmp/b.out | head -n1)
	_t2=$(now)
	$1 destroy-namespace -f "$_d" >/dev/null 2>&1 || ndvm_fail "$1 destroy $2"
	_t3=$(now)
	echo $((_t1 - _t0 + _t3 - _t2))
}
for m in fsdax devdax sector; do
	: > /tmp/b.ours.$m; : > /tmp/b.ref.$m
	i=0
	while [ $i -lt $N ]; do
		one ndctl $m >> /tmp/b.ours.$m
		one $ref $m >> /tmp/b.ref.$m
		i=$((i + 1))
	done
	o=$(median < /tmp/b.ours.$m); r=$(median < /tmp/b.ref.$m)
	echo "BENCH mode=$m ours_ms=[$(tr '\n' ' ' < /tmp/b.ours.$m)] ref_ms=[$(tr '\n' ' ' < /tmp/b.ref.$m)] median_ours=$o median_ref=$r ratio=$(awk -v a=$o -v b=$r 'BEGIN{printf "%.2f", a/b}')"
done
if command -v strace >/dev/null; then
	for m in fsdax devdax sector raw; do
		for t in ndctl $ref; do
			strace -f -y -s 64 -e trace=write -o /tmp/st.c $t create-namespace -r "$R" -m $m -s 256M > /tmp/st.out 2>/dev/null
			d=$(jq -r .dev < /tmp/st.out)
			strace -f -y -s 64 -e trace=write -o /tmp/st.d $t destroy-namespace -f "$d" >/dev/null 2>&1
			for op in c d; do
				# writes to sysfs files (strace -y shows each fd's path)
				n=$(grep -c 'write([0-9]*</sys/' /tmp/st.$op)
				echo "WRITES tool=${t##*/}$( [ $t = ndctl ] && echo -ours || echo -ref) op=$( [ $op = c ] && echo create || echo destroy) mode=$m count=$n"
				grep 'write([0-9]*</sys/' /tmp/st.$op | sed -e 's/^[0-9]* */    /' -e 's,</sys/devices/[^>]*/\([^/>]*/[^/>]*\)>,<\1>,' | cut -c1-110
			done
		done
	done
fi
ndvm_finish
