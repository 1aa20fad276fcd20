// The working core in a real browser at phone size: home, search as you type, documents, deep
// links, the not-found page, the loading budget, and the same results as the CLI.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSite, cliTopIds, shownIds } from "./helpers.mjs";

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

test("home shows the search box, the topics and the 12348 hotline", async () => {
  const page = await site.page();
  await page.goto(site.base + "/");
  await page.waitForSelector('html[data-app] [data-testid="topics"] a');
  assert.equal(await page.locator('[data-testid="topics"] li').count(), 27);
  const tel = await page.locator('[data-testid="hotline"]').first().getAttribute("href");
  assert.equal(tel, "tel:12348");
  const box = await page.locator('[data-testid="search-input"]').boundingBox();
  assert.ok(box.y < 200, "the search box is at the top");
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.thirdParty, []);
});

test("a colloquial query finds the wage guide as the user types, and opens it", async () => {
  const page = await site.page();
  await page.goto(site.base + "/");
  await page.waitForSelector('html[data-app] [data-testid="topics"] a');
  await page.locator('[data-testid="search-input"]').pressSequentially("老板不给工钱", { delay: 30 });
  await page.waitForSelector('[data-testid="hit"]');
  const hits = page.locator('[data-testid="hit"]');
  // Each keystroke searches; the list may still change to the whole words' answer. Read it once
  // it has stayed the same for half a second.
  let ids = [];
  for (let same = 0; same < 5; ) {
    await page.waitForTimeout(100);
    const now = await hits.evaluateAll((els) => els.map((e) => e.dataset.id));
    same = now.join() === ids.join() ? same + 1 : 0;
    ids = now;
  }
  const guide = ids.find((id) => id.startsWith("wage-arrears-"));
  assert.ok(guide, `a wage-arrears guide is in the results: ${ids}`);
  assert.ok(ids.indexOf(guide) < 5, `and near the top: ${ids}`);
  assert.match(page.url(), /\?q=/);
  assert.ok(await page.locator('[data-testid="hit"] mark').count() > 0, "snippets are highlighted");
  await page.locator(`[data-testid="hit"][data-id="${guide}"] a`).click();
  await page.waitForSelector('html[data-app] [data-testid="doc"]');
  assert.match(page.url(), new RegExp(`/doc/${guide}$`));
  assert.ok((await page.locator("h1").textContent()).length > 4);
  assert.ok(await page.locator('[data-testid="disclaimer"]').isVisible());
  assert.deepEqual(page.errors, []);
});

test("deep links reload on a plain static host", async () => {
  const page = await site.page();
  for (const [path, sel] of [["/doc/divorce-by-agreement", 'html[data-app] [data-testid="doc"]'], ["/topic/divorce", 'html[data-app] [data-testid="topic"]'],
    ["/directory", '[data-testid="directory"]'], ["/?q=%E7%A6%BB%E5%A9%9A", '[data-testid="hit"]'],
    ["/law/" + encodeURIComponent("劳动争议调解仲裁法") + "/" + encodeURIComponent("第二十七条"), '[data-testid="law"]']]) {
    const resp = await page.goto(site.base + path);
    assert.equal(resp.status(), 200, path);
    await page.waitForSelector(sel, { timeout: 20000 });
    if (path.startsWith("/doc/")) assert.match(await page.title(), /离婚/, "the page title names the document");
  }
  assert.deepEqual(page.errors, []);
});

test("unknown addresses show the not-found page", async () => {
  const page = await site.page();
  for (const path of ["/no/such/page", "/doc/no-such-doc", "/topic/no-such-topic"]) {
    await page.goto(site.base + path);
    await page.waitForSelector('[data-testid="not-found"]', { timeout: 20000 });
  }
});

test("a citation opens the article text", async () => {
  const page = await site.page();
  await page.goto(site.base + "/doc/labor-arbitration");
  await page.waitForSelector('html[data-app] [data-testid="doc"]');
  await page.locator(".citations a.cite").first().click();
  await page.waitForSelector('[data-testid="law"]');
  assert.ok((await page.locator('[data-testid="law"]').textContent()).length > 20);
});

test("the home page is usable before the search engine has loaded", async () => {
  const page = await site.page();
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/search-root\.[0-9a-f]+\.bin|worker\.[0-9a-f]+\.wasm/, async (route) => { await held; await route.continue(); });
  await page.goto(site.base + "/");
  await page.waitForSelector('html[data-app] [data-testid="topics"] a');
  // The topics work while the engine is still on its way.
  assert.equal(await page.locator('[data-testid="topics"] a', { hasText: "离婚" }).count(), 1);
  await page.locator('[data-testid="search-input"]').fill("离婚");
  await page.waitForSelector("text=正在准备搜索");
  assert.equal(await page.locator('[data-testid="hit"]').count(), 0, "no hits before the engine");
  release();
  await page.waitForSelector('[data-testid="hit"]', { timeout: 20000 });
});

