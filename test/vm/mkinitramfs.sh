#!/bin/bash
# test/vm/mkinitramfs.sh: build the initramfs (uncompressed newc cpio) for one kernel of the
# VM test bed. Contents:
#   /bin/busybox (static) + applet links, /init and the guest test scripts (test/vm/guest),
#   the nvdimm/dax modules with their dependencies (modules.dep + softdep "pre:"), xz-decompressed,
#   under /lib/modules/KVER with depmod run on the tree, load order in /etc/ndvm-modules,
#   OUR binaries (default BUILD/ndctl/ndctl BUILD/daxctl/daxctl, plus any given) in /usr/bin
#   with every library ldd lists and the loader,
#   Debian's reference ndctl/daxctl in /ref/libexec with wrappers /ref/bin/{ndctl,daxctl}
#   (LD_LIBRARY_PATH=/ref/lib: its libndctl.so.6 has the same soname as ours),
#   jq, mkfs.ext4, setpriv (util-linux's: busybox's cannot change uid), strace (if installed
#   on the host), users root, vmuser (1001), other (1002).
# --systemd: the systemd-mode image (systemd, journald, udevd, our build meson-installed):
#   see systemd-image.sh.
# Usage: mkinitramfs.sh --kernel 6.1|6.12 --build-dir BUILD --out FILE [--cache DIR] [--systemd] [BIN...]
# Extra binaries also come from NDCTL_VM_BINS (space separated).
# meson test sets LD_LIBRARY_PATH to our build libraries: QEMU (via libpmem) and the host
# tools must not load them
unset LD_LIBRARY_PATH
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
KSEL=6.1 BUILD= OUT= CACHE=${NDCTL_VM_CACHE:-$HOME/.cache/ndctl-vm} SYSTEMD=0
BINS=()
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) KSEL=$2; shift 2 ;;
	--build-dir) BUILD=$2; shift 2 ;;
	--out) OUT=$2; shift 2 ;;
	--cache) CACHE=$2; shift 2 ;;
	--systemd) SYSTEMD=1; shift ;;
	-*) echo "mkinitramfs.sh: unknown option $1" >&2; exit 2 ;;
	*) BINS+=("$1"); shift ;;
	esac
done
[ -n "$BUILD" ] && [ -n "$OUT" ] || { echo "usage: $0 --kernel 6.1|6.12 --build-dir BUILD --out FILE [BIN...]" >&2; exit 2; }
BUILD=$(cd "$BUILD" && pwd)
[ -f "$CACHE/resolved.env" ] || "$HERE/fetch.sh" "$CACHE"
. "$CACHE/resolved.env"
case $KSEL in
6.1) KVER=$K61_VER KDIR=$K61_DIR ;;
6.12) KVER=$K612_VER KDIR=$K612_DIR ;;
*) echo "mkinitramfs.sh: kernel must be 6.1 or 6.12" >&2; exit 2 ;;
esac

# Our binaries: the defaults that exist, then the extra ones.
DEF=()
for b in ndctl/ndctl daxctl/daxctl; do [ -x "$BUILD/$b" ] && DEF+=("$BUILD/$b"); done
# shellcheck disable=SC2206
EXTRA=(${NDCTL_VM_BINS:-})
BINS=("${DEF[@]}" "${EXTRA[@]}" "${BINS[@]}")

# Modules wanted, in load order; dependencies are added in front of each as needed.
WANT="libnvdimm nfit nd_btt nd_pmem nd_e820 device_dax dax_pmem kmem dax_hmem crc32c_generic ext4"

ROOT="$OUT.d"
rm -rf "$ROOT"
mkdir -p "$ROOT"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,run,mnt,root,lib64,lib/x86_64-linux-gnu,ref/bin,ref/lib,ref/libexec,vm}
LIBD="$ROOT/lib/x86_64-linux-gnu"
ln -s ../lib "$ROOT/usr/lib"

# --- busybox
BB=$(command -v busybox)
cp "$BB" "$ROOT/bin/busybox"
if ldd "$ROOT/bin/busybox" >/dev/null 2>&1; then
	echo "mkinitramfs.sh: $BB is not static (install busybox-static)" >&2; exit 1
fi
for a in $("$BB" --list); do
	[ "$a" = busybox ] || ln -s busybox "$ROOT/bin/$a"
done

