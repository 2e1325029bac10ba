#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds Rapport and runs the whole test suite headless (Xvfb + a private
# D-Bus session). Arguments are passed to `meson test` (e.g. a suite: core).
# The last line of output is "N passed, N failed" (", N skipped" if any).
# With CI=true a skipped test counts as failed: nothing may be skipped in CI.

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
builddir=${BUILDDIR:-build}

if ! build-aux/setup.sh; then
  echo
  echo "run-tests: set-up or build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

export GSK_RENDERER=cairo
export NO_AT_BRIDGE=1

mkdir -p "$builddir/meson-logs"
log="$builddir/meson-logs/run-tests.log"

set +e
xvfb-run -a -s "-screen 0 1280x800x24" \
  dbus-run-session -- \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# meson's summary, e.g. "Ok:                 6   ". The last one counts.
count () {
  local n
  n=$(sed -n -E "s/^$1:[[:space:]]+([0-9]+)[[:space:]]*\$/\\1/p" "$log" | tail -n 1)
  echo "${n:-0}"
}

if ! grep -q -E '^Ok:[[:space:]]+[0-9]+' "$log"; then
  echo
  if grep -q -E '^No tests defined|^No suitable tests defined' "$log"; then
    echo "run-tests: meson ran no test"
  else
    echo "run-tests: meson test gave no summary (exit status $status): the build or the test run failed"
  fi
  echo "0 passed, 1 failed"
  exit 1
fi

ok=$(count 'Ok')
expected_fail=$(count 'Expected Fail')
fail=$(count 'Fail')
unexpected_pass=$(count 'Unexpected Pass')
skipped=$(count 'Skipped')
timeout=$(count 'Timeout')

passed=$((ok + expected_fail))
failed=$((fail + unexpected_pass + timeout))

if [[ "${CI:-}" == "true" ]] && ((skipped > 0)); then
  echo
  echo "run-tests: $skipped test(s) skipped, counted as failed: nothing may be skipped in CI"
  failed=$((failed + skipped))
  skipped=0
fi

if ((failed == 0 && status != 0)); then
  echo
  echo "run-tests: meson test exited with status $status although no test failed"
  failed=1
fi

if ((passed + failed + skipped == 0)); then
  echo
  echo "run-tests: meson ran no test"
  echo "0 passed, 1 failed"
  exit 1
fi

summary="$passed passed, $failed failed"
((skipped > 0)) && summary+=", $skipped skipped"
echo
echo "$summary"

((failed == 0))
