#!/usr/bin/env bash
# Installs what is missing, then runs every test: formatting and lints, native unit tests, component
# tests in Chromium and Firefox, the release build with its size budgets, and the end-to-end tests
# against that build.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"

step "cargo fmt --check"
cargo fmt --all -- --check

step "no circle of imports between the files of src/"
python3 "$ROOT/scripts/import-cycles.py"

step "cargo clippy"
cargo clippy --all-targets --locked --quiet -- -D warnings
cargo clippy --locked --quiet --features preview --bin postbuild -- -D warnings
cargo clippy --locked --quiet --features check-data --bin check-data -- -D warnings

step "native tests (cargo test)"
cargo test --locked
# The post-build program's own tests (the heights table, the cards' layout, Chinese drawn in the
# images): a binary behind the `preview` feature, which a plain `cargo test` leaves out.
cargo test --locked --features preview --bin postbuild

step "the editor's data check on a real month (tests/update-data.sh, docs/updating.md)"
"$ROOT/tests/update-data.sh"

step "component tests in headless Chromium (wasm-bindgen-test)"
(unset GECKODRIVER; cargo test --locked --target wasm32-unknown-unknown --test browser)

step "component tests in headless Firefox (wasm-bindgen-test)"
(unset CHROMEDRIVER; GECKODRIVER="$(command -v geckodriver)" cargo test --locked --target wasm32-unknown-unknown --test browser)

step "release build (trunk build --release)"
(release_build_env && trunk build --release)

step "sizes: the first view, and what an untouched reader downloads"
"$ROOT/scripts/size.sh" "$ROOT/dist"

step "end-to-end tests (Playwright + Chromium against dist/)"
DIST_DIR="$ROOT/dist" node --test --test-concurrency=1 "$ROOT/e2e/"
