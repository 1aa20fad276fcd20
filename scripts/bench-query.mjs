// Benchmark (not a test): how long one search takes in the browser, once the engine is loaded.
// It opens the built site (dist/) in headless Chromium at 360×740 with the page's CPU slowed 4×
// (CDP). Chromium refuses CPU throttling for workers ("only supported for pages"), so the search
// worker itself runs at full speed here: multiply by about 4 for a slow phone, or see the cgroup
// cap in bench-cold.mjs. It starts the search worker
// the app uses, waits for it to load, then sends each query and times the answer in the page
// (postMessage → results). Prints p50, p95 and the slowest query.
//
//   node scripts/bench-query.mjs [--questions FILE] [--slowdown 4]
//
// Queries: the `q` of each line of a JSON-lines file (default: the dev set beside the repository,
// ../shared/dev-questions/questions.jsonl), or a short built-in list when it is absent.
import { chromium } from "playwright-core";
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./serve.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
};
const slowdown = Number(arg("--slowdown", "4"));
const file = arg("--questions", join(ROOT, "..", "shared", "dev-questions", "questions.jsonl"));
const queries = existsSync(file)
  ? readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l).q)
  : ["老板不给工钱", "工伤", "想离婚", "我爸七十多了，几个儿子都不给生活费", "宅基地被占了", "借钱不还", "被狗咬了"];

const server = await serve(join(ROOT, process.env.DIST || "dist"), 0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, serviceWorkers: "block" });
  const page = await context.newPage();
  // Slow the CPU of the page and of every worker it starts.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: slowdown });
  // Workers are attached without flattening, so their commands go through this session with
  // Target.sendMessageToTarget (playwright-core's CDPSession cannot address child sessions).
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  cdp.on("Target.attachedToTarget", async ({ sessionId, targetInfo }) => {
    try {
      await cdp.send("Target.sendMessageToTarget", {
        sessionId,
        message: JSON.stringify({ id: 1, method: "Emulation.setCPUThrottlingRate", params: { rate: slowdown } }),
      });
      await cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: 2, method: "Runtime.runIfWaitingForDebugger" }) });
    } catch (e) {
      console.error(`could not throttle ${targetInfo.type} ${targetInfo.url}: ${e.message}`);
    }
  });
  await page.goto(base + "/");
  const times = await page.evaluate(async (queries) => {
    const assets = JSON.parse(document.getElementById("pl-assets").textContent);
    const w = new Worker(assets.search_worker);
    await new Promise((ok, fail) => {
      // The worker speaks the engine's contract (engine::contract): JSON text both ways.
      w.onmessage = (e) => {
        const m = JSON.parse(e.data);
        if (m.ready) ok();
        else if (m.failed) fail(new Error(m.failed.message));
      };
      setTimeout(() => fail(new Error("the search worker did not load in 120 s")), 120000);
    });
    const out = [];
    for (const [i, q] of queries.entries()) {
      const t0 = performance.now();
      await new Promise((ok) => {
        w.onmessage = (e) => JSON.parse(e.data).results?.seq === i && ok();
        w.postMessage(JSON.stringify({ search: { seq: i, request: { query: q, kind: null, limit: 20 } } }));
      });
      out.push([performance.now() - t0, q]);
    }
    return out;
  }, queries);
  const sorted = times.map((t) => t[0]).sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  const slowest = times.reduce((a, b) => (b[0] > a[0] ? b : a));
  console.log(`${times.length} queries, CPU slowed ${slowdown}×, limit 20`);
  console.log(`p50 ${pct(50).toFixed(1)} ms   p95 ${pct(95).toFixed(1)} ms   max ${slowest[0].toFixed(1)} ms (${slowest[1].slice(0, 30)}…)`);
} finally {
  await browser.close();
  server.close();
}
