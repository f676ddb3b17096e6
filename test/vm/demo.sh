#!/bin/bash
# The README's main job: boot the VM test bed and show its topology with our tools.
# usage: test/vm/demo.sh [--build-dir DIR] [--kernel 6.1|6.12]   (default kernel 6.12)
# Prints what the guest printed; exits non-zero if the guest or a tool failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$here/../../build kernel=6.12
while [ $# -gt 0 ]; do
  case $1 in
  --build-dir) build=$2; shift 2 ;;
  --kernel) kernel=$2; shift 2 ;;
  *) echo "usage: $0 [--build-dir DIR] [--kernel 6.1|6.12]" >&2; exit 2 ;;
  esac
done
build=$(cd "$build" && pwd) || exit 2
state=$build/test/vm/state/demo-$kernel
rm -rf "$state/logs"
start=$(date +%s.%N)
"$here/run-vm.sh" --build-dir "$build" --kernel "$kernel" --state "$state" showcase > "$state.tap" 2>&1
rc=$?
log=$(ls "$state"/logs/showcase.*.log 2>/dev/null | head -1)
if [ -n "$log" ]; then
  cat "$log"
fi
printf '\n(test bed: kernel %s, %.1f s host wall time including build of the initramfs and boot)\n' \
  "$kernel" "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')"
if [ $rc -ne 0 ] || grep -q '^not ok' "$state.tap"; then
  echo "demo failed; harness output:" >&2
  cat "$state.tap" >&2
  exit 1
fi
