#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line, end to end: every option exits with a status and a clear message.
set -u
rapport=${1:?usage: test-cli.sh PATH-TO-RAPPORT}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
n=0

check () {
  n=$((n + 1))
  if eval "$2"; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    failures=$((failures + 1))
  fi
}

out=$("$rapport" --version 2>&1); status=$?
check "--version prints the version" '[ $status = 0 ] && [[ $out == "Rapport "[0-9]* ]]'

out=$("$rapport" --help 2>&1); status=$?
check "--help lists --database and --demo-data" '[ $status = 0 ] && [[ $out == *--database* ]] && [[ $out == *--demo-data* ]]'

db=$tmp/sub/demo.db
out=$("$rapport" --database "$db" --demo-data 40 2>&1); status=$?
check "--demo-data adds customers and says so" '[ $status = 0 ] && [[ $out == *"Added 40 customers"* ]]'
check "the database file is created mode 0600" '[ "$(stat -c %a "$db")" = 600 ]'
count=$(sqlite3 "$db" "SELECT count(*) FROM customers")
check "40 customers are stored" '[ "$count" = 40 ]'

out=$("$rapport" --database "$db" --demo-data 10 2>&1); status=$?
count=$(sqlite3 "$db" "SELECT count(*) FROM customers")
codes=$(sqlite3 "$db" "SELECT count(DISTINCT code) FROM customers")
check "--demo-data again adds to what is there, codes stay unique" '[ $status = 0 ] && [ "$count" = 50 ] && [ "$codes" = 50 ]'

out=$("$rapport" --database "$db" --demo-data 0 2>&1); status=$?
check "--demo-data 0 is refused with a message" '[ $status = 2 ] && [[ $out == *"from 1 to"* ]]'
out=$("$rapport" --database "$db" --demo-data lots 2>&1); status=$?
check "--demo-data lots is refused with a message" '[ $status = 2 ] && [[ $out == *"from 1 to"* ]]'

printf 'name,phone\nAcme,123\n' > "$tmp/notes.csv"
before=$(sha256sum < "$tmp/notes.csv")
out=$("$rapport" --database "$tmp/notes.csv" --demo-data 5 2>&1); status=$?
after=$(sha256sum < "$tmp/notes.csv")
check "a file that is not a database is refused and left unchanged" \
  '[ $status = 1 ] && [[ $out == *"is not a Rapport database"* ]] && [ "$before" = "$after" ]'

sqlite3 "$tmp/other.db" "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');"
before=$(sha256sum < "$tmp/other.db")
out=$("$rapport" --database "$tmp/other.db" --demo-data 5 2>&1); status=$?
after=$(sha256sum < "$tmp/other.db")
check "another program's database is refused and left unchanged" \
  '[ $status = 1 ] && [[ $out == *"another program"* ]] && [ "$before" = "$after" ]'

cp "$db" "$tmp/newer.db"
sqlite3 "$tmp/newer.db" "PRAGMA user_version = 9999;"
before=$(sha256sum < "$tmp/newer.db")
out=$("$rapport" --database "$tmp/newer.db" --demo-data 5 2>&1); status=$?
after=$(sha256sum < "$tmp/newer.db")
check "a newer Rapport's database is refused and left unchanged" \
  '[ $status = 1 ] && [[ $out == *"newer version of Rapport"* ]] && [ "$before" = "$after" ]'

out=$(LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$rapport" --database "$tmp/zh.db" --demo-data 20 2>&1); status=$?
han=$(sqlite3 "$tmp/zh.db" "SELECT count(*) FROM contacts WHERE name GLOB '*[一-龥]*'")
check "a Chinese locale generates Chinese names" '[ $status = 0 ] && [ "$han" -gt 0 ]'

echo "1..$n"
[ $failures = 0 ]
