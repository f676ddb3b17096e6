# The test bed's systemd mode works (README.md, "systemd mode"): systemd is PID 1 with
# journald and udevd; the setup step ran before the daemon's unit would start; udev has
# processed the nd/dax devices and delivers new uevents; the journal answers in JSON; service
# sandboxing (mount namespaces) works on the guest's root; our build is installed with its
# libraries resolved; vmuser/other exist and as_user/open_as work.
# ndvm-group: daemon
# ndvm-init: systemd
# ndvm-setup: yes
# ndvm-timeout: 60
# ndvm-append-6.12: memhp_default_state=offline
# (read-only: shares the boot of daemon-hotplug, hence its kernel arguments)
. /vm/lib.sh
if [ "${1:-}" = setup ]; then
	# runs in ndvm-setup.service, ordered before ndctld.service
	echo "setup of phase $NDVM_PHASE ran" > /run/ndvm-bed-setup
	systemctl is-active ndctld.service > /run/ndvm-bed-setup-ndctld 2>&1
	echo "setup: done"
	exit 0
fi

assert_eq "PID 1" systemd "$(cat /proc/1/comm)"
assert_eq "system state (no failed unit)" running "$(timeout 60 systemctl is-system-running --wait)"
systemctl --failed --no-legend --no-pager
for u in systemd-journald.service systemd-udevd.service systemd-udev-trigger.service; do
	assert_eq "$u" active "$(systemctl is-active $u)"
done
assert_eq "setup step" "setup of phase $NDVM_PHASE ran" "$(cat /run/ndvm-bed-setup 2>&1)"
assert_match "ndvm-setup.service is ordered before ndctld.service" '(^| )ndctld\.service( |$)' \
	"$(systemctl show -p Before --value ndvm-setup.service)"
if [ -n "$(systemctl list-unit-files --no-legend ndctld.service)" ]; then
	assert_eq "ndctld.service while setup ran" inactive "$(cat /run/ndvm-bed-setup-ndctld)"
fi

# journal: a record sent now comes back as JSON with its fields
logger -t ndvm-bed "bed marker $$"
got() { [ "$(journal_json -t ndvm-bed | jq -r .MESSAGE | tail -n1)" = "bed marker $$" ]; }
assert_cmd "journalctl -o json shows a logged record" wait_for 10 got
assert_eq "journal is volatile (/run/log/journal)" yes "$([ -d /run/log/journal ] && [ ! -d /var/log/journal ] && echo yes)"

# udev: the coldplug (udev-trigger at boot) is processed
assert_cmd "udevadm settle" udevadm settle --timeout=30
# uevents: a change uevent on a region reaches a udev monitor (after udevd processed it)
r=$(ls -d "$ND"/region* | head -n1)
udevadm monitor --udev -s nd > mon.out 2>&1 &
mp=$!
sleep 0.5   # let the monitor subscribe (no readiness signal to wait for)
echo change > "$r/uevent"
seen() { grep -q "change.*/${r##*/} (nd)" mon.out; }
assert_cmd "udev monitor saw the change uevent of ${r##*/}" wait_for 10 seen
kill $mp 2>/dev/null

# sandboxing: ProtectSystem=strict and PrivateTmp=yes (mount namespaces) in a service
mkdir -p /run/systemd/system
cat > /run/systemd/system/ndvm-sandbox.service <<'EOT'
[Service]
Type=oneshot
ProtectSystem=strict
PrivateTmp=yes
NoNewPrivileges=yes
ExecStart=/bin/sh -c 'touch /usr/ndvm-x 2>/dev/null && exit 3; touch /tmp/ndvm-private || exit 4; exit 0'
EOT
systemctl daemon-reload
systemctl start ndvm-sandbox.service
assert_eq "sandboxed service (read-only /usr, private /tmp): result, status" "Result=success ExecMainStatus=0" \
	"$(systemctl show -p Result -p ExecMainStatus ndvm-sandbox.service | tr '\n' ' ' | sed 's/ $//')"
assert_eq "private /tmp stayed private" no "$([ -e /tmp/ndvm-private ] && echo yes || echo no)"

# our build, installed
assert_ne "install prefix known" "" "${NDVM_PREFIX:-}"
assert_eq "ndctl on PATH is the installed one" "$NDVM_BINDIR/ndctl" "$(command -v ndctl)"
assert_match "installed ndctl runs" '^[0-9]+' "$(ndctl --version 2>&1)"
assert_match "installed daxctl runs" '^[0-9]+' "$(daxctl --version 2>&1)"

# users
assert_eq "vmuser uid" 1001 "$(id -u vmuser)"
assert_eq "as_user other" "1002 1002" "$(as_user other sh -c 'echo $(id -u) $(id -g)')"
echo secret > own.txt; chown vmuser:vmuser own.txt; chmod 600 own.txt
assert_eq "owner can open a 0600 file" ok "$(open_as vmuser own.txt)"
assert_eq "another user cannot" "Permission denied" "$(open_as other own.txt)"

systemd-analyze 2>/dev/null | head -n1
systemd-analyze blame 2>/dev/null | head -n8
systemd-analyze critical-chain ndvm-run.service 2>/dev/null | tail -n +3
ndvm_finish
