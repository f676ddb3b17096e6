# test/vm/systemd-image.sh: sourced by mkinitramfs.sh --systemd (bash; uses ROOT, LIBD, BUILD,
# copy_libs). Adds to the busybox image what systemd mode needs (README.md, "systemd mode"):
#   systemd (PID 1), systemd-journald, systemd-udevd, systemctl, journalctl, udevadm,
#   systemd-notify, systemd-analyze from the host (Debian 12's packages systemd and udev)
#   with their libraries;
#   every *.target of the host, the journald and udevd units, wanted as Debian wants them, and
#   nothing else (no generators, no getty, no tmpfiles: a short boot);
#   udev rules 50-udev-default, 80-drivers, 99-systemd;
#   our build installed as a package would be: meson install --destdir into a stage tree,
#   copied in, its libraries resolved (ld.so.cache built for the prefix), ndctld.service
#   enabled with systemctl --root (what a package's postinst does);
#   the test bed's own units (test/vm/guest/systemd: ndvm.target as default.target,
#   ndvm-setup.service, ndvm-run.service);
#   /etc/ndvm-install.env: where the build went (NDVM_PREFIX, NDVM_SBINDIR, NDVM_BINDIR,
#   NDVM_SYSCONFDIR, NDVM_CONF_DIR, NDVM_UNITDIR).

SD_LIB=/lib/systemd
SD_UNITS=$(pkg-config --variable=systemdsystemunitdir systemd 2>/dev/null || echo /lib/systemd/system)
[ -x "$SD_LIB/systemd" ] || { echo "mkinitramfs.sh: systemd not installed on the host (contrib/install-deps.sh)" >&2; exit 1; }
[ -e "$SD_LIB/systemd-udevd" ] || { echo "mkinitramfs.sh: udev not installed on the host (contrib/install-deps.sh)" >&2; exit 1; }

# host_bin SRC DEST: an executable (symlinks followed) and its libraries
host_bin() {
	mkdir -p "$(dirname "$ROOT$2")"
	cp -L "$1" "$ROOT$2"
	copy_libs "$1"
}
host_bin "$SD_LIB/systemd" /lib/systemd/systemd
host_bin "$SD_LIB/systemd-journald" /lib/systemd/systemd-journald
host_bin "$SD_LIB/systemd-shutdown" /lib/systemd/systemd-shutdown
host_bin "$(command -v udevadm)" /bin/udevadm
ln -s /bin/udevadm "$ROOT/lib/systemd/systemd-udevd"
ln -s /bin/udevadm "$ROOT/usr/bin/udevadm"
for b in systemctl journalctl systemd-notify systemd-analyze; do
	host_bin "$(command -v $b)" "/usr/bin/$b"
	[ -e "$ROOT/bin/$b" ] || ln -s "/usr/bin/$b" "$ROOT/bin/$b"
done

# units: all targets, journald, udevd; wants links like Debian's
U="$ROOT/lib/systemd/system"
mkdir -p "$U"/{sysinit,sockets}.target.wants
cp -P "$SD_UNITS"/*.target "$U"/
for u in systemd-journald.service systemd-journald.socket systemd-journald-dev-log.socket \
	systemd-udevd.service systemd-udevd-control.socket systemd-udevd-kernel.socket \
	systemd-udev-trigger.service systemd-udev-settle.service systemd-poweroff.service; do
	cp "$SD_UNITS/$u" "$U/"
done
for u in systemd-journald.service systemd-udevd.service systemd-udev-trigger.service; do
	ln -s "../$u" "$U/sysinit.target.wants/$u"
done
for u in systemd-journald.socket systemd-journald-dev-log.socket systemd-udevd-control.socket \
	systemd-udevd-kernel.socket; do
	ln -s "../$u" "$U/sockets.target.wants/$u"
done

# udev
mkdir -p "$ROOT/lib/udev/rules.d" "$ROOT/etc/udev/rules.d"
for r in 50-udev-default 80-drivers 99-systemd; do
	cp "/lib/udev/rules.d/$r.rules" "$ROOT/lib/udev/rules.d/"
done
[ -f /etc/udev/udev.conf ] && cp /etc/udev/udev.conf "$ROOT/etc/udev/"

# the system around them
mkdir -p "$ROOT"/var/{log,tmp,lib} "$ROOT/etc/systemd/system"
chmod 1777 "$ROOT/var/tmp"
cp /usr/lib/os-release "$ROOT/etc/os-release"
echo 6e64766d0000400080000000000000a1 > "$ROOT/etc/machine-id"   # fixed: journal paths stay the same
printf 'passwd: files\ngroup: files\nshadow: files\n' > "$ROOT/etc/nsswitch.conf"

# our build, installed as a package would be
STAGE="$OUT.stage"
rm -rf "$STAGE"
meson install --destdir "$STAGE" -C "$BUILD" --no-rebuild --quiet >&2 ||
	{ echo "mkinitramfs.sh: meson install from $BUILD failed (ninja -C $BUILD first)" >&2; exit 1; }
opt() { meson introspect --buildoptions "$BUILD" | jq -r ".[] | select(.name == \"$1\") | .value"; }
abs() { case $1 in /*) echo "$1" ;; *) echo "$PREFIX/$1" ;; esac; }
PREFIX=$(opt prefix)
SYSCONFDIR=$(abs "$(opt sysconfdir)")
LIBDIR=$(abs "$(opt libdir)")
# copy the stage over the image, keeping the image's /usr/lib -> lib link
tar -C "$STAGE" -cf - . | tar -C "$ROOT" -xf - --keep-directory-symlink
# libraries of the installed programs that are not part of the install
while IFS= read -r -d '' f; do
	head -c4 "$f" | grep -q 'ELF' || continue
	SKIPLIB="$STAGE" LDP="$STAGE$LIBDIR" copy_libs "$f"
done < <(find "$STAGE" -type f -perm -u+x -print0)
rm -rf "$STAGE"
mkdir -p "$ROOT/etc/ld.so.conf.d"
echo 'include /etc/ld.so.conf.d/*.conf' > "$ROOT/etc/ld.so.conf"
printf '%s\n' "$LIBDIR" /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu > "$ROOT/etc/ld.so.conf.d/ndvm.conf"
ldconfig -r "$ROOT" 2>/dev/null
cat > "$ROOT/etc/ndvm-install.env" <<EOT
NDVM_PREFIX=$PREFIX
NDVM_BINDIR=$(abs "$(opt bindir)")
NDVM_SBINDIR=$(abs "$(opt sbindir)")
NDVM_SYSCONFDIR=$SYSCONFDIR
NDVM_CONF_DIR=$SYSCONFDIR/daxctl.conf.d
NDVM_UNITDIR=$SD_UNITS
EOT

# the test bed's units; the daemon enabled as its package would enable it
cp "$HERE"/guest/systemd/* "$ROOT/etc/systemd/system/"
ln -s ndvm.target "$ROOT/etc/systemd/system/default.target"
for u in ndctld.service; do
	if [ -n "$(find "$ROOT"/lib/systemd/system "$ROOT$PREFIX"/lib/systemd/system -name "$u" 2>/dev/null)" ]; then
		SYSTEMD_LOG_LEVEL=err systemctl --root="$ROOT" enable "$u" >&2
	fi
done
