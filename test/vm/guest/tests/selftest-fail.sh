# Harness self-test: a deliberately broken assertion (must be reported as not ok, with
# expected and actual values in the diagnostics).
# ndvm-group: selftest
# ndvm-timeout: 10
. /vm/lib.sh
assert_eq "deliberately broken assertion" yes no
ndvm_finish
