#!/usr/bin/env bash
# The editor's monthly update, shown on a real month (docs/updating.md): data/ as it stood before
# customs' December 2025 figure was entered, the row an editor adds for it, and the slips the
# check must refuse, each with the file, the row and what to do. Run by scripts/test.sh.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$ROOT"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
say() { printf '  %s\n' "$*"; }
fail() { say "FAIL: $*"; failures=$((failures + 1)); }

# The month as customs published it (Reuters, 14 January 2026; the trade press the same day):
# 4,392.1 t, +32 % on December 2024, -20 % on November 2025.
december='2025-12,2025-12,4392.1,32,-20,,,,,"Reuters rounds to 4,392 t; December 2024 was 3,326 t.",reuters-2026-01-14-exports pmbiz-2026-01-exports'
grep -qxF "$december" data/exports_monthly.csv || { fail "data/exports_monthly.csv no longer has December 2025 as this test adds it"; exit 1; }

# A data folder named $1, as it stood before the December figure: data/ without that row.
before() {
  rm -rf "$work/$1"; cp -r data "$work/$1"
  grep -vxF "$december" data/exports_monthly.csv > "$work/$1/exports_monthly.csv"
}
# Runs the editor's check on folder $1; its output in $work/out.
check() { scripts/update-data.sh --check "$work/$1" > "$work/out" 2>&1; }
# Expects the check of folder $1 to refuse it, saying $2.
refused() {
  if check "$1"; then fail "$1: accepted"; cat "$work/out"; return; fi
  if grep -qF -- "$2" "$work/out"; then say "refused, as it should be: $(grep -F -- "$2" "$work/out" | head -1 | sed 's/^ *//')"
  else fail "$1: refused without saying \"$2\""; cat "$work/out"; fi
}

echo "before December: valid, the newest single month is November"
before start
if check start && grep -qF "newest single month: 2025-11 5493.9 t" "$work/out"; then say "ok"; else fail "before"; cat "$work/out"; fi

echo "the editor adds December's row: valid, and it is the newest month"
before added
echo "$december" >> "$work/added/exports_monthly.csv"
if check added && grep -qF "newest single month: 2025-12 4392.1 t" "$work/out"; then say "ok"; else fail "added"; cat "$work/out"; fi

echo "slips the check refuses"
before tens; echo "${december/4392.1/43921}" >> "$work/tens/exports_monthly.csv"
refused tens "2025-01..2025-12 is 62585.2 t, but the months it covers add up to 102114.1 t"
refused tens "2025-12 is 43921 t, 7.8 times the months around it"

before change; echo "${december/4392.1,32,/4392.1,23,}" >> "$work/change/exports_monthly.csv"
refused change "states +23 % on a year earlier, but the figures give +32.05 %"

before twice; echo "$december" >> "$work/twice/exports_monthly.csv"; echo "$december" >> "$work/twice/exports_monthly.csv"
refused twice "duplicate span 2025-12..2025-12"

before unknown; echo "${december/pmbiz-2026-01-exports/pmbiz-2026-01-export}" >> "$work/unknown/exports_monthly.csv"
refused unknown "unknown source id \`pmbiz-2026-01-export\`"

# A new source linked on a scraper site the sources audit lists, instead of the original.
before mirror; echo "$december" >> "$work/mirror/exports_monthly.csv"
sed -i 's#^\(pmbiz-2026-01-exports,[^,]*,[^,]*,[^,]*,\),#\1https://w3wiki.net/rare-earth-exports-2025,#' "$work/mirror/sources.csv"
refused mirror "url links w3wiki.net, a spam, scraped or rewritten copy"

before plain; echo "$december" >> "$work/plain/exports_monthly.csv"
sed -i 's#^\(pmbiz-2026-01-exports,[^,]*,[^,]*,[^,]*,\),#\1http://www.pmbiz.com.cn/news/info.asp?id=21012026102347,#' "$work/plain/sources.csv"
refused plain "is plain http"

(( failures == 0 )) || { echo "$failures failure(s)"; exit 1; }
echo "the editor's check: all as expected"
