# Guest test library of the VM test bed (busybox sh). Source it: . /vm/lib.sh
# Finds objects by provider, path or resource, never by fixed names (device numbers differ
# between kernels: 6.1's NFIT regions are region2/3 and its hmem dax regions 0/1, 6.12's are
# region0/1 and 3/4). Assertions print expected vs actual and count failures; end a test with
# ndvm_finish (exit 0 when every assertion held, 1 otherwise); ndvm_skip REASON exits 77.
SYS=/sys
ND=$SYS/bus/nd/devices
DAX=$SYS/bus/dax/devices
MEM=$SYS/devices/system/memory
NDVM_FAILS=0
NDVM_CHECKS=0

# ---- assertions
ndvm_fail() { NDVM_FAILS=$((NDVM_FAILS + 1)); echo "FAIL: $*"; }
ndvm_pass() { echo "ok: $*"; }
# assert_eq DESC EXPECTED ACTUAL
assert_eq() {
	NDVM_CHECKS=$((NDVM_CHECKS + 1))
	if [ "$2" = "$3" ]; then ndvm_pass "$1 = '$3'"
	else ndvm_fail "$1: expected '$2', got '$3'"; fi
}
# assert_ne DESC UNEXPECTED ACTUAL
assert_ne() {
	NDVM_CHECKS=$((NDVM_CHECKS + 1))
	if [ "$2" != "$3" ]; then ndvm_pass "$1 = '$3' (not '$2')"
	else ndvm_fail "$1: expected anything but '$2'"; fi
}
# assert_match DESC EXTENDED_REGEX ACTUAL
assert_match() {
	NDVM_CHECKS=$((NDVM_CHECKS + 1))
	if echo "$3" | grep -Eq -- "$2"; then ndvm_pass "$1 = '$3' (matches /$2/)"
	else ndvm_fail "$1: expected a match of /$2/, got '$3'"; fi
}
# assert_count DESC N WORDS...
assert_count() {
	_d=$1 _n=$2; shift 2
	assert_eq "$_d (count)" "$_n" "$#"
}
# assert_cmd DESC CMD... : the command must succeed (its output is shown on failure)
assert_cmd() {
	_d=$1; shift
	NDVM_CHECKS=$((NDVM_CHECKS + 1))
	if _o=$("$@" 2>&1); then ndvm_pass "$_d"
	else ndvm_fail "$_d: '$*' failed with status $?: $_o"; fi
}
ndvm_finish() {
	echo "$NDVM_CHECKS checks, $NDVM_FAILS failed"
	[ "$NDVM_FAILS" = 0 ] && exit 0
	exit 1
}
ndvm_skip() { echo "SKIP: $*"; exit 77; }
ndvm_die() { ndvm_fail "$*"; ndvm_finish; }

# ---- generic sysfs
# attr FILE: contents without trailing newline, or "<unreadable>"
attr() { cat "$1" 2>/dev/null || echo "<unreadable>"; }
real() { readlink -f "$1"; }
# kernel_ge MAJOR.MINOR: running kernel at least that version
kernel_ge() {
	_k=$(uname -r); _kM=${_k%%.*}; _km=${_k#*.}; _km=${_km%%[!0-9]*}
	_wM=${1%%.*}; _wm=${1#*.}
	[ "$_kM" -gt "$_wM" ] || { [ "$_kM" -eq "$_wM" ] && [ "$_km" -ge "$_wm" ]; }
}
# hex/dec to decimal
num() { printf '%d' "$1"; }

# ---- libnvdimm
# nd_buses PROVIDER: /sys/bus/nd/devices/ndbusN of that provider (ACPI.NFIT, e820, ...)
nd_buses() {
	for _b in "$ND"/ndbus*; do
		[ -e "$_b" ] && [ "$(attr "$_b/provider")" = "$1" ] && echo "$_b"
	done
}
# nd_on_bus BUS PREFIX: bus-device paths of the bus's children named PREFIX* (nmem, region,
# namespace, btt, pfn, dax), found through where their devices live, not their numbers
nd_on_bus() {
	_bus=$(real "$1")
	for _d in "$ND"/"$2"*; do
		[ -e "$_d" ] || continue
		case $(real "$_d") in "$_bus"/*) echo "$_d" ;; esac
	done
}
nd_dimms() { nd_on_bus "$1" nmem; }
nd_regions() { nd_on_bus "$1" region; }
# nd_region_at RESOURCE: region whose resource is that address
nd_region_at() {
	for _r in "$ND"/region*; do
		[ "$(num "$(attr "$_r/resource")")" = "$(num "$1")" ] && echo "$_r"
	done
}
# nd_namespaces REGION: namespaces of a region (seeds included: they have size 0)
nd_namespaces() {
	for _n in "$1"/namespace*.*; do [ -e "$_n" ] && echo "$ND/${_n##*/}"; done
}
# nd_active_namespaces REGION: namespaces with a non-zero size
nd_active_namespaces() {
	for _n in $(nd_namespaces "$1"); do
		[ "$(attr "$_n/size")" != 0 ] && echo "$_n"
	done
}
# nd_region_labeled REGION: "label-less" when its namespace is an nd_namespace_io (no
# labels: one namespace spanning the region), "labeled" otherwise
nd_region_labels() {
	for _n in $(nd_namespaces "$1"); do
		case $(attr "$_n/devtype") in
		nd_namespace_io) echo label-less; return ;;
		nd_namespace_pmem|nd_namespace_blk) echo labeled; return ;;
		esac
	done
	echo unknown
}

