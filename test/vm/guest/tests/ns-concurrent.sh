# Concurrent invocations are serialised per region: 8 parallel create-namespace -s 128M
# on one region all succeed, with 8 distinct namespaces, uuids and non-overlapping
# resources, consistent labels (reference check-labels; after disabling and re-enabling the
# region the kernel rebuilds the same 8 namespaces from the labels) and listing; then 8
# parallel destroys leave the region empty, also after the kernel re-reads the labels.
# Then create-namespace --continue fills the region.
# ndvm-group: ns
# ndvm-fresh: yes
# ndvm-timeout: 300
. /vm/lib.sh
. /vm/tests/ns-lib.inc
ns_label_region
dimm=$(attr "$RD/mapping0" | cut -d, -f1)
for i in 1 2 3 4 5 6 7 8; do
	( ndctl create-namespace -r "$R" -m fsdax -s 128M > /tmp/c.$i.out 2> /tmp/c.$i.err; echo $? > /tmp/c.$i.rc ) &
done
wait
for i in 1 2 3 4 5 6 7 8; do
	assert_eq "create $i: exit status" 0 "$(cat /tmp/c.$i.rc)"
	[ "$(cat /tmp/c.$i.rc)" = 0 ] || cat /tmp/c.$i.err
done
devs=$(cat /tmp/c.*.out | jq -r .dev | sort -u)
assert_count "distinct namespaces created" 8 $devs
assert_count "distinct uuids" 8 $(cat /tmp/c.*.out | jq -r .uuid | sort -u)
assert_eq "every one 128M (124 MiB usable)" "130023424" "$(cat /tmp/c.*.out | jq -r .size | sort -u)"
res=$(for d in $devs; do echo "$(num "$(attr "$ND/$d/resource")")"; done | sort -n)
prev=-1; ok=1
for r0 in $res; do [ "$prev" -ge 0 ] && [ $((prev + 134217728)) -gt "$r0" ] && ok=0; prev=$r0; done
assert_eq "resources do not overlap" 1 "$ok"
assert_eq "listing shows 8 active namespaces" 8 "$(ndctl list -N -r "$R" | jq length)"
assert_eq "region has 1 GiB left" 1073741824 "$(attr "$RD/available_size")"
assert_cmd "reference check-labels" $ref check-labels "$dimm"
sig() { ndctl list -N -r "$R" | jq -r '.[] | "\(.uuid) \(.size)"' | sort; }
before=$(sig)
$ref disable-region "$R" >/dev/null 2>&1; $ref enable-region "$R" >/dev/null 2>&1
assert_eq "the kernel rebuilds the same namespaces from the labels" "$before" "$(sig)"
for d in $devs; do
	( ndctl destroy-namespace -f "$d" > /dev/null 2>&1; echo $? > /tmp/d.$d.rc ) &
done
wait
assert_eq "every destroy succeeded" 0 "$(cat /tmp/d.*.rc | sort -u)"
assert_eq "region empty again" 2147483648 "$(attr "$RD/available_size")"
assert_eq "no active namespace" "" "$(sig)"
assert_cmd "reference check-labels after" $ref check-labels "$dimm"
$ref disable-region "$R" >/dev/null 2>&1; $ref enable-region "$R" >/dev/null 2>&1
assert_eq "no namespace comes back from the labels" "" "$(sig)"
assert_eq "region empty after re-reading labels" 2147483648 "$(attr "$RD/available_size")"
# --continue fills the region with namespaces of the given size
ns_json ndctl create-namespace -c -r "$R" -m devdax -s 512M
assert_eq "--continue: status" 0 "$NS_RC"
assert_eq "--continue: 4 namespaces of 512M" 4 "$(ndctl list -N -r "$R" | jq length)"
assert_eq "--continue: region full" 0 "$(attr "$RD/available_size")"
assert_cmd "destroy them all" ndctl destroy-namespace -f all -r "$R"
ndvm_finish
