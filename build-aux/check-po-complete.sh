#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-po-complete.sh [--against-sources] SOURCE_ROOT
#
# For every language in po/LINGUAS, po/<lang>.po must pass `msgfmt --check`
# and have no untranslated and no fuzzy messages.
#
# With --against-sources, the template is first extracted from the files in
# po/POTFILES.in (the same xgettext arguments as meson's glib preset) and the
# catalogue is merged with it in a temporary copy, so a string added to the
# code but not yet translated is reported too. Fix either by running
# `meson compile -C BUILDDIR anju-update-po` and translating the new entries.
#
# Tools may be overridden with MSGFMT, XGETTEXT and MSGMERGE.

set -u

against_sources=no
if [ "${1:-}" = "--against-sources" ]; then
  against_sources=yes
  shift
fi
srcroot=${1:-.}
cd "$srcroot" || exit 1

LC_ALL=C
export LC_ALL
MSGFMT=${MSGFMT:-msgfmt}
XGETTEXT=${XGETTEXT:-xgettext}
MSGMERGE=${MSGMERGE:-msgmerge}

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

langs=$(sed -e 's/#.*//' po/LINGUAS)
if [ -z "$(echo $langs)" ]; then
  echo "po/LINGUAS lists no languages" >&2
  exit 1
fi

if [ "$against_sources" = yes ]; then
  "$XGETTEXT" --package-name=anju -f po/POTFILES.in -D . -k_ -o "$tmp/anju.pot" \
    --from-code=UTF-8 --add-comments \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
    --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
    --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
    --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
    --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
    --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
    --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
    --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format ||
    { echo "xgettext failed on the files in po/POTFILES.in" >&2; exit 1; }
  if [ ! -f "$tmp/anju.pot" ]; then
    # xgettext writes nothing when there is nothing to translate.
    echo "no translatable strings in po/POTFILES.in"
    exit 0
  fi
fi

# The msgids of a catalogue, one per line (continuation lines joined), without
# the header.
print_msgids ()
{
  awk '
    /^msgid / { if (id != "") print "  " id; id = substr($0, 7); inid = 1; next }
    /^"/ && inid { id = substr(id, 1, length(id) - 1) substr($0, 2); next }
    { inid = 0 }
    END { if (id != "") print "  " id }
  ' | grep -v '^  ""$'
}

status=0
for lang in $langs; do
  po=po/$lang.po
  if [ ! -f "$po" ]; then
    echo "$po: missing (listed in po/LINGUAS)" >&2
    status=1
    continue
  fi

  if [ "$against_sources" = yes ]; then
    if ! "$MSGMERGE" --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$po" "$tmp/anju.pot"; then
      echo "$po: msgmerge failed" >&2
      status=1
      continue
    fi
    checked=$tmp/$lang.po
  else
    checked=$po
  fi

  if ! "$MSGFMT" --check --statistics -o /dev/null "$checked" 2> "$tmp/stats"; then
    cat "$tmp/stats" >&2
    echo "$po: msgfmt --check failed" >&2
    status=1
    continue
  fi
  stats=$(tail -n 1 "$tmp/stats")
  echo "$po: $stats"
  case $stats in
    *untranslated*|*fuzzy*)
      status=1
      # Say which messages, so the failure tells what to do.
      echo "Untranslated or fuzzy in $po:" >&2
      for which in --untranslated --only-fuzzy; do
        msgattrib --no-wrap "$which" --no-obsolete "$checked" 2>/dev/null | print_msgids >&2
      done
      ;;
  esac
done

exit "$status"
