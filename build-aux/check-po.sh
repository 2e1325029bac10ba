#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that every translation in po/ is complete and up to date:
#   - po/POTFILES.in lists only existing files, and every source file under
#     app/, ui/ and resources/ that marks strings for translation is listed
#     (or named in po/POTFILES.skip);
#   - each language in po/LINGUAS has a .po file and each .po is in LINGUAS;
#   - each .po passes `msgfmt --check` and has no fuzzy or untranslated message;
#   - each .po translates every message of a template freshly extracted from
#     the files in POTFILES.in (so a new _("…") in the code fails this check
#     until it is translated).
#
# Usage: check-po.sh [SOURCE_ROOT]   (default: the parent of this script's folder)

set -euo pipefail

srcroot=${1:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"}
srcroot=$(cd "$srcroot" && pwd)
podir="$srcroot/po"
domain=rapport

# Untranslated, parseable output from the gettext tools.
export LC_ALL=C.UTF-8
unset LANGUAGE

failures=0
fail () {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

missing_tools=()
for tool in xgettext msgfmt msgcmp msgcat msgmerge msgattrib msgen; do
  command -v "$tool" >/dev/null 2>&1 || missing_tools+=("$tool")
done
if ((${#missing_tools[@]})); then
  echo "FAIL: missing ${missing_tools[*]} (package gettext); run build-aux/setup.sh" >&2
  exit 1
fi

[[ -f "$podir/POTFILES.in" ]] || { echo "FAIL: $podir/POTFILES.in not found" >&2; exit 1; }
[[ -f "$podir/LINGUAS" ]] || { echo "FAIL: $podir/LINGUAS not found" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Entries of a list file: no comments, no blank lines, no surrounding spaces.
list_entries () {
  [[ -f "$1" ]] || return 0
  sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$1" | grep -v '^$' || true
}

mapfile -t potfiles < <(list_entries "$podir/POTFILES.in")
mapfile -t skipfiles < <(list_entries "$podir/POTFILES.skip")

# 1. POTFILES.in names existing files.
blp_files=()
other_files=()
for f in "${potfiles[@]}"; do
  if [[ ! -f "$srcroot/$f" ]]; then
    fail "po/POTFILES.in lists $f, which does not exist"
    continue
  fi
  case "$f" in
    *.blp) blp_files+=("$f") ;;
    *) other_files+=("$f") ;;
  esac
done

# 2. Every file that marks strings for translation is listed.
is_listed () {
  local f=$1 p
  for p in "${potfiles[@]}" "${skipfiles[@]}"; do
    [[ "$p" == "$f" ]] && return 0
  done
  return 1
}
marker='(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2|g_dcgettext)[[:space:]]*\('
while IFS= read -r f; do
  f=${f#./}
  is_listed "$f" && continue
  case "$f" in
    *.c|*.h|*.blp)
      grep -Eq "$marker" "$srcroot/$f" || continue ;;
    *.ui)
      grep -q 'translatable="yes"' "$srcroot/$f" || continue ;;
    *.desktop.in|*.metainfo.xml.in|*.gschema.xml)
      ;;
    *) continue ;;
  esac
  fail "$f has translatable strings but is not in po/POTFILES.in (nor po/POTFILES.skip)"
done < <(cd "$srcroot" && find ./app ./ui ./resources -type f \
           \( -name '*.c' -o -name '*.h' -o -name '*.blp' -o -name '*.ui' \
              -o -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml' \) \
           2>/dev/null | LC_ALL=C sort)

# Blueprint files are read as C, where 'text' is not a string: xgettext would
# silently skip _('text'). Translatable strings there must use double quotes.
for f in "${blp_files[@]}"; do
  if grep -nE "(^|[^A-Za-z0-9_])(_[[:space:]]*\\([[:space:]]*'|C_[[:space:]]*\\([[:space:]]*('|\"[^\"]*\"[[:space:]]*,[[:space:]]*'))" "$srcroot/$f" > "$tmp/quotes" 2>/dev/null; then
    sed "s|^|$f:|" "$tmp/quotes" >&2
    fail "$f marks single-quoted strings for translation; use double quotes, or xgettext misses them"
  fi
done

# 3. A fresh template, extracted with meson's 'glib' preset keywords.
# shellcheck disable=SC2054 # the commas are part of the keyword specs
keywords=(
  --from-code=UTF-8 --add-comments
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3
  --keyword=ngettext:1,2
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format
  --flag=g_markup_printf_escaped:1:c-format --flag=g_printerr:1:c-format
)
parts=()
if ((${#other_files[@]})); then
  printf '%s\n' "${other_files[@]}" > "$tmp/files-other"
  if ! (cd "$srcroot" && xgettext --package-name="$domain" "${keywords[@]}" \
          -f "$tmp/files-other" -o "$tmp/part-other.pot" 2> "$tmp/xgettext-other.log"); then
    cat "$tmp/xgettext-other.log" >&2
    fail "xgettext could not extract the messages"
  fi
  [[ -f "$tmp/part-other.pot" ]] && parts+=("$tmp/part-other.pot")
fi
if ((${#blp_files[@]})); then
  # Blueprint files are read as C: _("…") and C_("ctx", "…") look the same.
  printf '%s\n' "${blp_files[@]}" > "$tmp/files-blp"
  if ! (cd "$srcroot" && xgettext --package-name="$domain" --language=C "${keywords[@]}" \
          -f "$tmp/files-blp" -o "$tmp/part-blp.pot" 2> "$tmp/xgettext-blp.log"); then
    cat "$tmp/xgettext-blp.log" >&2
    fail "xgettext could not extract the messages of the Blueprint files"
  fi
  [[ -f "$tmp/part-blp.pot" ]] && parts+=("$tmp/part-blp.pot")
fi
template="$tmp/$domain.pot"
if ((${#parts[@]})); then
  msgcat --use-first -o "$template" "${parts[@]}"
fi
if [[ -f "$template" ]]; then
  n_template=$(grep -c '^msgid ' "$template" || true)
  n_template=$((n_template - 1))   # the header
else
  n_template=0
fi
echo "template: $n_template messages from ${#potfiles[@]} files"

# 4. LINGUAS and the .po files agree.
mapfile -t linguas < <(list_entries "$podir/LINGUAS" | tr -s ' \t' '\n' | grep -v '^$' || true)
((${#linguas[@]})) || fail "po/LINGUAS lists no language"
for lang in "${linguas[@]}"; do
  [[ -f "$podir/$lang.po" ]] || fail "po/LINGUAS lists $lang but po/$lang.po does not exist"
done
shopt -s nullglob
for po in "$podir"/*.po; do
  lang=$(basename "$po" .po)
  listed=0
  for l in "${linguas[@]}"; do [[ "$l" == "$lang" ]] && listed=1; done
  ((listed)) || fail "po/$lang.po exists but $lang is not in po/LINGUAS"
done

# 5. Each translation is valid, complete, and covers the template.
for po in "$podir"/*.po; do
  lang=$(basename "$po" .po)
  if ! msgfmt --check --statistics -o /dev/null "$po" 2> "$tmp/$lang.stats"; then
    cat "$tmp/$lang.stats" >&2
    fail "po/$lang.po does not pass msgfmt --check"
    continue
  fi
  stats=$(tail -n 1 "$tmp/$lang.stats")
  translated=$(grep -Eo '[0-9]+ translated' <<< "$stats" | grep -Eo '[0-9]+' || echo 0)
  fuzzy=$(grep -Eo '[0-9]+ fuzzy' <<< "$stats" | grep -Eo '[0-9]+' || echo 0)
  untranslated=$(grep -Eo '[0-9]+ untranslated' <<< "$stats" | grep -Eo '[0-9]+' || echo 0)
  echo "$lang: $translated translated, $fuzzy fuzzy, $untranslated untranslated"
  ((fuzzy == 0)) || fail "po/$lang.po has $fuzzy fuzzy messages"
  ((untranslated == 0)) || fail "po/$lang.po has $untranslated untranslated messages"

  if ((n_template > 0)); then
    # Every message of the template must be in the .po (untranslated and fuzzy
    # ones were reported above).
    if ! msgcmp --use-untranslated --use-fuzzy "$po" "$template" > "$tmp/$lang.cmp" 2>&1; then
      missing=$(grep -c 'this message is used but not defined' "$tmp/$lang.cmp" || true)
      echo "po/$lang.po lacks these messages of the code:" >&2
      # msgen fills in the .po's own untranslated entries, so that after the
      # merge only the messages missing from it are left untranslated.
      if msgen --no-wrap -o "$tmp/$lang.en.po" "$po" 2> /dev/null &&
         msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$tmp/$lang.merged.po" "$tmp/$lang.en.po" "$template" 2> /dev/null &&
         msgattrib --untranslated --no-obsolete --no-wrap -o "$tmp/$lang.missing" "$tmp/$lang.merged.po" 2> /dev/null; then
        # Print all but the header entry.
        awk 'BEGIN { RS = ""; ORS = "\n\n" } NR > 1' "$tmp/$lang.missing" >&2
      else
        sed "s|$tmp/||g" "$tmp/$lang.cmp" >&2
      fi
      fail "po/$lang.po lacks $missing messages of the code (update it: meson compile -C build $domain-update-po, then translate)"
    fi
    # Messages no longer in the code are harmless: only mention them.
    if ! msgcmp --use-untranslated --use-fuzzy "$template" "$po" > /dev/null 2>&1; then
      echo "note: po/$lang.po has messages that are no longer in the code (meson compile -C build $domain-update-po marks them obsolete)"
    fi
  fi
done

if ((failures)); then
  echo "$failures problem(s) found in the translations" >&2
  exit 1
fi
echo "translations complete"
