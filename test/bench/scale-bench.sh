#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Listing time against object count on synthetic sysfs trees (gen-sysfs.py): for each scale,
# median wall time of our ndctl/daxctl list commands (benchrun), and time per object, which
# stays roughly constant when the listing is linear. With --ref (root, unshare), Debian's
# reference tools run on the same tree bind-mounted over /sys in a private mount namespace
# (safe on a host without NVDIMMs: nothing outside that namespace sees the tree).
#
#   scale-bench.sh --ndctl BIN --daxctl BIN --benchrun BIN [--ref DIR] [--runs N]
#                  [--scales "NS..."] [--tmp DIR]
# --ref DIR: the extracted reference package (test/vm/fetch.sh: ~/.cache/ndctl-vm/ref/ndctl_*).
# --scales: namespaces per region, at 4 buses x 32 DIMMs x 8 regions; memory blocks scale
#           along (16 dax regions, NS*16 blocks: 256 namespaces <-> 4096 blocks).
# Output: one "SCALE tool|command|objects|median_us|us_per_object|cpu_us|cpu_us_per_object
# [|ref_us|ratio|ref_cpu_us|cpu_ratio]" line each (wall-clock and CPU medians; CPU time is the
# steadier one on a loaded machine).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ND= DX= BR= REF= RUNS=5 SCALES="16 32 64 128 256" TMP=${TMPDIR:-/tmp}
while [ $# -gt 0 ]; do
	case $1 in
	--ndctl) ND=$2; shift 2 ;;
	--daxctl) DX=$2; shift 2 ;;
	--benchrun) BR=$2; shift 2 ;;
	--ref) REF=$2; shift 2 ;;
	--runs) RUNS=$2; shift 2 ;;
	--scales) SCALES=$2; shift 2 ;;
	--tmp) TMP=$2; shift 2 ;;
	*) echo "scale-bench.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -n "$ND" ] && [ -n "$DX" ] && [ -n "$BR" ] || { echo "usage: see the header" >&2; exit 2; }
TREE=$(mktemp -d "$TMP/nd-scale.XXXXXX")
trap 'rm -rf "$TREE"' EXIT
REFLD=
[ -n "$REF" ] && REFLD="$REF/usr/lib/x86_64-linux-gnu:$REF/lib/x86_64-linux-gnu"

# time_ours OBJECTS TOOL ARGS...
time_ours() {
	local objs=$1 tool=$2; shift 2
	local bin=$ND; [ "$tool" = daxctl ] && bin=$DX
	local us
	us=$(NDCTL_SYSFS_ROOT="$TREE/sys" "$BR" -n "$RUNS" -w 1 -- "$bin" list "$@" | awk '{print $1, $6}')
	local ref=
	if [ -n "$REF" ]; then
		# reference on the same tree: /sys replaced in a private mount namespace, and a
		# private /dev with the dax device nodes (the reference daxctl stats /dev/daxX.Y)
		ref=$(unshare -m bash -c "mount --make-rprivate / && mount --bind '$TREE/sys' /sys &&
			mount -t tmpfs none /dev && mknod /dev/null c 1 3 && chmod 666 /dev/null &&
			for d in /sys/bus/dax/devices/*; do
				[ -e \$d/dev ] && mknod /dev/\${d##*/} c \$(tr : ' ' < \$d/dev)
			done; LD_LIBRARY_PATH='$REFLD' '$BR' -n '$RUNS' -w 1 -- '$REF/usr/bin/$tool' list $*" |
			awk '{print $1, $6}')
	fi
	awk -v t="$tool" -v c="$*" -v o="$objs" -v us="$us" -v r="$ref" 'BEGIN {
		split(us, u, " "); split(r, x, " ")
		printf "SCALE %s|%s|%d|%d|%.2f|%d|%.2f", t, c, o, u[1], u[1] / o, u[2], u[2] / o
		if (r != "") printf "|%d|%.3f|%d|%.3f", x[1], u[1] / x[1], x[2], u[2] / x[2]
		printf "\n" }'
}

for ns in $SCALES; do
	counts=$(python3 "$HERE/gen-sysfs.py" --buses 4 --dimms 32 --regions 8 --namespaces "$ns" \
		--dax-regions 16 --memblocks $((ns * 16)) "$TREE/sys")
	echo "# tree: $counts"
	n_ns=$(echo "$counts" | sed 's/.*"namespaces":\([0-9]*\).*/\1/')
	n_mb=$(echo "$counts" | sed 's/.*"memblocks":\([0-9]*\).*/\1/')
	# objects: buses + DIMMs + regions + namespaces (+ seeds listed with -i, not here)
	n_all=$((4 + 128 + 32 + n_ns))
	time_ours "$n_ns" ndctl -N
	time_ours "$n_all" ndctl -BDRNu -vvv
	time_ours "$n_mb" daxctl -RDM
done
