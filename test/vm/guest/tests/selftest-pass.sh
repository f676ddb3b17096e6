# Harness self-test: a passing test (selftest.sh checks the harness reports it as ok).
# ndvm-group: selftest
# ndvm-timeout: 10
. /vm/lib.sh
assert_eq "one equals one" 1 1
ndvm_finish
