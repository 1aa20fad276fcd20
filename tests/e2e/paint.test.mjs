// The first paint: the build draws the home page as static HTML (the boot shell), and the app
// takes over without moving anything or drawing anything bigger, so the first paint is the one
// that counts (LCP) on a slow phone. On the home page the boot shell searches by itself before
// the app has loaded; elsewhere search waits until the page has loaded.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSite } from "./helpers.mjs";

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

/// Holds the UI wasm back until `release()` is called; records when each request starts.
async function gated(page) {
  let release;
  const gate = new Promise((ok) => { release = ok; });
  await page.route(/\/assets\/app\.[0-9a-f]+\.wasm$/, async (route) => { await gate; await route.continue(); });
  const started = [];
  page.on("request", (r) => started.push({ url: r.url(), at: Date.now() }));
  await page.addInitScript(() => {
    window.__paint = { lcp: [], shifts: [], bootGone: null };
    // Whose paint: the boot shell's (inside #boot, even once #boot is removed; a removed element
    // may also be reported as null) or the app's. Presentation can lag on a busy machine, so the
    // time alone does not tell.
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__paint.lcp.push({ at: e.startTime, size: e.size, boot: !e.element || !!e.element.closest("#boot"), what: e.element ? e.element.outerHTML.slice(0, 80) : "" }); })
      .observe({ type: "largest-contentful-paint", buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__paint.shifts.push({ at: e.startTime, value: e.value }); })
      .observe({ type: "layout-shift", buffered: true });
    new MutationObserver(() => {
      if (window.__paint.bootGone === null && document.body && !document.getElementById("boot")) window.__paint.bootGone = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  return { release, started };
}

test("the boot shell is the home page; the app replaces it without a shift or a bigger paint", async () => {
  const page = await site.page();
  const { release } = await gated(page);
  await page.goto(site.base + "/");
  // Before any wasm: the topics, the trees, the quiz card and the hotline are already there.
  await page.waitForSelector("#boot .topic-grid a");
  assert.equal(await page.locator("#boot .topic-grid a").count(), 27);
  assert.ok(await page.locator("#boot .tree-links a").count() >= 1, "the decision trees are listed");
  assert.equal(await page.locator('#boot a.quiz-card').count(), 1);
  assert.ok(await page.locator('#boot a[href="tel:12348"]').count() >= 1);
  // Once the boot shell is on screen (its first paint is reported), the app may come.
  await page.waitForFunction(() => window.__paint.lcp.length > 0, null, { timeout: 20000 });
  release();
  await page.waitForSelector('html[data-app] [data-testid="topics"] a', { timeout: 20000 });
  await page.waitForTimeout(1000);
  const p = await page.evaluate(() => window.__paint);
  assert.ok(p.bootGone !== null, "the boot shell was removed");
  assert.ok(p.lcp.length >= 1);
  assert.deepEqual(p.lcp.filter((e) => !e.boot), [], "nothing the app draws is bigger than what the boot shell drew");
  const cls = p.shifts.reduce((s, e) => s + e.value, 0);
  assert.ok(cls < 0.01, `layout shift ${cls.toFixed(3)} (${JSON.stringify(p.shifts)})`);
  assert.deepEqual(page.errors, []);
});

test("words typed before the app is ready are searched once it is", async () => {
  const page = await site.page();
  const { release } = await gated(page);
  await page.goto(site.base + "/");
  await page.locator("#boot-q").fill("工钱");
  release();
  await page.waitForSelector('[data-testid="hit"]', { timeout: 30000 });
  assert.equal(await page.locator('[data-testid="search-input"]').inputValue(), "工钱");
  assert.match(decodeURIComponent(page.url()), /\?q=工钱/);
});

test("the home page searches before the app has loaded, and the app waits for the first hits", async () => {
  const page = await site.page();
  const { release, started } = await gated(page);
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('#boot [data-testid="hit"]')) { obs.disconnect(); window.__hitsAt = performance.now(); }
    }).observe(document, { childList: true, subtree: true });
  });
  const worker = page.waitForRequest(/search-worker\.[0-9a-f]+\.js/, { timeout: 20000 });
  await page.goto(site.base + "/");
  // The home page starts the search worker at once, from its head.
  await worker;
  await page.locator("#boot-q").fill("工伤");
  // The boot shell answers with the app's markup while the app's wasm is still held back.
  await page.waitForSelector('#boot [data-testid="hit"]', { timeout: 30000 });
  const first = page.locator('#boot [data-testid="hit"]').first();
  assert.equal(await first.getAttribute("data-topic"), "work-injury");
  assert.ok((await first.locator('[data-testid="hit-topic"]').textContent()).trim().length > 0, "the hit names its topic");
  assert.ok(await page.locator("#boot .snippet mark").count() > 0, "snippets are highlighted");
  // The app is asked for only once the first hits are on screen (it had the line to itself).
  const app = await page.waitForFunction(() => {
    const e = performance.getEntriesByType("resource").find((r) => /\/assets\/app\.[0-9a-f]+\.js/.test(r.name));
    return e && { appAt: e.startTime, hitsAt: window.__hitsAt };
  }, null, { timeout: 20000 });
  const { appAt, hitsAt } = await app.jsonValue();
  // The app is asked for in the very task that draws the hits; the observer notes them a moment
  // later, at the end of that task.
  assert.ok(appAt >= hitsAt - 50, `the app loads after the first hits (${appAt} ms, hits at ${hitsAt} ms)`);
  // Only the pieces this query needs came down, not the whole index.
  const pieces = started.filter((r) => /\/data\/ix\/[0-9a-f]{16}\.bin$/.test(r.url)).length;
  assert.ok(pieces > 0 && pieces < 20, `a query fetches a few pieces (${pieces})`);
  // The app takes the words and the worker over, and answers the same.
  release();
  await page.waitForSelector('[data-testid="search-input"]', { timeout: 30000 });
  await page.waitForSelector('[data-testid="hit"]', { timeout: 30000 });
  assert.equal(await page.locator('[data-testid="search-input"]').inputValue(), "工伤");
  assert.equal(await page.locator('[data-testid="hit"]').first().getAttribute("data-topic"), "work-injury");
  assert.equal(started.filter((r) => /search-worker/.test(r.url)).length, 1, "one worker");
});
test("without a search, the worker still starts by itself after the page has loaded", async () => {
  const page = await site.page();
  const bin = page.waitForResponse(/search-root\.[0-9a-f]+\.bin/, { timeout: 30000 });
  await page.goto(site.base + "/topic/wage-arrears");
  await page.waitForSelector('html[data-app] [data-testid="topic"]');
  await bin;
});

