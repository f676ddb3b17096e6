# ndctld at boot (systemd PID 1, our units installed and enabled as shipped), two boots on the
# same NVDIMM images. The configuration is written by the setup step, before ndctld.service
# starts (the root is a fresh tmpfs each boot, so every boot writes it again; phase 1 also
# labels the lower NFIT region first):
#   [namespace pm0]  fsdax 512M on the lower NFIT region, fixed uuid
#   [namespace dd0]  devdax 1G on the same region, fixed uuid
#   [reconfigure-device ram0]  upstream's section: dd0's dax device (by nvdimm.uuid) becomes
#                    system-ram, online, movable
#   [instance vm0]   256M devdax instance of the hmem region of node 1, owned by vmuser, 0600
#   [instance ram1]  512M system-ram instance of the same region, online in ZONE_MOVABLE
# (6.12 boots with memhp_default_state=offline: its kernel binds hmem to kmem at boot; with
# its default, online in ZONE_NORMAL, the region could not be carved: see README.md.)
# Phase 1: all of that is in place when the daemon reports ready (the runner starts after
# ndctld.service), the journal has a "changed" record for every section, ndctld is an active
# Type=notify service. Phase 2 (reboot, same images): the same state, and no "changed"
# record for the namespaces (idempotent: they are found by name and uuid). The dax side is
# applied again on every boot — expected: the kernel recreates the hmem region with its
# single seed device and binds dd0's dax device as devdax, so vm0, ram1 and ram0 are
# "changed" again.
# ndvm-group: daemon
# ndvm-init: systemd
# ndvm-setup: yes
# ndvm-phases: 2
# ndvm-fresh: yes
# ndvm-timeout: 180
# ndvm-append-6.12: memhp_default_state=offline
. /vm/tests/daemon-lib.inc
U_PM=6e647674-6573-4400-8000-0000000000a1
U_DD=6e647674-6573-4400-8000-0000000000a2
M=1048576
RA=$(nfit_lower)
[ -n "$RA" ] || ndvm_die "no NFIT region"

if [ "${1:-}" = setup ]; then
	[ "$NDVM_PHASE" = 1 ] && label_region "$RA"
	perm=0600 uu=$U_DD
	# run-vm.sh --env NDVM_BREAK_ASSERT=1: a configuration the assertions must catch (ram0
	# names the fsdax namespace, which has no dax device; group may read vm0)
	[ "${NDVM_BREAK_ASSERT:-}" = 1 ] && perm=0640 uu=$U_PM
	conf_write 50-daemon-boot.conf <<EOF
