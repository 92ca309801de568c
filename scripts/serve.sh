#!/usr/bin/env bash
# Builds the explorer and serves it at http://127.0.0.1:8080/, rebuilding on every change.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" --build-only
cd "$ROOT"
step "trunk serve --release on http://127.0.0.1:8080/"
release_build_env
exec trunk serve --release --address 127.0.0.1 --port 8080
