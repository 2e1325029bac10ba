#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A full disk: on small file systems made by the test (a 3 MB tmpfs and a 4 MB
# ext4 loop device), saving (demo data), importing and backing up fail with
# "The disk is full…" and a non-zero status, and nothing already stored is
# damaged.
set -u
rapport=${1:?usage: test-disk-full.sh PATH-TO-RAPPORT}
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
disk=$tmp/disk
mounted=
cleanup () {
  [ -n "$mounted" ] && umount "$disk" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
export LANGUAGE=en

if [ "$(id -u)" != 0 ]; then
  # not root: a user namespace may still mount a tmpfs
  if [ -z "${RELIABILITY_IN_NAMESPACE:-}" ] && unshare --user --map-root-user --mount true 2>/dev/null; then
    rm -rf "$tmp"
    trap - EXIT
    RELIABILITY_IN_NAMESPACE=1 exec unshare --user --map-root-user --mount "$0" "$@"
  fi
  echo "1..0 # SKIP needs root (or user namespaces) to mount a small file system"
  exit 77
fi

awk 'BEGIN { print "name,contact_name,email";
             for (i = 1; i <= 3000; i++) printf "Full Disk Co %05d,Person %d,p%d@example.com\n", i, i, i }' \
  > "$tmp/import.csv"
full_message="The disk is full. Free some space and try again."

# $1: tmpfs or ext4 (on a loop device); sets $mounted
mount_small () {
  mkdir -p "$disk"
  if [ "$1" = tmpfs ]; then
    mount -t tmpfs -o size=3m,mode=0700 tmpfs "$disk" 2> "$tmp/mount.err" && mounted=tmpfs
  else
    dd if=/dev/zero of="$tmp/disk.img" bs=1M count=4 status=none &&
      mkfs.ext4 -q -F -m 0 "$tmp/disk.img" > "$tmp/mount.err" 2>&1 &&
      mount -o loop "$tmp/disk.img" "$disk" 2>> "$tmp/mount.err" && mounted=ext4
  fi
}

unmount_small () {
  umount "$disk"
  mounted=
  rm -rf "$disk" "$tmp/disk.img"
}

# $1: how many KiB to leave free (0: all of it)
fill () {
  local avail
  rm -f "$disk/filler"
  sync
  avail=$(df -k --output=avail "$disk" | tail -n 1)
  if [ "$1" = 0 ]; then
    dd if=/dev/zero of="$disk/filler" bs=4k status=none 2> /dev/null
    # ext4 may still hold a few blocks back: take them too
    dd if=/dev/zero of="$disk/filler2" bs=512 status=none 2> /dev/null
  else
    dd if=/dev/zero of="$disk/filler" bs=1k count=$((avail - $1)) status=none
  fi
  sync
}

unfill () {
  rm -f "$disk/filler" "$disk/filler2"
  sync
}

# $1: a name for the messages, $2: KiB left free
attempts () {
  local name="$mounted, $1"

  fill "$2"
  note "$name: $(df -k --output=avail "$disk" | tail -n 1 | tr -d ' ') KiB free"
  out=$("$rapport" --database "$db" --import-csv "$tmp/import.csv" 2>&1); status=$?
  check "$name: an import fails with a message that the disk is full" \
    '[ $status = 1 ] && [[ $out == *"$full_message"* ]]'
  out=$("$rapport" --database "$db" --demo-data 50 2>&1); status=$?
  check "$name: adding demo data fails with a message that the disk is full" \
    '[ $status = 1 ] && [[ $out == *"$full_message"* ]]'
  out=$("$rapport" --database "$db" --backup "$disk/backup.db" 2>&1); status=$?
  check "$name: a backup onto the full disk fails with a message and leaves no file" \
    '[ $status = 1 ] && [[ $out == *"$full_message"* ]] && [ ! -e "$disk/backup.db" ] && [ -z "$(ls -A "$disk" | grep "^\.backup")" ]'
  unfill
  check "$name: with space again the database passes integrity_check" \
    '[ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ]'
  check "$name: its content is what it was (same .dump)" '[ "$(dump_sum "$db")" = "$before" ]'
  out=$("$rapport" --database "$db" --export-csv "$tmp/after.csv" --table customers 2>&1); status=$?
  check "$name: Rapport opens it again" \
    '[ $status = 0 ] && [ "$(($(wc -l < "$tmp/after.csv") - 1))" = "$customers" ]'
}

on_small_disk () {
  note "a $(df -h --output=size "$disk" | tail -n 1 | tr -d ' ') $mounted file system"
  db=$disk/rapport.db
  out=$("$rapport" --database "$db" --demo-data 20 2>&1); status=$?
  check "$mounted: a small database is made on the small file system" '[ $status = 0 ]'
  before=$(dump_sum "$db")
  customers=$(sqlite3 "$db" "SELECT count(*) FROM customers")

  # nearly full: the database opens, the writes themselves run out of space
  attempts "nearly full" 300
  # completely full: not even SQLite's 32 KiB -shm index fits
  attempts "completely full" 0

  # writing other files onto the full disk: a clear message and no half file
  other=$tmp/other.db
  cp "$db" "$other"
  fill 0
  out=$("$rapport" --database "$other" --backup "$disk/backup.db" 2>&1); status=$?
  check "$mounted: a backup of another database onto the full disk says the disk is full" \
    '[ $status = 1 ] && [[ $out == *"$full_message"* ]] && [ ! -e "$disk/backup.db" ]'
  out=$("$rapport" --database "$other" --export-csv "$disk/customers.csv" --table customers 2>&1); status=$?
  check "$mounted: an export onto the full disk says there is no space and leaves no file" \
    '[ $status = 1 ] && [[ $out == *"No space left on device"* ]] && [ ! -e "$disk/customers.csv" ]'
  check "$mounted: no temporary file is left on the full disk" '[ -z "$(ls -A "$disk" | grep "^\.")" ]'
  unfill
  rm -f "$other"
}

n_fs=0
for fs in tmpfs ext4; do
  if ! mount_small $fs; then
    note "no small $fs here: $(tail -n 1 "$tmp/mount.err")"
    continue
  fi
  n_fs=$((n_fs + 1))
  on_small_disk
  unmount_small
done
if [ $n_fs = 0 ]; then
  echo "1..0 # SKIP cannot mount a small file system here (tmpfs or a loop device)"
  exit 77
fi

finish