# daemon-boot (VM test), phase $NDVM_PHASE
[namespace pm0]
region = ${RA##*/}
mode = fsdax
size = 512M
uuid = $U_PM

[namespace dd0]
region = ${RA##*/}
mode = devdax
size = 1G
uuid = $U_DD

[reconfigure-device ram0]
nvdimm.uuid = $uu
mode = system-ram
online = true
movable = true

[instance vm0]
region.kind = hmem
node = 1
size = 256M
mode = devdax
owner = vmuser
group = vmuser
permissions = $perm

[instance ram1]
region.kind = hmem
node = 1
size = 512M
mode = system-ram
zone = movable
EOF
	echo "setup: ${RA##*/} $(nd_region_labels "$RA"), configuration in $NDVM_CONF_DIR"
	exit 0
fi

echo "--- ndctld's records this boot"
journalctl -b -u ndctld.service -o cat --no-pager | tail -n 60
udevadm settle --timeout=30

# the service
assert_eq "ndctld.service" "ActiveState=active Type=notify" \
	"$(systemctl show -p ActiveState -p Type ndctld.service | sort | tr '\n' ' ' | sed 's/ $//')"

# nothing failed; the one-shot path (udev rule -> daxdev-reconfigure@DEV.service) stepped
# aside for the daemon: the units the rule wanted were skipped by their condition (/run/ndctld
# exists). systemd garbage-collects a skipped unit once its device unit is gone (bind/unbind
# uevents drop the device's systemd tag: the rule tags "add" only), so the ones still loaded
# are checked, and the journal must show none of them starting.
assert_eq "system state (no failed unit)" running "$(timeout 60 systemctl is-system-running --wait)"
systemctl --failed --no-legend --no-pager
oneshot=$(systemctl list-units --all --no-legend --plain 'daxdev-reconfigure@*' | cut -d' ' -f1)
assert_ne "daxdev-reconfigure@ units wanted by the udev rule" "" "$oneshot"
for u in $oneshot; do
	assert_eq "$u skipped" "ConditionResult=no ExecMainStartTimestampMonotonic=0" \
		"$(systemctl show -p ConditionResult -p ExecMainStartTimestampMonotonic "$u" | sort | tr '\n' ' ' | sed 's/ $//')"
done
assert_eq "daxdev-reconfigure@ units started (journal)" 0 \
	"$(journalctl -b _PID=1 -o cat --no-pager | grep -c '^Start.*daxdev-reconfigure@')"

# namespaces: one each, by name, with mode, raw size and uuid
assert_eq "${RA##*/} labeled" labeled "$(nd_region_labels "$RA")"
nsjson=$(ndctl list -N -r "${RA##*/}")
check_ns() { # NAME MODE SIZE UUID
	_ns=$(ns_named "$RA" "$1")
	assert_count "namespace $1" 1 $_ns
	[ "$(echo $_ns | wc -w)" = 1 ] || return 0
	assert_eq "$1: raw size" "$3" "$(attr "$_ns/size")"
	assert_eq "$1: uuid" "$4" "$(attr "$_ns/uuid")"
	assert_eq "$1: mode (ndctl list)" "$2" \
		"$(echo "$nsjson" | jq -r --arg n "${_ns##*/}" '.[] | select(.dev == $n) | .mode')"
}
check_ns pm0 fsdax $((512 * M)) "$U_PM"
check_ns dd0 devdax $((1024 * M)) "$U_DD"
assert_count "active namespaces on ${RA##*/}" 2 $(nd_active_namespaces "$RA")

# dd0's dax device: system-ram, every block online in ZONE_MOVABLE ([reconfigure-device])
ddns=$(ns_named "$RA" dd0)
dd=$(ns_dax_devices "${ddns##*/}")
assert_count "dax devices of dd0" 1 $dd
if [ -n "$dd" ]; then
	assert_eq "${dd##*/} (dd0) mode" system-ram "$(dax_mode "$dd")"
	n=$(dax_memblocks "$dd" | wc -l)
	assert_ne "${dd##*/} memory blocks" 0 "$n"
	assert_eq "${dd##*/} memory" "$n blocks, online $n, movable $n" "$(ram_state "$dd")"
fi

# hmem region of node 1: vm0 (256M devdax, vmuser 0600) and ram1 (512M system-ram movable)
hr=$(hmem_region 1)
[ -n "$hr" ] || ndvm_die "no hmem region of node 1"
vm0= ram1=
for d in $(live_devices "$hr"); do
	case $(attr "$d/size"):$(dax_mode "$d") in
	$((256 * M)):devdax) vm0="$vm0 $d" ;;
	$((512 * M)):system-ram) ram1="$ram1 $d" ;;
	*) ndvm_fail "unexpected instance ${d##*/}: size $(attr "$d/size"), $(dax_mode "$d")" ;;
	esac
done
assert_count "instance vm0 (256M devdax)" 1 $vm0
assert_count "instance ram1 (512M system-ram)" 1 $ram1
if [ -n "$ram1" ]; then
	ram1=${ram1# }
	n=$(dax_memblocks "$ram1" | wc -l)
	assert_eq "${ram1##*/} (ram1) memory blocks" 4 "$n"
	assert_eq "${ram1##*/} (ram1) memory" "$n blocks, online $n, movable $n" "$(ram_state "$ram1")"
fi
if [ -n "$vm0" ]; then
	vm0=${vm0# }
	dev=/dev/${vm0##*/}
	assert_eq "$dev owner, group, mode" "vmuser vmuser 600" "$(stat -c '%U %G %a' "$dev")"
	assert_eq "$dev opened by vmuser" ok "$(open_as vmuser "$dev")"
	assert_eq "$dev opened by other (EACCES)" "Permission denied" "$(open_as other "$dev")"
fi

# the journal: the daemon's structured records
ndctld_records > records.json
ch=$(changed_sections < records.json)
echo "changed this boot: $ch"
assert_ne "records with NDCTLD_EVENT" 0 "$(wc -l < records.json)"
case $NDVM_PHASE in
1)
	for s in "namespace pm0" "namespace dd0" "reconfigure-device ram0" "instance vm0" "instance ram1"; do
		assert_match "a changed record for [$s]" "(^|,)$s(,|$)" "$ch"
	done
	;;
2)
	assert_eq "no changed record for the namespaces (second boot)" "" \
		"$(echo "$ch" | tr ',' '\n' | grep '^namespace ')"
	# applied again each boot: the kernel brings hmem back as one seed and dd0's device as devdax
	for s in "reconfigure-device ram0" "instance vm0" "instance ram1"; do
		assert_match "a changed record for [$s] (re-applied every boot)" "(^|,)$s(,|$)" "$ch"
	done
	;;
esac
ndvm_finish
