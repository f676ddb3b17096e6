#!/bin/bash
# test/vm/run-vm.sh: boot a Debian kernel under QEMU with the test bed's fixed topology
# (two NFIT NVDIMMs, one e820 pmem range, two soft-reserved ranges on two NUMA nodes; see
# README.md), run guest tests and print TAP on stdout, or boot into a shell.
#
# usage: run-vm.sh [options] [TEST...]
#   --kernel 6.1|6.12   kernel to boot (default 6.1)
#   --build-dir DIR     meson build dir with our binaries (default: $NDCTL_VM_BUILD or ../../build)
#   --state DIR         where images/logs go (default BUILD/test/vm/state/KERNEL)
#   --group NAME[,NAME] run the tests whose header says "# ndvm-group: NAME" (default: core)
#   --shell             interactive busybox shell on the console (Ctrl-A x quits QEMU)
#   --keep              keep the NVDIMM backing files of the previous run (default: fresh zeroed)
#   --timeout SECS      default per-test timeout in the guest (tests may set "# ndvm-timeout: N")
#   --grace SECS        host waits this long past a test's timeout before killing the guest (30)
#   --env VAR=VAL       exported to the guest tests (repeatable)
#   --artifacts DIR     where files exported by tests (ndvm_export) are unpacked (default STATE/artifacts)
#   --bin FILE          extra binary for the guest's /usr/bin (repeatable)
#   --append ARGS       extra kernel command line arguments
#   --init busybox|systemd  PID 1 of --shell (default busybox); tests choose their own
# With no TEST and no --group, the tests of group "core" run.
# Tests that say "# ndvm-phases: N" run in N boots (NDVM_PHASE=1..N) with the images kept.
# Tests may add kernel arguments for one kernel with "# ndvm-append-6.12: ARGS" (e.g.
# memhp_default_state=offline); tests sharing a boot share its arguments.
# Tests that say "# ndvm-init: systemd" boot with systemd as PID 1, udevd, journald and our
# build meson-installed (a bigger initramfs; README.md, "systemd mode"); "# ndvm-setup: yes"
# runs "TEST.sh setup" before ndctld.service starts.
# meson test sets LD_LIBRARY_PATH to our build libraries: QEMU (via libpmem) and the host
# tools must not load them
unset LD_LIBRARY_PATH
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
KSEL=6.1 BUILD=${NDCTL_VM_BUILD:-} STATE= GROUP= SHELLMODE=0 KEEP=0 TIMEOUT=120 GRACE=30
ARTS= ENVS=() TESTS=() XBINS=() XAPPEND= SHELLINIT=busybox
CACHE=${NDCTL_VM_CACHE:-$HOME/.cache/ndctl-vm}
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) KSEL=$2; shift 2 ;;
	--build-dir) BUILD=$2; shift 2 ;;
	--state) STATE=$2; shift 2 ;;
	--group) GROUP=$2; shift 2 ;;
	--shell) SHELLMODE=1; shift ;;
	--keep) KEEP=1; shift ;;
	--timeout) TIMEOUT=$2; shift 2 ;;
	--grace) GRACE=$2; shift 2 ;;
	--env) ENVS+=("$2"); shift 2 ;;
	--artifacts) ARTS=$2; shift 2 ;;
	--bin) XBINS+=("$2"); shift 2 ;;
	--append) XAPPEND="$XAPPEND $2"; shift 2 ;;
	--init) SHELLINIT=$2; shift 2 ;;
	-h|--help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	-*) echo "run-vm.sh: unknown option $1" >&2; exit 2 ;;
	*) TESTS+=("$1"); shift ;;
	esac
done
case $KSEL in 6.1|6.12) ;; *) echo "run-vm.sh: --kernel must be 6.1 or 6.12" >&2; exit 2 ;; esac
case $SHELLINIT in busybox|systemd) ;; *) echo "run-vm.sh: --init must be busybox or systemd" >&2; exit 2 ;; esac
BUILD=${BUILD:-$HERE/../../build}
BUILD=$(cd "$BUILD" && pwd) || exit 2
STATE=${STATE:-$BUILD/test/vm/state/$KSEL}
mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd)
# one run per state dir at a time (images, logs); a second run waits
exec 9>"$STATE/.lock"
flock 9
# never leave a QEMU behind (meson's timeout, Ctrl-C)
QPID=
trap '[ -n "$QPID" ] && kill -KILL "$QPID" 2>/dev/null' EXIT
trap 'exit 130' INT TERM
ARTS=${ARTS:-$STATE/artifacts}

command -v qemu-system-x86_64 >/dev/null || { echo "1..0 # SKIP qemu-system-x86_64 not installed"; exit 0; }