test("the browser and the CLI return the same top five", async () => {
  const queries = ["老板不给工钱", "打官司要多少钱", "儿子不养老人", "包工头跑了", "被狗咬了", "借钱不还", "離婚", "工伤认定",
    "撞了人跑了", "刷单被骗", "彩礼要退吗", "宅基地", "低保怎么申请", "请不起律师", "家暴", "人身安全保护令", "遗嘱", "加班费",
    "ＡＢＣ１２３", "公证要带什么", "被抓了", "社区矫正", "信访", "假种子", "医疗事故", "邻居挡路",
    "我爸七十多了，几个儿子都不给生活费，我们该怎么办", "在工地上摔伤了老板说我是临时工不管"];
  const cli = cliTopIds(queries);
  const page = await site.page();
  const mismatches = [];
  for (const [i, q] of queries.entries()) {
    await page.goto(site.base + "/?q=" + encodeURIComponent(q));
    const ids = await shownIds(page);
    if (JSON.stringify(ids) !== JSON.stringify(cli[i])) mismatches.push({ q, browser: ids, cli: cli[i] });
  }
  assert.deepEqual(mismatches, []);
  assert.ok(cli.filter((ids) => ids.length > 0).length >= 20, "at least 20 queries have hits");
});

test("each hit names its topic, so a wrong topic shows at a glance", async () => {
  const page = await site.page();
  await page.goto(site.base + "/?q=" + encodeURIComponent("我爸七十多了，几个儿子都不给生活费"));
  await page.waitForSelector('[data-testid="hit"]', { timeout: 20000 });
  const first = page.locator('[data-testid="hit"]').first();
  assert.equal(await first.getAttribute("data-topic"), "elderly-support");
  assert.equal((await first.locator('[data-testid="hit-topic"]').textContent()).trim().length > 0, true);
  const names = await page.locator('[data-testid="hit-topic"]').allTextContents();
  assert.ok(names.every((n) => n.trim().length > 0), `every hit shows a topic name: ${names}`);
  assert.deepEqual(page.errors, []);
});

test("when nothing matches well, the topics, the trees and 12348 come first", async () => {
  const page = await site.page();
  await page.goto(site.base + "/?q=" + encodeURIComponent("证券公司的股票怎么买"));
  await page.waitForSelector('[data-testid="weak"]', { timeout: 20000 });
  const weak = page.locator('[data-testid="weak"]');
  assert.equal(await weak.locator('[data-testid="hotline"]').first().getAttribute("href"), "tel:12348");
  assert.equal(await weak.locator('[data-testid="topics"] li').count(), 27);
  assert.ok(await weak.locator('a[href^="/tree/"]').count() > 0, "the decision trees are offered");
  // The weak hits are still there, folded away.
  assert.equal(await page.locator('[data-testid="hit"]').first().isVisible(), false);
  await page.locator(".weak-hits summary").click();
  assert.equal(await page.locator('[data-testid="hit"]').first().isVisible(), true);
  // A real question is not declined.
  await page.goto(site.base + "/?q=" + encodeURIComponent("老板不给工钱"));
  await page.waitForSelector('[data-testid="hit"]', { timeout: 20000 });
  assert.equal(await page.locator('[data-testid="weak"]').count(), 0);
  assert.deepEqual(page.errors, []);
});

test("a strict Content-Security-Policy: no page type breaks it", async () => {
  const page = await site.page();
  const csp = await page.request.get(site.base + "/").then((r) => r.text()).then((html) => html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/));
  assert.ok(csp, "every page carries its policy");
  const policy = csp[1].replace(/&#39;/g, "'");
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(policy, /unsafe-inline/);
  assert.match(policy, /object-src 'none'; base-uri 'none'; form-action 'none'/);
  const pages = [
    ["/?q=%E5%B7%A5%E4%BC%A4", '[data-testid="hit"]'],
    ["/topic/work-injury", 'html[data-app] [data-testid="topic"]'],
    ["/doc/work-injury-recognition", 'html[data-app] [data-testid="doc"]'],
    ["/directory", '[data-testid="directory"]'],
    ["/quiz", "main h1"],
    ["/tree/legal-aid-eligibility", "main h1"],
    ["/calc/court-fee", '[data-testid="calc"]'],
    ["/law/劳动争议调解仲裁法/第二十七条", '[data-testid="law"]'],
  ];
  for (const [path, sel] of pages) {
    await page.goto(site.base + path);
    await page.waitForSelector(sel, { timeout: 30000 });
    await page.waitForFunction(() => !document.getElementById("boot"), null, { timeout: 30000 });
    assert.deepEqual(await page.cspViolations(), [], `no violation on ${path}`);
  }
  // The article page's 返回 goes back, with no inline handler for the policy to block.
  await page.goto(site.base + "/doc/work-injury-recognition");
  await page.waitForFunction(() => !document.getElementById("boot"), null, { timeout: 30000 });
  await page.locator('[data-testid="doc"] .body a.cite-mark').first().click();
  await page.waitForSelector('[data-testid="law"]');
  await page.locator('[data-testid="law"] button.back').click();
  await page.waitForURL(/\/doc\/work-injury-recognition$/);
  assert.deepEqual(await page.cspViolations(), [], "no violation on the way back");
  // And a page whose own scripts are tampered with is stopped by it.
  await page.route(/\/$/, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, body: (await res.text()).replace("<script>", "<script>window.__tampered=1;") });
  });
  await page.goto(site.base + "/");
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__tampered), undefined, "an altered inline script does not run");
  assert.ok((await page.cspViolations()).some((v) => v.startsWith("script-src")), "and the browser reports it");
  assert.deepEqual(page.thirdParty, []);
});
