# Sourced by the other scripts: where the tools are and how they must behave on a machine that only
# reaches package registries.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
# binaryen 132 from npm first: Debian's wasm-opt (108) silently breaks current wasm-bindgen output.
export PATH="$ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-90}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

TRUNK_VERSION=0.21.14
GECKODRIVER_VERSION=0.37.1

# The wasm-bindgen version Cargo.lock resolves: the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

step() { printf '\n==> %s\n' "$*"; }
