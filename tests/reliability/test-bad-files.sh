#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Bad database files at the command line: a damaged file, a read-only file and
# a file locked by another process each give a clear message and a non-zero
# status, and the file is never changed (contents, mtime, size, mode).
# (Not a database, another program's and a newer Rapport's file are in tests/cli.)
set -u
rapport=${1:?usage: test-bad-files.sh PATH-TO-RAPPORT}
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
holder=
cleanup () {
  [ -n "$holder" ] && kill "$holder" 2>/dev/null && wait "$holder" 2>/dev/null
  mountpoint -q "$tmp/rofs" 2>/dev/null && umount "$tmp/rofs"
  chmod -R u+w "$tmp" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
export LANGUAGE=en

good=$tmp/good.db
"$rapport" --database "$good" --demo-data 30 > /dev/null || { echo "Bail out! could not make a database"; exit 1; }
printf 'name,contact_name,email\nBad File Co,Ann,ann@example.com\n' > "$tmp/one.csv"

# ---- damaged: page 1 (the schema) overwritten — refused when opening ----
db=$tmp/page1.db
cp "$good" "$db"
head -c 3996 /dev/urandom | dd of="$db" bs=1 seek=100 conv=notrunc status=none
before=$(fingerprint "$db")
out=$("$rapport" --database "$db" --demo-data 5 2>&1); status=$?
check "a file with a damaged first page is refused with a message" \
  '[ $status = 1 ] && [[ $out == *"could not be read: it may be damaged. It was left unchanged."* ]]'
out=$("$rapport" --database "$db" --export-csv "$tmp/p1.csv" --table customers 2>&1); status=$?
check "exporting from it fails the same way and writes no CSV" \
  '[ $status = 1 ] && [[ $out == *"may be damaged"* ]] && [ ! -e "$tmp/p1.csv" ]'
out=$("$rapport" --database "$db" --import-csv "$tmp/one.csv" 2>&1); status=$?
check "importing into it fails the same way" '[ $status = 1 ] && [[ $out == *"may be damaged"* ]]'
check "the damaged file is unchanged and nothing was created beside it" \
  '[ "$(fingerprint "$db")" = "$before" ] && [ -z "$(side_files "$db")" ]'

# ---- damaged: the customers table's root page overwritten — opens, then fails ----
db=$tmp/table.db
cp "$good" "$db"
root=$(sqlite3 "$db" "SELECT rootpage FROM sqlite_schema WHERE name = 'customers'")
head -c 4096 /dev/urandom | dd of="$db" bs=4096 seek=$((root - 1)) conv=notrunc status=none
before=$(fingerprint "$db")
out=$("$rapport" --database "$db" --export-csv "$tmp/t.csv" --table customers 2>&1); status=$?
check "exporting a damaged table says the database is damaged and writes no CSV" \
  '[ $status = 1 ] && [[ $out == *"The database file is damaged."* ]] && [ ! -e "$tmp/t.csv" ]'
out=$("$rapport" --database "$db" --demo-data 5 2>&1); status=$?
check "adding demo data to it says the database is damaged" \
  '[ $status = 1 ] && [[ $out == *"The database file is damaged."* ]]'
out=$("$rapport" --database "$db" --import-csv "$tmp/one.csv" 2>&1); status=$?
check "importing into it says the database is damaged" \
  '[ $status = 1 ] && [[ $out == *"The database file is damaged."* ]]'
check "the file with the damaged table is unchanged, no -wal or -shm left" \
  '[ "$(fingerprint "$db")" = "$before" ] && [ -z "$(side_files "$db")" ]'

# ---- read-only: mode 0400 (as root, run as nobody: root writes anyway) ----
rodir=$tmp/ro
mkdir "$rodir"
db=$rodir/readonly.db
cp "$good" "$db"
chmod 0400 "$db"
as_user=()
if [ "$(id -u)" = 0 ]; then
  chmod 0755 "$tmp"
  chown -R nobody:nogroup "$rodir" 2>/dev/null || chown -R nobody "$rodir"
  as_user=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
fi
before=$(fingerprint "$db")
count=$(sqlite3 "$good" "SELECT count(*) FROM customers")
out=$("${as_user[@]}" "$rapport" --database "$db" --demo-data 5 2>&1); status=$?
check "adding demo data to a read-only file says it cannot be written to" \
  '[ $status = 1 ] && [[ $out == *"The database file cannot be written to."* ]]'
out=$("${as_user[@]}" "$rapport" --database "$db" --import-csv "$tmp/one.csv" 2>&1); status=$?
check "importing into a read-only file says it cannot be written to" \
  '[ $status = 1 ] && [[ $out == *"The database file cannot be written to."* ]]'
out=$("${as_user[@]}" "$rapport" --database "$db" --export-csv "$rodir/out.csv" --table customers 2>&1); status=$?
check "a read-only file can still be read: exporting it works" \
  '[ $status = 0 ] && [ "$(($(wc -l < "$rodir/out.csv") - 1))" = "$count" ]'
out=$("${as_user[@]}" "$rapport" --database "$db" --check-reminders 2>&1); status=$?
check "--check-reminders on a read-only file sends nothing it could not record" \
  '[ $status = 1 ] && [[ $out == *"cannot be written to"*"No reminders were sent."* ]]'
check "the read-only file is unchanged" '[ "$(fingerprint "$db")" = "$before" ]'
note "left beside the read-only file: $(side_files "$db" | tr '\n' ' ')"

# in a folder that cannot be written to either, SQLite cannot make its -shm
chmod 0555 "$rodir"
rm -f "$db-wal" "$db-shm" 2>/dev/null
out=$("${as_user[@]}" "$rapport" --database "$db" --demo-data 5 2>&1); status=$?
check "a read-only file in a read-only folder says it cannot be written to" \
  '[ $status = 1 ] && [[ $out == *"The database file cannot be written to."* ]] && [ "$(fingerprint "$db")" = "$before" ]'
mkdir -p "$tmp/out" && chmod 0777 "$tmp/out"
out=$("${as_user[@]}" "$rapport" --database "$db" --export-csv "$tmp/out/ro-folder.csv" --table customers 2>&1); status=$?
[ $status = 0 ] || note "$out"
check "a read-only file in a read-only folder opens read-only: exporting it works, nothing is left beside it" \
  '[ $status = 0 ] && [ "$(($(wc -l < "$tmp/out/ro-folder.csv") - 1))" = "$count" ] && [ -z "$(side_files "$db")" ] &&
   [ "$(fingerprint "$db")" = "$before" ]'

# on a file system mounted read-only (root only: a read-only bind mount)
if [ "$(id -u)" = 0 ] && mkdir "$tmp/rofs" "$tmp/rofs-src" && cp "$good" "$tmp/rofs-src/db.db" &&
   mount --bind "$tmp/rofs-src" "$tmp/rofs" 2>/dev/null; then
  if mount -o remount,bind,ro "$tmp/rofs" 2>/dev/null; then
    db=$tmp/rofs/db.db
    before=$(fingerprint "$db")
    out=$("$rapport" --database "$db" --demo-data 5 2>&1); status=$?
    check "a file on a read-only file system says it cannot be written to" \
      '[ $status = 1 ] && [[ $out == *"The database file cannot be written to."* ]] && [ "$(fingerprint "$db")" = "$before" ]'
  else
    note "skipped the read-only file system: remount,ro failed"
  fi
  umount "$tmp/rofs"
else
  note "skipped the read-only file system: needs root and mount --bind"
fi

# ---- locked by another process ----
# $1: the database, $2: the SQL the holder runs; sets $holder (the sqlite3 pid)
hold_lock () {
  local fifo=$tmp/fifo.$RANDOM
  mkfifo "$fifo"
  sqlite3 "$1" < "$fifo" > "$tmp/holder.out" 2>&1 &
  holder=$!
  exec 3> "$fifo"
  rm -f "$fifo"
  printf '%s\nSELECT %s;\n' "$2" "'holding'" >&3
  for _ in $(seq 100); do
    grep -q holding "$tmp/holder.out" && return 0
    sleep 0.05
  done
  return 1
}
release_lock () {
  exec 3>&-
  kill "$holder" 2>/dev/null
  wait "$holder" 2>/dev/null
  holder=
}

# a writer in WAL mode (BEGIN EXCLUSIVE): readers go on, writers wait, then give up
db=$tmp/locked.db
cp "$good" "$db"
before=$(fingerprint "$db")
hold_lock "$db" "BEGIN EXCLUSIVE;"
check "another process holds BEGIN EXCLUSIVE on the database" '[ -n "$holder" ] && kill -0 $holder'
out=$("$rapport" --database "$db" --demo-data 5 2>&1); status=$?
check "adding demo data while another program writes says it is in use" \
  '[ $status = 1 ] && [[ $out == *"The database is in use by another program."* ]]'
out=$("$rapport" --database "$db" --export-csv "$tmp/l.csv" --table customers 2>&1); status=$?
check "exporting while another program writes works (WAL readers are not blocked)" \
  '[ $status = 0 ] && [ "$(($(wc -l < "$tmp/l.csv") - 1))" = "$count" ]'
release_lock
check "the file locked by a writer is unchanged" '[ "$(fingerprint "$db")" = "$before" ]'

# exclusive locking mode: not even readers get in
db=$tmp/exclusive.db
cp "$good" "$db"
before=$(fingerprint "$db")
hold_lock "$db" "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM customers;"
out=$("$rapport" --database "$db" --export-csv "$tmp/x.csv" --table customers 2>&1); status=$?
check "exporting a file held in exclusive locking mode says it is locked" \
  '[ $status = 1 ] && [[ $out == *"is locked by another program. Close it and try again."* ]] && [ ! -e "$tmp/x.csv" ]'
out=$("$rapport" --database "$db" --demo-data 5 2>&1); status=$?
check "adding demo data to it says it is locked" \
  '[ $status = 1 ] && [[ $out == *"is locked by another program"* ]]'
release_lock
check "the exclusively locked file is unchanged" '[ "$(fingerprint "$db")" = "$before" ]'
out=$("$rapport" --database "$db" --demo-data 1 2>&1); status=$?
check "once the other program is gone the file opens again" '[ $status = 0 ]'

finish
