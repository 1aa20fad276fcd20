// Cold-visit search benchmark (issue 11): Pocket Law against Pagefind over the same documents.
// A benchmark, not a test: `scripts/test.sh` does not run it. Needs dist/ (scripts/build-site.sh).
//
//   node scripts/bench-cold.mjs [--runs N] [--site both|pocketlaw|pagefind] [--query Q]...
//        [--rtt MS] [--down KBITS] [--up KBITS] [--setup-rtts N] [--cpu X] [--no-cgroup]
//        [--typing page|playwright] [--think MS] [--timeout S] [--trace]
//
// WHAT IS MEASURED. A villager taps a shared link on a phone that has never seen the site (nothing
// cached, no service worker) and types a question as soon as a search box is on screen. For each
// query and site, N runs (default 3), each in a fresh browser context (empty cache, service
// workers blocked), 360×740, mobile: open the home page, type the query into the first search box
// there, and take the time from navigation start (the document's performance.timeOrigin) to the
// first result on screen: the frame after the first result element is in the DOM (Pocket Law:
// [data-testid="hit"], which may sit folded in a <details> when the engine says the match is weak,
// flagged "weak"; Pagefind: the search page's first #results li, rendered from
// `pagefind.search(q)` and `r.data()` of the top 5). A "no results" answer ends a run too and is
// reported as such. Also recorded: when the box appeared and when the words went in, and the bytes
// (compressed, as sent, HTTP headers included) and requests that had reached the phone by the time
// the first result showed.
//   Typing: the box is whichever is in the page first. Pocket Law's boot shell (static HTML) has
// its own box, #boot-q, whose words the app carries over when it mounts; after that the app's box
// is [data-testid="search-input"]. By default (--typing page) a script in the page types like a
// user: the frame after a box is in the DOM (it has been drawn), in a task of its own (so a busy
// main thread delays it as it would delay a finger), after --think ms (default 0): focus, the
// whole query at once (as an IME commits it), one input event. --typing playwright uses
// Playwright's locator.fill instead, which under a 4× slower CPU adds a second or so of its own
// (its injected script has to compile in the page first) — an artefact of the tool, not the site.
//   Pagefind's side is built here, from the boot-shell pages dist/doc/<id>/index.html (the whole
// document text; the <article> marked data-pagefind-body, its boilerplate disclaimer
// data-pagefind-ignore, the app's scripts dropped), plus a minimal search page that loads and
// initialises pagefind.js at once and also searches words typed before its script ran; indexed by
// the pinned npm `pagefind` (extended binary, which segments Chinese) into
// target/bench/pagefind-site/. Both sites are served by the same compressing server
// (scripts/serve.mjs, brotli; its compression cache is filled before the first run), on 127.0.0.1
// only. Runs are interleaved (run 1 of every query and site, then run 2, ...), so load on the
// machine falls on both sites alike.
//
// NETWORK THROTTLING (Lighthouse's mobile "Slow 4G": 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up)
// is done at the server side, not in the browser, so it covers every request alike: the page's,
// the Web Worker's, preloads. Each run gets its own TCP proxy in front of the site's server, one
// "phone line" per browser context:
//   - the downlink is one shared pipe, 1638.4 kbit/s (1.6 × 1024, Lighthouse's figure) for all
//     the run's connections together, served round-robin in 1400-byte packets (so concurrent
//     responses share it the way TCP flows roughly do); the uplink likewise at 750 kbit/s;
//   - every packet is delivered RTT/2 after it has left the pipe, each way, so every request costs
//     one round trip (request up, first byte down) on top of its transfer time;
//   - a new connection may send nothing for 2 RTT (TCP handshake + TLS 1.3, as a real HTTPS host
//     would cost; --setup-rtts) — Chromium opens up to 6 HTTP/1.1 connections in parallel.
//   Not modelled: TCP slow start, loss, DNS, HTTP/2. So the figures are a little optimistic, most
//   for whichever site needs more fresh connections. Bytes are counted as the proxy delivers them.
//
// CPU THROTTLING, 4× (--cpu). The page's main thread: CDP Emulation.setCPUThrottlingRate, as
// Lighthouse and DevTools do. Web Workers (Pocket Law's search worker; Pagefind searches in a
// worker too): a CDP session on the page auto-attaches to them (Target.setAutoAttach, waitForDebuggerOnStart;
// flatten:false, since Playwright's CDPSession cannot address flattened child sessions, so commands
// go through Target.sendMessageToTarget) and asks Emulation.setCPUThrottlingRate of each worker
// first; Chromium (156 here) refuses it ("Operation is only supported for pages, not workers").
// Then, when this runs as root with a cgroup-v1 cpu controller (/sys/fs/cgroup/cpu), the worker's
// thread ("DedicatedWorker" in /proc/<renderer>/task) gets a cgroup of its own capped at 1/4 of
// one core (cfs_quota 5 ms per 20 ms period): as slow as a 4× slower core. Playwright releases the
// paused worker itself, so the cap lands a few ms after the worker starts (before any of its
// downloads finish). Without cgroups (--no-cgroup, not root, cgroup v2) workers run unthrottled and
// the output says so. V8's background threads (wasm and JS compilation) are not throttled, for
// either site, as in Lighthouse and DevTools.
//
// THE FIGURES. Per query and site: median time to first result (min–max over the runs), median
// time at which the query was typed (the search box is there), median kilobytes and requests
// delivered before the first result, and ours/Pagefind ratios of the medians. Timings depend on
// this machine's speed and load; compare the two sites within one run of the script, not across
// machines.
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { createServer, connect } from "node:net";
import { dirname, join, relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { serve } from "./serve.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = process.env.DIST || join(ROOT, "dist");
const PAGEFIND_SITE = join(ROOT, "target", "bench", "pagefind-site");
const PHONE = { width: 360, height: 740 };
const DEFAULT_QUERIES = ["工伤", "我在工地上干活摔断了腿，老板说我是临时工不给赔，怎么办"];

// ---------------------------------------------------------------------------------------------
// Options

function options(argv) {
  const o = { trace: false, runs: 3, site: "both", queries: [], rtt: 150, down: 1638.4, up: 750, setupRtts: 2, cpu: 4, timeout: 120, cgroup: true, typing: "page", think: 0 };
  for (let i = 0; i < argv.length; i++) {
    let [k, v] = argv[i].split(/=(.*)/s);
    const val = () => (v !== undefined ? v : argv[++i]);
    const num = (name) => { const n = Number(val()); if (!Number.isFinite(n) || n < 0) throw new Error(`${name} needs a number`); return n; };
    switch (k) {
      case "--trace": o.trace = true; break;
      case "--runs": o.runs = Math.max(1, Math.round(num(k))); break;
      case "--site": o.site = val(); break;
      case "--query": o.queries.push(val()); break;
      case "--rtt": o.rtt = num(k); break;
      case "--down": o.down = num(k); break;
      case "--up": o.up = num(k); break;
      case "--setup-rtts": o.setupRtts = num(k); break;
      case "--cpu": o.cpu = Math.max(1, num(k)); break;
      case "--timeout": o.timeout = num(k); break;
      case "--no-cgroup": o.cgroup = false; break;
      case "--typing": o.typing = val(); break;
      case "--think": o.think = num(k); break;
      case "-h": case "--help":
        console.log(readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").filter((l) => l.startsWith("//")).slice(0, 6).map((l) => l.slice(3)).join("\n"));
        process.exit(0);
      default: throw new Error(`unknown option ${argv[i]} (try --help)`);
    }
  }
  if (!["both", "pocketlaw", "pagefind"].includes(o.site)) throw new Error("--site is both, pocketlaw or pagefind");
  if (!["page", "playwright"].includes(o.typing)) throw new Error("--typing is page or playwright");
  if (!o.queries.length) o.queries = DEFAULT_QUERIES;
  return o;
}

// ---------------------------------------------------------------------------------------------
// The phone line: a throttling TCP proxy, one per run (so one shared pipe per browser context).

const PACKET = 1400;
const END = Symbol("end");

/// One direction of the line: a pipe of `kbits` kbit/s shared round-robin by its flows, then
/// `delayMs` of propagation. A flow is one connection's bytes in this direction.
class Pipe {
  constructor(kbits, delayMs) {
    this.perMs = (kbits * 1000) / 8 / 1000; // bytes per millisecond
    this.delay = delayMs;
    this.flows = new Set(); // flows with bytes waiting, in round-robin order
    this.credit = 0;
    this.last = performance.now();
    this.timer = null;
    this.timers = new Set();
    this.delivered = 0;
    this.closed = false;
  }

  flow(deliver, notBefore = 0) {
    return { queue: [], deliver, notBefore };
  }

  push(flow, chunk) {
    if (this.closed) return;
    flow.queue.push(chunk);
    this.flows.add(flow);
    if (!this.timer) this.schedule(0);
  }

  schedule(ms) {
    this.timer = setTimeout(() => { this.timer = null; this.pump(); }, ms);
  }

  later(ms, fn) {
    const t = setTimeout(() => { this.timers.delete(t); fn(); }, ms);
    this.timers.add(t);
  }

  pump() {
    if (this.closed) return;
    const now = performance.now();
    // Credit accrues at the line rate; an idle line does not save up more than ~80 ms of it.
    this.credit = Math.min(this.credit + (now - this.last) * this.perMs, 16384);
    this.last = now;
    const out = new Map(); // flow → packets that left the pipe in this pump
    let wake = Infinity;
    for (const f of this.flows) {
      if (f.notBefore > now) { wake = Math.min(wake, f.notBefore - now); continue; }
      if (this.credit <= 0) break;
      const head = f.queue[0];
      let piece;
      if (head === END) {
        f.queue.shift();
        piece = END;
      } else {
        const n = Math.min(PACKET, head.length);
        piece = head.subarray(0, n);
        if (n === head.length) f.queue.shift(); else f.queue[0] = head.subarray(n);
        this.credit -= n;
      }
      if (!out.has(f)) out.set(f, []);
      out.get(f).push(piece);
      this.flows.delete(f);
      if (f.queue.length) this.flows.add(f); // to the back of the round
    }
    for (const [f, pieces] of out) {
      this.later(this.delay, () => {
        const bytes = pieces.filter((p) => p !== END);
        if (bytes.length) {
          const buf = bytes.length === 1 ? bytes[0] : Buffer.concat(bytes);
          this.delivered += buf.length;
          f.deliver(buf);
        }
        if (pieces.includes(END)) f.deliver(END);
      });
    }
    if (this.flows.size) {
      const ready = [...this.flows].some((f) => f.notBefore <= now);
      const next = ready ? Math.max(2, this.credit <= 0 ? -this.credit / this.perMs : 2) : wake;
      this.schedule(Math.min(Math.max(1, next), 50));
    }
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.flows.clear();
  }
}

/// A throttling proxy in front of 127.0.0.1:`target`.
class Line {
  constructor(target, p) {
    this.target = target;
    this.setupMs = p.setupRtts * p.rtt;
    this.down = new Pipe(p.down, p.rtt / 2);
    this.up = new Pipe(p.up, p.rtt / 2);
    this.sockets = new Set();
    this.connections = 0;
  }

  listen() {
    this.server = createServer((client) => this.accept(client));
    return new Promise((ok, fail) => {
      this.server.once("error", fail);
      this.server.listen(0, "127.0.0.1", () => ok(this.server.address().port));
    });
  }

  accept(client) {
    this.connections++;
    const upstream = connect(this.target, "127.0.0.1");
    for (const s of [client, upstream]) {
      s.setNoDelay(true);
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    }
    const kill = () => { client.destroy(); upstream.destroy(); };
    client.on("error", kill);
    upstream.on("error", kill);
    client.on("close", () => upstream.destroy());
    const up = this.up.flow((b) => { if (b === END) upstream.end(); else if (!upstream.destroyed) upstream.write(b); }, performance.now() + this.setupMs);
    const down = this.down.flow((b) => { if (b === END) client.end(); else if (!client.destroyed) client.write(b); });
    client.on("data", (b) => this.up.push(up, b));
    client.on("end", () => this.up.push(up, END));
    upstream.on("data", (b) => this.down.push(down, b));
    upstream.on("end", () => this.down.push(down, END));
  }

  async close() {
    this.down.close();
    this.up.close();
    for (const s of this.sockets) s.destroy();
    await new Promise((ok) => this.server.close(() => ok()));
  }
}

// ---------------------------------------------------------------------------------------------
// Worker CPU: CDP if Chromium takes it, else a cgroup-v1 CPU cap per worker thread.

const CPU_CGROUP = "/sys/fs/cgroup/cpu";

/// Every process descending from this one (the browser and its children).
function descendants(root) {
  const parent = new Map();
  for (const p of readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      parent.set(p, stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch { /* gone */ }
  }
  const mine = new Set([String(root)]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [p, pp] of parent) if (!mine.has(p) && mine.has(pp)) { mine.add(p); grew = true; }
  }
  mine.delete(String(root));
  return [...mine];
}

function workerThreads() {
  const tids = [];
  for (const pid of descendants(process.pid)) {
    let tasks;
    try { tasks = readdirSync(`/proc/${pid}/task`); } catch { continue; }
    for (const tid of tasks) {
      try { if (readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").startsWith("DedicatedWorker")) tids.push(tid); } catch { /* gone */ }
    }
  }
  return tids;
}

class WorkerCpu {
  constructor(rate, allowCgroup) {
    this.rate = rate;
    this.capped = new Set();
    this.dirs = [];
    this.cdp = null; // whether Chromium accepts Emulation.setCPUThrottlingRate on a worker (unknown yet)
    this.cdpError = "";
    this.root = null;
    this.why = "";
    if (rate <= 1) { this.why = "no CPU slowdown asked for"; return; }
    if (!allowCgroup) { this.why = "--no-cgroup"; return; }
    if (!existsSync(`${CPU_CGROUP}/cpu.cfs_quota_us`)) { this.why = `no cgroup-v1 cpu controller at ${CPU_CGROUP}`; return; }
    try {
      const dir = `${CPU_CGROUP}/pocketlaw-bench-${process.pid}`;
      mkdirSync(dir);
      this.root = dir;
    } catch (e) {
      this.why = `cannot make a cgroup (${e.code || e.message})`;
    }
  }

  /// Caps every worker thread of the browser not capped yet; returns how many it capped.
  capNew() {
    if (!this.root) return 0;
    let n = 0;
    for (const tid of workerThreads()) {
      if (this.capped.has(tid)) continue;
      this.capped.add(tid);
      const dir = `${this.root}/t${tid}`;
      try {
        mkdirSync(dir);
        this.dirs.push(dir);
        const period = 20000;
        writeFileSync(`${dir}/cpu.cfs_period_us`, String(period));
        writeFileSync(`${dir}/cpu.cfs_quota_us`, String(Math.round(period / this.rate)));
        writeFileSync(`${dir}/tasks`, tid);
        n++;
      } catch (e) {
        this.why = `cgroup write failed (${e.code || e.message})`;
      }
    }
    return n;
  }

  /// Removes the per-thread cgroups whose threads are gone (all of them at the end).
  tidy(all = false) {
    this.dirs = this.dirs.filter((dir) => {
      try {
        if (all) for (const t of readFileSync(`${dir}/tasks`, "utf8").split("\n").filter(Boolean)) writeFileSync(`${CPU_CGROUP}/tasks`, t);
        rmdirSync(dir);
        return false;
      } catch {
        return true;
      }
    });
    if (all && this.root) {
      try { rmdirSync(this.root); } catch { /* still busy: left for the system */ }
    }
  }

  describe() {
    if (this.rate <= 1) return "not throttled";
    if (this.cdp) return `${this.rate}× by CDP`;
    const cdp = this.cdpError ? ` (CDP refused it: "${this.cdpError}")` : "";
    if (this.root) return `${this.rate}× by a cgroup CPU cap per worker thread${cdp}; ${this.capped.size} worker thread(s) capped`;
    return `NOT throttled${cdp}; no cgroup fallback: ${this.why}`;
  }
}

/// CPU throttling for one page and its workers.
async function throttleCpu(context, page, workerCpu) {
  const cdp = await context.newCDPSession(page);
  if (workerCpu.rate > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: workerCpu.rate });
  let id = 0;
  const pending = new Map();
  const toWorker = (sessionId, method, params = {}) => {
    const msgId = ++id;
    const answer = new Promise((ok) => pending.set(msgId, ok));
    cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: msgId, method, params }) }).catch(() => pending.get(msgId)?.({ error: { message: "session gone" } }));
    return Promise.race([answer, new Promise((ok) => setTimeout(() => ok({ error: { message: "no answer" } }), 5000))]);
  };
  cdp.on("Target.receivedMessageFromTarget", (ev) => {
    let msg;
    try { msg = JSON.parse(ev.message); } catch { return; }
    if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); }
  });
  cdp.on("Target.attachedToTarget", async (ev) => {
    const { sessionId, targetInfo } = ev;
    if (/worker/.test(targetInfo.type) && workerCpu.rate > 1) {
      if (workerCpu.cdp !== false) {
        const r = await toWorker(sessionId, "Emulation.setCPUThrottlingRate", { rate: workerCpu.rate });
        workerCpu.cdp = !r.error;
        if (r.error) workerCpu.cdpError = r.error.message;
      }
      if (!workerCpu.cdp) {
        // The thread is named as it starts; look again shortly in case it was not yet.
        for (const wait of [0, 20, 100, 500]) {
          if (wait) await new Promise((ok) => setTimeout(ok, wait));
          if (workerCpu.capNew()) break;
        }
      }
    }
    await toWorker(sessionId, "Runtime.runIfWaitingForDebugger");
  });
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return cdp;
}

