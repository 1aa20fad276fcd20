// Offline, WeChat and the app shell: after one online visit the service worker has everything,
// and with the network off every kind of page still works; a new version is offered, then only
// the new version runs; the iOS WeChat user agent gets the hint; without wasm the hotline shows.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, readFile, writeFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { startSite, offlineReady, DIST } from "./helpers.mjs";
import { serve } from "../../scripts/serve.mjs";

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

async function installed(page) {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    }
    return reg.active.state;
  });
}

test("after one online visit, every page type works offline", async () => {
  const page = await site.page();
  await page.goto(site.base + "/");
  await page.waitForSelector('html[data-app] [data-testid="topics"] a');
  await installed(page);
  await page.context().setOffline(true);
  await page.reload();
  await page.waitForSelector('html[data-app] [data-testid="topics"] a');
  await page.locator('[data-testid="search-input"]').fill("包工头跑了");
  await page.waitForSelector('[data-testid="hit"]', { timeout: 20000 });
  for (const [path, sel] of [
    ["/doc/wage-arrears-contractor-fled", 'html[data-app] [data-testid="doc"]'],
    ["/doc/faq-wage-arrears-boss-ran-away", 'html[data-app] [data-testid="doc"]'],
    ["/tree/legal-aid-eligibility?a=1.0.0", '[data-testid="tree-result"]'],
    ["/quiz", '[data-testid="quiz-hub"]'],
    ["/quiz/month/2026-01", '[data-testid="stem"]'],
    ["/directory", '[data-testid="directory"]'],
    ["/law/劳动争议调解仲裁法/第二十七条", '[data-testid="law"]'],
    ["/topic/divorce", 'html[data-app] [data-testid="topic"]'],
    ["/form", '[data-testid="form-list"]'],
    ["/form/labor-arbitration", '[data-testid="form-start"]'],
  ]) {
    await page.goto(site.base + path);
    await page.waitForSelector(sel, { timeout: 20000 });
  }
  assert.deepEqual(page.errors, []);
});

