# Harness self-test: a test that never ends, with a child that never ends either (the
# in-guest timeout must kill the whole session and report a failure).
# ndvm-group: selftest
# ndvm-timeout: 3
sleep 100000 &
sleep 100000