test("a shared guide link shows the whole guide before the app, and the app takes over without a shift", async () => {
  const page = await site.page();
  const { release } = await gated(page);
  await page.goto(site.base + "/doc/wage-arrears-claim");
  // Before any wasm: the guide itself, its legal basis, the disclaimer and the hotline.
  const boot = page.locator("#boot article.doc");
  await boot.waitFor();
  const title = await boot.locator("h1").textContent();
  assert.ok(title.length > 4);
  assert.ok((await boot.locator(".body").textContent()).length > 300, "the body is there");
  assert.ok(await boot.locator('.citations a[href^="/law/"]').count() >= 1, "citations link to the article pages");
  assert.match(await boot.locator(".disclaimer").textContent(), /内容核对日期：\d{4}-\d{2}-\d{2}/);
  assert.ok(await boot.locator('a[href="tel:12348"]').count() >= 1);
  await page.waitForFunction(() => window.__paint.lcp.length > 0, null, { timeout: 20000 });
  release();
  await page.waitForSelector('html[data-app] [data-testid="doc"]', { timeout: 20000 });
  assert.equal(await page.locator('[data-testid="doc"] h1').textContent(), title, "the app shows the same document");
  await page.waitForTimeout(1000);
  const p = await page.evaluate(() => window.__paint);
  assert.deepEqual(p.lcp.filter((e) => !e.boot), [], "nothing the app draws is bigger than the boot shell's guide");
  const cls = p.shifts.reduce((s, e) => s + e.value, 0);
  assert.ok(cls < 0.01, `layout shift ${cls.toFixed(3)} (${JSON.stringify(p.shifts)})`);
  assert.deepEqual(page.errors, []);
});

