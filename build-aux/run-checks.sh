#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The checks CI runs after the test suite (issue 10), each ending with its
# own "N passed, N failed" line:
#   sanitizers  the whole suite again, built with AddressSanitizer and
#               UndefinedBehaviorSanitizer (in build-asan); any report fails
#               the test it came from. Leaks are valgrind's part:
#   valgrind    the core tests (test-demo aside) under memcheck: no definite
#               leak, no error
#   fuzz        each libFuzzer harness for FUZZ_SECONDS (30) from its corpus
# Run one with its name, or all of them without arguments.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

stages=("$@")
((${#stages[@]})) || stages=(sanitizers valgrind fuzz)
total_passed=0
total_failed=0

tally () {
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
  if [[ -z "$line" ]]; then
    total_failed=$((total_failed + 1))
    return
  fi
  total_passed=$((total_passed + $(echo "$line" | cut -d' ' -f1)))
  total_failed=$((total_failed + $(echo "$line" | cut -d' ' -f3)))
}

for stage in "${stages[@]}"; do
  log=$(mktemp)
  echo
  echo "=== $stage ==="
  case $stage in
    sanitizers)
      BUILDDIR=build-asan MESON_SETUP_ARGS="-Db_sanitize=address,undefined -Db_lundef=false" \
      CRM_TEST_SLOWDOWN=3 ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:detect_stack_use_after_return=0 \
      UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
        build-aux/run-tests.sh --no-suite bench --timeout-multiplier 4 --num-processes 1 2>&1 | tee "$log"
      ;;
    valgrind)
      build-aux/setup.sh >/dev/null
      vlog=build/meson-logs/valgrind.log
      # test-demo generates thousands of customers: 20 minutes under valgrind; the
      # sanitizer stage covers it
      mapfile -t core_tests < <(meson test -C build --list --suite core 2>/dev/null |
                                sed -n 's|^rapport:core / ||p' | grep -v -x 'test-demo')
      meson test -C build --timeout-multiplier 20 --num-processes 2 --print-errorlogs \
        --wrap "valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --error-exitcode=1" \
        "${core_tests[@]}" 2>&1 | tee "$vlog" | grep -E '^ *[0-9]+/[0-9]+ |^(Ok|Fail|Timeout):'
      ok=$(sed -n -E 's/^Ok:[[:space:]]+([0-9]+).*/\1/p' "$vlog" | tail -n 1)
      bad=$(sed -n -E 's/^(Fail|Timeout|Unexpected Pass):[[:space:]]+([0-9]+).*/\2/p' "$vlog" | awk '{ n += $1 } END { print n + 0 }')
      echo "${ok:-0} passed, ${bad:-1} failed" | tee "$log"
      ;;
    fuzz)
      # one result per fuzzer: its line says "no crash" or names the crash file
      build-aux/run-fuzz.sh "${FUZZ_SECONDS:-30}" 2>&1 | tee "$log.out"
      if [[ ${PIPESTATUS[0]} == 0 ]]; then
        echo "$(grep -c 'no crash' "$log.out") passed, 0 failed" > "$log"
      else
        echo "$(grep -c 'no crash' "$log.out") passed, $(( $(grep -c -i 'crash' "$log.out") - $(grep -c 'no crash' "$log.out") + 1 )) failed" > "$log"
      fi
      cat "$log"
      rm -f "$log.out"
      ;;
    *)
      echo "run-checks: unknown stage $stage (sanitizers, valgrind, fuzz)"
      echo "0 passed, 1 failed" > "$log"
      ;;
  esac
  tally "$log"
  rm -f "$log"
done

echo
echo "$total_passed passed, $total_failed failed"
((total_failed == 0))
