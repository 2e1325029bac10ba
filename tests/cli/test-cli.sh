#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line, end to end: every option exits with a status and a clear message.
set -u
rapport=${1:?usage: test-cli.sh PATH-TO-RAPPORT TESTS-DATA-DIR}
data=${2:?usage: test-cli.sh PATH-TO-RAPPORT TESTS-DATA-DIR}
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
check "--help lists --database, --demo-data, --export-csv and --export-ics" \
  '[ $status = 0 ] && [[ $out == *--database* ]] && [[ $out == *--demo-data* ]] && [[ $out == *--export-csv* ]] && [[ $out == *--table* ]] && [[ $out == *--export-ics* ]]'

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

# --export-csv FILE --table T: silent on success, one line and a non-zero status otherwise
out=$("$rapport" --database "$db" --export-csv "$tmp/tickets.csv" --table tickets 2>&1); status=$?
check "--export-csv writes tickets silently" '[ $status = 0 ] && [ -z "$out" ] && [ -s "$tmp/tickets.csv" ]'
check "the CSV file is created mode 0600" '[ "$(stat -c %a "$tmp/tickets.csv")" = 600 ]'
header=$(head -n 1 "$tmp/tickets.csv" | tr -d '\r')
check "the tickets CSV has DESIGN.md's columns first" \
  '[[ $header == "code,customer_code,title,level,status,category,created_at,first_response_at,response_due,resolved_at,resolution_due,breached,"* ]]'
rows=$(($(wc -l < "$tmp/tickets.csv") - 1))
count=$(sqlite3 "$db" "SELECT count(*) FROM tickets")
check "one line per ticket" '[ "$rows" = "$count" ]'
check "timestamps are ISO 8601 with an offset" 'sed -n 2p "$tmp/tickets.csv" | grep -Eq ",[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2},"'
all_ok=yes
for t in customers contacts interactions followups; do
  "$rapport" --database "$db" --export-csv "$tmp/$t.csv" --table $t > "$tmp/$t.out" 2>&1 || all_ok=no
  [ -s "$tmp/$t.csv" ] && [ ! -s "$tmp/$t.out" ] || all_ok=no
done
check "--export-csv writes every other table" '[ $all_ok = yes ]'
check "no temporary file is left behind" '[ -z "$(ls -A "$tmp" | grep "^\.")" ]'

out=$("$rapport" --database "$db" --export-csv "$tmp/x.csv" 2>&1); status=$?
check "--export-csv without --table is refused with a message" \
  '[ $status = 2 ] && [[ $out == *--table* ]] && [ "$(echo "$out" | wc -l)" = 1 ] && [ ! -e "$tmp/x.csv" ]'
out=$("$rapport" --database "$db" --export-csv "$tmp/x.csv" --table orders 2>&1); status=$?
check "an unknown table is refused, naming the valid ones" \
  '[ $status = 2 ] && [[ $out == *"customers, contacts, interactions, tickets, followups"* ]] && [ "$(echo "$out" | wc -l)" = 1 ]'
out=$("$rapport" --database "$db" --table tickets 2>&1); status=$?
check "--table alone is refused with a message" '[ $status = 2 ] && [[ $out == *--export-csv* ]]'
out=$("$rapport" --database "$tmp/missing.db" --export-csv "$tmp/x.csv" --table tickets 2>&1); status=$?
check "exporting from a missing database fails and creates nothing" \
  '[ $status = 1 ] && [ -n "$out" ] && [ ! -e "$tmp/missing.db" ] && [ ! -e "$tmp/x.csv" ]'
out=$("$rapport" --database "$db" --export-csv "$tmp/no/such/dir.csv" --table tickets 2>&1); status=$?
check "a folder that does not exist is reported in one line" '[ $status = 1 ] && [ "$(echo "$out" | wc -l)" = 1 ]'

# --export-ics FILE: open follow-ups and ticket deadlines, silent on success
cr=$'\r'
open_followups=$(sqlite3 "$db" "SELECT count(*) FROM followups WHERE status = 0")
out=$("$rapport" --database "$db" --export-ics "$tmp/rapport.ics" 2>&1); status=$?
check "--export-ics writes a calendar silently" \
  '[ $status = 0 ] && [ -z "$out" ] && [ "$(head -n 1 "$tmp/rapport.ics")" = "BEGIN:VCALENDAR$cr" ]'
