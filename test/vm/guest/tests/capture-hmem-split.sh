# capture-sysfs.sh state "hmem-split": one hmem dax region (target node 1's when it can be
# made devdax, else node 0's) split with the reference daxctl into 256M + 256M + 512M, the
# 512M one made of two ranges (created after destroying the middle of three 256M devices).
# ndvm-group: capture
# ndvm-timeout: 600
. /vm/lib.sh
. /vm/capture.sh
dx=/ref/bin/daxctl
created() { jq -r '.. | .chardev? // empty' | head -n1; }
done_split=
for r in $(hmem_by_node); do
	d=$(dax_devices "$r" | head -n1)
	to_devdax "$d" || { echo "${d##*/} cannot become devdax, trying another region"; continue; }
	id=$(attr "$r/id")
	step $dx disable-device "${d##*/}" || ndvm_die "disable"
	# the kernel refuses to delete daxN.0 (EBUSY: it stays as the region's seed), but the
	# reference daxctl has already shrunk it to size 0 by then, which is what we need
	step $dx destroy-device "${d##*/}" || echo "(destroy-device ${d##*/} failed as expected on daxN.0)"
	assert_eq "${d##*/} size after destroy" 0 "$(attr "$d/size")"
	a=$($dx create-device -r "$id" -s 256M 2>/dev/null | created); echo "# created $a" >> /tmp/capture-steps.log
	b=$($dx create-device -r "$id" -s 256M 2>/dev/null | created); echo "# created $b" >> /tmp/capture-steps.log
	c=$($dx create-device -r "$id" -s 256M 2>/dev/null | created); echo "# created $c" >> /tmp/capture-steps.log
	[ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] || ndvm_die "create-device 256M x3: '$a' '$b' '$c'"
	step $dx disable-device "$b" || ndvm_die "disable $b"
	step $dx destroy-device "$b" || ndvm_die "destroy $b"
	step $dx create-device -r "$id" -s 512M || ndvm_die "create 512M"
	done_split=$r
	break
done
[ -n "$done_split" ] || ndvm_die "no hmem region could be made devdax"
devs=$(dax_devices "$done_split")
n=0; multi=0
for d in $devs; do
	[ "$(attr "$d/size")" = 0 ] && continue
	n=$((n + 1))
	[ "$(ls -d "$d"/mapping[0-9]* | wc -l)" -ge 2 ] && multi=$((multi + 1))
done
assert_eq "non-empty dax devices in the split region" 3 "$n"
assert_eq "devices with two ranges" 1 "$multi"
capture_state hmem-split
ndvm_finish
