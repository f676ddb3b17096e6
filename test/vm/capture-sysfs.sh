#!/bin/bash
# test/vm/capture-sysfs.sh: capture sysfs trees (and the reference tools' JSON) from the VM
# test bed into test/fixtures/sysfs/<kernel>-<state>/ (see test/fixtures/sysfs/README.md).
# Each state is set up in its own boot with fresh NVDIMM images by guest/tests/capture-STATE.sh.
# usage: capture-sysfs.sh [--build-dir BUILD] [--kernel 6.1|6.12]... [STATE...]
#   states: boot labeled hmem-split dax-online (default: all); kernels default: both
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
FIX=$(cd "$HERE/../fixtures" && pwd)/sysfs
BUILD=${NDCTL_VM_BUILD:-$HERE/../../build}
KERNELS=() STATES=()
while [ $# -gt 0 ]; do
	case $1 in
	--build-dir) BUILD=$2; shift 2 ;;
	--kernel) KERNELS+=("$2"); shift 2 ;;
	-*) echo "capture-sysfs.sh: unknown option $1" >&2; exit 2 ;;
	*) STATES+=("$1"); shift ;;
	esac
done
[ ${#KERNELS[@]} = 0 ] && KERNELS=(6.1 6.12)
[ ${#STATES[@]} = 0 ] && STATES=(boot labeled hmem-split dax-online)
mkdir -p "$FIX"
rc=0
for k in "${KERNELS[@]}"; do
	for s in "${STATES[@]}"; do
		tmp=$(mktemp -d)
		# 6.12 onlines hot-added memory itself (auto_online_blocks=online) into ZONE_NORMAL,
		# where the kernel's own allocations then make the hmem devices impossible to offline
		# (daxctl reconfigure-device -m devdax: EBUSY): the hmem states boot with
		# memhp_default_state=offline there (the kernel-onlined situation is in 6.12-boot).
		app=()
		case $k:$s in 6.12:hmem-split|6.12:dax-online) app=(--append memhp_default_state=offline) ;; esac
		out=$("$HERE/run-vm.sh" --build-dir "$BUILD" --kernel "$k" --state "$BUILD/test/vm/state/capture-$k" \
			"${app[@]}" --artifacts "$tmp" "capture-$s")
		echo "$out" | sed "s/^/[$k $s] /"
		if echo "$out" | grep -q '^ok ' && [ -d "$tmp/$s" ]; then
			rm -rf "$FIX/$k-$s"
			mv "$tmp/$s" "$FIX/$k-$s"
			echo "[$k $s] -> $FIX/$k-$s"
		else
			echo "[$k $s] capture FAILED" >&2; rc=1
		fi
		rm -rf "$tmp"
	done
done
exit $rc
