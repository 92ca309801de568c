#!/usr/bin/env bash
# The editor's command (docs/updating.md): checks data/ as the build does and, when it is valid,
# brings everything that repeats the data up to date: the copy deck (docs/copy.md), the release
# build in dist/ with its static images and frozen copy, and the embed heights the loader reserves
# (measured on the new build, which is then built again with them). Prints what changed.
#
# usage: scripts/update-data.sh            check data/, then rebuild
#        scripts/update-data.sh --check [folder]
#                                          check only (default data/): every problem with its
#                                          file, row and what to do; a few seconds once built
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

check() {
  cargo run --quiet --locked --features check-data --bin check-data -- "$1"
}

if [[ "${1:-}" == "--check" ]]; then
  check "${2:-data}"
  exit
fi
(( $# == 0 )) || { echo "usage: scripts/update-data.sh [--check [folder]]" >&2; exit 2; }

"$ROOT/scripts/setup.sh" --build-only
step "check data/"
check data

step "the copy deck (docs/copy.md): every sentence the explorer prints, in both languages"
UPDATE_COPY_DECK=1 cargo test --quiet --locked --lib copy_deck

step "release build, then the embed heights measured on it, then the build again with them"
(release_build_env && trunk build --release)
"$ROOT/scripts/setup.sh" >/dev/null
node "$ROOT/e2e/heights.mjs"
(release_build_env && trunk build --release)

step "what changed (commit it with a message saying which months or corrections you added)"
git -C "$ROOT" status --short -- data docs/copy.md public/embed-heights.json
echo "Preview: scripts/serve.sh, then http://127.0.0.1:8080/ (the footer's What changed lists corrections)."