// ---------------------------------------------------------------------------------------------
// The Pagefind site

const SEARCH_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>搜索（Pagefind）</title>
<style>
  body { font: 17px/1.6 sans-serif; margin: 0 1rem; }
  input { width: 100%; box-sizing: border-box; font-size: 1.1rem; padding: .6rem; }
  li { margin: .6rem 0; }
</style>
</head>
<body>
<main>
<h1>遇到什么事？用自己的话说一说</h1>
<input id="q" type="search" placeholder="例如：老板不给工钱" autocomplete="off" enterkeyhint="search">
<ol id="results"></ol>
<p id="no-results" hidden>没有找到相关内容。</p>
</main>
<script type="module">
  // Pagefind's JS API, loaded and initialised as soon as the page runs (its wasm and index
  // metadata are small); a search typed sooner waits for it.
  const pagefind = import("/pagefind/pagefind.js").then(async (p) => { await p.init(); return p; });
  const input = document.getElementById("q");
  const list = document.getElementById("results");
  const none = document.getElementById("no-results");
  let seq = 0;
  const run = async () => {
    const mine = ++seq;
    const q = input.value.trim();
    if (!q) { list.replaceChildren(); none.hidden = true; return; }
    const p = await pagefind;
    const found = await p.search(q);
    if (mine !== seq || !found) return;
    const top = await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
    if (mine !== seq) return;
    list.replaceChildren(...top.map((d) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = d.url;
      a.textContent = d.meta.title;
      li.append(a);
      return li;
    }));
    none.hidden = top.length > 0;
  };
  input.addEventListener("input", run);
  // Words typed before this script ran (it runs once the page is parsed) are searched now.
  if (input.value.trim()) run();
