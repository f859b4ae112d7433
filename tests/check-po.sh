#!/bin/bash
# check-po.sh: every user-visible string is listed, extracted and translated
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po.sh [SOURCE_ROOT]   (default: $JX_SOURCE_ROOT, else the parent
# of this script's folder). Fails, naming the problem, when
#   - a file under src/ or ui/ that marks strings for translation is missing
#     from po/POTFILES.in, or POTFILES.in names a file that does not exist;
#   - po/<lang>.po, brought up to date with the sources (xgettext + msgmerge),
#     has untranslated or fuzzy messages;
#   - msgfmt -c rejects po/<lang>.po or the updated catalogue.
# It never modifies the source tree.
set -euo pipefail

srcdir=${1:-${JX_SOURCE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}}
cd "$srcdir"

for tool in xgettext msgmerge msgfmt msgattrib; do
  if ! command -v "$tool" >/dev/null; then
    echo "check-po: $tool not found: install the Debian package gettext" >&2
    exit 1
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail () {
  echo "check-po: FAIL: $*" >&2
  failed=1
}

# --- (a) POTFILES.in is complete and every entry exists -------------------
potfiles=po/POTFILES.in
[ -f "$potfiles" ] || { echo "check-po: FAIL: $potfiles is missing" >&2; exit 1; }
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e 's/^[[:space:]]*//' "$potfiles" \
  | grep -v '^$' | sort -u > "$work/listed" || true

while read -r f; do
  [ -f "$f" ] || fail "$potfiles lists $f, which does not exist: remove or correct the line"
done < "$work/listed"

# C sources: _( N_( C_( NC_( not preceded by an identifier character
# (so g_strdup_( or foo_( do not count). .ui files: translatable="yes".
{
  if [ -d src ]; then
    grep -rlE --include='*.c' --include='*.h' \
      '(^|[^A-Za-z0-9_])(_|N_|C_|NC_)[[:space:]]*\(' src || true
    grep -rlE --include='*.ui' 'translatable="yes"' src || true
  fi
  if [ -d ui ]; then
    grep -rlE 'translatable="yes"' ui || true
    grep -rlE --include='*.c' '(^|[^A-Za-z0-9_])(_|N_|C_|NC_)[[:space:]]*\(' ui || true
  fi
} | sort -u > "$work/marked"

# jx-cli.c and friends may include <glib/gi18n.h> and define nothing: only
# files that really mark strings are listed in $work/marked.
missing=$(comm -23 "$work/marked" "$work/listed")
if [ -n "$missing" ]; then
  for f in $missing; do
    fail "$f marks strings for translation but is not listed in $potfiles: add the line '$f'"
  done
fi

# --- (b) extract, merge, and count what is not translated -----------------
# Group the listed files by how xgettext must read them.
: > "$work/c"; : > "$work/ui"; : > "$work/desktop"; : > "$work/other"
while read -r f; do
  [ -f "$f" ] || continue
  case "$f" in
    *.c|*.h)          echo "$f" >> "$work/c" ;;
    *.ui)             echo "$f" >> "$work/ui" ;;
    *.desktop.in|*.desktop)  echo "$f" >> "$work/desktop" ;;
    *)                echo "$f" >> "$work/other" ;;   # .metainfo.xml.in, .gschema.xml: ITS rules
  esac
done < "$work/listed"

pot="$work/jixiao.pot"
xg=(xgettext --from-code=UTF-8 --add-comments=Translators --force-po
    --package-name=jixiao --output="$pot")
kw=(--keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2
    --keyword=g_dngettext:2,3 --keyword=ngettext:1,2
    --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format
    --flag=g_error_new:3:c-format --flag=g_string_printf:2:c-format
    --flag=g_string_append_printf:2:c-format --flag=g_printerr:1:c-format
    --flag=g_print:1:c-format)
