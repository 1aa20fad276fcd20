#!/usr/bin/env bash
# Builds the release site into dist/: the CLI (which compiles content/ in build.rs), the two wasm
# bundles (UI and search worker), wasm-bindgen, wasm-opt, then `pocketlaw site` to hash and place
# everything. Prints the byte figures at the end.
source "$(dirname "$0")/lib.sh"
ensure_rust_tools
ensure_node_tools

say "compiling content and the CLI"
cargo build --release --bin pocketlaw

say "compiling the wasm bundles"
# The app's crate type is rlib (the builder renders its components natively), so its wasm is asked
# for as a cdylib here.
cargo rustc --target wasm32-unknown-unknown --profile wasm-release -p pocketlaw-app --lib --crate-type cdylib
cargo build --target wasm32-unknown-unknown --profile wasm-release -p pocketlaw-worker
WASM=target/wasm32-unknown-unknown/wasm-release
OUT=target/site-wasm
rm -rf "$OUT" && mkdir -p "$OUT"
wasm-bindgen --target web --no-typescript --out-dir "$OUT" "$WASM/pocketlaw_app.wasm"
wasm-bindgen --target no-modules --no-typescript --out-dir "$OUT" "$WASM/pocketlaw_worker.wasm"
FEATURES="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue"
# wasm-opt takes minutes; an unchanged input reuses its optimised output.
CACHE=target/wasm-opt-cache
mkdir -p "$CACHE"
for f in "$OUT"/*_bg.wasm; do
  key="$CACHE/$(sha256sum "$f" | cut -c1-32).wasm"
  if [ -f "$key" ]; then
    say "wasm-opt: $(basename "$f") unchanged, reusing the optimised copy"
  else
    wasm-opt -Oz $FEATURES "$f" -o "$key.tmp" && mv "$key.tmp" "$key"
  fi
  cp "$key" "$f"
done
find "$CACHE" -name '*.wasm' -mtime +7 -delete

say "assembling dist/"
target/release/pocketlaw site --app "$OUT" --out "${DIST:-dist}"
target/release/pocketlaw sizes --site "${DIST:-dist}"
