#!/bin/bash
# test/vm/selftest.sh: self-tests of the VM harness (run-vm.sh), TAP on stdout. Checks that
#   1. a passing test is ok, a broken assertion is "not ok" with expected/actual in the
#      diagnostics, and a test that never ends is killed by the in-guest timeout;
#   2. a guest that stops answering is killed by the host timeout, every test without a result
#      is reported failed, and the console log is kept and named;
#   3. a guest that crashes before init says anything is booted a second time, then reported.
# usage: selftest.sh [--kernel 6.1|6.12] [--build-dir BUILD]
# meson test sets LD_LIBRARY_PATH to our build libraries: QEMU (via libpmem) and the host
# tools must not load them
unset LD_LIBRARY_PATH
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
KSEL=6.1 BUILD=${NDCTL_VM_BUILD:-$HERE/../../build}
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) KSEL=$2; shift 2 ;;
	--build-dir) BUILD=$2; shift 2 ;;
	*) echo "selftest.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
command -v qemu-system-x86_64 >/dev/null || { echo "1..0 # SKIP qemu-system-x86_64 not installed"; exit 0; }
STATE="$BUILD/test/vm/state/selftest-$KSEL"
N=0
echo "1..11"
check() { # DESC COMMAND...: one TAP line
	N=$((N + 1))
	local d=$1; shift
	if "$@"; then echo "ok $N - $d"; else echo "not ok $N - $d"; echo "$OUT" | sed 's/^/#   | /'; fi
}
has() { echo "$OUT" | grep -Eq -- "$1"; }
run() { local t0=$SECONDS; OUT=$("$HERE/run-vm.sh" --kernel "$KSEL" --build-dir "$BUILD" --state "$STATE" "$@" 2>&1); ELAPSED=$((SECONDS - t0)); }

run selftest-pass selftest-fail selftest-timeout
check "passing test reported ok" has '^ok 1 - selftest-pass'
check "broken assertion reported not ok" has '^not ok 2 - selftest-fail'
check "failure diagnostics show expected and actual" has "^# FAIL: deliberately broken assertion: expected 'yes', got 'no'"
check "endless test killed by the in-guest timeout" has '^not ok 3 - selftest-timeout .*timeout after 3s'

run --env NDVM_SELFTEST=hang --grace 5 selftest-pass selftest-fail
check "hung guest: running test reported failed" has '^not ok 1 - selftest-pass.*guest hung, killed by host timeout \(while running it\)'
check "hung guest: remaining test reported failed" has '^not ok 2 - selftest-fail.*guest hung'
con=$(echo "$OUT" | sed -n 's/^# console log: \([^ ]*\).*/\1/p' | head -n1)
check "hung guest: console log kept ($con)" test -s "$con"
check "hung guest: killed well before the default timeout+grace, 150 s (took ${ELAPSED}s)" test "$ELAPSED" -lt 140

run --env NDVM_SELFTEST=panic selftest-pass
check "early crash: retried once" has 'no output from the guest.s init .*retrying once'
check "early crash: test reported failed" has '^not ok 1 - selftest-pass.*guest never reached init'
con=$(echo "$OUT" | sed -n 's/^# console log: \([^ ]*\).*/\1/p' | head -n1)
check "early crash: console log shows the panic" grep -q 'Kernel panic' "$con"
