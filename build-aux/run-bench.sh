#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The benchmark at scale: builds Rapport, generates the reference database once
# (100,000 customers with their history; --scale 0.1 for 10,000), and measures it.
#
#   build-aux/run-bench.sh [--scale S] [--fail-over FACTOR] [rapport-bench options]
#
# The database is kept as $RAPPORT_BENCH_DB (default /tmp/rapport-bench-N.db).
# Without a display, the window start-up is measured under xvfb-run.

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
builddir=${BUILDDIR:-build}
scale=1
args=()
while (($#)); do
  case $1 in
    --scale) scale=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

build-aux/setup.sh

n=$(awk -v s="$scale" 'BEGIN { printf "%d", 100000 * s }')
if ((n < 1)); then
  echo "run-bench: --scale gives no customers" >&2
  exit 2
fi
db=${RAPPORT_BENCH_DB:-/tmp/rapport-bench-$n.db}

if [[ ! -e "$db" ]]; then
  echo "run-bench: generating $n customers into $db"
  start=$(date +%s.%N)
  if ! LANGUAGE=zh_CN "$builddir/app/rapport" --database "$db" --demo-data "$n"; then
    rm -f "$db" "$db-wal" "$db-shm"
    exit 1
  fi
  echo "run-bench: generated in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
fi

bench=("$builddir/bench/rapport-bench" --database "$db"
       --rapport "$builddir/app/rapport" --bare "$builddir/bench/bare-window" "${args[@]}")
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "${bench[@]}"
fi
exec "${bench[@]}"