check "the .ics file is created mode 0600" '[ "$(stat -c %a "$tmp/rapport.ics")" = 600 ]'
check "one event per open follow-up" \
  '[ "$(grep -c "^UID:followup-" "$tmp/rapport.ics")" = "$open_followups" ]'
check "the calendar ends with END:VCALENDAR and no temporary file is left" \
  '[ "$(tail -n 1 "$tmp/rapport.ics")" = "END:VCALENDAR$cr" ] && [ -z "$(ls -A "$tmp" | grep "^\.")" ]'
out=$("$rapport" --database "$tmp/missing.db" --export-ics "$tmp/y.ics" 2>&1); status=$?
check "--export-ics from a missing database fails with a message and creates nothing" \
  '[ $status = 1 ] && [ -n "$out" ] && [ ! -e "$tmp/missing.db" ] && [ ! -e "$tmp/y.ics" ]'
out=$("$rapport" --database "$db" --export-ics "$tmp/no/such/dir.ics" 2>&1); status=$?
check "--export-ics into a folder that does not exist is reported in one line" \
  '[ $status = 1 ] && [ "$(echo "$out" | wc -l)" = 1 ]'
out=$("$rapport" --database "$db" --export-ics "$tmp/z.ics" --table tickets 2>&1); status=$?
check "--export-ics with --table is refused" '[ $status = 2 ] && [ ! -e "$tmp/z.ics" ]'

