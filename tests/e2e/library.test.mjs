// The statute library in the browser (/laws): a law outside the key laws is found by its article
// and opened there; a text without articles (a 修正案) by a phrase, opened at its part; once read online it reads again offline; a cold first query (no service
// worker, empty cache) downloads under 1 MB. Needs a site built with the statute pack: without
// the library in dist/ these tests are skipped, loudly.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants as zlib } from "node:zlib";
import { startSite, offlineReady, DIST } from "./helpers.mjs";

const build = JSON.parse(readFileSync(join(DIST, "build.json"), "utf8"));
const hasLibrary = build.files.some((f) => f.startsWith("library/"));
if (!hasLibrary) {
  console.warn("\n*** SKIPPING tests/e2e/library.test.mjs: dist/ has no statute library (build the site with the statute pack at ../shared/statutes) ***\n");
}
const skip = hasLibrary ? false : "dist/ has no statute library";

// Only in the archive (not among the pack folder's key laws), and a 行政法规 among the key laws.
const QUERY = "行政复议法第十一条";
const LAW = "行政复议法";
const ANCHOR = "a11";

let site;
before(async () => { if (hasLibrary) site = await startSite(); });
after(async () => { if (site) await site.close(); });

/// The app's library page is there (the boot shell's box has no test id).
async function lawsPage(page) {
  await page.goto(site.base + "/laws");
  await page.waitForSelector('[data-testid="law-input"]', { timeout: 20000 });
}

/// Whether the element is on screen.
function inView(page, selector) {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= -1 && r.top < window.innerHeight;
  });
}

test("the library's page lists the key laws, and the home page links to it", { skip }, async () => {
  const page = await site.page();
  await page.goto(site.base + "/");
  await page.waitForSelector('.laws-link a[href="/laws"]');
  await lawsPage(page);
  // The app draws the list once the law list has loaded.
  await page.waitForSelector('[data-testid="laws"] .law-list a', { timeout: 20000 });
  const keys = await page.locator(".law-list a").count();
  assert.ok(keys >= 20, `the key laws are listed: ${keys}`);
  assert.equal(await page.locator(`.law-list a[href="/laws/${encodeURIComponent(LAW)}"]`).count(), 0, `${LAW} is not a key law`);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.thirdParty, []);
});

test("a law outside the key laws: found by its article, opened there, and read again offline", { skip }, async () => {
  const page = await site.page();
  await lawsPage(page);
  await offlineReady(page);
  await page.locator('[data-testid="law-input"]').fill(QUERY);
  const first = page.locator('[data-testid="law-hits"] .hit').first();
  await first.waitFor({ timeout: 30000 });
  assert.match(await first.locator("a").first().textContent(), /行政复议法》第十一条/);
  assert.match(await first.locator(".law-status").textContent(), /现行有效/);
  await first.locator("a").first().click();
  await page.waitForSelector(`#${ANCHOR}`, { timeout: 20000 });
  assert.match(decodeURIComponent(page.url()), new RegExp(`/laws/${LAW}#${ANCHOR}$`));
  await page.waitForFunction((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return r.top >= -1 && r.top < window.innerHeight;
  }, ANCHOR, { timeout: 5000 });
  assert.match(await page.locator('[data-testid="law-status"]').textContent(), /现行有效/);
  assert.ok((await page.locator(".toc a").count()) > 0, "a table of contents");
  assert.equal(await page.locator(`#${ANCHOR} .share`).getAttribute("href"), `/laws/${encodeURIComponent(LAW)}#${ANCHOR}`);

  // Offline: the law (fetched once) and the search (its pieces) still work.
  await page.context().setOffline(true);
  await page.goto(site.base + `/laws/${LAW}?a=第十一条`);
  await page.waitForSelector(`#${ANCHOR}`, { timeout: 20000 });
  assert.ok(await inView(page, `#${ANCHOR}`), "?a= scrolls to the article");
  await lawsPage(page);
  await page.locator('[data-testid="law-input"]').fill(QUERY);
  await page.locator('[data-testid="law-hits"] .hit').first().waitFor({ timeout: 30000 });
  await page.context().setOffline(false);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.thirdParty, []);
});

test("a text without articles (刑法修正案（十一）) is found by a phrase and read by its parts", { skip }, async () => {
  const page = await site.page();
  await lawsPage(page);
  await page.locator('[data-testid="law-input"]').fill("驾驶人员使用暴力");
  await page.locator('[data-testid="law-hits"] .hit').first().waitFor({ timeout: 30000 });
  const titles = await page.locator('[data-testid="law-hits"] .hit strong').allTextContents();
  assert.ok(titles.slice(0, 5).includes("《刑法修正案（十一）》第2部分"), titles.join(" | "));
  await page.locator('[data-testid="law-hits"] .hit a', { hasText: "《刑法修正案（十一）》第2部分" }).click();
  await page.waitForSelector("#a0-2", { timeout: 20000 });
  assert.match(await page.locator("#a0-2 h4").textContent(), /^第2部分/);
  assert.match(await page.locator("#a0-2 p").first().textContent(), /^二、在刑法第一百三十三条之一后增加一条/);
  assert.match(await page.locator('[data-testid="law-status"]').textContent(), /现行有效/);
  assert.deepEqual(page.errors, []);
});

test("a cited article's page links to it in the whole law", { skip }, async () => {
  const page = await site.page();
  await page.goto(site.base + "/law/劳动争议调解仲裁法/第二十七条");
  const link = page.locator('.whole-law a');
  await link.waitFor();
  assert.equal(decodeURIComponent(await link.getAttribute("href")), "/laws/劳动争议调解仲裁法#a27");
  await page.waitForFunction(() => window.__plReady || document.querySelector('[data-testid="law"]') && !document.getElementById("boot"), null, { timeout: 20000 }).catch(() => {});
  await page.locator('.whole-law a').click();
  await page.waitForSelector("#a27", { timeout: 20000 });
  await page.waitForFunction(() => {
    const r = document.getElementById("a27").getBoundingClientRect();
    return r.top >= -1 && r.top < window.innerHeight;
  }, null, { timeout: 5000 });
  assert.deepEqual(page.errors, []);
});

test("a cold first query downloads under 1 MB", { skip }, async () => {
  const page = await site.page({ serviceWorkers: "block" });
  await lawsPage(page);
  const before = site.hits();
  const started = Date.now();
  await page.locator('[data-testid="law-input"]').fill(QUERY);
  await page.locator('[data-testid="law-hits"] .hit').first().waitFor({ timeout: 30000 });
  const ms = Date.now() - started;
  const after = site.hits();
  // What reached the server since the query was typed, at the size the server sends it (brotli).
  let library = 0, all = 0;
  const fetched = [];
  for (const [path, n] of after) {
    if (n <= (before.get(path) || 0)) continue;
    const bytes = brotliCompressSync(readFileSync(join(DIST, decodeURIComponent(path))), { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }).length;
    all += bytes;
    if (path.startsWith("/library/")) library += bytes;
    fetched.push(`${path} ${bytes}`);
  }
  console.log(`cold first law query: ${library} bytes of library (${all} in all, worker included) in ${ms} ms (unthrottled)\n  ${fetched.join("\n  ")}`);
  assert.ok(library > 0, "the library was fetched");
  assert.ok(library < 1_000_000, `under 1 MB: ${library}`);
  assert.deepEqual(page.errors, []);
});