# --- shared libraries of a program: into /lib/x86_64-linux-gnu (the loader at its own path,
# REFLIBDIR's into /ref/lib); env LDP: LD_LIBRARY_PATH for ldd, SKIPLIB: a directory whose
# libraries are already in the image (systemd mode's install stage)
declare -A HAVE=()
copy_libs() { # BIN [REFLIBDIR]
	local bin=$1 refdir=${2:-} line name path dest
	while read -r line; do
		case $line in
		*"=>"*) name=${line%% =>*}; path=${line#*=> }; path=${path%% (*} ;;
		/*) path=${line%% (*}; name=$path ;;
		*) continue ;;
		esac
		[ -f "$path" ] || { [ "$path" = "not found" ] && { echo "mkinitramfs.sh: $bin: $name not found" >&2; exit 1; }; continue; }
		[ -n "${SKIPLIB:-}" ] && [ "${path#"$SKIPLIB"/}" != "$path" ] && continue
		if [ "${path#/}" != "$path" ] && [ "$name" = "$path" ]; then
			dest="$ROOT$path"                         # the loader
		elif [ -n "$refdir" ] && [ "${path#"$refdir"/}" != "$path" ]; then
			dest="$ROOT/ref/lib/$name"
		else
			dest="$LIBD/$name"
		fi
		[ -n "${HAVE[$dest]:-}" ] && continue
		HAVE[$dest]=1
		mkdir -p "$(dirname "$dest")"
		cp -L "$path" "$dest"
	done < <(if [ -n "$refdir" ]; then LD_LIBRARY_PATH="$refdir" ldd "$bin"
		elif [ -n "${LDP:-}" ]; then LD_LIBRARY_PATH="$LDP" ldd "$bin"; else ldd "$bin"; fi 2>/dev/null)
}

# --- our binaries
: > "$ROOT/etc/ndvm-ours"
for b in "${BINS[@]}"; do
	[ -x "$b" ] || { echo "mkinitramfs.sh: $b: not an executable" >&2; exit 1; }
	cp "$b" "$ROOT/usr/bin/"
	echo "/usr/bin/$(basename "$b")" >> "$ROOT/etc/ndvm-ours"
	copy_libs "$b"
done

# --- reference tools
REFLIB=$(mktemp -d)
trap 'rm -rf "$REFLIB"' EXIT
cp -a "$REF_DIR"/usr/lib/x86_64-linux-gnu/*.so* "$REF_DIR"/lib/x86_64-linux-gnu/*.so* "$REFLIB"/ 2>/dev/null || true
for t in ndctl daxctl; do
	cp "$REF_DIR/usr/bin/$t" "$ROOT/ref/libexec/$t"
	copy_libs "$REF_DIR/usr/bin/$t" "$REFLIB"
	printf '#!/bin/sh\n# Debian %s, reference behaviour\nLD_LIBRARY_PATH=/ref/lib exec /ref/libexec/%s "$@"\n' \
		"$(basename "$REF_DIR")" "$t" > "$ROOT/ref/bin/$t"
	chmod 755 "$ROOT/ref/bin/$t"
done

# --- tools the tests use
for t in jq mke2fs setpriv strace; do
	p=$(command -v "$t" 2>/dev/null) || { [ "$t" = strace ] && continue; echo "mkinitramfs.sh: $t missing on host" >&2; exit 1; }
	cp "$p" "$ROOT/usr/bin/$t"
	copy_libs "$p"
done
ln -s mke2fs "$ROOT/usr/bin/mkfs.ext4"
[ -f /etc/mke2fs.conf ] && cp /etc/mke2fs.conf "$ROOT/etc/"

# --- modules
MD="$KDIR/lib/modules/$KVER"
GM="$ROOT/lib/modules/$KVER"
mkdir -p "$GM"
declare -A MPATH=() SEEN=()
while IFS=: read -r p _; do
	n=${p##*/}; n=${n%%.ko*}; MPATH[${n//-/_}]=$p
done < "$MD/modules.dep"
ORDER=()
add_mod() {
	local m=${1//-/_} p d sd
	[ -n "${SEEN[$m]:-}" ] && return 0
	SEEN[$m]=1
	p=${MPATH[$m]:-}
	[ -n "$p" ] || return 0            # built in (or absent): nothing to load
	for sd in $(modinfo -b "$KDIR" -k "$KVER" -F softdep "$m" 2>/dev/null | sed -n 's/.*pre: *//p'); do
		add_mod "$sd"
	done
	for d in $(grep "^$p:" "$MD/modules.dep" | cut -d: -f2); do
		d=${d##*/}; add_mod "${d%%.ko*}"
	done
	ORDER+=("$m")
	mkdir -p "$GM/$(dirname "$p")"
	case $p in
	*.xz) xz -dc "$MD/$p" > "$GM/${p%.xz}" ;;
	*.zst) zstd -qdc "$MD/$p" > "$GM/${p%.zst}" ;;
	*) cp "$MD/$p" "$GM/$p" ;;
	esac
	echo "$m /lib/modules/$KVER/${p%.[xz][zs]*}" >> "$ROOT/etc/ndvm-modules"
}
: > "$ROOT/etc/ndvm-modules"
for m in $WANT; do add_mod "$m"; done
for f in modules.order modules.builtin modules.builtin.modinfo; do
	[ -f "$MD/$f" ] && cp "$MD/$f" "$GM/"
done
depmod -b "$ROOT" "$KVER"
echo "$KVER" > "$ROOT/etc/ndvm-kver"

# --- guest scripts
cp "$HERE/guest/init" "$ROOT/init"
chmod 755 "$ROOT/init"
cp -r "$HERE/guest/." "$ROOT/vm/"
rm -f "$ROOT/vm/init"
# users and groups: fixed (not the host's): root with /bin/sh, the groups udev's default rules
# name (Debian's numbers, the dynamic ones picked here), and two users for ownership tests
cat > "$ROOT/etc/passwd" <<'EOT'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
vmuser:x:1001:1001:VM test user:/tmp:/bin/sh
other:x:1002:1002:VM test user, not the owner:/tmp:/bin/sh
EOT
cat > "$ROOT/etc/group" <<'EOT'
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
kmem:x:15:
dialout:x:20:
cdrom:x:24:
floppy:x:25:
tape:x:26:
audio:x:29:
video:x:44:
input:x:101:
kvm:x:102:
render:x:103:
sgx:x:104:
systemd-journal:x:999:
nogroup:x:65534:
vmuser:x:1001:
other:x:1002:
EOT

[ $SYSTEMD = 1 ] && . "$HERE/systemd-image.sh"

(cd "$ROOT" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --quiet) > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
rm -rf "$ROOT"
