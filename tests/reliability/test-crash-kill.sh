#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Crash safety: SIGKILL at random moments during a 50 000-row CSV import,
# demo generation (2000 customers) and a backup, at least 20 real kills.
# Afterwards every database passes PRAGMA integrity_check and holds all or
# none of each operation; a killed backup leaves no file, or a complete one,
# under its final name.
#
# Each kill falls at a random point from 0 to 140% (backups: 110%) of the time
# an uninterrupted run took; replay the same points with RELIABILITY_SEED=N
# (printed at the start).
set -u
rapport=${1:?usage: test-crash-kill.sh PATH-TO-RAPPORT}
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
pid=
cleanup () {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
export LANGUAGE=en

# (10#: the digits may start with 0, which bash would read as octal)
seed=${RELIABILITY_SEED:-$(( 10#$(date +%s%N | cut -c10-18) % 32768 ))}
RANDOM=$seed
note "seed $seed (replay with RELIABILITY_SEED=$seed)"
rows=${RELIABILITY_ROWS:-50000}
min_kills=20
start=$SECONDS

# $1: the CSV, $2: a tag that makes every name and address new
make_csv () {
  awk -v n="$rows" -v tag="$2" 'BEGIN {
    print "name,contact_name,phone,email,industry";
    for (i = 1; i <= n; i++)
      printf "Crash %s Company %05d,Person %s-%d,,p%s.%d@example.com,Logistics\n", tag, i, tag, i, tag, i
  }' > "$1"
}

count () {
  sqlite3 "$1" "SELECT count(*) FROM $2"
}

# Starts rapport with "$@", SIGKILLs it after $delay ms; sets $killed (yes/no) and $status.
run_and_kill () {
  "$rapport" "$@" > "$tmp/run.out" 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null
    status=$?
  else
    wait "$pid" 2>/dev/null
    status=$?
  fi
  pid=
  # 137: died of SIGKILL; anything else: it had finished
  if [ $status = 137 ]; then killed=yes; else killed=no; fi
}

kills=0
import_db=$tmp/import.db
demo_db=$tmp/demo.db
"$rapport" --database "$import_db" --demo-data 20 > /dev/null &&
  "$rapport" --database "$demo_db" --demo-data 20 > /dev/null ||
  { echo "Bail out! could not make the databases"; exit 1; }

now_ms () {
  date +%s%3N
}

# One run of each that is not killed: "all" must be possible, the backups get
# something to copy that takes long enough to be interrupted, and the kills
# fall within the time each one takes on this machine.
make_csv "$tmp/big.csv" 0
t0=$(now_ms)
out=$("$rapport" --database "$import_db" --import-csv "$tmp/big.csv" 2>&1); status=$?
import_ms=$(($(now_ms) - t0))
check "an import of $rows rows that is left alone imports all of them" \
  '[ $status = 0 ] && [ "$(count "$import_db" customers)" = $((20 + rows)) ]'
t0=$(now_ms)
out=$("$rapport" --database "$demo_db" --demo-data 2000 2>&1); status=$?
demo_ms=$(($(now_ms) - t0))
check "demo data for 2000 customers that is left alone adds all of them" \
  '[ $status = 0 ] && [ "$(count "$demo_db" customers)" = 2020 ]'
t0=$(now_ms)
out=$("$rapport" --database "$import_db" --backup "$tmp/first-backup.db" 2>&1); status=$?
backup_ms=$(($(now_ms) - t0))
check "a backup that is left alone is complete" \
  '[ $status = 0 ] && [ "$(sqlite3 "$tmp/first-backup.db" "PRAGMA integrity_check")" = ok ] && [ "$(count "$tmp/first-backup.db" customers)" = $((20 + rows)) ]'
rm -f "$tmp/first-backup.db"
note "uninterrupted: import $import_ms ms, demo data $demo_ms ms, backup of $(($(stat -c %s "$import_db") / 1048576)) MiB $backup_ms ms"

bad_integrity=0
partial=0
import_seen=""
demo_seen=""
backup_seen=""
temp_left=

# $1: database; checks integrity_check, counts a failure
integrity_ok () {
  local result
  result=$(sqlite3 "$1" "PRAGMA integrity_check" 2>&1)
  if [ "$result" != ok ]; then
    note "integrity_check of $(basename "$1"): $result"
    bad_integrity=$((bad_integrity + 1))
    return 1
  fi
}

iteration=0
while [ $iteration -lt 40 ]; do
  iteration=$((iteration + 1))
  # backups are quick: two of them for every import and every demo generation
  case $((iteration % 4)) in
    1) kind=import ;;
    2) kind=backup ;;
    3) kind=demo ;;
    0) kind=backup ;;
  esac
  if [ $kills -gt $min_kills ]; then
    break
  fi

  case $kind in
    import)
      make_csv "$tmp/big.csv" "$iteration"
      before_c=$(count "$import_db" customers)
      before_k=$(count "$import_db" contacts)
      delay=$((100 + import_ms * (RANDOM % 1400) / 1000))
      run_and_kill --database "$import_db" --import-csv "$tmp/big.csv"
      integrity_ok "$import_db"
      after_c=$(count "$import_db" customers)
      after_k=$(count "$import_db" contacts)
      if [ "$after_c" = "$before_c" ] && [ "$after_k" = "$before_k" ]; then
        what=none
      elif [ "$after_c" = $((before_c + rows)) ] && [ "$after_k" = $((before_k + rows)) ]; then
        what=all
      else
        what="PARTIAL ($before_c → $after_c customers, $before_k → $after_k contacts)"
        partial=$((partial + 1))
      fi
      import_seen="$import_seen $what"
      ;;
    demo)
      before_c=$(count "$demo_db" customers)
      before_i=$(count "$demo_db" interactions)
      delay=$((100 + demo_ms * (RANDOM % 1400) / 1000))
      run_and_kill --database "$demo_db" --demo-data 2000
      integrity_ok "$demo_db"
      after_c=$(count "$demo_db" customers)
      after_i=$(count "$demo_db" interactions)
      if [ "$after_c" = "$before_c" ] && [ "$after_i" = "$before_i" ]; then
        what=none
      elif [ "$after_c" = $((before_c + 2000)) ] && [ "$after_i" -gt "$before_i" ]; then
        what=all
      else
        what="PARTIAL ($before_c → $after_c customers, $before_i → $after_i interactions)"
        partial=$((partial + 1))
      fi
      demo_seen="$demo_seen $what"
      ;;
    backup)
      out_file=$tmp/backups/backup-$iteration.db
      mkdir -p "$tmp/backups"
      source_c=$(count "$import_db" customers)
      delay=$((20 + backup_ms * (RANDOM % 1100) / 1000))
      run_and_kill --database "$import_db" --backup "$out_file"
      if [ ! -e "$out_file" ]; then
        what=none
      elif [ "$(sqlite3 "$out_file" "PRAGMA integrity_check" 2>&1)" = ok ] &&
           [ "$(count "$out_file" customers)" = "$source_c" ] &&
           [ ! -e "$out_file-wal" ] && [ ! -e "$out_file-journal" ]; then
        what=complete
      else
        what="BROKEN ($(ls -l "$out_file" | cut -d' ' -f5) bytes)"
        partial=$((partial + 1))
      fi
      # temporary files (.backup-N.db.XXXXXX) may be left by a kill
      left=$(ls -A "$tmp/backups" | grep "^\." | sed "s/^\.backup-$iteration\.db\./…/" | tr '\n' ' ')
      [ -n "$left" ] && temp_left="$temp_left $left"
      backup_seen="$backup_seen $what"
      rm -rf "$tmp/backups"
      ;;
  esac
  [ $killed = yes ] && kills=$((kills + 1))
  note "$iteration: $kind, kill after ${delay} ms: $([ $killed = yes ] && echo killed || echo "had finished (status $status)"); $what"
