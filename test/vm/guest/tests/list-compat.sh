# Listing compatibility in the running guest state: our `ndctl list` / `daxctl list` and
# Debian's reference 76.1 (/ref/bin) run with the same flag combinations (filters, object
# kinds, -i/-c/-u/-v..-vvv, no-match filters) and must print the same objects with the same
# keys, types and values, compared as sets keyed by dev/chardev (json-compare, needs
# `run-vm.sh --bin build/test/compat/json-compare` or NDCTL_VM_BINS). Exit statuses must be
# equal; when the reference prints nothing, so must we.
# Only the intended differences documented in ndctl-list(1) / daxctl-list(1) are allowed:
#   ndctl: top-level shape of -R -N without -B (reference unwrapped from {"regions":[..]});
#          the -X device keys daxctl prints (memmap_on_memory, zones, max_available_extent);
#          -H/-F add nothing (reference health/firmware keys ignored).
#   daxctl: available_size also at 0 (dropped from ours when 0 before comparing);
#          new keys max_available_extent, zones, memmap_on_memory; with --dev and
#          regions, regions without a matching device are left out.
# Run directly it checks the state the guest booted in; list-compat-*.sh build other states
# with the reference tools and source this file (LIST_COMPAT_LIB=1) for lc_matrix.
# ndvm-group: compat
# ndvm-timeout: 600
. /vm/lib.sh

LC_N=0 LC_FAIL=0 LC_NOOUT=0
LC_JC=$(command -v json-compare)
LC_NDIGN="--ignore health --ignore firmware"

# lc_ref_adjust TOOL ARGS: reference JSON (stdin) -> what we print for it, by the documented
# differences; may print nothing (the difference leaves nothing to list)
lc_ref_adjust() {
	case "$1" in
	ndctl)
		case " $2 " in
		*" -"*B*) cat ;;
		*)	# jq only when the output is an object holding "regions" (jq's start is costly
			# under TCG and this runs hundreds of times)
			_in=$(cat)
			case $_in in
			"{"*'"regions"'*) printf '%s\n' "$_in" | jq 'if type == "object" and has("regions")
				and (has("dimms") | not) and (has("namespaces") | not) then .regions else . end' ;;
			*) printf '%s\n' "$_in" ;;
			esac ;;
		esac ;;
	daxctl)
		# --dev with regions: regions without a matching device are left out (and a single
		# remaining region prints as an object with -u, as the reference prints one region)
		_dn= _u=0
		set -- $2
		while [ $# -gt 0 ]; do
			case $1 in
			-d) case $2 in dax*.*) _dn=${2#dax}; _dn=${_dn%%.*} ;; esac; shift ;;
			-*u*) _u=1 ;;
			esac
			shift
		done
		if [ -n "$_dn" ]; then
			jq --argjson n "$_dn" --arg u "$_u" '
				def isreg: type == "object" and has("id") and has("path");
				if (if type == "array" then any(.[]; isreg) else isreg end) then
					(if type == "array" then . else [.] end)
					| map(select((isreg | not) or .id == $n))
					| if length == 0 then empty elif length == 1 and $u == "1" then .[0] else . end
				else . end'
		else
			cat
		fi ;;
	esac
}
# lc_our_adjust: our JSON (stdin) without the documented additions: available_size 0 of
# dynamic dax regions, max_available_extent, zones, memmap_on_memory (also in ndctl -X)
lc_our_adjust() {
	_in=$(cat)
	case $_in in
	*'"max_available_extent"'*|*'"zones"'*|*'"memmap_on_memory"'*|*'"available_size":0'*) ;;
	*) printf '%s\n' "$_in"; return ;;
	esac
	printf '%s\n' "$_in" | jq 'walk(if type == "object" and (has("path") or has("chardev")) then
		(if .available_size == 0 and has("max_available_extent") then del(.available_size) else . end)
		| del(.max_available_extent, .zones, .memmap_on_memory)
		else . end)'
}
# lc_bigq: integers of 16+ digits as strings, on both sides before any jq (jq 1.6 turns numbers
# into doubles and would round them: interleave-set cookies are 64-bit)
lc_bigq() { sed -E 's/([:,[] *)(-?[0-9]{16,})([],}]|$)/\1"\2"\3/g'; }
lc_empty() { [ -z "$(tr -d ' \n\t' < "$1")" ]; }

