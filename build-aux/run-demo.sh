#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds Rapport and opens it on a demo database of 1000 generated customers
# (created on first use): $RAPPORT_DEMO_DB, by default /tmp/rapport-demo.db.
# Extra arguments are passed to rapport.

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
builddir=${BUILDDIR:-build}

build-aux/setup.sh

db=${RAPPORT_DEMO_DB:-/tmp/rapport-demo.db}
rapport="$builddir/app/rapport"

# Settings schemas compiled into the build tree (resources/meson.build).
export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/resources${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"

if [[ ! -x "$rapport" ]]; then
  echo "run-demo: $rapport was not built" >&2
  exit 1
fi

if [[ ! -e "$db" ]]; then
  mkdir -p "$(dirname "$db")"
  echo "run-demo: generating demo data in $db"
  if ! "$rapport" --database "$db" --demo-data 1000; then
    rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
    echo "run-demo: generating the demo data failed" >&2
    exit 1
  fi
fi

exec "$rapport" --database "$db" "$@"