done

check "at least $min_kills runs were killed with SIGKILL ($kills)" '[ $kills -ge $min_kills ]'
check "every database passed integrity_check after every kill" '[ $bad_integrity = 0 ]'
check "every import, demo generation and backup was all or nothing" '[ $partial = 0 ]'
for db in "$import_db" "$demo_db"; do
  check "$(basename "$db") passes integrity_check at the end" 'integrity_ok "$db"'
done
note "imports:$import_seen"
note "demo data:$demo_seen"
note "backups:$backup_seen"
note "temporary files left beside killed backups:${temp_left:- none}"
note "demo customers without a health score: $(sqlite3 "$demo_db" "SELECT sum(health_score IS NULL) || ' of ' || count(*) FROM customers") (scores are computed after the demo data commits; a complete run leaves about 5% without)"

# Rapport itself opens what the kills left and reads every row
for db in "$import_db" "$demo_db"; do
  out=$("$rapport" --database "$db" --export-csv "$tmp/after.csv" --table customers 2>&1); status=$?
  check "Rapport opens $(basename "$db") after the kills and exports every customer" \
    '[ $status = 0 ] && [ "$(($(wc -l < "$tmp/after.csv") - 1))" = "$(count "$db" customers)" ]'
done
out=$("$rapport" --database "$demo_db" --demo-data 5 2>&1); status=$?
check "and writes to it again" '[ $status = 0 ] && [[ $out == *"Added 5 customers"* ]]'

note "took $((SECONDS - start)) s"
finish
