# Policy engine (engine-run) with [namespace] sections and upstream's one-shot path:
# on the labeled lower NFIT region three namespaces by name (devdax with a fixed uuid,
# fsdax, devdax owned by vmuser through a `namespace =` [device] section); the label-less
# upper NFIT region's raw namespace and the e820 one configured in place. Then: a second
# converge changes nothing (no writes: strace) and its plan is empty; `daxctl
# reconfigure-device -C` with upstream's [reconfigure-device] section (nvdimm.uuid) onlines
# the devdax namespace's device, movable, every block; a plan afterwards is empty.
# 6.12 (hmem onlined into ZONE_NORMAL at boot): a configuration asking movable for it
# fails with the message naming memhp_default_state=offline and leaves it as it was;
# 6.1 (hmem devdax at boot): the same configuration onlines it movable.
# ndvm-group: daemon
# ndvm-fresh: yes
# ndvm-timeout: 300
. /vm/lib.sh
. /vm/tests/ns-lib.inc
command -v engine-run >/dev/null || ndvm_skip "engine-run not in the guest (NDCTL_VM_BINS)"
UUID=5e1f0c2a-7b3d-4e8f-9a06-1c2d3e4f5a6b

ns_label_region                         # R, RD: the lower NFIT region, labeled now
UD=$(ns_upper_nfit); U=${UD##*/}        # label-less, one raw namespace
ED=$(nd_regions "$(nd_buses e820)"); E=${ED##*/}
assert_eq "$U label-less" label-less "$(nd_region_labels "$UD")"

mkdir -p conf conf2
cat >conf/10-ns.conf <<EOF
[namespace vm]
region = $R
mode = devdax
size = 512M
uuid = $UUID

[namespace fs]
region = $R
mode = fsdax
size = 256M

[namespace app]
region = $R
mode = devdax
size = 256M

[device app]
namespace = app
owner = 1001
permissions = 0600

[namespace upper]
region = $U
mode = fsdax

[namespace legacy]
region = $E
mode = devdax
EOF
cp conf/10-ns.conf conf2/
cat >conf2/20-upstream.conf <<EOF
[reconfigure-device vmram]
nvdimm.uuid = $UUID
mode = system-ram
EOF

t0=$(cut -d' ' -f1 /proc/uptime)
engine-run --config-dir conf converge >out 2>err; rc=$?
t1=$(cut -d' ' -f1 /proc/uptime)
echo "converge: $(awk "BEGIN { print $t1 - $t0 }") s"
grep -v '^seen' err
assert_eq "converge exit" 0 $rc
assert_eq "no failed record" 0 "$(grep -c '^failed' err)"

ndctl list -N -X >ns.json
ns_by_name() { jq -r --arg n "$1" '.[] | select(.name == $n) | '"$2" ns.json; }
# a namespace's own attribute, by name
ns_attr() { attr "$ND/$(ns_by_name "$1" .dev)/$2"; }
assert_eq "vm: devdax" devdax "$(ns_by_name vm .mode)"
assert_eq "vm: the configured uuid" "$UUID" "$(ns_attr vm uuid)"
assert_eq "vm: 512M" 536870912 "$(ns_attr vm size)"
assert_eq "fs: fsdax" fsdax "$(ns_by_name fs .mode)"
assert_eq "fs: 256M" 268435456 "$(ns_attr fs size)"
assert_eq "app: 256M" 268435456 "$(ns_attr app size)"
assert_eq "app: devdax" devdax "$(ns_by_name app .mode)"
assert_eq "$U: its namespace fsdax in place" fsdax "$(ndctl list -N -r "$U" | jq -r '.[0].mode')"
assert_eq "$E: its namespace devdax in place" devdax "$(ndctl list -N -r "$E" | jq -r '.[0].mode')"
VMDEV=$(ns_by_name vm '.daxregion.devices[0].chardev')
APPDEV=$(ns_by_name app '.daxregion.devices[0].chardev')
assert_match "vm has a dax device" "^dax" "$VMDEV"
assert_eq "/dev/$APPDEV owner and mode" "1001 600" "$(stat -c '%u %a' "/dev/$APPDEV")"
assert_eq "vmuser opens /dev/$APPDEV" ok "$(open_as vmuser "/dev/$APPDEV")"
assert_eq "other cannot open /dev/$APPDEV" "Permission denied" "$(open_as other "/dev/$APPDEV")"

# --- idempotent: nothing to do, nothing written, empty plan
snap() { ns_snap "$RD"; ns_snap "$UD"; ns_snap "$ED"; stat -c '%n %u %a' /dev/dax*; }
snap >before
strace -f -qq -o trace -e trace=openat,chown,fchownat,chmod,fchmodat engine-run --config-dir conf converge >out 2>err; rc=$?
assert_eq "second converge exit" 0 $rc
assert_eq "second converge: nothing to do" "decided -: nothing to do" "$(grep -v '^seen' err)"
assert_eq "no open for writing in /sys or /dev" "" "$(grep -E 'openat\(.*"/(sys|dev)/.*O_(WRONLY|RDWR)' trace | head -3)"
assert_eq "no chown/chmod" "" "$(grep -E '^[0-9]+ +f?ch(own|mod)' trace | head -3)"
snap >after
assert_eq "namespaces and devices unchanged" "$(cat before)" "$(cat after)"
engine-run --config-dir conf --quiet plan >plan.json 2>err; rc=$?
assert_eq "plan exit (no problems)" 0 $rc
assert_eq "plan: no changes" 0 "$(jq '.changes | length' plan.json)"
assert_eq "plan: every section as configured" \
	"device app,namespace app,namespace fs,namespace legacy,namespace upper,namespace vm" \
	"$(jq -r '[.unchanged[].section] | unique | join(",")' plan.json)"

# --- upstream's one-shot path: daxctl reconfigure-device -C DEV with [reconfigure-device]
chmod 755 conf2
daxctl reconfigure-device -C --config-dir conf2 "$VMDEV" >out 2>err; rc=$?
cat err
assert_eq "daxctl -C $VMDEV exit" 0 $rc
assert_eq "daxctl -C $VMDEV: JSON mode" system-ram "$(jq -r '.[0].mode' out)"
assert_eq "$VMDEV system-ram" system-ram "$(dax_mode "$DAX/$VMDEV")"
nb=0; nm=0
for b in $(dax_memblocks "$DAX/$VMDEV"); do
	nb=$((nb + 1))
	[ "$(attr "$b/state")" = online ] && [ "$(attr "$b/valid_zones" | cut -d' ' -f1)" = Movable ] && nm=$((nm + 1))
done
assert_ne "$VMDEV has memory blocks" 0 "$nb"
assert_eq "$VMDEV: every block online in ZONE_MOVABLE" "$nb" "$nm"
engine-run --config-dir conf2 --quiet plan >plan2.json 2>err
assert_eq "plan with the upstream section: no changes" 0 "$(jq '.changes | length' plan2.json)"
daxctl reconfigure-device -C --config-dir conf2 "$VMDEV" >out 2>err; rc=$?
assert_eq "daxctl -C again: exit" 0 $rc
assert_match "daxctl -C again: as configured" "as configured already" "$(cat err)"

# --- hmem asked movable
mkdir -p conf3
cat >conf3/10-hbm.conf <<'EOF'
[device hbm]
region.kind = hmem
mode = system-ram
movable = true
EOF
hsnap() { for r in $(dax_regions hmem); do for d in $(dax_devices "$r"); do echo "${d##*/} $(dax_mode "$d")"; for b in $(dax_memblocks "$d"); do echo " $(attr "$b/state") $(attr "$b/valid_zones")"; done; done; done; }
hsnap >hbefore
engine-run --config-dir conf3 converge >out 2>err; rc=$?
grep -v '^seen' err
if kernel_ge 6.12; then
	assert_eq "6.12: converge fails" 1 $rc
	assert_match "6.12: the failure names memhp_default_state=offline" \
		"failed dax[0-9.]+: rezone failed: the kernel cannot offline the memory of dax[0-9.]+ .*memhp_default_state=offline" "$(cat err)"
	assert_eq "6.12: one attempt per device" "$(hsnap | grep -c '^dax')" "$(grep -c '^failed' err)"
	assert_eq "6.12: hmem memory as it was" "$(cat hbefore)" "$(hsnap)"
	engine-run --config-dir conf3 --quiet plan >plan3.json 2>/dev/null
	assert_eq "6.12: the plan still asks for the rezone" rezone "$(jq -r '[.changes[].action] | unique | join(",")' plan3.json)"
else
	assert_eq "6.1: converge exit" 0 $rc
	for r in $(dax_regions hmem); do
		for d in $(dax_devices "$r"); do
			nb=0; nm=0
			for b in $(dax_memblocks "$d"); do
				nb=$((nb + 1))
				[ "$(attr "$b/state")" = online ] && [ "$(attr "$b/valid_zones" | cut -d' ' -f1)" = Movable ] && nm=$((nm + 1))
			done
			assert_eq "6.1: ${d##*/} system-ram, $nb blocks online movable" "system-ram $nb" "$(dax_mode "$d") $nm"
		done
	done
	engine-run --config-dir conf3 --quiet plan >plan3.json 2>/dev/null
	assert_eq "6.1: plan afterwards: no changes" 0 "$(jq '.changes | length' plan3.json)"
fi
ndvm_finish
