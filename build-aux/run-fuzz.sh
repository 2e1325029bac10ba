#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the libFuzzer harnesses (tests/fuzz) in ./build-fuzz (or $BUILDDIR)
# with clang and runs each for SECONDS (default 30), one after the other,
# with the seed corpus in tests/fuzz/corpus/NAME (copied: new inputs go to
# $BUILDDIR/fuzz-corpus/NAME) and the dictionary tests/fuzz/NAME.dict.
#
#   build-aux/run-fuzz.sh [SECONDS] [NAME...]     NAME: csv vcard search ics
#
# Prints, per fuzzer, the executions and "no crash", or the file that holds
# the input that crashed, hung or leaked.  Exits non-zero when one did.
# $FUZZ_JOBS (default 1) fuzzers run at the same time; $FUZZ_ARGS adds
# libFuzzer options (e.g. FUZZ_ARGS=-max_len=65536).

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
srcdir=$PWD
builddir=${BUILDDIR:-build-fuzz}
seconds=${1:-30}
shift || true
names=("$@")
((${#names[@]})) || names=(csv vcard search ics)
jobs=${FUZZ_JOBS:-1}

if ! [[ "$seconds" =~ ^[0-9]+$ ]] || ((seconds < 1)); then
  echo "usage: $0 [SECONDS] [csv|vcard|search|ics ...]" >&2
  exit 2
fi
if ! command -v clang >/dev/null 2>&1; then
  echo "run-fuzz: clang is not installed (build-aux/setup.sh installs it)" >&2
  exit 2
fi

if [[ ! -f "$builddir/build.ninja" ]]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true >"$builddir.setup.log" 2>&1 || {
    cat "$builddir.setup.log" >&2
    echo "run-fuzz: meson setup failed" >&2
    exit 2
  }
  rm -f "$builddir.setup.log"
elif [[ "$(meson introspect --buildoptions "$builddir" 2>/dev/null | grep -o '"name": "fuzzing", "value": [a-z]*')" != *true ]]; then
  meson configure "$builddir" -Dfuzzing=true >/dev/null || exit 2
fi

targets=()
for name in "${names[@]}"; do
  targets+=("tests/fuzz/fuzz-$name")
done
log=$(mktemp)
if ! ninja -C "$builddir" --quiet "${targets[@]}" >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "run-fuzz: build failed" >&2
  exit 2
fi
rm -f "$log"

outdir="$builddir/fuzz-out"
mkdir -p "$outdir"

# Leaks are reported at the end of each input (libFuzzer's -detect_leaks);
# the GLib type system's one-time allocations are not leaks.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export G_SLICE=always-malloc
export LC_ALL=C.UTF-8
export LANGUAGE=en
export TZ=Asia/Shanghai

run_one () {
  local name=$1
  local exe="$builddir/tests/fuzz/fuzz-$name"
  local corpus="$builddir/fuzz-corpus/$name"
  local artifacts="$outdir/$name/"
  local dict=()
  local extra=()
  local rc

  mkdir -p "$corpus" "$artifacts"
  [[ -f "$srcdir/tests/fuzz/$name.dict" ]] && dict=("-dict=$srcdir/tests/fuzz/$name.dict")
  read -r -a extra <<<"${FUZZ_ARGS:-}"
  "$exe" "${dict[@]}" "${extra[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks=1 \
    -print_final_stats=1 -artifact_prefix="$artifacts" \
    "$corpus" "$srcdir/tests/fuzz/corpus/$name" >"$outdir/$name.log" 2>&1
  rc=$?

  local execs cov
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$outdir/$name.log" | tail -n 1)
  cov=$(grep -E '^#[0-9]+' "$outdir/$name.log" | tail -n 1 | grep -o 'cov: [0-9]* ft: [0-9]*')
  if ((rc == 0)); then
    echo "fuzz-$name: ${execs:-0} executions in ${seconds} s (${cov:-no coverage figures}), no crash"
  else
    local crash
    crash=$(grep -o "Test unit written to .*" "$outdir/$name.log" | tail -n 1 | sed 's/^Test unit written to //')
    echo "fuzz-$name: ${execs:-?} executions, FAILED: ${crash:-see $outdir/$name.log} (log: $outdir/$name.log)"
    grep -m 3 -E 'ERROR|SUMMARY|runtime error' "$outdir/$name.log" | sed 's/^/  /'
  fi
  return $rc
}

failed=0
pids=()
for name in "${names[@]}"; do
  if [[ ! -x "$builddir/tests/fuzz/fuzz-$name" ]]; then
    echo "fuzz-$name: not built" >&2
    failed=1
    continue
  fi
  run_one "$name" &
  pids+=($!)
  if ((${#pids[@]} >= jobs)); then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do
  wait "$pid" || failed=1
done

exit $failed
