#!/bin/bash
# Builds the project and runs the whole test suite: unit, fixture and VM tests
# (both kernels) in a normal build, then unit and fixture tests again under
# ASan+UBSan. Prints one closing line "N passed, N failed, N skipped".
# Build directories: build/ and build-san/ (override with BUILD, BUILD_SAN).
set -uo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
build_san=${BUILD_SAN:-build-san}

setup() {
  local dir=$1
  shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@" >/dev/null
  fi
}

rc=0
setup "$build" && meson compile -C "$build" || exit 1
meson test -C "$build" --print-errorlogs --num-processes 2 || rc=1
setup "$build_san" -Db_sanitize=address,undefined -Dvm_tests=disabled -Ddocs=disabled &&
  meson compile -C "$build_san" || exit 1
meson test -C "$build_san" --setup sanitize --print-errorlogs --no-suite vm || rc=1

python3 - "$build/meson-logs/testlog.json" "$build_san/meson-logs/testlog-sanitize.json" <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path).read().splitlines()
    except OSError:
        failed += 1
        continue
    for line in lines:
        t = json.loads(line)
        r = t.get("result")
        if r in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif r == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $rc
