#!/bin/sh
# VM test bed, systemd mode (kernel argument ndvm.init=systemd), run by /init as PID 1 before
# systemd: report the boot and load the modules (run.sh boot), then copy the root into a
# tmpfs and switch_root to it, because systemd's sandboxing (mount namespaces for
# ProtectSystem=, PrivateTmp=, ...) cannot pivot away from the initramfs rootfs; the
# initramfs is freed by switch_root. systemd takes over as PID 1 (default.target ->
# ndvm.target, see /etc/systemd/system).
sh /vm/run.sh boot
t0=$(cut -d' ' -f1 /proc/uptime)
N=/newroot
mkdir -p $N
mount -t tmpfs -o mode=0755 root $N
for d in /*; do
	case $d in /proc|/sys|/dev|/run|/tmp|$N) continue ;; esac
	cp -a "$d" $N/
done
mkdir -p $N/proc $N/sys $N/dev $N/run $N/tmp
chmod 1777 $N/tmp
umount /tmp /run 2>/dev/null
for m in /dev /proc /sys; do mount --move $m $N$m; done
echo "ndvm: root copied into a tmpfs in $(awk "BEGIN{print $(cut -d' ' -f1 $N/proc/uptime) - $t0}") s; starting systemd" > $N/dev/console
exec switch_root $N /lib/systemd/systemd
