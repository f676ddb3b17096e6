#!/bin/bash
# Checks man pages and bash completion against the verb tables of the built
# binaries: every command has a man page that documents every long option its
# --help prints, and completion offers every command and option.
# Programs without verbs (ndctld) come after --standalone: their page
# Documentation/PROG[.N].adoc documents every long option of --help.
# usage: check-docs.sh SRCDIR PROG_BINARY... [--standalone BINARY...]
set -u
src=$1
shift
suites=()
while [ $# -gt 0 ] && [ "$1" != --standalone ]; do suites+=("$1"); shift; done
[ $# -gt 0 ] && shift
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
nok() { n=$((n + 1)); fail=1; echo "not ok $n - $*"; }

for bin in "$@"; do
  prog=$(basename "$bin")
  page=$(ls "$src/Documentation/$prog".adoc "$src/Documentation/$prog".[0-9].adoc 2>/dev/null | head -1)
  [ -n "$page" ] && ok "$prog: man page exists" || { nok "$prog: no Documentation/$prog[.N].adoc"; continue; }
  if ! help=$("$bin" --help 2>&1); then
    nok "$prog --help exits non-zero"
    continue
  fi
  opts=$(printf '%s\n' "$help" | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u | grep -vx -- '--help')
  missing=""
  for o in $opts; do
    grep -q -- "$o" "$page" || missing="$missing $o"
  done
  [ -z "$missing" ] && ok "$prog: man page documents all $(echo $opts | wc -w) options" ||
    nok "$prog: man page lacks:$missing"
  out=$("$bin" --no-such-option 2>&1); rc=$?
  [ $rc -ne 0 ] && printf '%s' "$out" | grep -q "unknown option" &&
    ok "$prog: unknown option rejected" || nok "$prog: unknown option: rc=$rc '$out'"
  out=$("$bin" --version); rc=$?
  [ $rc -eq 0 ] && printf '%s' "$out" | grep -qE '^[0-9]+(\.[0-9]+)*$' &&
    ok "$prog --version prints a version" || nok "$prog --version: '$out'"
done

for bin in "${suites[@]}"; do
  prog=$(basename "$bin")
  export PATH="$(dirname "$bin"):$PATH"
  cmds=$("$bin" --list-cmds)
  [ -n "$cmds" ] && ok "$prog --list-cmds lists commands" || nok "$prog --list-cmds is empty"
  [ -f "$src/Documentation/$prog.adoc" ] && ok "$prog.adoc exists" || nok "$prog.adoc missing"

  for cmd in $cmds; do
    page="$src/Documentation/$prog-$cmd.adoc"
    if [ ! -f "$page" ]; then
      nok "$prog $cmd: no man page $page"
      continue
    fi
    ok "$prog $cmd: man page exists"
    if ! help=$("$bin" "$cmd" --help 2>&1); then
      nok "$prog $cmd --help exits non-zero"
      continue
    fi
    opts=$(printf '%s\n' "$help" | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u | grep -vx -- '--help')
    missing=""
    for o in $opts; do
      grep -q -- "$o" "$page" || missing="$missing $o"
    done
    [ -z "$missing" ] && ok "$prog $cmd: man page documents all $(echo $opts | wc -w) options" ||
      nok "$prog $cmd: man page lacks:$missing"
    # completion offers every option of the command
    got=$(bash -c '
      source "$1/contrib/bash-completion/ndctl"
      COMP_WORDS=("$2" "$3" --); COMP_CWORD=2
      __ndsuite_complete; printf "%s\n" "${COMPREPLY[@]}"' -- "$src" "$prog" "$cmd")
    missing=""
    for o in $opts; do
      printf '%s\n' "$got" | grep -qx -- "$o" || missing="$missing $o"
    done
    [ -z "$missing" ] && ok "$prog $cmd: completion offers all options" ||
      nok "$prog $cmd: completion lacks:$missing"
  done

  got=$(bash -c '
    source "$1/contrib/bash-completion/ndctl"
    COMP_WORDS=("$2" ""); COMP_CWORD=1
    __ndsuite_complete; printf "%s\n" "${COMPREPLY[@]}"' -- "$src" "$prog")
  missing=""
  for c in $cmds; do
    printf '%s\n' "$got" | grep -qx -- "$c" || missing="$missing $c"
  done
  [ -z "$missing" ] && ok "$prog: completion offers every command" ||
    nok "$prog: completion lacks commands:$missing"

  # dispatch: unknown command and option fail with a message, help works
  out=$("$bin" no-such-command 2>&1); rc=$?
  [ $rc -ne 0 ] && printf '%s' "$out" | grep -q "not a $prog command" &&
    ok "$prog: unknown command rejected" || nok "$prog: unknown command: rc=$rc '$out'"
  out=$("$bin" --no-such-option 2>&1); rc=$?
  [ $rc -ne 0 ] && printf '%s' "$out" | grep -q "unknown option" &&
    ok "$prog: unknown option rejected" || nok "$prog: unknown option: rc=$rc '$out'"
  out=$("$bin" --version); rc=$?
  [ $rc -eq 0 ] && printf '%s' "$out" | grep -qE '^[0-9]+(\.[0-9]+)*$' &&
    ok "$prog --version prints a version" || nok "$prog --version: '$out'"
done
echo "1..$n"
exit $fail
