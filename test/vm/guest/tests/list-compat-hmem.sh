# Listing compatibility (list-compat.sh's matrix) with the hmem dax regions reconfigured by the
# reference daxctl: one region split into 256M + 256M + 512M devices, the 512M one made of two
# ranges; the other region's device onlined as system-ram (movable). On 6.12 the kernel has
# onlined both hmem devices itself and may refuse devdax (EBUSY): then the state is listed as
# it stands (boot with --append memhp_default_state=offline for the full state).
# ndvm-group: compat
# ndvm-fresh: yes
# ndvm-append-6.12: memhp_default_state=offline
# ndvm-timeout: 600
LIST_COMPAT_LIB=1
. /vm/tests/list-compat.sh
. /vm/capture.sh
dx=/ref/bin/daxctl
created() { jq -r '.. | .chardev? // empty' | head -n1; }
split= state=hmem
for r in $(hmem_by_node); do
	d=$(dax_devices "$r" | head -n1)
	to_devdax "$d" || continue
	if [ -z "$split" ]; then
		id=$(attr "$r/id")
		step $dx disable-device "${d##*/}" || ndvm_die "disable"
		step $dx destroy-device "${d##*/}" || echo "(destroy-device ${d##*/} fails on daxN.0, size now $(attr "$d/size"))"
		a=$($dx create-device -r "$id" -s 256M 2>/dev/null | created)
		b=$($dx create-device -r "$id" -s 256M 2>/dev/null | created)
		c=$($dx create-device -r "$id" -s 256M 2>/dev/null | created)
		[ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] || ndvm_die "create-device 256M x3: '$a' '$b' '$c'"
		step $dx disable-device "$b" || ndvm_die "disable $b"
		step $dx destroy-device "$b" || ndvm_die "destroy $b"
		step $dx create-device -r "$id" -s 512M || ndvm_die "create 512M"
		split=$r state="$state split"
	else
		step $dx reconfigure-device -m system-ram "${d##*/}" && state="$state online"
	fi
done
echo "# state: $state"
cat /tmp/capture-steps.log 2>/dev/null | sed 's/^/#   /' | head -n 40
lc_matrix "$state"
lc_finish