# lc_one TOOL ARGS...: one comparison
lc_one() {
	_t=$1; shift
	LC_N=$((LC_N + 1))
	_name="$_t list $*"
	"/usr/bin/$_t" list "$@" > o.json 2> o.err; _ro=$?
	"/ref/bin/$_t" list "$@" > r.json 2> r.err; _rr=$?
	if [ $_ro != $_rr ]; then
		LC_FAIL=$((LC_FAIL + 1))
		echo "not ok $LC_N - $_name: exit $_ro, reference $_rr"
		sed 's/^/#   ours: /' o.err | head -n 3; sed 's/^/#   ref:  /' r.err | head -n 3
		return
	fi
	lc_bigq < r.json | lc_ref_adjust "$_t" "$*" > r2.json
	if lc_empty r2.json; then
		LC_NOOUT=$((LC_NOOUT + 1))
		if [ -s o.json ]; then
			LC_FAIL=$((LC_FAIL + 1))
			echo "not ok $LC_N - $_name: reference prints nothing (exit $_rr), we print:"
			head -c 300 o.json | sed 's/^/#   /'
		else
			echo "ok $LC_N - $_name (no output, exit $_rr)"
		fi
		return
	fi
	lc_bigq < o.json | lc_our_adjust > o2.json
	if [ "$_t" = ndctl ]; then _ign=$LC_NDIGN; else _ign=; fi
	if "$LC_JC" $_ign o2.json r2.json > diff.txt 2>&1; then
		echo "ok $LC_N - $_name ($(grep -o '"\(dev\|chardev\)":' r2.json | wc -l) objects)"
	else
		LC_FAIL=$((LC_FAIL + 1))
		echo "not ok $LC_N - $_name"
		head -n 20 diff.txt | sed 's/^/#   /'
		if [ -n "${LC_VERBOSE:-}" ]; then
			echo "# ours:"; cat o.json; echo "# reference:"; cat r.json
		fi
	fi
}

# lc_matrix STATE: the whole matrix in the current state
lc_matrix() {
	_state=$1
	echo "# state $_state, kernel $(uname -r)"
	[ -x "$LC_JC" ] || ndvm_skip "json-compare not in the guest (run-vm.sh --bin build/test/compat/json-compare)"
	_nfit=$(nd_buses ACPI.NFIT)
	# names found by resource/provider: they differ between kernels
	set -- $(for r in $(nd_regions "$_nfit"); do echo "$(num "$(attr "$r/resource")") ${r##*/}"; done | sort -n | cut -d' ' -f2)
	_ra=$1 _rb=$2
	_dimm=$(nd_dimms "$_nfit" | head -n1); _dimm=${_dimm##*/}
	_ns=$(for r in $_ra $_rb; do nd_active_namespaces "$ND/$r"; done | head -n1); _ns=${_ns##*/}
	_e820=$(nd_regions "$(nd_buses e820)" | head -n1); _e820=${_e820##*/}
	_node=$(attr "$ND/$_e820/numa_node")
	echo "# NFIT regions $_ra $_rb, DIMM $_dimm, namespace ${_ns:-none}, e820 $_e820"
	for a in "" -B -D -R -N -X -i -c -u -v -vv -vvv \
		-BDRN -RN -DR -NX -NXu -Ni -Nc -Ri -Rc -Ru -Du -Bu -Nu -RC -DH -DF -RM -NM \
		"-Rv" "-Dv" "-Nv" "-Bv" "-RDNBu -vvv" "-RDNBXu -i" "-RDNBu" "-DRNi -v" "-RN -vv" \
		"-b ACPI.NFIT" "-b e820 -R" "-b ACPI.NFIT -DR" "-r $_ra -N" "-r $_rb -RN" "-r $_ra -D" \
		"-d $_dimm -R" "-d $_dimm -DR -i" "-m fsdax" "-m devdax -X" "-m sector" "-m raw" \
		"-m raw -R" "-t pmem -R" "-U 0 -R" "-U $_node -RN" "-U 0 -N" "-U 0 -D" \
		"-r $_e820 -RNi" "-b ACPI.NFIT -r $_rb -N -u" \
		"-b nosuchbus" "-r region99" "-d nmem99" "-n namespace99.9" "-U 7 -R" "-t blk -R"; do
		# shellcheck disable=SC2086
		lc_one ndctl $a
	done
	if [ -n "$_ns" ]; then
		lc_one ndctl -n "$_ns"; lc_one ndctl -n "$_ns" -R -u; lc_one ndctl -N -n "$_ns" -vv
	fi
	_regids= _devs=
	for r in $(dax_regions hmem); do
		_regids="$_regids $(attr "$r/id")"
		for d in $(dax_devices "$r"); do _devs="$_devs ${d##*/}"; done
	done
	set -- $_regids; _rid=$1
	set -- $_devs; _dev=$1; _devlast=$(echo $_devs | awk '{print $NF}')
	echo "# dax regions$_regids, devices$_devs"
	for a in "" -R -D -RD -RDM -RDMu -RDi -RDu -i -u -M -Mu -DM "-RDu -i" "-RDMu -i" \
		"-r $_rid" "-r $_rid -RD" "-r $_rid -RDM -u" "-r all -R" "-d all -D" "-d $_dev" \
		"-d $_dev -M" "-d $_devlast -RDMu" "-d $_dev -R" "-r $_rid -d $_devlast" \
		"-r 99" "-d dax99.9" "-r 99 -R" ; do
		# shellcheck disable=SC2086
		lc_one daxctl $a
	done
	echo "# state $_state: $LC_N comparisons, $LC_NOOUT with no output, $LC_FAIL failed"
}

lc_finish() {
	NDVM_CHECKS=$LC_N NDVM_FAILS=$LC_FAIL
	ndvm_finish
}

if [ -z "${LIST_COMPAT_LIB:-}" ]; then
	lc_matrix boot
	lc_finish
fi