# kernels and reference tools: cached resolution, fetched when missing or stale
need_fetch=1
if [ -f "$CACHE/resolved.env" ]; then
	. "$CACHE/resolved.env"
	[ -d "${K61_DIR:-/nonexistent}" ] && [ -d "${K612_DIR:-/nonexistent}" ] && [ -d "${REF_DIR:-/nonexistent}" ] && need_fetch=0
fi
if [ $need_fetch = 1 ]; then
	"$HERE/fetch.sh" "$CACHE" >&2 || { echo "Bail out! fetch.sh failed (kernels/reference tools)"; exit 1; }
	. "$CACHE/resolved.env"
fi
case $KSEL in
6.1) KVER=$K61_VER KDIR=$K61_DIR ;;
6.12) KVER=$K612_VER KDIR=$K612_DIR ;;
esac

# test selection
GT="$HERE/guest/tests"
hdr() { sed -n "s/^# ndvm-$2: *//p" "$GT/$1.sh" 2>/dev/null | head -n1; }
if [ ${#TESTS[@]} = 0 ]; then
	for f in "$GT"/*.sh; do
		t=$(basename "$f" .sh) g=$(hdr "$t" group)
		case ",${GROUP:-core}," in *",$g,"*) TESTS+=("$t") ;; esac
	done
fi

imode() { local m; m=$(hdr "$1" init); echo "${m:-busybox}"; }   # TEST -> busybox|systemd

# initramfs per init mode, built when first needed (rebuilt every run: cheap, and always has
# the current binaries and scripts); systemd mode's adds systemd and our installed build
declare -A INITRDS=()
initrd() { # MODE: sets INITRD
	INITRD="$STATE/initramfs.cpio"
	[ "$1" = systemd ] && INITRD="$STATE/initramfs-systemd.cpio"
	[ -n "${INITRDS[$1]:-}" ] && return 0
	local t0=$SECONDS sd=; [ "$1" = systemd ] && sd=--systemd
	"$HERE/mkinitramfs.sh" --kernel "$KSEL" --build-dir "$BUILD" --out "$INITRD" --cache "$CACHE" $sd "${XBINS[@]}" >&2 ||
		{ echo "Bail out! mkinitramfs.sh${sd:+ $sd} failed"; exit 1; }
	INITRDS[$1]=1
	[ "$1" = systemd ] && echo "# systemd-mode initramfs: $(($(stat -c %s "$INITRD") / 1048576)) MiB, $((SECONDS - t0)) s"
	return 0
}

# NVDIMM backing files: 2 GiB + 128 KiB label area each, sparse
NVSIZE=$((2 * 1024 * 1024 * 1024 + 128 * 1024))
fresh_images() { # fresh zeroed backing files unless --keep (then only missing ones)
	for n in 1 2; do
		img="$STATE/nv$n.img"
		if [ $KEEP = 0 ] || [ ! -f "$img" ]; then rm -f "$img"; truncate -s $NVSIZE "$img"; fi
	done
}
fresh_images

ACCEL=${NDCTL_VM_ACCEL:-}
if [ -z "$ACCEL" ]; then
	ACCEL=tcg
	if [ -r /dev/kvm ] && [ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo; then ACCEL=kvm; fi
fi

CMDLINE="console=ttyS0 quiet panic=-1 mitigations=off \
memmap=1G%4G-1+0xefffffff memmap=1G%5G-1+0xefffffff memmap=512M!6G$XAPPEND"
ENVARG=$(IFS=,; echo "${ENVS[*]:-}")
[ -n "$ENVARG" ] && CMDLINE="$CMDLINE ndvm.env=$ENVARG"

QEMU=(qemu-system-x86_64 -nodefaults -display none -no-reboot
	-machine "pc,nvdimm=on,accel=$ACCEL" -cpu max -smp 1
	-m 5632M,slots=4,maxmem=16G
	-object memory-backend-ram,id=m0,size=4G -numa node,nodeid=0,cpus=0,memdev=m0
	-object memory-backend-ram,id=m1,size=1536M -numa node,nodeid=1,memdev=m1
	-object "memory-backend-file,id=nv1,share=on,mem-path=$STATE/nv1.img,size=$NVSIZE"
	-device nvdimm,id=nvdimm1,memdev=nv1,label-size=128K
	-object "memory-backend-file,id=nv2,share=on,mem-path=$STATE/nv2.img,size=$NVSIZE"
	-device nvdimm,id=nvdimm2,memdev=nv2,label-size=128K
	-kernel "$KDIR/boot/vmlinuz-$KVER")
initarg() { [ "$1" = systemd ] && echo " ndvm.init=systemd"; }

if [ $SHELLMODE = 1 ]; then
	initrd $SHELLINIT
	exec "${QEMU[@]}" -initrd "$INITRD" -chardev stdio,id=con,mux=on,signal=off -mon chardev=con \
		-device isa-serial,chardev=con -device isa-serial,chardev=null0 -chardev null,id=null0 \
		-append "$CMDLINE$(initarg $SHELLINIT) ndvm.mode=shell"
fi

# ---- test mode
declare -A PHASES=() RES=()
MAXPH=1 PLAN=0
for t in "${TESTS[@]}"; do
	p=$(hdr "$t" phases); p=${p:-1}
	PHASES[$t]=$p; PLAN=$((PLAN + p)); [ "$p" -gt $MAXPH ] && MAXPH=$p
done
echo "1..$PLAN"
echo "# kernel $KVER ($ACCEL), state $STATE"
N=0
pname() { # TEST PHASE: "TEST" or "TEST phase N" for multi-boot tests
	if [ "${PHASES[$1]}" -gt 1 ]; then echo "$1 phase $2"; else echo "$1"; fi
}
tap() { # ok|not ok, name, [directive]
	N=$((N + 1)); echo "$1 $N - $2${3:+ $3}"
}
diag_file() { sed 's/^/# /' "$1"; }

run_boot() { # PHASE TRY TESTS... ; sets BOOTED, ENDED
	local ph=$1 try=$2; shift 2
	local tag="b$BATCH.phase$ph${try:+.$try}"
	local con="$STATE/console.$tag.log" res="$STATE/results.$tag.txt"
	local list; list=$(IFS=,; echo "$*")
	rm -f "$con" "$res"; : > "$res"
	mkdir -p "$STATE/logs"
	"${QEMU[@]}" -initrd "$INITRD" -chardev "file,id=con,path=$con" -device isa-serial,chardev=con \
		-chardev "file,id=res,path=$res" -device isa-serial,chardev=res \
		-append "$CMDLINE$BATCH_APPEND$(initarg "${BINIT[$BATCH]}") ndvm.mode=test ndvm.phase=$ph ndvm.timeout=$TIMEOUT ndvm.tests=$list" \
		</dev/null >"$STATE/qemu.$tag.out" 2>&1 9>&- &
	QOUT="$STATE/qemu.$tag.out"
	local qpid=$! t0=$SECONDS last=$SECONDS allow=120 cur= buf= line begun=
	QPID=$qpid
	BOOTED=0 ENDED=0 CONSOLE=$con
	exec 3<"$res"
	while :; do
		if IFS= read -r line <&3; then
			line="$buf$line"; buf=
			line=${line%$'\r'}
			case $line in
			"NDVM BOOT "*) BOOTED=1; echo "# boot: ${line#NDVM BOOT } s guest uptime, $((SECONDS - t0)) s host" ;;
			"NDVM MODULE "*) echo "# ${line#NDVM }" ;;
			"NDVM BEGIN "*)
				set -- ${line#NDVM BEGIN }; cur=$1; allow=$(($3 + GRACE)); : > "$STATE/logs/$1.$2.log"
				[ -z "$begun" ] && echo "# boot to first test: $((SECONDS - t0)) s host"; begun=1 ;;
			"NDVM LOG "*) line=${line#NDVM LOG }; echo "${line#* }" >> "$STATE/logs/${line%% *}.$ph.log" ;;
			"NDVM FILE "*) line=${line#NDVM FILE }; mkdir -p "$STATE/files"; echo "${line#* }" >> "$STATE/files/${line%% *}.b64" ;;
			"NDVM RESULT "*)
				set -- ${line#NDVM RESULT }
				local t=$1 st=$3 secs=$4; shift 4
				RES[$t]=$st; cur=; allow=60
				case $st in
				ok) tap ok "$(pname "$t" $ph) (${secs}s)" ;;
				skip) tap ok "$(pname "$t" $ph)" "# SKIP $*" ;;
				*) tap "not ok" "$(pname "$t" $ph) (${secs}s): $*"; diag_file "$STATE/logs/$t.$ph.log" ;;
				esac ;;
			"NDVM END") ENDED=1; allow=15 ;;
			esac
			last=$SECONDS
			continue
		fi
		buf="$buf$line"
		if ! kill -0 $qpid 2>/dev/null; then
			IFS= read -r line <&3 && { buf="$buf$line"; continue; }
			break
		fi
		if [ $((SECONDS - last)) -gt $allow ]; then
			echo "# guest silent for $((SECONDS - last)) s${cur:+ during test $cur}: killing QEMU"
			kill $qpid 2>/dev/null; sleep 1; kill -KILL $qpid 2>/dev/null
			HUNG=1
		fi
		sleep 0.2
	done
	wait $qpid 2>/dev/null
	exec 3<&-
	LASTCUR=$cur
}

# Batches: the tests without "# ndvm-fresh: yes" share boots: one batch per init mode
# (busybox, systemd) and kernel arguments ("# ndvm-append-KERNEL:"); each fresh test gets
# boots of its own. Every batch starts with fresh NVDIMM images (unless --keep).
# BINIT: the batch's init mode, BAPPEND: its extra kernel arguments.
BATCHES=() BINIT=() BAPPEND=()
declare -A SHARED=()
SKEYS=()
for t in "${TESTS[@]}"; do
	a=$(hdr "$t" "append-$KSEL")
	if [ "$(hdr "$t" fresh)" = yes ]; then
		BATCHES+=("$t"); BINIT+=("$(imode "$t")"); BAPPEND+=("$a")
		continue
	fi
	k="$(imode "$t")|$a"
	[ -n "${SHARED[$k]:-}" ] || SKEYS+=("$k")
	SHARED[$k]="${SHARED[$k]:-} $t"
done
if [ ${#SKEYS[@]} -gt 0 ]; then
	SB=() SI=() SA=()
	# busybox-mode batches first (the shared boot of the core group stays the first one)
	for k in "${SKEYS[@]}"; do
		[ "${k%%|*}" = busybox ] && { SB+=("${SHARED[$k]}"); SI+=(busybox); SA+=("${k#*|}"); }
	done
	for k in "${SKEYS[@]}"; do
		[ "${k%%|*}" = busybox ] || { SB+=("${SHARED[$k]}"); SI+=("${k%%|*}"); SA+=("${k#*|}"); }
	done
	BATCHES=("${SB[@]}" "${BATCHES[@]}"); BINIT=("${SI[@]}" "${BINIT[@]}"); BAPPEND=("${SA[@]}" "${BAPPEND[@]}")
fi
rm -rf "$STATE/files" "$STATE/logs"
for ((BATCH = 0; BATCH < ${#BATCHES[@]}; BATCH++)); do
	[ $BATCH -gt 0 ] && fresh_images
	initrd "${BINIT[$BATCH]}"
	# kernel arguments of the batch's tests: "# ndvm-append-6.12: ARGS"
	BATCH_APPEND=${BAPPEND[$BATCH]:+ ${BAPPEND[$BATCH]}}
	MAXPH=1
	for t in ${BATCHES[$BATCH]}; do [ "${PHASES[$t]}" -gt $MAXPH ] && MAXPH=${PHASES[$t]}; done
	for ((ph = 1; ph <= MAXPH; ph++)); do
		RUN=()
		for t in ${BATCHES[$BATCH]}; do
			[ "${PHASES[$t]}" -ge $ph ] || continue
			if [ $ph -gt 1 ] && [ "${RES[$t]:-}" != ok ]; then
				tap "not ok" "$t phase $ph: not run, phase $((ph - 1)) did not pass"; continue
			fi
			RUN+=("$t")
		done
		[ ${#RUN[@]} = 0 ] && continue
		for t in "${RUN[@]}"; do unset "RES[$t]"; done
		HUNG=0
		run_boot $ph "" "${RUN[@]}"
		if [ $BOOTED = 0 ]; then
			echo "# no output from the guest's init (early crash?); console: $CONSOLE; retrying once"
			HUNG=0
			run_boot $ph 2 "${RUN[@]}"
		fi
		if [ $ENDED = 0 ]; then
			why="guest crashed or hung"; [ $HUNG = 1 ] && why="guest hung, killed by host timeout"
			[ $BOOTED = 0 ] && why="guest never reached init"
			for t in "${RUN[@]}"; do
				[ -n "${RES[$t]:-}" ] && continue
				RES[$t]=fail
				extra=; [ "$t" = "${LASTCUR:-}" ] && extra=" (while running it)"
				tap "not ok" "$(pname "$t" $ph): $why$extra"
				[ -f "$STATE/logs/$t.$ph.log" ] && diag_file "$STATE/logs/$t.$ph.log"
			done
			echo "# console log: $CONSOLE (last lines:)"
			[ -f "$CONSOLE" ] && tail -n 25 "$CONSOLE" | tr -d '\r' | sed 's/^/#   /'
			[ -s "$QOUT" ] && { echo "# QEMU said ($QOUT):"; sed 's/^/#   /' "$QOUT"; }
		fi
	done
done

# artifacts exported by tests
if [ -d "$STATE/files" ]; then
	mkdir -p "$ARTS"
	for f in "$STATE/files"/*.b64; do
		n=$(basename "$f" .b64)
		base64 -d "$f" | tar -xzf - -C "$ARTS" && echo "# artifact $n -> $ARTS"
		rm -f "$f"
	done
fi
exit 0