out=$(LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$rapport" --database "$tmp/zh.db" --demo-data 20 2>&1); status=$?
han=$(sqlite3 "$tmp/zh.db" "SELECT count(*) FROM contacts WHERE name GLOB '*[一-龥]*'")
check "a Chinese locale generates Chinese names" '[ $status = 0 ] && [ "$han" -gt 0 ]'

# --import-csv FILE: all or nothing
idb=$tmp/import.db
out=$(LANGUAGE=en "$rapport" --database "$idb" --import-csv "$data/import/utf8-semicolon.csv" 2>&1); status=$?
count=$(sqlite3 "$idb" "SELECT count(*) FROM customers")
check "--import-csv imports the customers of a Chinese spreadsheet and says how many" \
  '[ $status = 0 ] && [[ $out == *"Imported $count customers."* ]] && [ "$count" -gt 0 ]'
before=$(sqlite3 "$idb" "SELECT count(*), max(id) FROM customers; SELECT count(*) FROM contacts")
out=$(LANGUAGE=en "$rapport" --database "$idb" --import-csv "$data/import/bad-email.csv" 2>&1); status=$?
after=$(sqlite3 "$idb" "SELECT count(*), max(id) FROM customers; SELECT count(*) FROM contacts")
check "a file with a bad row imports nothing and names every problem by line" \
  '[ $status = 1 ] && [[ $out == *"line 3, column"* ]] && [[ $out == *"line 5, column"* ]] && [ "$before" = "$after" ]'
out=$(LANGUAGE=en "$rapport" --database "$tmp/never.db" --import-csv "$data/import/malformed-quote.csv" 2>&1); status=$?
check "a failed import into a new database leaves no database behind" \
  '[ $status = 1 ] && [[ $out == *"never closed"* ]] && [ ! -e "$tmp/never.db" ]'
out=$("$rapport" --database "$idb" --import-csv "$tmp/no-such.csv" 2>&1); status=$?
check "--import-csv of a missing file fails with a message" '[ $status = 1 ] && [[ $out == *"no-such.csv"* ]]'

# --print-summary CODE --output FILE: a masked PDF, no display needed
code=$(sqlite3 "$db" "SELECT code FROM customers ORDER BY id LIMIT 1")
name=$(sqlite3 "$db" "SELECT name FROM customers ORDER BY id LIMIT 1")
phone=$(sqlite3 "$db" "SELECT phone FROM contacts WHERE phone IS NOT NULL AND length(phone) >= 8 ORDER BY customer_id, id LIMIT 1")
pcode=$(sqlite3 "$db" "SELECT code FROM customers c JOIN contacts k ON k.customer_id = c.id WHERE k.phone = '$phone' LIMIT 1")
out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$rapport" --database "$db" --print-summary "$pcode" --output "$tmp/summary.pdf" 2>&1); status=$?
text=$(pdftotext "$tmp/summary.pdf" - 2>/dev/null)
check "--print-summary writes a PDF without a display, mode 0600" \
  '[ $status = 0 ] && [ -z "$out" ] && [ "$(stat -c %a "$tmp/summary.pdf")" = 600 ] && [[ $text == *"$pcode"* ]]'
check "the summary masks phone numbers" '[ -n "$phone" ] && [[ $text != *"$phone"* ]] && [[ $text == *"***"* ]]'
out=$(LANGUAGE=en "$rapport" --database "$db" --print-summary NOPE --output "$tmp/nope.pdf" 2>&1); status=$?
check "an unknown customer code is refused and writes nothing" '[ $status = 1 ] && [[ $out == *NOPE* ]] && [ ! -e "$tmp/nope.pdf" ]'
out=$(LANGUAGE=en "$rapport" --database "$db" --print-summary "$code" 2>&1); status=$?
check "--print-summary without --output is refused" '[ $status = 2 ] && [[ $out == *--output* ]]'

# --backup FILE and --restore FILE
out=$("$rapport" --database "$db" --backup "$tmp/backup.db" 2>&1); status=$?
check "--backup writes a complete copy, mode 0600" \
  '[ $status = 0 ] && [ "$(stat -c %a "$tmp/backup.db")" = 600 ] && [ "$(sqlite3 "$tmp/backup.db" "PRAGMA integrity_check")" = ok ] && [ "$(sqlite3 "$tmp/backup.db" "SELECT count(*) FROM customers")" = "$(sqlite3 "$db" "SELECT count(*) FROM customers")" ]'
rdb2=$tmp/restore.db
cp "$db" "$rdb2"
sqlite3 "$rdb2" "DELETE FROM reminder_log; UPDATE customers SET name = 'Changed' WHERE id = 1"
out=$(LANGUAGE=en "$rapport" --database "$rdb2" --restore "$tmp/backup.db" 2>&1); status=$?
kept=$(ls "$tmp" | grep -c '^restore.db.before-restore-')
check "--restore puts the backup back and keeps the database as it was" \
  '[ $status = 0 ] && [ "$(sqlite3 "$rdb2" "SELECT name FROM customers WHERE id = 1")" = "$name" ] && [ "$kept" = 1 ] && [[ $out == *before-restore* ]]'
before=$(sha256sum < "$rdb2")
out=$(LANGUAGE=en "$rapport" --database "$rdb2" --restore "$tmp/notes.csv" 2>&1); status=$?
check "--restore refuses a file that is no backup and changes nothing" \
  '[ $status = 1 ] && [[ $out == *"not a Rapport backup"* ]] && [ "$(sha256sum < "$rdb2")" = "$before" ]'

# --export-vcard FILE and --import-vcard FILE: the contacts go round
out=$("$rapport" --database "$db" --export-vcard "$tmp/contacts.vcf" 2>&1); status=$?
ncontacts=$(sqlite3 "$db" "SELECT count(*) FROM contacts")
check "--export-vcard writes one vCard 3.0 per contact, mode 0600" \
  '[ $status = 0 ] && [ -z "$out" ] && [ "$(grep -c "^BEGIN:VCARD" "$tmp/contacts.vcf")" = "$ncontacts" ] && [ "$(grep -c "^VERSION:3.0" "$tmp/contacts.vcf")" = "$ncontacts" ] && [ "$(stat -c %a "$tmp/contacts.vcf")" = 600 ]'
out=$("$rapport" --database "$db" --export-vcard "$tmp/contacts4.vcf" --vcard-version 4 2>&1); status=$?
check "--vcard-version 4 writes vCard 4.0" '[ $status = 0 ] && [ "$(grep -c "^VERSION:4.0" "$tmp/contacts4.vcf")" = "$ncontacts" ]'
out=$("$rapport" --database "$db" --export-vcard "$tmp/c5.vcf" --vcard-version 5 2>&1); status=$?
check "--vcard-version 5 is refused" '[ $status = 2 ] && [ ! -e "$tmp/c5.vcf" ]'
vdb=$tmp/vcard.db
"$rapport" --database "$vdb" --demo-data 1 >/dev/null 2>&1
sqlite3 "$vdb" "DELETE FROM contacts"
out=$(LANGUAGE=en "$rapport" --database "$vdb" --import-vcard "$tmp/contacts4.vcf" 2>&1); status=$?
check "--import-vcard brings every contact into another database" \
  '[ $status = 0 ] && [[ $out == *"contacts were imported"* ]] && [ "$(sqlite3 "$vdb" "SELECT count(*) FROM contacts")" -gt 0 ] && [ "$(sqlite3 "$vdb" "SELECT count(DISTINCT name) FROM contacts")" = "$(sqlite3 "$db" "SELECT count(DISTINCT name) FROM contacts")" ]'
printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nEMAIL:not-an-address\r\nEND:VCARD\r\n' > "$tmp/broken.vcf"
before=$(sqlite3 "$vdb" "SELECT count(*) FROM contacts")
out=$(LANGUAGE=en "$rapport" --database "$vdb" --import-vcard "$tmp/broken.vcf" 2>&1); status=$?
check "a card with a bad e-mail imports nothing and says where" \
  '[ $status = 1 ] && [[ $out == *"Card 1, line 4"* ]] && [ "$(sqlite3 "$vdb" "SELECT count(*) FROM contacts")" = "$before" ]'

# --check-reminders: one pass; with no notification server the reminders go to stdout
rdb=$tmp/reminders.db
cp "$db" "$rdb"
sqlite3 "$rdb" "INSERT INTO followups (customer_id, kind, item, status, planned_at, created_at, updated_at)
                VALUES (1, 0, 'Confirm the CLI renewal', 0, strftime('%s', 'now') + 300, 0, 0);
                INSERT OR REPLACE INTO settings (key, value) VALUES ('reminders.quiet_start', '0'), ('reminders.quiet_end', '0');"
out=$(DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus" LANGUAGE=en "$rapport" --database "$rdb" --check-reminders 2>"$tmp/err"); status=$?
logged=$(sqlite3 "$rdb" "SELECT count(*) FROM reminder_log")
check "--check-reminders with no notification server prints the reminders and records them" \
  '[ $status = 0 ] && [[ $out == *"Confirm the CLI renewal"* ]] && [[ $(cat "$tmp/err") == *"No notification server"* ]] && [ "$logged" -gt 0 ]'
out=$(DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus" LANGUAGE=en "$rapport" --database "$rdb" --check-reminders 2>&1); status=$?
check "a second --check-reminders sends nothing twice" \
  '[ $status = 0 ] && [ "$out" = "Sent 0 reminders." ] && [ "$(sqlite3 "$rdb" "SELECT count(*) FROM reminder_log")" = "$logged" ]'
out=$("$rapport" --database "$tmp/missing.db" --check-reminders 2>&1); status=$?
check "--check-reminders on a missing database fails with a message" '[ $status = 1 ] && [ -n "$out" ] && [ ! -e "$tmp/missing.db" ]'

# --background: one process per database; a second one leaves it to the first
if [ -n "${DISPLAY:-}" ]; then
  out=$(LANGUAGE=en dbus-run-session -- bash -c '
    "$0" --database "$1" --background >/dev/null 2>&1 & first=$!
    sleep 3
    kill -0 $first 2>/dev/null && alive=yes || alive=no
    second=$("$0" --database "$1" --background 2>&1); s=$?
    kill $first 2>/dev/null; wait $first 2>/dev/null
    echo "$alive|$s|$second"' "$rapport" "$rdb" 2>/dev/null)
  check "--background keeps running with no window; a second one says the first delivers" \
    '[[ $out == "yes|0|"*"already running"* ]]'
else
  check "--background needs a display (run the tests under Xvfb)" 'false'
fi

# nothing personal in the logs, even with every debug message on
ldb=$tmp/logs.db
cp "$db" "$ldb"
: > "$tmp/log"
for args in "--check-reminders" "--export-csv $tmp/l.csv --table contacts" "--export-vcard $tmp/l.vcf" \
            "--backup $tmp/l-backup.db" "--print-summary $pcode --output $tmp/l.pdf"; do
  # shellcheck disable=SC2086
  G_MESSAGES_DEBUG=all DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus" "$rapport" --database "$ldb" $args \
    >/dev/null 2>>"$tmp/log"
done
leaks=$(sqlite3 "$ldb" "SELECT phone FROM contacts WHERE phone IS NOT NULL UNION ALL SELECT email FROM contacts WHERE email IS NOT NULL UNION ALL SELECT name FROM contacts" |
        while IFS= read -r value; do [ -n "$value" ] && grep -qF -- "$value" "$tmp/log" && echo "$value"; done)
[ -n "$leaks" ] && { echo "# in the logs:"; printf "%s\n" "$leaks" | while IFS= read -r v; do grep -F -- "$v" "$tmp/log" | head -3 | sed "s/^/#   /"; done; }
check "debug logs go to stderr and name no contact, phone number or e-mail address" \
  'grep -q -- "-DEBUG: " "$tmp/log" && [ -z "$leaks" ]'

echo "1..$n"
[ $failures = 0 ]
