#!/usr/bin/env bash
# Lighthouse (mobile profile) on the release build in dist/: prints the category scores.
# URL_PATH=/doc/<id> measures another page; RUNS=5 more runs.
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
# Lighthouse's timings vary from run to run on a busy machine; it runs RUNS times (default 3)
# and reports the median run by performance score, as Lighthouse's own docs advise.
RUNS=${RUNS:-3}
URL_PATH=${URL_PATH:-/}
for i in $(seq 1 "$RUNS"); do
  CHROME_PATH=/usr/bin/chromium "$LH/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT$URL_PATH" \
    --quiet --output=json --output-path="$LH/report-$i.json" --form-factor=mobile \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --no-first-run"
done
node -e '
const runs = process.argv.slice(1).map((f) => require(f));
const perf = (r) => r.categories.performance.score;
const metric = (r, id) => r.audits[id] ? r.audits[id].displayValue : "-";
console.log(`page ${runs[0].finalDisplayedUrl}, ${runs.length} run(s)`);
runs.forEach((r, i) => console.log(`  run ${i + 1}: performance ${Math.round(perf(r) * 100)}, LCP ${metric(r, "largest-contentful-paint")}, TBT ${metric(r, "total-blocking-time")}, CLS ${metric(r, "cumulative-layout-shift")}`));
const r = [...runs].sort((a, b) => perf(a) - perf(b))[Math.floor(runs.length / 2)];
console.log("median run:");
for (const c of Object.values(r.categories)) console.log(`${c.title.padEnd(16)} ${Math.round(c.score * 100)}`);
for (const id of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]) {
  const a = r.audits[id]; if (a) console.log(`  ${a.title}: ${a.displayValue}`);
}
const failed = Object.values(r.audits).filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === "binary").map((a) => a.id);
if (failed.length) console.log("  failing binary audits:", failed.join(", "));
' $(for i in $(seq 1 "$RUNS"); do echo "$LH/report-$i.json"; done)
