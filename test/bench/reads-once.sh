#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Each sysfs file is opened at most once per listing, on a synthetic tree with many objects
# of each kind (gen-sysfs.py: 2 buses x 4 DIMMs x 3 regions x 8 namespaces, 2 dax regions
# with 32 memory blocks): strace of our ndctl/daxctl list, successful opens under the tree
# counted per path (attribute files; directories are listed, not read). TAP. Skips without strace or python3.
#   reads-once.sh NDCTL DAXCTL
set -u
ND=$1 DX=$2
HERE=$(cd "$(dirname "$0")" && pwd)
command -v strace >/dev/null && command -v python3 >/dev/null || { echo "1..0 # SKIP strace or python3 missing"; exit 0; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
python3 "$HERE/gen-sysfs.py" --buses 2 --dimms 4 --regions 3 --namespaces 8 \
	--dax-regions 2 --memblocks 32 "$T/sys" > "$T/counts" || { echo "1..0 # SKIP generator failed"; exit 0; }
CMDS=("$ND list" "$ND list -N" "$ND list -BDRNXu -vvv -i" "$ND list -RDNBMCHF -c"
	"$ND list -r region1 -N" "$DX list" "$DX list -RDMi" "$DX list -RDMu -r 1")
echo "1..$(( ${#CMDS[@]} * 2 ))"
n=0 fail=0
for c in "${CMDS[@]}"; do
	# LeakSanitizer cannot run under ptrace: sanitizer builds check leaks elsewhere
	# shellcheck disable=SC2086
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" NDCTL_SYSFS_ROOT="$T/sys" strace -f -qq -e trace=open,openat -o "$T/trace" $c > "$T/out" 2> "$T/err"
	rc=$?
	n=$((n + 1))
	objs=$(grep -c '"\(dev\|chardev\)"' "$T/out")
	if [ $rc = 0 ] && [ "$objs" -gt 0 ]; then echo "ok $n - ${c##*/}: exit 0, $objs objects"
	else fail=$((fail + 1)); echo "not ok $n - ${c##*/}: exit $rc, $objs objects"; sed 's/^/# /' "$T/err" | head -5; fi
	n=$((n + 1))
	dups=$(grep -v ' = -1 \|O_DIRECTORY' "$T/trace" | grep -o "\"$T/sys/[^\"]*\"" | sort | uniq -d)
	opens=$(grep -v ' = -1 \|O_DIRECTORY' "$T/trace" | grep -c "\"$T/sys/")
	if [ -z "$dups" ]; then echo "ok $n - ${c##*/}: $opens opens under the tree, none twice"
	else
		fail=$((fail + 1)); echo "not ok $n - ${c##*/}: files opened more than once:"
		echo "$dups" | sed "s|$T/sys/||; s/^/# /" | head -20
	fi
done
[ $fail = 0 ]
