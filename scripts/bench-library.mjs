// Statute library benchmark (issue 16): a phone with nothing cached opens /laws and searches. A
// benchmark, not a test: `scripts/test.sh` does not run it. Needs dist/ built with the statute
// pack (scripts/build-site.sh).
//
//   node scripts/bench-library.mjs [--runs N] [--rtt MS] [--down KBITS] [--up KBITS] [--cpu X]
//        [--no-cgroup] [--query Q]... [--later Q]... [--pause MS]
//
// Same line and CPU as scripts/bench-cold.mjs (its throttling proxy and CPU caps: Lighthouse's
// Slow 4G, 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, 2 RTT per new connection; 4× CPU on the
// page by CDP, and on the worker by a cgroup-v1 cap when run as root). Each run: a fresh context
// (empty cache, service workers blocked), /laws until the app's box is there, then the first
// query (--query, default an article of a law outside the key laws), then each later query in
// turn in the same page (--later; --pause MS between them, a reader's pause, default 0), then the
// same later queries once more. Printed: the first query's bytes (as delivered down the line,
// from typing to its answer on screen, the worker's engine and the library's root included) and
// time; the p50 and p95 of the later queries' times, apart: those that needed new pieces from
// the network (the first pass: each new query's words are new) and those answered from pieces
// already on the phone (the second pass: in the worker's memory); with each query, the requests
// that reached the server; the library's size on disk and brotli.
import { chromium } from "playwright-core";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlib } from "node:zlib";
import { Line, WorkerCpu, throttleCpu } from "./bench-cold.mjs";
import { serve } from "./serve.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = process.env.DIST || join(ROOT, "dist");
const PHONE = { width: 360, height: 740 };
const FIRST = "行政复议法第十一条";
const LATER = [
  "拒不支付劳动报酬", "劳动合同法第四十七条", "民法典1079", "宅基地", "工伤认定申请时限", "行政复议法",
  "交通事故责任", "未成年人 监护", "刑法第二百七十六条之一", "高空抛物", "离婚冷静期", "农村土地承包经营权 流转",
];

