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
WASM_SPLIT_VERSION=0.2.4

# The wasm-bindgen version Cargo.lock resolves: the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

step() { printf '\n==> %s\n' "$*"; }

# The release wasm is built with a standard library compiled for size: std rebuilt from the
# rust-src component with `optimize_for_size`, and panics compiled to a bare trap
# (`-Cpanic=immediate-abort`), which drops the panic-formatting machinery (-16 KB brotli, measured).
# Both are unstable flags of this pinned stable toolchain, enabled by RUSTC_BOOTSTRAP for this build
# only; native tests, clippy and the component tests build as usual. A trap still shows the page's
# "stopped working" line: the start-up script listens for it (src/bin/postbuild/start_script.rs).
# `--emit-relocs` keeps the linker's relocations in the wasm, which wasm-split needs (postbuild,
# step 4). `.cargo/config.toml` sets it for every wasm build; this variable replaces the config's
# flags rather than adding to them, so it is repeated here.
release_build_env() {
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Clink-args=--emit-relocs"
}
