#!/usr/bin/env bash
# Installs whatever building (and, unless --build-only, testing) needs and is missing. Safe to run
# again: each step checks first and skips what is already there.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

build_only=false
[[ "${1:-}" == "--build-only" ]] && build_only=true

apt_packages=()
command -v brotli >/dev/null || apt_packages+=(brotli)
# The build-time preview images need a sans-serif font for their labels, and a CJK one for the
# Chinese names and the Chinese images (without it they show boxes).
[[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || apt_packages+=(fonts-dejavu-core)
[[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]] || apt_packages+=(fonts-noto-cjk)
if ! $build_only; then
  command -v chromium >/dev/null || apt_packages+=(chromium)
  command -v chromedriver >/dev/null || apt_packages+=(chromium-driver)
  command -v firefox-esr >/dev/null || apt_packages+=(firefox-esr)
fi
if ((${#apt_packages[@]})); then
  step "apt-get install ${apt_packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The standard library's source, rebuilt for size in the release build (see release_build_env).
if ! rustup component list --installed | grep -qx rust-src; then
  step "rustup component add rust-src"
  rustup component add rust-src
fi

if ! trunk --version 2>/dev/null | grep -qF "$TRUNK_VERSION"; then
  step "cargo install trunk $TRUNK_VERSION (about 15 minutes on 2 cores, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

wbg="$(wasm_bindgen_version)"
if ! wasm-bindgen --version 2>/dev/null | grep -qF "$wbg"; then
  step "cargo install wasm-bindgen-cli $wbg --locked (about 6 minutes, once)"
  if ! cargo install wasm-bindgen-cli --version "=$wbg" --locked --force; then
    # The lock file published with wasm-bindgen-cli 0.2.130 names webpki-roots 1.0.11, which the
    # registry does not serve (it has up to 1.0.10), so --locked fails. Build the same crate from
    # the source cargo just fetched, locked to tools/wasm-bindgen-cli-<version>.Cargo.lock: the
    # published lock with that one crate at 1.0.10. Never unlocked: every crate is pinned.
    lock="$ROOT/tools/wasm-bindgen-cli-$wbg.Cargo.lock"
    src="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"wasm-bindgen-cli-$wbg" 2>/dev/null | head -1)"
    [[ -f "$lock" && -d "$src" ]] || { echo "no $lock or no source of wasm-bindgen-cli $wbg: pin its dependencies there" >&2; exit 1; }
    work="$(mktemp -d)"
    cp -R "$src"/. "$work"
    cp "$lock" "$work/Cargo.lock"
    cargo install --path "$work" --locked --force
    rm -rf "$work"
  fi
fi

# Splits the wasm so the parts a reader has not opened load on demand (src/bin/postbuild/split.rs).
if ! cargo install --list | grep -qF "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  step "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION (about 1 minute, once)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

if ! $build_only && ! geckodriver --version 2>/dev/null | grep -qF "$GECKODRIVER_VERSION"; then
  step "cargo install geckodriver $GECKODRIVER_VERSION"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
fi

# npm packages from the committed lock files; reinstalled only when a lock file changes.
npm_install() {
  local dir="$1" stamp="$1/node_modules/.lock-sha256" want
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
    step "npm ci in $(basename "$dir")"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
}
npm_install "$ROOT/tools"
$build_only || npm_install "$ROOT/e2e"

step "cargo fetch --locked"
cargo fetch --locked --quiet
# With the release environment, the fetch also takes the crates the standard library depends on.
(release_build_env && cargo fetch --locked --quiet --target wasm32-unknown-unknown)