function options(argv) {
  const o = { runs: 3, rtt: 150, down: 1638.4, up: 750, setupRtts: 2, cpu: 4, cgroup: true, first: null, later: [], pause: 0 };
  for (let i = 0; i < argv.length; i++) {
    const v = () => argv[++i];
    switch (argv[i]) {
      case "--runs": o.runs = Number(v()); break;
      case "--rtt": o.rtt = Number(v()); break;
      case "--down": o.down = Number(v()); break;
      case "--up": o.up = Number(v()); break;
      case "--cpu": o.cpu = Number(v()); break;
      case "--no-cgroup": o.cgroup = false; break;
      case "--query": o.first = v(); break;
      case "--later": o.later.push(v()); break;
      case "--pause": o.pause = Number(v()); break;
      case "--verbose": o.verbose = true; break;
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  o.first ??= FIRST;
  if (!o.later.length) o.later = LATER;
  return o;
}

/// Types a query as a user would (the whole of it at once, one input event) and waits for the
/// app to show the answer to it (`[data-testid=law-answer][data-query=…]`).
async function ask(page, query) {
  const t0 = performance.now();
  const typed = await page.evaluate((q) => {
    const input = document.querySelector('[data-testid="law-input"]');
    input.focus();
    input.value = q;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    return performance.now();
  }, query);
  await page.waitForFunction((q) => [...document.querySelectorAll('[data-testid="law-answer"]')].some((e) => e.dataset.query === q), query, { timeout: 120000, polling: 20 });
  const ms = performance.now() - t0;
  const hits = await page.locator('[data-testid="law-hits"] .hit').count();
  const t = await page.evaluate(() => window.__plT && { ...window.__plT, now: performance.now() });
  const split = t && t.post ? ` [page ${(t.post - typed).toFixed(0)} ms to post, worker ${(t.back - t.post).toFixed(0)} ms]` : "";
  return { ms, hits, split };
}

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const kb = (b) => (b / 1024).toFixed(1);

async function main() {
  const o = options(process.argv.slice(2));
  let libraryFiles;
  try {
    libraryFiles = files(join(DIST, "library"));
  } catch {
    throw new Error(`${DIST} has no statute library: build the site with the statute pack (scripts/build-site.sh)`);
  }
  const server = await serve(DIST, 0);
  const workerCpu = new WorkerCpu(o.cpu, o.cgroup);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
  });
  const firsts = [];
  const later = [];
  const cached = [];
  const requests = () => [...server.hits.values()].reduce((a, b) => a + b, 0);
  try {
    for (let run = 1; run <= o.runs; run++) {
      const line = new Line(server.address().port, o);
      const port = await line.listen();
      const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN", serviceWorkers: "block" });
      try {
        const page = await context.newPage();
        if (o.verbose) page.on("worker", (w) => w.on("console", (m) => console.log(`      (worker) ${m.text()}`)));
        if (o.verbose) {
          // Where a query's time goes in the page: typing → the app posts it to the worker → the
          // worker's answer arrives → the answer is on screen.
          await page.addInitScript(() => {
            const post = Worker.prototype.postMessage;
            window.__plT = {};
            Worker.prototype.postMessage = function (m, ...rest) {
              if (m && m.type === "law-search") {
                window.__plT.post = performance.now();
                if (!this.__plTimed) {
                  this.__plTimed = true;
                  this.addEventListener("message", (e) => { if (e.data && e.data.type === "law-results") window.__plT.back = performance.now(); });
                }
              }
              return post.call(this, m, ...rest);
            };
          });
        }
        await throttleCpu(context, page, workerCpu);
        await page.goto(`http://127.0.0.1:${port}/laws`, { timeout: 120000 });
        await page.waitForSelector('[data-testid="law-input"]', { timeout: 120000 });
        const before = line.down.delivered;
        const first = await ask(page, o.first);
        first.bytes = line.down.delivered - before;
        firsts.push(first);
        console.log(`run ${run}: first query ${kb(first.bytes)} KB in ${(first.ms / 1000).toFixed(2)} s (${first.hits} hits)`);
        for (const [pass, into] of [["new pieces", later], ["cached", cached]]) {
          console.log(`  later queries, ${pass}:`);
          for (const q of o.later) {
            if (o.pause) await page.waitForTimeout(o.pause);
            const n = requests();
            const seen = new Map(server.hits);
            const r = await ask(page, q);
            into.push(r.ms);
            console.log(`    ${q}: ${r.ms.toFixed(0)} ms (${r.hits} hits, ${requests() - n} requests)${r.split}`);
            if (o.verbose) for (const [path, k] of server.hits) if (k > (seen.get(path) || 0)) console.log(`      ${path}`);
          }
        }
      } finally {
        await context.close().catch(() => {});
        await line.close();
        workerCpu.tidy();
      }
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
    workerCpu.tidy(true);
  }
  let raw = 0, br = 0, index = 0, indexBr = 0;
  for (const f of libraryFiles) {
    const bytes = readFileSync(f);
    const packed = brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }).length;
    raw += bytes.length;
    br += packed;
    if (/\/library\/(ix\/|root\.)/.test(f)) { index += bytes.length; indexBr += packed; }
  }
  const med = (xs) => pct(xs, 50);
  console.log(`\nstatute library, ${o.runs} runs, Slow 4G (${o.rtt} ms RTT, ${o.down} kbit/s down), ${o.cpu}× CPU${workerCpu.root ? " (worker capped by cgroup)" : ` (worker not throttled: ${workerCpu.why || "CDP"})`}`);
  console.log(`  first query "${o.first}": median ${kb(med(firsts.map((f) => f.bytes)))} KB, ${(med(firsts.map((f) => f.ms)) / 1000).toFixed(2)} s (from typing; engine, library root and pieces)`);
  console.log(`  later queries needing new pieces (${later.length}${o.pause ? `, ${o.pause} ms apart` : ", back to back"}): p50 ${med(later).toFixed(0)} ms, p95 ${pct(later, 95).toFixed(0)} ms`);
  console.log(`  later queries with their pieces on the phone (${cached.length}, asked again): p50 ${med(cached).toFixed(0)} ms, p95 ${pct(cached, 95).toFixed(0)} ms`);
  console.log(`  library on disk: ${libraryFiles.length} files, ${(raw / 1e6).toFixed(1)} MB raw, ${(br / 1e6).toFixed(1)} MB brotli (q5); index ${(index / 1e6).toFixed(1)} MB raw, ${(indexBr / 1e6).toFixed(1)} MB brotli`);
}

main().catch((e) => {
  console.error(`bench-library: ${e.message || e}`);
  process.exitCode = 1;
});