# ---- device-dax
# dax_regions KIND: dax region directories whose parent device matches KIND
#   hmem: soft-reserved (platform hmem.N); pmem: on an nd namespace (daxN.M of libnvdimm)
dax_regions() {
	for _r in "$SYS"/devices/platform/hmem.*/dax_region "$SYS"/devices/*/*/*/ndbus*/region*/dax*.*/dax_region \
		"$SYS"/devices/platform/*/ndbus*/region*/dax*.*/dax_region; do
		[ -d "$_r" ] || continue
		case $1:$_r in
		hmem:*/hmem.*) echo "$_r" ;;
		pmem:*/ndbus*) echo "$_r" ;;
		esac
	done
}
# dax_devices REGION_DIR: dax devices (/sys/bus/dax/devices/daxX.Y) of a dax region
dax_devices() {
	_p=$(real "$1/..")
	for _d in "$DAX"/dax*; do
		[ -e "$_d" ] || continue
		[ "$(real "$_d/..")" = "$_p" ] && echo "$_d"
	done
}
# dax_mode DEV: devdax | system-ram | unbound (from the bound driver)
dax_mode() {
	case $(readlink "$1/driver" 2>/dev/null) in
	*/device_dax) echo devdax ;;
	*/kmem) echo system-ram ;;
	"") echo unbound ;;
	*) echo "other:$(basename "$(readlink "$1/driver")")" ;;
	esac
}
# dax_memblocks DEV: memory block directories covering the device's ranges (mappingN/start..end,
# or resource..+size when the kernel shows no mappings)
dax_memblocks() {
	_bs=$(num "0x$(attr "$MEM/block_size_bytes")")
	_rg=
	for _m in "$1"/mapping*; do
		[ -f "$_m/start" ] && _rg="$_rg $(num "$(attr "$_m/start")"):$(num "$(attr "$_m/end")")"
	done
	if [ -z "$_rg" ]; then
		_s=$(num "$(attr "$1/resource")"); _rg="$_s:$((_s + $(attr "$1/size") - 1))"
	fi
	for _r in $_rg; do
		_i=$((${_r%:*} / _bs))
		while [ $((_i * _bs)) -le "${_r#*:}" ]; do
			[ -d "$MEM/memory$_i" ] && echo "$MEM/memory$_i"
			_i=$((_i + 1))
		done
	done
}
# count_state STATE BLOCKS...: how many memory blocks are in that state
count_state() {
	_w=$1; _c=0; shift
	for _m in "$@"; do [ "$(attr "$_m/state")" = "$_w" ] && _c=$((_c + 1)); done
	echo $_c
}

# ---- files out of the guest
# ndvm_export NAME -C DIR PATHS...: tar.gz of those paths, unpacked on the host into the
# run's artifacts directory (run-vm.sh --artifacts DIR)
ndvm_export() {
	_n=$1; shift
	tar -czf - "$@" | base64 | sed "s/^/NDVM FILE $_n /" > /dev/ttyS1
}

# ---- users (vmuser 1001, other 1002; /etc/passwd of the image)
# as_user USER CMD...: run a command as that user (its uid and gid, no supplementary groups)
as_user() {
	_u=$(id -u "$1") && _g=$(id -g "$1") || return 1
	shift
	/usr/bin/setpriv --reuid="$_u" --regid="$_g" --clear-groups "$@"   # util-linux's, not busybox's
}
# open_as USER FILE: "ok" when the user can open the file for reading, else the error
# ("Permission denied" for EACCES, ...)
open_as() {
	_o=$(as_user "$1" sh -c ": < '$2'" 2>&1) && { echo ok; return; }
	case $_o in *"Permission denied"*) echo "Permission denied" ;; *) echo "error: $_o" ;; esac
}

# ---- systemd mode ("# ndvm-init: systemd"; README.md)
# /etc/ndvm-install.env: where meson installed our build in the image (NDVM_PREFIX,
# NDVM_SBINDIR, NDVM_BINDIR, NDVM_SYSCONFDIR, NDVM_CONF_DIR = the daemon's configuration
# directory, NDVM_UNITDIR)
[ -f /etc/ndvm-install.env ] && . /etc/ndvm-install.env
# wait_for SECS CMD...: run CMD every 0.1 s until it succeeds (0) or SECS pass (1)
wait_for() {
	_end=$(($(cut -d. -f1 /proc/uptime) + $1)); shift
	while ! "$@"; do
		[ "$(cut -d. -f1 /proc/uptime)" -ge "$_end" ] && return 1
		sleep 0.1
	done
}
# journal_json ARGS...: journalctl -o json ARGS (one JSON object a line), journal flushed first
journal_json() {
	journalctl --sync 2>/dev/null
	journalctl -q --no-pager -o json "$@"
}
