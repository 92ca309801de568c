#!/usr/bin/env bash
# Benchmarks the explorer in headless Chromium: the bytes of the first view (raw, gzip, brotli), time
# to the first chart, view switches and control changes, memory over 400 view switches, and the
# start-up breakdown. Prints one table; set BENCH_JSON=path to also get it as JSON. It reports and
# never fails on slow figures, only when the page cannot load or a chart never paints.
set -euo pipefail
source "$(dirname "$0")/env.sh"
# Full setup, not --build-only: the benchmark needs Chromium and the e2e npm packages.
"$ROOT/scripts/setup.sh"
cd "$ROOT"

# Always a fresh release build: figures from a stale or debug dist/ would be meaningless.
step "release build (trunk build --release)"
(release_build_env && trunk build --release)

step "benchmark (Playwright + Chromium against dist/)"
DIST_DIR="$ROOT/dist" node "$ROOT/e2e/bench.mjs"
