#!/usr/bin/env bash
# Prints what the first view transfers (raw, gzip -9, brotli -q 11) and fails when the brotli total
# without index.html exceeds the ceiling. Byte sizes are the same on every machine, so this may fail
# the build. index.html carries the build-time copy of the first chart, whose bytes are budgeted on
# their own (e2e/bench.mjs, bytes before the first chart); the ceiling guards the app that takes
# over: a regression guard just above today's size (README, Performance, where the budget of
# 120 KB and how far the build is from it are shown). The code and rows fetched on demand (other
# views, claims' list, newsroom kit) are not part of the first view, so they are not counted here.
# usage: scripts/size.sh [dist] [ceiling-bytes]
set -euo pipefail
dist="${1:-dist}"
ceiling="${2:-${SIZE_CEILING_BYTES:-133120}}"
files=("$dist"/index.html "$dist"/copy-*.js "$dist"/start-*.js "$dist"/rare-earth-explorer-*.js "$dist"/rare-earth-explorer-*_bg.wasm "$dist"/main-*.css "$dist"/favicon.svg)
total_raw=0 total_gz=0 total_br=0
printf '%-48s %10s %10s %10s\n' "file (first view)" raw gzip-9 brotli-11
for f in "${files[@]}"; do
  [[ -f "$f" ]] || { echo "missing: $f (run trunk build --release first)"; exit 1; }
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c); br=$(brotli -q 11 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-48s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
done
printf '%-48s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
html_br=$(brotli -q 11 -c "$dist/index.html" | wc -c)
app_br=$((total_br - html_br))
printf '%-48s %10s %10s %10d\n' "total without index.html" "" "" "$app_br"
if (( app_br > ceiling )); then
  echo "size: the first view without its HTML is $app_br bytes brotli, over the ceiling of $ceiling bytes"
  exit 1
fi
echo "size: the first view without its HTML is $app_br bytes brotli (ceiling $ceiling)"
