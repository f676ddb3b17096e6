#!/bin/bash
# The comparator must see what matters (missing objects, keys, changed types
# and values, top-level shape) and ignore what does not (order).
cmp=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
n=0 fail=0
check() { # want-rc description a b [opts]
  local want=$1 what=$2 a=$3 b=$4
  shift 4
  printf '%s' "$a" > "$d/a"; printf '%s' "$b" > "$d/b"
  out=$("$cmp" "$@" "$d/a" "$d/b"); rc=$?
  n=$((n + 1))
  if [ $rc -eq "$want" ]; then echo "ok $n - $what"; else
    fail=1; echo "not ok $n - $what (rc=$rc, want $want)"; printf '%s\n' "$out" | sed 's/^/# /'; fi
}
base='[{"dev":"region1","size":2147483648,"mappings":[{"dimm":"nmem0","position":0}],"namespaces":[{"dev":"namespace1.0","mode":"raw"},{"dev":"namespace1.1","mode":"fsdax"}]}]'
check 0 "identical" "$base" "$base"
check 0 "order of objects and keys ignored" "$base" '[{"namespaces":[{"mode":"fsdax","dev":"namespace1.1"},{"dev":"namespace1.0","mode":"raw"}],"size":2147483648,"dev":"region1","mappings":[{"position":0,"dimm":"nmem0"}]}]'
check 1 "missing nested object" "$base" '[{"dev":"region1","size":2147483648,"mappings":[{"dimm":"nmem0","position":0}],"namespaces":[{"dev":"namespace1.0","mode":"raw"}]}]'
check 1 "integer vs string" "$base" '[{"dev":"region1","size":"2.00 GiB","mappings":[{"dimm":"nmem0","position":0}],"namespaces":[{"dev":"namespace1.0","mode":"raw"},{"dev":"namespace1.1","mode":"fsdax"}]}]'
check 0 "--types-only tolerates values" "$base" '[{"dev":"region1","size":1,"mappings":[{"dimm":"nmem0","position":0}],"namespaces":[{"dev":"namespace1.0","mode":"raw"},{"dev":"namespace1.1","mode":"devdax"}]}]' --types-only
check 1 "changed value" "$base" '[{"dev":"region1","size":1,"mappings":[{"dimm":"nmem0","position":0}],"namespaces":[{"dev":"namespace1.0","mode":"raw"},{"dev":"namespace1.1","mode":"fsdax"}]}]'
check 0 "--ignore key" '{"dev":"a","t":1}' '{"dev":"a","t":2}' --ignore t
check 1 "extra key" '{"dev":"a"}' '{"dev":"a","numa_node":0}'
check 1 "array vs unwrapped object" '[{"dev":"a"}]' '{"dev":"a"}'
check 0 "empty output equals empty array" '' '[]'
check 1 "anonymous array element changed" '{"dev":"r","c":[{"mode":"fsdax"}]}' '{"dev":"r","c":[{"mode":"devdax"}]}'
echo "1..$n"
exit $fail
