#!/bin/sh
# Guest side of the VM test bed: load the modules, then according to the kernel command line
#   ndvm.mode=test   ndvm.tests=a,b,c ndvm.phase=N ndvm.timeout=SECS   run the tests
#   ndvm.mode=shell                                                  interactive shell
#   ndvm.env=VAR=VAL,VAR=VAL                                         exported to tests
#   ndvm.init=systemd                                                systemd mode (below)
# Results go to the second serial port (/dev/ttyS1), one line per event, as each test ends:
#   NDVM BOOT <kver> <uptime>
#   NDVM MODULE <name> fail
#   NDVM BEGIN <test> <phase> <timeout>
#   NDVM LOG <test> <line>            (the test's output, after it ends)
#   NDVM FILE <name> <base64 line>    (artifacts: ndvm_export in lib.sh)
#   NDVM RESULT <test> <phase> ok|fail|skip <seconds> [reason]
#   NDVM END
# A test is /vm/tests/NAME.sh run by sh in its own session with NDVM_PHASE set; exit 0 = ok,
# 77 = skip, anything else = fail; killed (whole session) after its timeout.
#
# usage: run.sh [STEP]   (no STEP: busybox mode, all of boot, then tests or the shell)
#   boot    report the boot, load the modules, wait for libnvdimm's probing
#           (systemd mode: /vm/preinit-systemd.sh, before systemd starts)
#   setup   run "sh TEST.sh setup" for each test whose header says "# ndvm-setup: yes"
#           (systemd mode: ndvm-setup.service, ordered before ndctld.service)
#   tests   run the tests (or the shell), then power off (systemd mode: ndvm-run.service)
STEP=${1:-all}
R=/dev/ttyS1
stty -F $R raw -echo 2>/dev/null
out() { echo "$*" > $R; echo "ndvm: ${*#NDVM }" > /dev/console; }

cmdarg() { # NAME -> value of ndvm.NAME= on the command line
	for a in $(cat /proc/cmdline); do
		case $a in "ndvm.$1="*) echo "${a#*=}"; return ;; esac
	done
}
MODE=$(cmdarg mode); MODE=${MODE:-test}
TESTS=$(cmdarg tests | tr , ' ')
PHASE=$(cmdarg phase); PHASE=${PHASE:-1}
DEFTIMEOUT=$(cmdarg timeout); DEFTIMEOUT=${DEFTIMEOUT:-120}
for kv in $(cmdarg env | tr , ' '); do export "$kv"; done
export NDVM_PHASE=$PHASE
# systemd mode: where our build was installed (prefix, config directory; see README.md)
[ -f /etc/ndvm-install.env ] && . /etc/ndvm-install.env
hdr() { sed -n "s/^# ndvm-$2: *//p" "/vm/tests/$1.sh" 2>/dev/null | head -n1; }

boot() {
	# harness self-test: crash before saying anything (an "early crash": the host retries once)
	[ "${NDVM_SELFTEST:-}" = panic ] && echo c > /proc/sysrq-trigger
	[ "$MODE" = shell ] || out "NDVM BOOT $(uname -r) $(cut -d' ' -f1 /proc/uptime)"

	while read -r m p; do
		insmod "$p" || out "NDVM MODULE $m fail"
	done < /etc/ndvm-modules
	# let libnvdimm finish its asynchronous probing (reading wait_probe flushes it)
	for b in /sys/bus/nd/devices/ndbus*; do cat "$b/wait_probe" >/dev/null 2>&1; done
}

shell() {
	# systemd mode: a service without a terminal; take the console (ttyS0)
	[ "$STEP" = tests ] && exec </dev/ttyS0 >/dev/ttyS0 2>&1
	echo
	echo "ndvm: $(uname -r), modules loaded; our tools in /usr/bin, Debian's in /ref/bin;"
	echo "ndvm: tests in /vm/tests (sh /vm/tests/NAME.sh). Exit the shell to power off."
	cd /root
	if [ "$STEP" = tests ]; then
		echo "ndvm: systemd mode: our build installed under ${NDVM_PREFIX:-?} (/etc/ndvm-install.env)"
		setsid -c sh -l
	else
		setsid cttyhack sh -l
	fi
	poweroff -f
}

