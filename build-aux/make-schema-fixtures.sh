#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Remakes tests/data/schema/vN.db: a small demo database written by the last
# Rapport of each earlier schema version, built from this repository's history.
# test-migrations opens each with today's Rapport. Run it only to add the
# fixture of a version that shipped; the files are committed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$PWD/tests/data/schema
work=$(mktemp -d)
trap 'git worktree prune; rm -rf "$work"' EXIT
mkdir -p "$out"

# version → the last commit before the next migration arrived
declare -A last=(
  [1]=7fe97b7~1 [2]=59d2de6~1 [3]=330572b~1 [4]=2fab524~1 [5]=0989aec~1 [6]=038571e~1
  [9]=51e0fa9 [10]=d95d6a5 [12]=107b770 [13]=1140fa1
)
for v in $(printf '%s\n' "${!last[@]}" | sort -n); do
  [ -e "$out/v$v.db" ] && continue
  rev=${last[$v]}
  tree=$work/v$v
  git worktree add -q --detach "$tree" "$rev"
  (cd "$tree" && meson setup build >/dev/null && ninja -C build app/rapport >/dev/null)
  db=$work/v$v.db
  TZ=Asia/Shanghai LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$tree/build/app/rapport" --database "$db" --demo-data 12 >/dev/null
  got=$(sqlite3 "$db" "PRAGMA user_version")
  [ "$got" = "$v" ] || { echo "v$v: $rev wrote schema $got" >&2; exit 1; }
  sqlite3 "$db" "PRAGMA journal_mode = DELETE; VACUUM;" >/dev/null
  cp "$db" "$out/v$v.db"
  chmod 0644 "$out/v$v.db"
  git worktree remove --force "$tree"
  echo "v$v from $(git log -1 --format='%h %s' "$rev")"
done
