#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks that French is complete: every translatable string in the sources
# listed in po/POTFILES.in has a French translation (not fuzzy), fr.po
# compiles with format checks, and no source file with translatable strings
# is missing from POTFILES.in.
set -euo pipefail
src=${1:?source root}
cd "$src"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# 1. Sources with translatable strings must be listed.
grep -rlE '(\b_|\bN_|\bC_|\bngettext|\bg_dngettext)\s*\(|translatable="yes"' \
  src data --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' \
  | grep -v '\.gresource\.xml$' | sort > "$tmp/have"
grep -vE '^\s*(#|$)' po/POTFILES.in | sort > "$tmp/listed"
missing=$(comm -23 "$tmp/have" "$tmp/listed")
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from po/POTFILES.in:"
  echo "$missing" | sed 's/^/  /'
  status=1
fi
gone=$(comm -13 <(find src data -type f | sort) "$tmp/listed")
if [ -n "$gone" ]; then
  echo "po/POTFILES.in lists files that do not exist:"; echo "$gone" | sed 's/^/  /'
  status=1
fi

# 2. fr.po compiles with format checks.
if ! msgfmt --check --check-format -o /dev/null po/fr.po; then
  echo "po/fr.po does not compile."
  status=1
fi

# 3. Every msgid is translated in French.
xgettext --from-code=UTF-8 --add-comments --sort-output \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --keyword=g_dpgettext2:2c,3 \
  --files-from=<(grep -vE '^\s*(#|$)' po/POTFILES.in) \
  -o "$tmp/jalons.pot" 2> "$tmp/xgettext.err" || { cat "$tmp/xgettext.err"; exit 1; }
msgmerge --quiet --no-fuzzy-matching po/fr.po "$tmp/jalons.pot" -o "$tmp/merged.po"
msgattrib --untranslated --no-obsolete "$tmp/merged.po" > "$tmp/untranslated.po"
msgattrib --only-fuzzy --no-obsolete "$tmp/merged.po" > "$tmp/fuzzy.po"
stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
n_fuzzy=$(echo "$stats" | grep -oE '[0-9]+ fuzzy' | grep -oE '[0-9]+' || echo 0)
n_untr=$(echo "$stats" | grep -oE '[0-9]+ untranslated' | grep -oE '[0-9]+' || echo 0)
if [ "${n_fuzzy:-0}" -gt 0 ] || [ "${n_untr:-0}" -gt 0 ]; then
  echo "French is incomplete: $stats"
  cat "$tmp/untranslated.po" "$tmp/fuzzy.po" | grep -A1 '^#:' | grep -E '^(#:|msgid)' | head -80
  status=1
fi
echo "French translation: $stats"
exit $status
