// Offline, WeChat and the app shell: after one online visit the service worker has everything,
// and with the network off every kind of page still works; a new version is offered, then only
// the new version runs; the iOS WeChat user agent gets the hint; without wasm the hotline shows.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, readFile, writeFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { startSite, DIST } from "./helpers.mjs";
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
  await page.waitForSelector('[data-testid="topics"] a');
  await installed(page);
  await page.context().setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-testid="topics"] a');
  await page.locator('[data-testid="search-input"]').fill("包工头跑了");
  await page.waitForSelector('[data-testid="hit"]', { timeout: 20000 });
  for (const [path, sel] of [
    ["/doc/wage-arrears-contractor-fled", '[data-testid="doc"]'],
    ["/doc/faq-wage-arrears-boss-ran-away", '[data-testid="doc"]'],
    ["/tree/legal-aid-eligibility?a=1.0.0", '[data-testid="tree-result"]'],
    ["/quiz", '[data-testid="quiz-hub"]'],
    ["/quiz/month/2026-01", '[data-testid="stem"]'],
    ["/directory", '[data-testid="directory"]'],
    ["/law/劳动争议调解仲裁法/第二十七条", '[data-testid="law"]'],
    ["/topic/divorce", '[data-testid="topic"]'],
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
    await page.waitForSelector('[data-testid="topics"] a');
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
    await page.waitForSelector('[data-testid="topics"] a');
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
  await page.waitForSelector('[data-testid="topics"] a');
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
});
