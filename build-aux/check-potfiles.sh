#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-potfiles.sh SOURCE_ROOT
#
# po/POTFILES.in must be sorted (byte order, no duplicates), every file it
# lists must exist, and every C source (.c) or GtkBuilder file (.ui) under
# app/ and resources/ that marks a string for translation must be listed, so
# that no string the user reads is missing from the translation template.

set -u

srcroot=${1:-.}
cd "$srcroot" || exit 1
LC_ALL=C
export LC_ALL

potfiles=po/POTFILES.in
if [ ! -f "$potfiles" ]; then
  echo "$potfiles: not found" >&2
  exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

status=0

# Entries without comments, blank lines or [encoding: …] lines.
sed -e 's/[[:space:]]*$//' -e '/^#/d' -e '/^\[/d' -e '/^$/d' "$potfiles" > "$tmp/listed"

sort -u "$tmp/listed" > "$tmp/sorted"
if ! cmp -s "$tmp/listed" "$tmp/sorted"; then
  echo "$potfiles is not sorted or has duplicates (expected order on the right):" >&2
  diff "$tmp/listed" "$tmp/sorted" >&2
  echo "Sort the entries with: LC_ALL=C sort -u" >&2
  status=1
fi

while IFS= read -r f; do
  if [ ! -f "$f" ]; then
    echo "$potfiles lists $f, which does not exist" >&2
    status=1
  fi
done < "$tmp/listed"

# _("…"), N_("…"), C_("ctx", "…"), NC_(…), Q_(…) (with or without a space
# before the parenthesis), ngettext/g_dngettext, and translatable="yes".
marks='(^|[^A-Za-z0-9_])(N|C|NC|Q)?_[[:space:]]*\(|ngettext[[:space:]]*\(|translatable[[:space:]]*=[[:space:]]*["'\'']yes["'\'']'

dirs=
for d in app resources; do
  [ -d "$d" ] && dirs="$dirs $d"
done

if [ -n "$dirs" ]; then
  # shellcheck disable=SC2086
  find $dirs -type f \( -name '*.c' -o -name '*.ui' \) -print |
    sort |
    while IFS= read -r f; do
      if grep -Eq "$marks" "$f"; then
        echo "$f"
      fi
    done > "$tmp/marked"
else
  : > "$tmp/marked"
fi

missing=$(comm -23 "$tmp/marked" "$tmp/sorted")
if [ -n "$missing" ]; then
  echo "These files mark strings for translation but are not in $potfiles:" >&2
  echo "$missing" | sed 's/^/  /' >&2
  status=1
fi

# Listed sources that no longer mark anything are harmless to xgettext;
# mention them so the list stays tidy.
grep -E '^(app|resources)/.*\.(c|ui)$' "$tmp/sorted" > "$tmp/listed-src" || true
stale=$(comm -23 "$tmp/listed-src" "$tmp/marked")
if [ -n "$stale" ]; then
  echo "Note: listed in $potfiles but no longer marking strings:" >&2
  echo "$stale" | sed 's/^/  /' >&2
fi

if [ "$status" -eq 0 ]; then
  echo "$potfiles: $(wc -l < "$tmp/sorted" | tr -d ' ') files, sorted and complete"
fi
exit "$status"