test("citations are small marks after the sentence: the boot shell and the app draw the same ones, and a tap opens the article", async () => {
  const page = await site.page();
  const { release } = await gated(page);
  await page.goto(site.base + "/doc/work-injury-recognition");
  const marks = (root) => page.locator(`${root} .body a.cite-mark`).evaluateAll((els) => els.map((a) => [a.getAttribute("href"), a.getAttribute("aria-label"), a.textContent]));
  await page.locator("#boot article.doc").waitFor();
  const boot = await marks("#boot article.doc");
  assert.ok(boot.length >= 10, `the guide's bracketed citations are marks (${boot.length})`);
  for (const [href, label, text] of boot) {
    assert.match(href, /^\/law\/[^/]+\/第.+条$/);
    assert.match(label, /^法律依据：《.+》第.+条$/);
    assert.match(text, /^（?《.+》第.+条/, "the exact words stay in the page");
  }
  // What the reader sees: the mark, not the bracket.
  const first = page.locator("#boot article.doc .body a.cite-mark").first();
  assert.equal(await first.evaluate((a) => getComputedStyle(a, "::before").content), '"法"');
  assert.ok((await first.boundingBox()).width < 40, "a small mark");
  const hidden = await first.locator(".ct").boundingBox();
  assert.ok(hidden.width <= 1 && hidden.height <= 1, "the bracket's words are in the page but not drawn");
  release();
  await page.waitForSelector('html[data-app] [data-testid="doc"]', { timeout: 20000 });
  assert.deepEqual(await marks('[data-testid="doc"]'), boot, "the app draws the same marks");
  // Tapping a mark opens its article.
  const [href] = boot[0];
  await page.locator('[data-testid="doc"] .body a.cite-mark').first().tap();
  await page.waitForSelector('[data-testid="law"]', { timeout: 20000 });
  assert.equal(decodeURIComponent(new URL(page.url()).pathname), decodeURIComponent(href));
  const article = decodeURIComponent(href).split("/").pop();
  assert.equal((await page.locator('[data-testid="law"] h1').textContent()).trim(), article);
  assert.ok((await page.locator('[data-testid="law"]').innerText()).length > 30, "the article's text is shown");
  assert.deepEqual(page.errors, []);
});

test("without JavaScript, topic and guide pages are readable and linked", async () => {
  const page = await site.page({ javaScriptEnabled: false });
  await page.goto(site.base + "/topic/wage-arrears");
  assert.ok(await page.locator("#boot h1").count() === 1);
  const guide = page.locator('#boot .doc-list a[href^="/doc/"]').first();
  const title = (await guide.textContent()).trim();
  await guide.click();
  await page.waitForURL(/\/doc\//);
  assert.equal((await page.locator("#boot article h1").textContent()).trim(), title);
  assert.ok((await page.locator("#boot article .body").textContent()).length > 100);
  // A citation opens a page too (its text needs the app; the page says how to get help).
  assert.match(await page.locator("body").textContent(), /12348/);
});

test("a first visit downloads the search engine and the index once, for search and offline use alike", async () => {
  // A server of its own: pages of the other tests may still be fetching from theirs.
  const own = await startSite();
  after(() => own.close());
  const before = own.hits();
  const page = await own.page();
  await page.goto(own.base + "/");
  await page.waitForSelector('html[data-app] [data-testid="topics"] a');
  // The home page starts the worker at once; the offline copy then reuses what it fetched.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((r) => /search-worker/.test(r.name)), null, { timeout: 30000 });
  await page.locator('[data-testid="search-input"]').fill("工钱");
  await page.waitForSelector('[data-testid="hit"]', { timeout: 30000 });
  const now = own.hits();
  const fetched = (re) => [...now].filter(([p]) => re.test(p)).reduce((n, [p, c]) => n + c - (before.get(p) || 0), 0);
  assert.equal(fetched(/\/data\/search-root\.[0-9a-f]+\.bin$/), 1, "the index root");
  const pieces = [...now].filter(([p]) => /\/data\/ix\//.test(p));
  assert.ok(pieces.length > 100, "the offline copy holds every piece");
  assert.ok(pieces.every(([p, c]) => c - (before.get(p) || 0) <= 1), "each piece came down once");
  assert.equal(fetched(/\/assets\/worker\.[0-9a-f]+\.wasm$/), 1, "the search engine");
  assert.equal(fetched(/\/assets\/app\.[0-9a-f]+\.wasm$/), 1, "the app");
});
