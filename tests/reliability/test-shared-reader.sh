#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Another program reads the database while Rapport writes to it through more
# than one connection (--demo-data adds the customers, then opens the database
# again for the scores).  Rapport must keep its locks: when it closed a file
# descriptor of its own on the database, the process lost every POSIX lock on
# it, and the other program, closing its last connection, took itself for the
# last user, checked the -wal in and deleted it under Rapport ("disk I/O
# error", and commits written after that into a deleted -wal are lost).
set -u
rapport=${1:?usage: test-shared-reader.sh PATH-TO-RAPPORT}
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
reader=
cleanup () {
  [ -n "$reader" ] && kill "$reader" 2>/dev/null && wait "$reader" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
export LANGUAGE=en

db=$tmp/shared.db
"$rapport" --database "$db" --demo-data 1 > /dev/null || { echo "Bail out! could not make a database"; exit 1; }

for round in 1 2; do
  before=$(sqlite3 "$db" "SELECT count(*) FROM customers")
  (
    while :; do
      sqlite3 "$db" "SELECT count(*) FROM customers" > /dev/null 2>&1
      sleep 0.1
    done
  ) &
  reader=$!
  out=$("$rapport" --database "$db" --demo-data 300 2>&1); status=$?
  kill "$reader" 2>/dev/null
  wait "$reader" 2>/dev/null
  reader=
  check "round $round: --demo-data succeeds while another program keeps reading" \
    '[ $status = 0 ] && [[ $out == *"Added 300 customers"* ]]'
  [ $status = 0 ] || note "$(echo "$out" | grep -v "^$")"
  check "round $round: the database passes integrity_check and holds all 300 new customers" \
    '[ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ] && [ "$(sqlite3 "$db" "SELECT count(*) FROM customers")" = $((before + 300)) ]'
done

finish
