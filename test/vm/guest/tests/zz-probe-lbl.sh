# ndvm-group: none
. /vm/lib.sh
cat /proc/filesystems | tr '\n' ' '; echo
ls /lib/modules/*/kernel/fs 2>&1 | head; which strace mkfs.ext4 mke2fs dd od hexdump cmp
ls -la /dev/nmem* /dev/pmem*
for r in /sys/bus/nd/devices/region*; do echo $r $(readlink $r/driver) $(cat $r/nstype) ; done
strace -f -e trace=ioctl -o /tmp/st.txt ndctl read-labels -j nmem0 >/dev/null; cat /tmp/st.txt | head
ndctl read-labels -j -vv nmem0
exit 0
