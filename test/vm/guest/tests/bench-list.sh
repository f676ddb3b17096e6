# Benchmark (not a pass/fail test): wall-clock medians of our ndctl/daxctl against Debian's
# reference 76.1 in the same boot, runs interleaved (benchrun; pass it with
# `run-vm.sh --bin build/test/bench/benchrun`). The reference runs as /ref/libexec/TOOL with
# LD_LIBRARY_PATH=/ref/lib (what its /ref/bin wrapper does, without timing the wrapper's shell).
# Targets (Documentation/dev/benchmarks.md): list commands at most 0.3x the reference,
# --version (process start) at most 0.25x. Prints "BENCH kernel|command|ours_us|ref_us|ratio|N|
# target|verdict" lines and sends them to the host as artifact bench-list.txt.
# NDVM_BENCH_N (default 31) runs per command.
# ndvm-group: bench
# ndvm-timeout: 1200
. /vm/lib.sh
BR=$(command -v benchrun) || ndvm_skip "benchrun not in the guest (run-vm.sh --bin build/test/bench/benchrun)"
N=${NDVM_BENCH_N:-31}
K=$(uname -r)
out=/tmp/bench-list.txt
: > $out
bench() { # TARGET TOOL ARGS...
	_tgt=$1 _t=$2; shift 2
	"$BR" -n "$N" -w 3 -- "/usr/bin/$_t" "$@" --- LD_LIBRARY_PATH=/ref/lib "/ref/libexec/$_t" "$@" > br.txt ||
		{ ndvm_fail "benchrun $_t $*"; cat br.txt; return; }
	set -- "$_t $*"
	awk -v k="$K" -v c="$1" -v tgt="$_tgt" 'NR == 1 { o = $1; os = $5 } NR == 2 { r = $1; rs = $5; n = $4 }
		END { ratio = o / r; printf "BENCH %s|%s|%d|%d|%.3f|%d|%s|%s%s\n", k, c, o, r, ratio, n, tgt,
			ratio <= tgt ? "ok" : "OVER", (os != rs ? " (exit " os " vs " rs ")" : "") }' br.txt | tee -a $out
}
echo "kernel $K, $N runs each, medians in microseconds"
bench 0.25 ndctl --version
bench 0.25 daxctl --version
bench 0.3 ndctl list -N
bench 0.3 ndctl list -BDRNu -vvv
bench 0.3 daxctl list -RDM
# more, for the record
bench 0.3 ndctl list
bench 0.3 ndctl list -RDN
bench 0.3 daxctl list
# baselines: fork+exec of a static binary that does nothing much
"$BR" -n "$N" -w 3 -- /bin/true --- LD_LIBRARY_PATH=/ref/lib /ref/libexec/ndctl --version | awk -v k="$K" '
	NR == 1 { o = $1 } NR == 2 { r = $1 } END { printf "BENCH %s|(baseline) busybox true|%d|%d|%.3f|%d|-|-\n", k, o, r, o / r, '"$N"' }' | tee -a $out
# variants passed with --bin /path/ndctl-VARIANT (test/bench/README.md)
for v in /usr/bin/ndctl-*; do
	[ -x "$v" ] || continue
	"$BR" -n "$N" -w 3 -- "$v" --version --- LD_LIBRARY_PATH=/ref/lib /ref/libexec/ndctl --version |
		awk -v k="$K" -v c="${v##*/} --version" 'NR == 1 { o = $1 } NR == 2 { r = $1 } END {
		printf "BENCH %s|%s|%d|%d|%.3f|%d|0.25|%s\n", k, c, o, r, o / r, '"$N"', o / r <= 0.25 ? "ok" : "OVER" }' | tee -a $out
	"$BR" -n "$N" -w 3 -- "$v" list -N --- LD_LIBRARY_PATH=/ref/lib /ref/libexec/ndctl list -N |
		awk -v k="$K" -v c="${v##*/} list -N" 'NR == 1 { o = $1 } NR == 2 { r = $1 } END {
		printf "BENCH %s|%s|%d|%d|%.3f|%d|0.3|%s\n", k, c, o, r, o / r, '"$N"', o / r <= 0.3 ? "ok" : "OVER" }' | tee -a $out
done
ndvm_export bench-list -C /tmp bench-list.txt
ndvm_finish
