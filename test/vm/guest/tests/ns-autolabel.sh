# Creating on a label-less NVDIMM region labels it first (--autolabel, the default), as
# upstream does: -f -e namespaceX.0 on one NFIT region and -r regionN on the other; the
# dry-run predicts the namespace of the labeled region and changes nothing; afterwards
# the region is labeled (v1.1 index, reference check-labels), the namespace has the
# planned size and survives the kernel re-reading the labels. Refused (nothing changed):
# an active label-less namespace without -f, and -L (no labels: in place only).
# ndvm-group: ns
# ndvm-fresh: yes
# ndvm-timeout: 300
. /vm/lib.sh
. /vm/tests/ns-lib.inc
lo=$(ns_lower_nfit); hi=$(ns_upper_nfit)
for x in "$lo" "$hi"; do assert_eq "${x##*/} label-less at boot" label-less "$(nd_region_labels "$x")"; done
lon=$(nd_namespaces "$lo" | head -n1); lon=${lon##*/}
state() { ns_snap "$lo"; ns_snap "$hi"; }
before=$(state)

ns_json ndctl create-namespace -e "$lon" -m fsdax
assert_eq "active label-less namespace without -f: refused" 1 "$NS_RC"
assert_match "  message" "active: add -f" "$NS_ERR"
ns_json ndctl create-namespace -L -r "${hi##*/}" -m fsdax
assert_eq "-L on a label-less region: refused" 1 "$NS_RC"
assert_match "  message" "label-less" "$NS_ERR"
ns_json ndctl create-namespace -f -e "$lon" -m fsdax --dry-run
assert_eq "dry-run: status" 0 "$NS_RC"
PLAN=$NS_OUT
assert_eq "dry-run: the whole labeled region, fsdax dev" "fsdax dev 2147483648" "$(jget '"\(.mode) \(.map) \(.raw_size)"')"
assert_eq "refusals and dry-run changed nothing" "$before" "$(state)"

ns_json ndctl create-namespace -f -e "$lon" -m fsdax
assert_eq "-f -e on label-less NFIT: status" 0 "$NS_RC"
[ "$NS_RC" = 0 ] || echo "$NS_ERR"
assert_eq "${lo##*/} is labeled now" labeled "$(nd_region_labels "$lo")"
assert_eq "size as planned" "$(echo "$PLAN" | jq -r .size)" "$(jget .size)"
assert_eq "blockdev size" "$(echo "$PLAN" | jq -r .size)" "$(bsize "$(jget .blockdev)")"
d=$(attr "$lo/mapping0" | cut -d, -f1)
assert_cmd "reference check-labels $d" $ref check-labels "$d"
u=$(jget .uuid)
$ref disable-region "${lo##*/}" >/dev/null 2>&1; $ref enable-region "${lo##*/}" >/dev/null 2>&1
assert_eq "namespace back from the labels" "$u fsdax" "$(ndctl list -r "${lo##*/}" -N | jq -r '.[0] | "\(.uuid) \(.mode)"')"

ns_json ndctl create-namespace -r "${hi##*/}" -m devdax -s 512M --dry-run
PLAN=$NS_OUT
ns_json ndctl create-namespace -f -r "${hi##*/}" -m devdax -s 512M
assert_eq "-r on label-less NFIT: status" 0 "$NS_RC"
[ "$NS_RC" = 0 ] || echo "$NS_ERR"
assert_eq "${hi##*/} is labeled now" labeled "$(nd_region_labels "$hi")"
assert_eq "devdax 512M as planned" "$(echo "$PLAN" | jq -r .size)" "$(jget .size)"
assert_eq "the rest of the region is free" 1610612736 "$(attr "$hi/available_size")"
ndvm_finish