# run_one TEST LOG ARGS...: run the test script in its own session with its timeout; sets rc
run_one() {
	_t=$1 _log=$2; shift 2
	_f=/vm/tests/$_t.sh
	if [ ! -f "$_f" ]; then
		echo "no such test: $_t" >> "$_log"; rc=1; return
	fi
	mkdir -p "/tmp/ndvm/$_t.work"
	(cd "/tmp/ndvm/$_t.work" && exec setsid sh "$_f" "$@") >> "$_log" 2>&1 < /dev/null &
	_pid=$!
	(sleep "$to"; echo "ndvm: timeout after ${to}s, killing the test" >> "$_log"; kill -KILL -"$_pid" 2>/dev/null) &
	_wd=$!
	wait "$_pid"; rc=$?
	kill "$_wd" 2>/dev/null
	kill -KILL -"$_pid" 2>/dev/null
}

timeout_of() {
	to=$(hdr "$1" timeout)
	to=${to:-$DEFTIMEOUT}
}

# setup: tests with "# ndvm-setup: yes" prepare the guest before the daemon starts; their
# output opens the test's log, a failure fails the test (run.sh tests reports it)
setup() {
	mkdir -p /tmp/ndvm
	for t in $TESTS; do
		[ "$(hdr "$t" setup)" = yes ] || continue
		timeout_of "$t"
		log=/tmp/ndvm/$t.$PHASE.setup.log
		echo "--- setup (phase $PHASE)" > "$log"
		NDVM_STEP=setup run_one "$t" "$log" setup
		echo "--- setup exit status $rc" >> "$log"
		echo "$rc" > "/tmp/ndvm/$t.$PHASE.setup.rc"
	done
}

tests() {
	mkdir -p /tmp/ndvm
	for t in $TESTS; do
		timeout_of "$t"
		out "NDVM BEGIN $t $PHASE $to"
		log=/tmp/ndvm/$t.$PHASE.log
		: > "$log"
		start=$(cut -d' ' -f1 /proc/uptime)
		srcf=/tmp/ndvm/$t.$PHASE.setup.rc
		srs=
		if [ "$(hdr "$t" setup)" = yes ]; then
			cat "/tmp/ndvm/$t.$PHASE.setup.log" >> "$log" 2>/dev/null
			if [ ! -f "$srcf" ]; then srs="setup never ran"
			elif [ "$(cat "$srcf")" != 0 ]; then srs="setup failed with status $(cat "$srcf")"
			fi
		fi
		if [ -n "$srs" ]; then
			rc=1
		else
			[ "${NDVM_SELFTEST:-}" = hang ] && sleep 100000   # harness self-test: guest stops answering
			run_one "$t" "$log"
		fi
		end=$(cut -d' ' -f1 /proc/uptime)
		secs=$(awk "BEGIN{printf \"%.1f\", $end - $start}")
		sed "s/^/NDVM LOG $t /" "$log" > $R
		case $rc in
		0) out "NDVM RESULT $t $PHASE ok $secs" ;;
		77) out "NDVM RESULT $t $PHASE skip $secs $(sed -n 's/^SKIP: //p' "$log" | tail -n1)" ;;
		137) out "NDVM RESULT $t $PHASE fail $secs timeout after ${to}s" ;;
		*) out "NDVM RESULT $t $PHASE fail $secs ${srs:-exit status $rc}" ;;
		esac
	done
	out "NDVM END"
	sync
	poweroff -f
}

case $STEP in
all)
	boot
	[ "$MODE" = shell ] && shell
	tests ;;
boot) boot ;;
setup) [ "$MODE" = shell ] || setup ;;
tests)
	[ "$MODE" = shell ] && shell
	tests ;;
*) echo "run.sh: unknown step $STEP" >&2; exit 2 ;;
esac