test("a new version is offered, and afterwards only the new version runs", async () => {
  const dir = join(tmpdir(), `pl-update-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  await cp(DIST, dir, { recursive: true });
  const server = await serve(dir, 0);
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const page = await site.page();
    await page.goto(base + "/");
    await page.waitForSelector('html[data-app] [data-testid="topics"] a');
    await installed(page);
    // Publish a "new version": a changed service worker (new build id) and a marked shell.
    const sw = (await readFile(join(dir, "sw.js"), "utf8")).replace(/const VERSION = "([^"]+)"/, 'const VERSION = "$1-next"');
    await writeFile(join(dir, "sw.js"), sw);
    const shell = (await readFile(join(dir, "index.html"), "utf8")).replace("<body>", '<body data-version="next">');
    await writeFile(join(dir, "index.html"), shell);
    await page.goto(base + "/");
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForSelector("#update", { timeout: 20000 });
    assert.match(await page.locator("#update").textContent(), /有新版本，点击更新/);
    assert.equal(await page.locator("body").getAttribute("data-version"), null, "still the old version until the user agrees");
    await Promise.all([page.waitForEvent("load"), page.locator("#update button").click()]);
    await page.waitForSelector('html[data-app] [data-testid="topics"] a');
    assert.equal(await page.locator("body").getAttribute("data-version"), "next");
    const keys = await page.evaluate(() => caches.keys());
    assert.equal(keys.length, 1, `only the new cache is left: ${keys}`);
    assert.match(keys[0], /-next$/);
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("inside WeChat on iOS: a one-time hint, and the app works online", async () => {
  const ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322f) NetType/WIFI Language/zh_CN";
  const page = await site.page({ userAgent: ua });
  await page.goto(site.base + "/");
  await page.waitForSelector("#wechat-hint");
  assert.match(await page.locator("#wechat-hint").textContent(), /在浏览器打开/);
  await page.locator("#wechat-hint button").first().click();
  await page.locator('[data-testid="search-input"]').fill("离婚");
  await page.waitForSelector('[data-testid="hit"]', { timeout: 20000 });
  await page.goto(site.base + "/");
  await page.waitForSelector('html[data-app] [data-testid="topics"] a');
  assert.equal(await page.locator("#wechat-hint").count(), 0, "shown once");
});

test("without JavaScript the page still shows the hotline and says what is needed", async () => {
  const page = await site.page({ javaScriptEnabled: false });
  await page.goto(site.base + "/doc/legal-aid-apply");
  const text = await page.locator("body").textContent();
  assert.match(text, /12348/);
  assert.match(text, /JavaScript/);
  assert.ok(await page.locator('a[href="tel:12348"]').count() >= 1, "a button to call 12348");
  assert.ok((await page.locator("article .body").textContent()).length > 100, "the guide itself is readable");
  await page.goto(site.base + "/");
  assert.equal(await page.locator(".topic-grid a").count(), 27, "the home page lists the topics as plain links");
  // A tapped citation mark opens the article itself, as a page of its own.
  await page.goto(site.base + "/doc/legal-aid-apply");
  const href = await page.locator("article .body a.cite-mark").first().getAttribute("href");
  const resp = await page.goto(site.base + href);
  assert.equal(resp.status(), 200);
  assert.equal((await page.locator('[data-testid="law"] h1').textContent()).trim(), decodeURIComponent(href).split("/").pop());
  assert.ok((await page.locator('[data-testid="law"]').textContent()).length > 30);
});

// Old WebViews (X5 kernels around Chrome 66–77): no WebAssembly at all, or one that cannot compile
// this wasm (reference types). The static pages must stay readable and say plainly what is missing.
async function checkOldWebView(page) {
  await page.goto(site.base + "/");
  const status = page.locator("#boot-status");
  await page.waitForFunction(() => /版本太旧/.test(document.getElementById("boot-status")?.textContent || ""), null, { timeout: 20000 });
  assert.match(await status.textContent(), /搜索/, "it says that search cannot work here");
  assert.match(await status.textContent(), /12348/);
  await page.locator("#boot-q").fill("工钱");
  await page.waitForTimeout(500);
  assert.equal(await page.locator('[data-testid="hit"]').count(), 0);
  assert.equal(await page.locator(".topic-grid a").count(), 27, "the topics are there as plain links");
  assert.ok(await page.locator('a[href="tel:12348"]').count() >= 1);
  assert.ok(await page.locator('#boot a[href^="/tree/"]').count() >= 1, "the decision trees are linked");
  // Navigable: a topic, then a guide, both static pages.
  await page.locator('.topic-grid a[href="/topic/wage-arrears"]').click();
  await page.waitForURL(/\/topic\/wage-arrears$/);
  await page.locator('#boot a[href^="/doc/"]').first().click();
  await page.waitForURL(/\/doc\//);
  assert.ok((await page.locator("#boot article .body").textContent()).length > 100, "the guide is readable");
  await page.waitForFunction(() => /版本太旧/.test(document.getElementById("boot-status")?.textContent || ""), null, { timeout: 20000 });
  assert.deepEqual(page.errors, [], "nothing throws");
}

test("an old WebView without WebAssembly: readable, navigable, and it says search is too old", async () => {
  const page = await site.page({ serviceWorkers: "block" });
  await page.addInitScript(() => { delete window.WebAssembly; });
  await checkOldWebView(page);
});

test("a WebView whose WebAssembly cannot compile this wasm: the same, and nothing throws", async () => {
  const page = await site.page({ serviceWorkers: "block" });
  // Reference types missing: the probe fails to validate, and each module fails to compile.
  await page.addInitScript(() => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => (bytes.length < 32 ? false : validate(bytes));
  });
  await page.route(/\.wasm$/, (route) => route.fulfill({ status: 200, contentType: "application/wasm", body: Buffer.from([0, 97, 115, 109, 1, 0, 0, 0, 99]) }));
  await checkOldWebView(page);
});

test("a damaged offline copy heals: cut-off or altered files are dropped and fetched again", async () => {
  const page = await site.page();
  await page.goto(site.base + "/");
  await page.waitForSelector('html[data-app] [data-testid="topics"] a');
  await offlineReady(page);
  // Damage the offline copy: the catalog, a topic piece and the index root cut in half, and every
  // index piece with its last byte flipped.
  const targets = await page.evaluate(async () => {
    const assets = JSON.parse(document.getElementById("pl-assets").textContent);
    const cache = await caches.open((await caches.keys()).find((k) => k.startsWith("pocketlaw-")));
    const halve = [assets.catalog, assets.topics["wage-arrears"], assets.search_preload[1]];
    for (const url of halve) {
      const res = await cache.match(url);
      const buf = await res.arrayBuffer();
      await cache.put(url, new Response(buf.slice(0, buf.byteLength >> 1), { headers: res.headers }));
    }
    const pieces = (await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => p.startsWith("/data/ix/"));
    for (const url of pieces) {
      const res = await cache.match(url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      bytes[bytes.length - 1] ^= 0xff;
      await cache.put(url, new Response(bytes, { headers: res.headers }));
    }
    return { halve, pieces: pieces.length };
  });
  assert.ok(targets.pieces > 100);
  const before = site.hits();
  // The user just sees the app working: search, and a guide of the damaged topic piece.
  await page.reload();
  await page.waitForSelector('html[data-app] [data-testid="topics"] a');
  await page.locator('[data-testid="search-input"]').fill("包工头跑了");
  await page.waitForSelector('[data-testid="hit"]', { timeout: 30000 });
  await page.goto(site.base + "/doc/wage-arrears-contractor-fled");
  await page.waitForSelector('html[data-app] [data-testid="doc"]', { timeout: 20000 });
  const after = site.hits();
  for (const url of targets.halve) assert.ok((after.get(url) || 0) > (before.get(url) || 0), `${url} was fetched again`);
  // And the offline copy is whole again.
  const whole = await page.evaluate(async (urls) => {
    const cache = await caches.open((await caches.keys()).find((k) => k.startsWith("pocketlaw-")));
    const out = [];
    for (const url of urls) {
      const d = new Uint8Array(await crypto.subtle.digest("SHA-256", await (await cache.match(url)).arrayBuffer()));
      out.push(url.includes(Array.from(d.slice(0, 5), (b) => b.toString(16).padStart(2, "0")).join("")));
    }
    return out;
  }, targets.halve);
  assert.deepEqual(whole, targets.halve.map(() => true));
  assert.deepEqual(page.errors, []);
});
