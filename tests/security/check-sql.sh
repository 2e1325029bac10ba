#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# All SQL takes user values as bound parameters (DESIGN.md). This reads the
# code for the ways that rule gets broken:
#  1. a value quoted into SQL text: '%s', "%s", '%q' … inside a string literal;
#  2. sqlite3_mprintf with %s or %q (it is for identifiers, with %w, only);
#  3. SQL text built with printf or concatenation anywhere but the reviewed
#     places listed in sql-building.txt (file and function, with why each one
#     only splices in fixed fragments, placeholder numbers or integers).
# A new place that builds SQL fails until it is reviewed and listed.
set -u
root=${1:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"}
allow="$root/tests/security/sql-building.txt"
failures=0
n=0

check () {
  n=$((n + 1))
  if [ -z "$2" ]; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    printf '%s\n' "$2" | sed 's/^/#   /'
    failures=$((failures + 1))
  fi
}

cd "$root" || exit 1
sources=$(find app -name '*.c' | sort)

quoted=$(grep -nE "(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|SET|LIKE|MATCH|GLOB)[^\"]*('%[-0-9.]*[a-z]'|\\\\\"%[-0-9.]*[a-z]\\\\\")" $sources || true)
check "no value is quoted into SQL text" "$quoted"

mprintf=$(grep -nE 'sqlite3_v?mprintf *\([^;]*%[-0-9.]*[sqQz]' $sources || true)
check "sqlite3_mprintf only quotes identifiers (%w)" "$mprintf"

# every statement that builds text with an SQL keyword in it, as file:function
sites=$(awk '
  FNR == 1 { fn = "" }
  /^[a-z_][a-z0-9_]* \(/ { fn = $1 }
  /(g_strdup_printf|g_string_append_printf|g_string_printf|g_string_append|sqlite3_mprintf|g_strconcat|g_strjoin) *\(/ { building = 1; text = "" }
  building { text = text $0 }
  building && /;[[:space:]]*$/ {
    if (text ~ /"[^"]*(SELECT |INSERT |UPDATE |DELETE |WHERE |ORDER BY|VALUES|DROP |CREATE |PRAGMA |AND [a-z.]+ *[<>=]| IN \()/)
      print FILENAME ":" fn
    building = 0
  }
' $sources | sort -u)
listed=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$allow" | grep -v '^$' | awk '{ print $1 }' | sort -u)
unreviewed=$(comm -23 <(printf '%s\n' "$sites") <(printf '%s\n' "$listed") | grep -v '^$' || true)
check "SQL text is built only in the reviewed places (tests/security/sql-building.txt)" "$unreviewed"
stale=$(comm -13 <(printf '%s\n' "$sites") <(printf '%s\n' "$listed") | grep -v '^$' || true)
check "every reviewed place still exists (remove the others from the list)" "$stale"

echo "1..$n"
[ $failures = 0 ]
