#!/usr/bin/env bash
# README command 2: every test. Installs what is missing (wasm target, wasm-bindgen-cli, wasm-opt,
# Chromium, a Chinese font), then runs
#   0. lint (rustfmt, clippy with warnings as errors) and the dependency audit where available;
#   1. native unit and integration tests (engine, builder, CLI, content checks, property tests);
#   2. the engine's tests compiled to wasm, in headless Chromium (wasm-bindgen-test);
#   3. the release site build and the end-to-end tests in headless Chromium at 360×740.
# It prints each stage's time at the end.
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
# Each stage's time, printed at the end (and on failure).
STAGES=()
STAGE_NAME="setup: install what is missing"
STAGE_START=0
stage() {
  [ -n "$STAGE_NAME" ] && STAGES+=("$(printf '%4ds  %s' $((SECONDS - STAGE_START)) "$STAGE_NAME")")
  STAGE_NAME="$1"
  STAGE_START=$SECONDS
  [ -n "$1" ] && say "$1"
  return 0
}
finish() {
  local rc=$?
  stage ""
  printf '\n==> stage times\n'
  printf '%s\n' "${STAGES[@]}"
  printf '%4ds  total\n' "$SECONDS"
  pack_warning
  return $rc
}
pack_warning
trap finish EXIT

# The dependency audit, where its tools are installed and their databases reachable (neither is
# installed here by default: `cargo install cargo-deny --locked`; npm comes with Node).
audit() {
  if command -v cargo-deny >/dev/null 2>&1; then
    echo "cargo deny (licences, duplicate versions, sources, advisories)"
    cargo deny --offline check licenses bans sources
    local log="$ROOT/target/deny-advisories.log"
    mkdir -p "$ROOT/target"
    if cargo deny check advisories >"$log" 2>&1; then
      echo "cargo deny: advisories ok"
    elif grep -q "failed to fetch advisory database" "$log"; then
      echo "!!! cargo deny: advisories NOT checked: the RustSec database could not be fetched (no network to GitHub)" >&2
    else
      cat "$log" >&2
      return 1
    fi
  else
    echo "!!! cargo-deny is not installed: dependency licences and advisories NOT checked (cargo install cargo-deny --locked)" >&2
  fi
  local out
  out=$(npm audit --json 2>/dev/null || true)
  if echo "$out" | grep -q '"vulnerabilities"'; then
    echo "npm audit (dev tooling)"
    echo "$out" | node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); const v = r.metadata.vulnerabilities; console.log("npm audit:", JSON.stringify(v)); process.exit(v.high + v.critical > 0 ? 1 : 0);'
  else
    echo "!!! npm audit: the registry's audit endpoint did not answer; the dev tooling was NOT audited" >&2
  fi
}
stage "lint: cargo fmt --check, clippy -D warnings (native, and wasm32 for the app and the worker)"
cargo fmt --all --check
cargo clippy --release --workspace --exclude pocketlaw-app --exclude pocketlaw-worker --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --profile wasm-release -p pocketlaw-app -p pocketlaw-worker -- -D warnings

stage "dependency audit"
audit

stage "1/3 native tests"
cargo test --release -p pocketlaw -p pocketlaw-engine -p pocketlaw-builder
# The app's own unit tests, built as the site build uses the app (natively, feature `ssr`).
cargo test --release -p pocketlaw-app --no-default-features --features ssr --lib

stage "2/3 engine tests as wasm in headless Chromium"
WEBDRIVER_JSON="$ROOT/target/webdriver.json"
mkdir -p target
cat > "$WEBDRIVER_JSON" <<JSON
{"goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"]}}
JSON
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON="$WEBDRIVER_JSON" \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p pocketlaw-engine --target wasm32-unknown-unknown --test web

stage "3/3 release site"
"$ROOT/scripts/build-site.sh"
stage "3/3 end-to-end tests"
node --test --test-concurrency=1 tests/e2e/