</script>
</body>
</html>
`;

/// Copies the boot-shell document pages into `out`, adds the search page, runs Pagefind.
function buildPagefindSite(dist, out) {
  rmSync(out, { recursive: true, force: true });
  const docs = join(dist, "doc");
  let pages = 0;
  let unmarked = 0;
  for (const id of readdirSync(docs).sort()) {
    const src = join(docs, id, "index.html");
    if (!existsSync(src)) continue;
    let html = readFileSync(src, "utf8")
      // The app's scripts (and its asset list) are not needed to read or index the page.
      .replace(/<script\b[\s\S]*?<\/script>\s*/g, "");
    // The document's <article> (its attributes in the renderer's order: class="doc doc-…" among them).
    const marked = html.replace(/<article\b(?=[^>]*\bclass="doc\b)/, "<article data-pagefind-body");
    if (marked === html) unmarked++;
    html = marked.replace(/<div\b(?=[^>]*\bclass="disclaimer")/, "<div data-pagefind-ignore");
    mkdirSync(join(out, "doc", id), { recursive: true });
    writeFileSync(join(out, "doc", id, "index.html"), html);
    pages++;
  }
  if (!pages) throw new Error(`no document pages in ${docs}`);
  if (unmarked) throw new Error(`${unmarked} page(s) without an <article class="doc…">: the boot shell changed, update bench-cold.mjs`);
  writeFileSync(join(out, "index.html"), SEARCH_PAGE);
  const bin = join(ROOT, "node_modules", "pagefind", "lib", "runner", "bin.cjs");
  if (!existsSync(bin)) throw new Error("npm pagefind is missing: run `npm ci` (it is a devDependency)");
  const log = execFileSync(process.execPath, [bin, "--site", out], { cwd: ROOT, encoding: "utf8", timeout: 300000 });
  const indexed = (log.match(/Indexed (\d+) pages?/) || [])[1];
  const language = (log.match(/Discovered \d+ languages?: (.*)/) || [])[1];
  const version = JSON.parse(readFileSync(join(ROOT, "node_modules", "pagefind", "package.json"), "utf8")).version;
  if (Number(indexed) !== pages) throw new Error(`Pagefind indexed ${indexed} pages of ${pages}:\n${log}`);
  return { pages, indexed: Number(indexed), version, language, bundle: dirBytes(join(out, "pagefind")) };
}

function dirBytes(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? dirBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

/// Asks the server for every file once, as a browser would (brotli), so that its compression
/// cache is full before the first timed run.
async function warm(server, root) {
  const port = server.address().port;
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p); else files.push("/" + relative(root, p).split("\\").join("/"));
    }
  };
  walk(root);
  const one = (path) => new Promise((ok) => {
    const req = get({ host: "127.0.0.1", port, path: encodeURI(path), headers: { "accept-encoding": "br" }, timeout: 30000 }, (res) => { res.resume(); res.on("end", ok); });
    req.on("error", ok);
    req.on("timeout", () => { req.destroy(); ok(); });
  });
  for (let i = 0; i < files.length; i += 16) await Promise.all(files.slice(i, i + 16).map(one));
}

// ---------------------------------------------------------------------------------------------
// One run

/// Runs in the page before its own scripts: notes when a search box is there, types the query
/// (unless Playwright does), notes when and into which box, and reports the frame that shows the
/// first result.
function watcher({ result, empty, inputs, query, typeHere, thinkMs }) {
  if (window.top !== window) return;
  const b = (window.__bench = { inputAt: null, typedAt: null, typedInto: null, done: false });
  addEventListener("input", (e) => {
    if (b.typedAt === null) { b.typedAt = performance.now(); b.typedInto = e.target.id || e.target.getAttribute("data-testid") || e.target.tagName; }
  }, true);
  // The user: once a box has been drawn (the frame after it is in the page), taps it and enters
  // the words (as an IME commits them: at once), in a task of its own, as input events come.
  const type = () => {
    const box = document.querySelector(inputs);
    if (!box) { setTimeout(type, 10); return; }
    box.focus();
    box.value = query;
    box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: query }));
  };
  const check = () => {
    if (b.inputAt === null && document.querySelector(inputs)) {
      b.inputAt = performance.now();
      if (typeHere) requestAnimationFrame(() => setTimeout(type, thinkMs));
    }
    if (b.done) return;
    const hit = document.querySelector(result);
    const none = !hit && empty && document.querySelector(empty);
    if (!hit && !none) return;
    b.done = true;
    const domAt = performance.now();
    const title = hit ? (hit.querySelector("a") || hit).textContent.trim().slice(0, 60) : "";
    requestAnimationFrame(() => {
      window.__benchFound({ domAt, shownAt: performance.now(), empty: !hit, weak: !!(hit && hit.closest("details")), title });
    });
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden"] });
}

const SITES = {
  pocketlaw: {
    name: "Pocket Law",
    inputs: '#boot-q, [data-testid="search-input"]',
    result: '[data-testid="hit"]',
    empty: '[data-testid="no-hits"]',
  },
  pagefind: {
    name: "Pagefind",
    inputs: "#q",
    result: "#results li",
    empty: "#no-results:not([hidden])",
  },
};

const totalHits = (server) => [...server.hits.values()].reduce((a, b) => a + b, 0);

async function runOnce(browser, site, query, o, workerCpu) {
  const line = new Line(site.server.address().port, o);
  const port = await line.listen();
  const base = `http://127.0.0.1:${port}`;
  const context = await browser.newContext({
    viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN", serviceWorkers: "block",
  });
  const foreign = [];
  const errors = [];
  let found = null;
  let onFound;
  const foundPromise = new Promise((ok) => { onFound = ok; });
  const hitsBefore = totalHits(site.server);
  try {
    context.on("request", (r) => { if (!r.url().startsWith(base) && !/^(data|blob):/.test(r.url())) foreign.push(r.url()); });
    // --trace: when each request went out and when its response had arrived, from navigation.
    const trace = [];
    let t0 = 0;
    if (o.trace) {
      context.on("request", (r) => { r._t = performance.now() - t0; });
      context.on("requestfinished", (r) => trace.push([r._t, performance.now() - t0, r.url().slice(base.length)]));
    }
    await context.exposeBinding("__benchFound", (_source, info) => {
      if (found) return;
      found = { ...info, bytes: line.down.delivered, requests: totalHits(site.server) - hitsBefore, connections: line.connections };
      onFound();
    });
    const typeHere = o.typing === "page";
    await context.addInitScript(watcher, { result: site.result, empty: site.empty, inputs: site.inputs, query, typeHere, thinkMs: o.think });
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    await throttleCpu(context, page, workerCpu);
    const ms = o.timeout * 1000;
    const deadline = Date.now() + ms;
    t0 = performance.now();
    await page.goto(base + "/", { waitUntil: "commit", timeout: ms });
    // Types into whichever box is there first: the boot shell's until the app has mounted.
    if (!typeHere) await page.locator(site.inputs).first().fill(query, { timeout: Math.max(1000, deadline - Date.now()) });
    let timer;
    const timedOut = await Promise.race([
      foundPromise.then(() => false),
      new Promise((ok) => { timer = setTimeout(() => ok(true), Math.max(1000, deadline - Date.now())); }),
    ]);
    clearTimeout(timer);
    if (timedOut) return { error: `no result within ${o.timeout} s`, foreign, errors };
    const b = await page.evaluate(() => window.__bench);
    if (o.trace) {
      for (const [a, z, u] of trace.sort((x, y) => x[0] - y[0])) console.log(`    ${secs(a)}–${secs(z)} s  ${u}`);
      console.log(`    typed ${secs(b.typedAt)} s, shown ${secs(found.shownAt)} s`);
    }
    return { ...found, typedAt: b.typedAt, inputAt: b.inputAt, typedInto: b.typedInto, foreign, errors };
  } catch (e) {
    return { error: String(e.message || e).split("\n")[0], foreign, errors };
  } finally {
    await context.close().catch(() => {});
    await line.close();
    workerCpu.tidy();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const secs = (ms) => (ms / 1000).toFixed(2);
const kb = (bytes) => Math.round(bytes / 1024).toLocaleString("en-US");
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

/// The runs that answered (results, or "no results"), summed up; `empty` when none had results.
function summary(runs) {
  const done = runs.filter((r) => !r.error);
  const withHits = done.filter((r) => !r.empty);
  const ok = withHits.length ? withHits : done;
  if (!ok.length) return null;
  const t = ok.map((r) => r.shownAt);
  return {
    n: ok.length,
    empty: !withHits.length,
    med: median(t), min: Math.min(...t), max: Math.max(...t),
    typed: median(ok.map((r) => r.typedAt)),
    bytes: median(ok.map((r) => r.bytes)),
    requests: median(ok.map((r) => r.requests)),
  };
}

function report(results, o, sites, info, workerCpu) {
  const lines = [];
  const say = (s = "") => lines.push(s);
  say();
  say(`Cold first visit, time to first search results — ${o.runs} run(s) per query and site, fresh context each`);
  say(`Network: RTT ${o.rtt} ms, ${o.down} kbit/s down, ${o.up} kbit/s up, shared per run; new connection ${o.setupRtts} RTT; brotli (scripts/serve.mjs)`);
  say(`CPU: main thread ${o.cpu}× (CDP); workers: ${workerCpu.describe()}`);
  say(`Phone: ${PHONE.width}×${PHONE.height}, mobile, no cache, service workers blocked; Chromium ${info.chromium}`);
  if (info.pagefind) say(`Pagefind ${info.pagefind.version}: ${info.pagefind.indexed} pages indexed from dist/doc (${info.pagefind.language || "language ?"}), bundle ${kb(info.pagefind.bundle)} KB raw`);
  say();
  const head = `${pad("site", 14)}${lpad("first result, median (min–max)", 32)}${lpad("typed at", 10)}${lpad("KB before", 11)}${lpad("requests", 10)}  runs`;
  for (const q of o.queries) {
    say(`query: ${q}`);
    say(head);
    const s = {};
    for (const key of sites) {
      const runs = results.get(`${key}\u0000${q}`) || [];
      s[key] = summary(runs);
      const failed = runs.filter((r) => r.error).length;
      const empty = runs.filter((r) => r.empty).length;
      const weak = runs.filter((r) => r.weak).length;
      const notes = [failed && `${failed} failed`, empty && `${empty} answered NO RESULTS`, weak && `${weak} weak (hits folded in <details>)`].filter(Boolean).join(", ");
      if (!s[key]) { say(`${pad(SITES[key].name, 14)}${lpad("—", 32)}  ${notes}`); continue; }
      const x = s[key];
      say(`${pad(SITES[key].name, 14)}${lpad(`${secs(x.med)} s (${secs(x.min)}–${secs(x.max)})`, 32)}${lpad(secs(x.typed) + " s", 10)}${lpad(kb(x.bytes), 11)}${lpad(Math.round(x.requests), 10)}  ${x.n}/${runs.length}${notes ? "  " + notes : ""}`);
    }
    if (s.pocketlaw && s.pagefind) {
      const nothing = ["pocketlaw", "pagefind"].filter((k) => s[k].empty).map((k) => SITES[k].name);
      if (nothing.length) say(`  (${nothing.join(" and ")} found nothing: its time is to the "no results" answer)`);
      say(`${pad("ours/Pagefind", 14)}${lpad((s.pocketlaw.med / s.pagefind.med).toFixed(2) + "×", 32)}${lpad("", 10)}${lpad((s.pocketlaw.bytes / s.pagefind.bytes).toFixed(2) + "×", 11)}${lpad((s.pocketlaw.requests / s.pagefind.requests).toFixed(2) + "×", 10)}`);
    }
    for (const key of sites) {
      const last = (results.get(`${key}\u0000${q}`) || []).filter((r) => !r.error).at(-1);
      if (last) say(`  ${SITES[key].name} first result: ${last.empty ? "(none: no results)" : last.title}${last.typedInto ? `   [typed into #${last.typedInto}]` : ""}`);
    }
    say();
  }
  const problems = [];
  for (const [k, runs] of results) {
    const [key, q] = k.split("\u0000");
    runs.forEach((r, i) => {
      if (r.error) problems.push(`${SITES[key].name} · ${q} · run ${i + 1}: ${r.error}`);
      if (r.foreign?.length) problems.push(`${SITES[key].name} · ${q} · run ${i + 1}: requests off 127.0.0.1: ${r.foreign.slice(0, 3).join(", ")}`);
      if (r.errors?.length) problems.push(`${SITES[key].name} · ${q} · run ${i + 1}: page error: ${r.errors[0].slice(0, 160)}`);
    });
  }
  if (problems.length) { say("Problems:"); for (const p of problems) say("  " + p); say(); }
  say("Times are from navigation start to the frame showing the first result; \"typed at\" is when the query went into the first search box on screen.");
  say("KB and requests: delivered to the browser (compressed, with HTTP headers) before the first result showed.");
  console.log(lines.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const o = options(process.argv.slice(2));
  const sites = o.site === "both" ? ["pocketlaw", "pagefind"] : [o.site];
  if (!existsSync(join(DIST, "index.html")) || !existsSync(join(DIST, "doc"))) {
    throw new Error(`${DIST} has no built site: run scripts/build-site.sh first`);
  }
  const info = {};
  const servers = [];
  let browser = null;
  const workerCpu = new WorkerCpu(o.cpu, o.cgroup);
  const cleanup = () => workerCpu.tidy(true);
  const onSignal = (sig) => { cleanup(); process.exit(sig === "SIGINT" ? 130 : 143); };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    if (sites.includes("pagefind")) {
      console.log(`building the Pagefind site in ${relative(ROOT, PAGEFIND_SITE)} from ${relative(ROOT, DIST) || DIST}/doc …`);
      info.pagefind = buildPagefindSite(DIST, PAGEFIND_SITE);
      SITES.pagefind.server = await serve(PAGEFIND_SITE, 0);
      servers.push(SITES.pagefind.server);
      await warm(SITES.pagefind.server, PAGEFIND_SITE);
    }
    if (sites.includes("pocketlaw")) {
      SITES.pocketlaw.server = await serve(DIST, 0);
      servers.push(SITES.pocketlaw.server);
      await warm(SITES.pocketlaw.server, DIST);
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      timeout: 60000,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-domain-reliability",
        // Nothing but 127.0.0.1 resolves.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
    });
    info.chromium = browser.version();
    const results = new Map();
    const total = o.runs * o.queries.length * sites.length;
    let n = 0;
    for (let run = 1; run <= o.runs; run++) {
      for (const q of o.queries) {
        for (const key of sites) {
          const r = await runOnce(browser, SITES[key], q, o, workerCpu);
          const k = `${key}\u0000${q}`;
          if (!results.has(k)) results.set(k, []);
          results.get(k).push(r);
          n++;
          const what = r.error ? `FAILED: ${r.error}` : r.empty ? `no results at ${secs(r.shownAt)} s` : `${secs(r.shownAt)} s (box ${secs(r.inputAt)} s, typed ${secs(r.typedAt)} s), ${kb(r.bytes)} KB, ${r.requests} requests${r.weak ? ", weak" : ""}`;
          console.log(`[${n}/${total}] run ${run} · ${SITES[key].name} · ${q.length > 12 ? q.slice(0, 12) + "…" : q}: ${what}`);
        }
      }
    }
    report(results, o, sites, info, workerCpu);
  } finally {
    if (browser) await browser.close().catch(() => {});
    for (const s of servers) { s.closeAllConnections?.(); s.close(); }
    cleanup();
  }
}

// For trying the pieces on their own (e.g. the throttling line against a local server).
export { Line, Pipe, buildPagefindSite, WorkerCpu, throttleCpu };

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((e) => {
    console.error(`bench-cold: ${e.message || e}`);
    process.exitCode = 1;
  });
}
