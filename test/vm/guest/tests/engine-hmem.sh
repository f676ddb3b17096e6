# Policy engine (daemon/engine.h, driven by engine-run) on the hmem regions: the region on
# node 0 carved into two instances (256M devdax, align 4K, for vmuser, mode 0600; 512M system-ram
# movable), the region on node 1 system-ram movable; verified per memory block (state,
# zone from valid_zones), by size/align/address, by owner and by who can open the device.
# Then idempotency: a second converge says "nothing to do", its plan is empty and it opens
# nothing in /sys or /dev for writing and changes no owner or mode (strace). Last, a new
# layout (one instance of the whole region): one instance grown, the system-ram one
# offlined, shrunk and deleted.
# 6.12 boots with memhp_default_state=offline: at its default it onlines hmem into
# ZONE_NORMAL itself and the memory cannot be freed for carving (engine-ns checks that
# problem).
# ndvm-group: daemon
# ndvm-fresh: yes
# ndvm-timeout: 300
# ndvm-append-6.12: memhp_default_state=offline
. /vm/lib.sh
command -v engine-run >/dev/null || ndvm_skip "engine-run not in the guest (NDCTL_VM_BINS)"

R0=$(for r in $(dax_regions hmem); do d=$(dax_devices "$r" | head -n1); [ "$(attr "$d/target_node")" = 0 ] && echo "$r"; done)
R1=$(for r in $(dax_regions hmem); do d=$(dax_devices "$r" | head -n1); [ "$(attr "$d/target_node")" = 1 ] && echo "$r"; done)
[ -n "$R0" ] && [ -n "$R1" ] || ndvm_die "hmem regions on nodes 0 and 1 not found"
FAR=$(dax_devices "$R1" | head -n1); FAR=${FAR##*/}

mkdir -p conf
cat >conf/10-engine.conf <<'EOF'
[instance guest]
region.kind = hmem
node = 0
size = 256M
align = 4K
owner = 1001
group = 1001
permissions = 0600

[instance ram]
region.kind = hmem
node = 0
size = 512M
mode = system-ram
zone = movable

[device far]
region.kind = hmem
node = 1
mode = system-ram
movable = true
EOF

# blocks of a device as "state:zone" lines (zone: first word of valid_zones when online)
blocks() {
	for b in $(dax_memblocks "$DAX/$1"); do
		st=$(attr "$b/state"); z=-
		[ "$st" = online ] && z=$(attr "$b/valid_zones" | cut -d' ' -f1)
		echo "$st:$z"
	done
}
sized_devs() { for d in $(dax_devices "$1"); do [ "$(attr "$d/size")" != 0 ] && echo "$d"; done; }

t0=$(cut -d' ' -f1 /proc/uptime)
engine-run --config-dir conf converge >out 2>err; rc=$?
t1=$(cut -d' ' -f1 /proc/uptime)
echo "first converge: $(awk "BEGIN { print $t1 - $t0 }") s"
cat err
assert_eq "converge exit" 0 $rc
assert_eq "no failed record" 0 "$(grep -c '^failed' err)"

# --- node 0: exactly the two instances, in address order: 256M devdax, 512M system-ram
set -- $(sized_devs "$R0")
assert_count "instances in the node-0 region" 2 "$@"
G=${1##*/} RAM=${2##*/}
if [ "$(num "$(attr "$DAX/$G/resource")")" -gt "$(num "$(attr "$DAX/$RAM/resource")")" ]; then
	x=$G; G=$RAM; RAM=$x
fi
assert_eq "$G size" 268435456 "$(attr "$DAX/$G/size")"
assert_eq "$G align" 4096 "$(attr "$DAX/$G/align")"
assert_eq "$G mode" devdax "$(dax_mode "$DAX/$G")"
assert_eq "$RAM size" 536870912 "$(attr "$DAX/$RAM/size")"
assert_eq "$RAM mode" system-ram "$(dax_mode "$DAX/$RAM")"
assert_eq "$RAM blocks: 4 online, movable" "online:Movable online:Movable online:Movable online:Movable" "$(blocks "$RAM" | tr '\n' ' ' | sed 's/ $//')"
assert_eq "node-0 region: 256M left free" 268435456 "$(attr "$R0/available_size")"
# the seed daxN.0 became one of them (resized, not deleted)
assert_match "daxN.0 is one of the instances" "\.0$" "$(printf '%s\n' "$G" "$RAM" | grep '\.0$')"

# --- ownership of the guest instance: vmuser may open it, nobody else
assert_eq "/dev/$G owner:group mode" "1001:1001 600" "$(stat -c '%u:%g %a' "/dev/$G")"
assert_eq "vmuser opens /dev/$G" ok "$(open_as vmuser "/dev/$G")"
assert_eq "other cannot open /dev/$G" "Permission denied" "$(open_as other "/dev/$G")"

# --- node 1: system-ram, every block online and movable
assert_eq "$FAR mode" system-ram "$(dax_mode "$DAX/$FAR")"
n=$(blocks "$FAR" | wc -l)
assert_eq "$FAR: every block online movable" "$n" "$(blocks "$FAR" | grep -c '^online:Movable$')"
assert_ne "$FAR has blocks" 0 "$n"

# --- idempotent: nothing to do, empty plan, no writes
snap() { for d in $(sized_devs "$R0") $(sized_devs "$R1"); do echo "${d##*/} $(attr "$d/size") $(dax_mode "$d") $(blocks "${d##*/}" | tr '\n' ,)"; done; stat -c '%n %u %g %a' /dev/dax*; }
snap >before
if command -v strace >/dev/null; then
	strace -f -qq -o trace -e trace=openat,chown,fchownat,chmod,fchmodat engine-run --config-dir conf converge >out 2>err; rc=$?
	assert_eq "no open for writing in /sys or /dev" "" "$(grep -E 'openat\(.*"/(sys|dev)/.*O_(WRONLY|RDWR)' trace | head -3)"
	assert_eq "no chown/chmod" "" "$(grep -E '^[0-9]+ +f?ch(own|mod)' trace | head -3)"
else
	engine-run --config-dir conf converge >out 2>err; rc=$?
fi
assert_eq "second converge exit" 0 $rc
assert_eq "second converge: nothing to do" "decided -: nothing to do" "$(grep -v '^seen' err)"
snap >after
assert_eq "state unchanged by the second converge" "$(cat before)" "$(cat after)"
engine-run --config-dir conf --quiet plan >plan.json 2>err; rc=$?
assert_eq "plan exit" 0 $rc
assert_eq "plan: no changes" 0 "$(jq '.changes | length' plan.json)"
assert_eq "plan: no problems" 0 "$(jq '.problems | length' plan.json)"
assert_eq "plan: unchanged objects" "$(printf '%s\n' "$G" "$RAM" "$FAR" | sort | tr '\n' ' ')" \
	"$(jq -r '.unchanged[].object' plan.json | sort | tr '\n' ' ')"

# --- daxctl reconfigure-device -C on an already configured device: nothing changes
daxctl reconfigure-device -C --config-dir conf "$FAR" >out 2>err; rc=$?
assert_eq "daxctl -C $FAR exit" 0 $rc
assert_match "daxctl -C $FAR says it is configured" "as configured already" "$(cat err)"
assert_eq "daxctl -C $FAR JSON mode" system-ram "$(jq -r '.[0].mode' out)"
# --- a new layout for the node-0 region: one instance of all of it. The 256M instance is
# grown (it is the first in address order), the 512M system-ram one (movable, so its memory
# can be offlined) shrunk away and deleted to make room
mkdir -p conf2
cat >conf2/10-one.conf <<'EOF'
[instance one]
region.kind = hmem
node = 0
size = 1G
EOF
engine-run --config-dir conf2 converge >out 2>err; rc=$?
grep -v '^seen' err
assert_eq "relayout: converge exit" 0 $rc
assert_match "relayout: $RAM shrunk away" "changed $RAM: shrink: 512 MiB -> deleted" "$(cat err)"
assert_match "relayout: $G grown" "changed $G: resize: 256 MiB align 4096 -> 1 GiB" "$(cat err)"
set -- $(sized_devs "$R0")
assert_eq "relayout: one instance, $G" "$DAX/$G" "$*"
assert_eq "relayout: $G is 1 GiB devdax" "1073741824 devdax" "$(attr "$DAX/$G/size") $(dax_mode "$DAX/$G")"
assert_eq "relayout: $RAM deleted" "" "$(ls -d "$DAX/$RAM" 2>/dev/null)"
assert_eq "relayout: nothing free" 0 "$(attr "$R0/available_size")"
engine-run --config-dir conf2 converge >out 2>err
assert_eq "relayout: second converge: nothing to do" "decided -: nothing to do" "$(grep -v '^seen' err)"
ndvm_finish
