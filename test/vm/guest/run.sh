#!/bin/sh
# Guest side of the VM test bed: load the modules, then according to the kernel command line
#   ndvm.mode=test   ndvm.tests=a,b,c ndvm.phase=N ndvm.timeout=SECS   run the tests
#   ndvm.mode=shell                                                  interactive shell
#   ndvm.env=VAR=VAL,VAR=VAL                                         exported to tests
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

# harness self-test: crash before saying anything (an "early crash": the host retries once)
[ "${NDVM_SELFTEST:-}" = panic ] && echo c > /proc/sysrq-trigger
[ "$MODE" = shell ] || out "NDVM BOOT $(uname -r) $(cut -d' ' -f1 /proc/uptime)"

while read -r m p; do
	insmod "$p" || out "NDVM MODULE $m fail"
done < /etc/ndvm-modules
# let libnvdimm finish its asynchronous probing (reading wait_probe flushes it)
for b in /sys/bus/nd/devices/ndbus*; do cat "$b/wait_probe" >/dev/null 2>&1; done

if [ "$MODE" = shell ]; then
	echo
	echo "ndvm: $(uname -r), modules loaded; our tools in /usr/bin, Debian's in /ref/bin;"
	echo "ndvm: tests in /vm/tests (sh /vm/tests/NAME.sh). Exit the shell to power off."
	cd /root
	setsid cttyhack sh -l
	poweroff -f
fi

mkdir -p /tmp/ndvm
for t in $TESTS; do
	f=/vm/tests/$t.sh
	to=$(sed -n 's/^# ndvm-timeout: *//p' "$f" 2>/dev/null | head -n1)
	to=${to:-$DEFTIMEOUT}
	out "NDVM BEGIN $t $PHASE $to"
	log=/tmp/ndvm/$t.$PHASE.log
	start=$(cut -d' ' -f1 /proc/uptime)
	if [ ! -f "$f" ]; then
		echo "no such test: $t" > "$log"; rc=1
	else
		[ "${NDVM_SELFTEST:-}" = hang ] && sleep 100000   # harness self-test: guest stops answering
		mkdir -p "/tmp/ndvm/$t.work"
		(cd "/tmp/ndvm/$t.work" && exec setsid sh "$f") > "$log" 2>&1 < /dev/null &
		pid=$!
		(sleep "$to"; echo "ndvm: timeout after ${to}s, killing the test" >> "$log"; kill -KILL -"$pid" 2>/dev/null) &
		wd=$!
		wait "$pid"; rc=$?
		kill "$wd" 2>/dev/null
		kill -KILL -"$pid" 2>/dev/null
	fi
	end=$(cut -d' ' -f1 /proc/uptime)
	secs=$(awk "BEGIN{printf \"%.1f\", $end - $start}")
	sed "s/^/NDVM LOG $t /" "$log" > $R
	case $rc in
	0) out "NDVM RESULT $t $PHASE ok $secs" ;;
	77) out "NDVM RESULT $t $PHASE skip $secs $(sed -n 's/^SKIP: //p' "$log" | tail -n1)" ;;
	137) out "NDVM RESULT $t $PHASE fail $secs timeout after ${to}s" ;;
	*) out "NDVM RESULT $t $PHASE fail $secs exit status $rc" ;;
	esac
done
out "NDVM END"
sync
poweroff -f
