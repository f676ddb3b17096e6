#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The units as built (contrib/systemd/*.in, paths substituted): systemd-analyze verify accepts
# them, a boot transaction with ndctld.service enabled and /var on its own file system has no
# ordering cycle (the unit runs before local-fs-pre.target), the one-shot template loads for a
# device, and the daemon's sandbox scores at most 4.5 in `systemd-analyze security`. TAP.
# usage: check-units.sh BUILDDIR_CONTRIB NDCTLD DAXCTL
set -u
units=$1 ndctld=$2 daxctl=$3
n=0 fail=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
nok() { n=$((n + 1)); fail=1; echo "not ok $n - $*"; }
if ! command -v systemd-analyze >/dev/null; then
  echo "1..0 # SKIP systemd-analyze not installed (Debian: systemd)"
  exit 0
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# the installed paths do not exist here: point ExecStart at the build's binaries
sbin=$(sed -n 's|^ExecStart=\(.*\)/ndctld$|\1|p' "$units/ndctld.service")
bin=$(sed -n 's|^ExecStart=\(.*\)/daxctl .*|\1|p' "$units/daxdev-reconfigure@.service")
[ -n "$sbin" ] && [ -n "$bin" ] && ok "ExecStart= lines are the configured sbindir/bindir ($sbin, $bin)" ||
  nok "ExecStart= lines not found"
sed "s|^ExecStart=$sbin/ndctld|ExecStart=$ndctld|" "$units/ndctld.service" >"$t/ndctld.service"
sed "s|^ExecStart=$bin/daxctl|ExecStart=$daxctl|" "$units/daxdev-reconfigure@.service" \
  >"$t/daxdev-reconfigure@.service"
ln -s daxdev-reconfigure@.service "$t/daxdev-reconfigure@dax0.0.service"
mkdir -p "$t/multi-user.target.wants" "$t/local-fs.target.wants"
ln -s ../ndctld.service "$t/multi-user.target.wants/ndctld.service"
printf '[Mount]\nWhat=/dev/vdb\nWhere=/var\nType=ext4\n' >"$t/var.mount"
ln -s ../var.mount "$t/local-fs.target.wants/var.mount"
export SYSTEMD_UNIT_PATH="$t:"

out=$(systemd-analyze verify --man=no "$t/ndctld.service" 2>&1 | grep -v "Cannot stat .*generator")
[ -z "$out" ] && ok "systemd-analyze verify ndctld.service: clean" ||
  nok "systemd-analyze verify ndctld.service: $out"
out=$(systemd-analyze verify --man=no "$t/daxdev-reconfigure@dax0.0.service" 2>&1 |
  grep -v "Cannot stat .*generator")
[ -z "$out" ] && ok "systemd-analyze verify daxdev-reconfigure@dax0.0.service: clean" ||
  nok "systemd-analyze verify daxdev-reconfigure@dax0.0.service: $out"

out=$(SYSTEMD_LOG_LEVEL=debug systemd-analyze verify --man=no multi-user.target 2>&1)
if printf '%s\n' "$out" | grep -q "ndctld.service: Installed new job ndctld.service/start"; then
  cyc=$(printf '%s\n' "$out" | grep -i "ordering cycle")
  [ -z "$cyc" ] && ok "boot transaction (ndctld enabled, /var a mount): ndctld queued, no ordering cycle" ||
    nok "ordering cycle: $cyc"
else
  nok "boot transaction: ndctld.service not queued: $(printf '%s\n' "$out" | tail -5)"
fi

out=$(systemd-analyze security --offline=true --threshold=45 "$t/ndctld.service" 2>&1); rc=$?
score=$(printf '%s\n' "$out" | sed -n 's/.*exposure level for ndctld.service: \([0-9.]*\).*/\1/p')
[ $rc -eq 0 ] && [ -n "$score" ] && ok "systemd-analyze security ndctld.service: $score (<= 4.5)" ||
  nok "systemd-analyze security ndctld.service: rc=$rc score '$score'"
echo "1..$n"
exit $fail
