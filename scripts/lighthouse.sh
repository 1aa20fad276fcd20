#!/usr/bin/env bash
# Lighthouse (mobile profile) on the release build in dist/: prints the category scores.
# Installs lighthouse@12.2.3 into target/lighthouse on first use. Run scripts/build-site.sh first.
source "$(dirname "$0")/lib.sh"
ensure_node_tools
ensure_chromium
[ -f dist/index.html ] || "$ROOT/scripts/build-site.sh"
LH="$ROOT/target/lighthouse"
if [ ! -x "$LH/node_modules/.bin/lighthouse" ]; then
  say "installing lighthouse@12.2.3"
  mkdir -p "$LH" && npm install --prefix "$LH" --no-audit --no-fund lighthouse@12.2.3 >/dev/null
fi
PORT=${PORT:-8099}
node scripts/serve.mjs dist "$PORT" >/dev/null &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
OUT="$ROOT/target/lighthouse/report.json"
CHROME_PATH=/usr/bin/chromium "$LH/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT/" \
  --quiet --output=json --output-path="$OUT" --form-factor=mobile \
  --only-categories=performance,accessibility,best-practices,seo \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --no-first-run"
node -e '
const r = require(process.argv[1]);
for (const [k, c] of Object.entries(r.categories)) console.log(`${c.title.padEnd(16)} ${Math.round(c.score * 100)}`);
for (const id of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"]) {
  const a = r.audits[id]; if (a) console.log(`  ${a.title}: ${a.displayValue}`);
}
const failed = Object.values(r.audits).filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === "binary").map((a) => a.id);
if (failed.length) console.log("  failing binary audits:", failed.join(", "));
' "$OUT"
