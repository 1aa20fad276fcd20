# Shared by the scripts: installs what is missing, idempotently. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

say() { printf '\n==> %s\n' "$*"; }

# CI runs each submission in a fresh clone on the same machine: there, target/ is a link to a
# build cache in the home folder, so a run rebuilds what changed, not every dependency. A new
# machine (or a developer's tree, which has its own target/) builds as before.
if [ -n "${CI:-}" ] && [ -z "${CARGO_TARGET_DIR:-}" ] && [ ! -e target ]; then
  mkdir -p "$HOME/.cache/pocketlaw/target"
  ln -s "$HOME/.cache/pocketlaw/target" target
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  # wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
  local want
  want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (a few minutes, once)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_node_tools() {
  # binaryen (wasm-opt 132), playwright-core and axe-core, pinned in package-lock.json.
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
    say "installing node tools (npm ci)"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei"; then
    say "installing Chromium and a Chinese font (apt)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null
  fi
}
