# Guest side of capture-sysfs.sh (busybox sh; source after lib.sh). capture_sysfs DEST copies
# the sysfs parts our tools read into DEST (which stands for /sys):
#   /sys/bus/nd, /sys/bus/dax (whole), the /sys/devices subtrees their device links point to
#   (the ndbus and hmem.N parents, with every child), plain attributes of those subtrees'
#   ancestors, /sys/devices/system/memory, /sys/devices/system/node (top-level and nodeN
#   attributes and links only).
# Symlinks are recreated with their (relative) targets; readable attributes are copied;
# unreadable or write-only ones are left out; power/, trace/ and block queue/ dirs are skipped.
# capture_ref DEST/ref saves the reference tools' JSON for a set of list commands.

# copy_tree SRC DST: recursive copy of a sysfs subtree
copy_tree() {
	mkdir -p "$2"
	for _e in "$1"/* ; do
		[ -e "$_e" ] || [ -L "$_e" ] || continue
		_b=${_e##*/}
		if [ -L "$_e" ]; then
			ln -s "$(readlink "$_e")" "$2/$_b"
		elif [ -d "$_e" ]; then
			case $_b in power|trace|queue|mq|holders|slaves|integrity|hugepages) continue ;; esac
			copy_tree "$_e" "$2/$_b"
		else
			copy_attr "$_e" "$2/$_b"
		fi
	done
}
# copy_attr SRC DST: readable attribute contents (skips unreadable and large ones)
copy_attr() {
	[ -r "$1" ] || return 0
	cat "$1" > "$2" 2>/dev/null || { rm -f "$2"; return 0; }
	[ "$(wc -c < "$2")" -le 65536 ] || rm -f "$2"
}
# copy_flat SRC DST: a directory's attributes and links, no subdirectories
copy_flat() {
	mkdir -p "$2"
	for _e in "$1"/*; do
		[ -e "$_e" ] || [ -L "$_e" ] || continue
		if [ -L "$_e" ]; then ln -s "$(readlink "$_e")" "$2/${_e##*/}"
		elif [ -f "$_e" ]; then copy_attr "$_e" "$2/${_e##*/}"; fi
	done
}

capture_sysfs() {
	_dst=$1
	rm -rf "$_dst"; mkdir -p "$_dst"
	copy_tree /sys/bus/nd "$_dst/bus/nd"
	copy_tree /sys/bus/dax "$_dst/bus/dax"
	# device subtrees: the ndbus of every nd device, the parent of every dax device
	_roots=
	for _l in /sys/bus/nd/devices/* /sys/bus/dax/devices/*; do
		[ -L "$_l" ] || continue
		_t=$(readlink -f "$_l")
		case $_t in
		*/ndbus[0-9]*) _r=$(echo "$_t" | sed 's|\(/ndbus[0-9]*\).*|\1|') ;;
		*) _r=${_t%/*} ;;
		esac
		case " $_roots " in *" $_r "*) ;; *) _roots="$_roots $_r" ;; esac
	done
	for _r in $_roots; do
		copy_tree "$_r" "$_dst${_r#/sys}"
		_a=${_r%/*}
		while [ "$_a" != /sys/devices ] && [ "$_a" != /sys ]; do
			copy_flat "$_a" "$_dst${_a#/sys}"
			# flat copies must not shadow the captured subtrees with dangling child links
			_a=${_a%/*}
		done
	done
	copy_tree /sys/devices/system/memory "$_dst/devices/system/memory"
	copy_flat /sys/devices/system/node "$_dst/devices/system/node"
	for _n in /sys/devices/system/node/node[0-9]*; do
		copy_flat "$_n" "$_dst/devices/system/node/${_n##*/}"
	done
}

# ref_run DIR TOOL ARGS...: run a reference tool, keep its stdout (NAME.json), stderr
# (NAME.err when not empty) and exit status (DIR/INDEX)
ref_run() {
	_dir=$1; shift
	_name=$(for _w in "$@"; do printf '%s-' "${_w#${_w%%[!-]*}}"; done | sed 's/-$//; s|/|_|g')
	_tool=$1; shift
	"/ref/bin/$_tool" "$@" > "$_dir/$_name.json" 2> "$_dir/$_name.err"
	_rc=$?
	[ -s "$_dir/$_name.err" ] || rm -f "$_dir/$_name.err"
	echo "$_rc $_tool $*" >> "$_dir/INDEX"
}
capture_ref() {
	mkdir -p "$1"
	for _cmd in "ndctl list" "ndctl list -B" "ndctl list -D" "ndctl list -R" "ndctl list -N" \
		"ndctl list -Ni" "ndctl list -RDNBu" "ndctl list -RDNBu -vvv" "ndctl list -RDNBXu -i" \
		"ndctl list -NX" "daxctl list" "daxctl list -R" "daxctl list -D" "daxctl list -RDu" \
		"daxctl list -RDi" "daxctl list -RDMu" "daxctl list -RDu -i"; do
		# shellcheck disable=SC2086
		ref_run "$1" $_cmd
	done
	uname -r > "$1/uname"
	cat /proc/cmdline > "$1/cmdline"
	grep -v -e ' : Reserved' -e 'PCI' /proc/iomem > "$1/iomem"
	cat /proc/zoneinfo | grep -E '^Node|present|managed' > "$1/zoneinfo"
}

# capture_state NAME: sysfs + reference JSON of the current state, exported to the host
capture_state() {
	_c=/tmp/capture/$1
	capture_sysfs "$_c"
	capture_ref "$_c/ref"
	[ -f /tmp/capture-steps.log ] && cp /tmp/capture-steps.log "$_c/ref/steps.log"
	echo "captured $1: $(find "$_c" | wc -l) entries, $(du -sk "$_c" | cut -f1) KiB"
	ndvm_export "capture-$1" -C /tmp/capture "$1"
}

# step CMD...: run a setup command, log it (and its output) to the steps log, fail loudly
step() {
	echo "# $*" >> /tmp/capture-steps.log
	if "$@" >> /tmp/capture-steps.log 2>&1; then echo "step ok: $*"
	else _rc=$?; echo "step FAILED ($_rc): $*"; tail -n 5 /tmp/capture-steps.log; return $_rc; fi
}

# hmem_by_node: hmem dax regions, target node 1's first (its memory is not the kernel's boot
# memory, so on 6.12 it is the likelier one to offline cleanly)
hmem_by_node() {
	for _r in $(dax_regions hmem); do
		_d=$(dax_devices "$_r" | head -n1)
		echo "$(attr "$_d/target_node") $_r"
	done | sort -rn | cut -d' ' -f2
}
# to_devdax DEV: make a dax device devdax (a no-op when it is); fails when the kernel refuses
to_devdax() {
	[ "$(dax_mode "$1")" = devdax ] && return 0
	step /ref/bin/daxctl reconfigure-device -m devdax "${1##*/}"
}