joined=()
run_xgettext () {   # list-file, extra args...
  local list=$1; shift
  [ -s "$list" ] || return 0
  if ! "${xg[@]}" "${joined[@]}" "$@" --files-from="$list" 2> "$work/xgettext.err"; then
    cat "$work/xgettext.err" >&2
    fail "xgettext could not read the files listed in $potfiles (see above)"
    return 0
  fi
  # xgettext warnings (e.g. a format string without a translator comment)
  # are shown but do not fail the check.
  # The fallback-ITS note about GtkBuilder files is expected on Debian 12.
  grep -v 'fallback ITS rule file' "$work/xgettext.err" >&2 || true
  joined=(--join-existing)
}
run_xgettext "$work/c" --language=C "${kw[@]}"
run_xgettext "$work/ui" --language=Glade
run_xgettext "$work/desktop" --language=Desktop
run_xgettext "$work/other"
[ -f "$pot" ] || xgettext --force-po --output="$pot" --language=C /dev/null

linguas=$(sed -e 's/#.*//' po/LINGUAS 2>/dev/null | tr -s '[:space:]' '\n' | grep -v '^$' || true)
[ -n "$linguas" ] || fail "po/LINGUAS names no language"

for lang in $linguas; do
  po=po/$lang.po
  if [ ! -f "$po" ]; then
    fail "po/LINGUAS names $lang but $po does not exist"
    continue
  fi

  # --- (c) the catalogue as committed is well-formed ---
  if ! msgfmt -c --check-format -o /dev/null "$po" 2> "$work/msgfmt.err"; then
    cat "$work/msgfmt.err" >&2
    fail "msgfmt -c rejects $po (see above)"
    continue
  fi

  merged="$work/$lang.po"
  if ! msgmerge --quiet --previous -o "$merged" "$po" "$pot" 2> "$work/msgmerge.err"; then
    cat "$work/msgmerge.err" >&2
    fail "msgmerge could not merge $po with the extracted strings"
    continue
  fi

  # The updated catalogue too: this checks each translation against the
  # c-format flag xgettext found in the source, even where $po lacks the flag.
  if ! msgfmt -c --check-format -o /dev/null "$merged" 2> "$work/msgfmt.err"; then
    sed "s|$work/$lang.po|$po (updated from sources)|g" "$work/msgfmt.err" >&2
    fail "$po has translations whose format directives do not match the source (see above)"
  fi

  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$merged" 2>&1)
  untranslated=$(sed -n 's/.* \([0-9][0-9]*\) untranslated message.*/\1/p' <<< "$stats")
  fuzzy=$(sed -n 's/.* \([0-9][0-9]*\) fuzzy translation.*/\1/p' <<< "$stats")
  untranslated=${untranslated:-0}
  fuzzy=${fuzzy:-0}
  echo "check-po: $po: $stats"

  if [ "$untranslated" -gt 0 ]; then
    echo "Untranslated in $po:" >&2
    msgattrib --untranslated --no-obsolete --no-wrap "$merged" \
      | grep -E '^(#:|msgid|msgctxt)' | grep -v '^msgid ""$' >&2 || true
    fail "$po has $untranslated untranslated message(s): translate them (msgmerge po/$lang.po with the sources, then fill in msgstr)"
  fi
  if [ "$fuzzy" -gt 0 ]; then
    echo "Fuzzy in $po (the source text changed, or a guess was never checked):" >&2
    msgattrib --only-fuzzy --no-obsolete --no-wrap "$merged" \
      | grep -E '^(#:|msgid|msgctxt)' | grep -v '^msgid ""$' >&2 || true
    fail "$po has $fuzzy fuzzy message(s): check each translation and remove its 'fuzzy' flag"
  fi

  obsolete=$(msgattrib --only-obsolete "$merged" | grep -c '^#~ msgid' || true)
  if [ "${obsolete:-0}" -gt 0 ]; then
    echo "check-po: note: $po has $obsolete message(s) no longer in the sources (harmless)"
  fi
done

if [ "$failed" -ne 0 ]; then
  exit 1
fi
echo "check-po: ok: $(wc -l < "$work/listed") files in $potfiles, all of them translated into: $linguas"
