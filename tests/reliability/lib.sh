# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the reliability tests (sourced, not run): TAP output and helpers.

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

note () {
  echo "# $*"
}

finish () {
  echo "1..$n"
  [ "$failures" = 0 ]
}

# What must not change when a file is left alone: contents, mtime (ns), size, mode.
fingerprint () {
  echo "$(sha256sum < "$1" | cut -d' ' -f1) $(stat -c '%.9Y %s %a' "$1")"
}

# The files SQLite or Rapport left beside $1 (-wal, -shm, -journal, .name.XXXXXX).
side_files () {
  local dir base
  dir=$(dirname "$1")
  base=$(basename "$1")
  (cd "$dir" && ls -A | grep -E "^(${base//./\\.}-(wal|shm|journal)|\.${base//./\\.}\..{6}(-journal)?)$")
}

# The content of a database, independent of its page layout.
dump_sum () {
  sqlite3 "$1" .dump | sha256sum | cut -d' ' -f1
}
