#!/usr/bin/env bash
# README command 2: every test. Installs what is missing (wasm target, wasm-bindgen-cli, wasm-opt,
# Chromium, a Chinese font), then runs
#   1. native unit and integration tests (engine, builder, CLI, content checks, property tests);
#   2. the engine's tests compiled to wasm, in headless Chromium (wasm-bindgen-test);
#   3. the release site build and the end-to-end tests in headless Chromium at 360×740.
source "$(dirname "$0")/lib.sh"
ensure_rust_tools
ensure_node_tools
ensure_chromium

# Without the statute pack the citation checks are skipped: say so loudly, before and after.
pack_warning() {
  [ -d "$ROOT/../shared/statutes" ] && return 0
  echo "!!! WARNING: no statute pack at $ROOT/../shared/statutes: citations are NOT checked against the law." >&2
  echo "!!! Those tests are skipped (each prints SKIPPED). Set POCKETLAW_REQUIRE_STATUTES=1 to make that a failure." >&2
}
pack_warning
trap pack_warning EXIT

say "1/3 native tests"
cargo test --release -p pocketlaw -p pocketlaw-engine -p pocketlaw-builder

say "2/3 engine tests as wasm in headless Chromium"
WEBDRIVER_JSON="$ROOT/target/webdriver.json"
mkdir -p target
cat > "$WEBDRIVER_JSON" <<JSON
{"goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"]}}
JSON
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON="$WEBDRIVER_JSON" \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p pocketlaw-engine --target wasm32-unknown-unknown --test web

say "3/3 release site and end-to-end tests"
"$ROOT/scripts/build-site.sh"
node --test --test-concurrency=1 tests/e2e/
