#!/bin/sh
# test/vm/fetch.sh [CACHE]: fetch what the VM test bed boots and compares against,
# from Debian's apt, without installing anything on the host:
#   - two kernels (bookworm's default 6.1 and linux-image-6.12-amd64), image + modules;
#   - Debian's reference ndctl/daxctl (76.1) with their libraries.
# Everything is unpacked with dpkg-deb -x under CACHE, keyed by package version, so a
# second run downloads nothing. When apt cannot answer (no network, no lists) the last
# resolved versions recorded in CACHE/resolved.env are used if they are still there.
# Prints nothing on success but writes CACHE/resolved.env (sourced by the other scripts):
#   K61_VER K61_DIR K612_VER K612_DIR REF_DIR
set -eu

CACHE=${1:-${NDCTL_VM_CACHE:-$HOME/.cache/ndctl-vm}}
mkdir -p "$CACHE/debs"
CACHE=$(cd "$CACHE" && pwd)
RESOLVED="$CACHE/resolved.env"

# Reference tools and the libraries they need that a plain Debian 12 may lack.
REF_PKGS="ndctl daxctl libndctl6 libdaxctl1 libcxl1 libtraceevent1 libtracefs1 \
libiniparser1 libkeyutils1"

log() { echo "fetch.sh: $*" >&2; }

# candidate version of a package, empty if apt does not know it
cand() {
	apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p' | grep -v '(none)' || true
}

# image package a meta package depends on
image_of() {
	apt-cache depends "$1" 2>/dev/null | sed -n 's/^ *Depends: *\(linux-image-[^ ]*\).*/\1/p' | head -n1
}

# fetch PKG VERSION into CACHE/debs (no-op when present); print the .deb path
get_deb() {
	pkg=$1 ver=$2
	vq=$(echo "$ver" | sed 's/:/%3a/')
	for f in "$CACHE/debs/${pkg}_${vq}_"*.deb "$CACHE/debs/${pkg}_${ver}_"*.deb; do
		[ -f "$f" ] && { echo "$f"; return 0; }
	done
	log "downloading $pkg=$ver"
	tmp=$(mktemp -d "$CACHE/debs/.dl.XXXXXX")
	chmod 755 "$tmp"
	(cd "$tmp" && apt-get download -q=2 "$pkg=$ver" >&2 2>/dev/null) ||
		(cd "$tmp" && apt-get download "$pkg=$ver" >&2)
	for f in "$tmp"/*.deb; do
		mv "$f" "$CACHE/debs/"
		echo "$CACHE/debs/$(basename "$f")"
	done
	rmdir "$tmp"
}

# unpack DEB into DIR once (marker file makes it idempotent)
unpack() {
	[ -f "$2/.unpacked-$(basename "$1")" ] && return 0
	mkdir -p "$2"
	dpkg-deb -x "$1" "$2"
	touch "$2/.unpacked-$(basename "$1")"
}

fetch_kernel() { # META -> sets KVER KDIR
	img=$(image_of "$1")
	[ -n "$img" ] || return 1
	ver=$(cand "$img")
	[ -n "$ver" ] || return 1
	KVER=${img#linux-image-}
	KDIR="$CACHE/kernel/${img}_$ver"
	deb=$(get_deb "$img" "$ver") || return 1
	unpack "$deb" "$KDIR"
	[ -d "$KDIR/lib/modules/$KVER" ] || { log "$deb has no lib/modules/$KVER"; return 1; }
	[ -f "$KDIR/lib/modules/$KVER/modules.dep" ] || depmod -b "$KDIR" "$KVER"
}

fetch_ref() { # -> sets REF_DIR
	key=""
	for p in $REF_PKGS; do
		v=$(cand "$p")
		[ -n "$v" ] || return 1
		key="$key${key:+_}$p=$v"
	done
	ver=$(cand ndctl)
	REF_DIR="$CACHE/ref/ndctl_$ver"
	sum=$(echo "$key" | md5sum | cut -c1-8)
	if [ ! -f "$REF_DIR/.complete-$sum" ]; then
		for p in $REF_PKGS; do
			deb=$(get_deb "$p" "$(cand "$p")") || return 1
			unpack "$deb" "$REF_DIR"
		done
		touch "$REF_DIR/.complete-$sum"
	fi
}

ok=1
if fetch_kernel linux-image-amd64; then
	K61_VER=$KVER K61_DIR=$KDIR
else ok=0; fi
if [ $ok = 1 ] && fetch_kernel linux-image-6.12-amd64; then
	K612_VER=$KVER K612_DIR=$KDIR
else ok=0; fi
if [ $ok = 1 ] && fetch_ref; then :; else ok=0; fi

if [ $ok = 1 ]; then
	cat > "$RESOLVED.tmp" <<EOT
K61_VER='$K61_VER'
K61_DIR='$K61_DIR'
K612_VER='$K612_VER'
K612_DIR='$K612_DIR'
REF_DIR='$REF_DIR'
EOT
	mv "$RESOLVED.tmp" "$RESOLVED"
	exit 0
fi

# apt could not answer: fall back to what a previous run resolved
if [ -f "$RESOLVED" ]; then
	. "$RESOLVED"
	if [ -d "$K61_DIR/lib/modules/$K61_VER" ] && [ -d "$K612_DIR/lib/modules/$K612_VER" ] &&
	   [ -x "$REF_DIR/usr/bin/ndctl" ]; then
		log "apt could not resolve the packages; using cached versions ($K61_VER, $K612_VER)"
		exit 0
	fi
fi
log "cannot resolve kernels/reference tools from apt and nothing usable is cached in $CACHE"
log "run 'apt-get update' (network access to Debian's mirror needed once)"
exit 1
