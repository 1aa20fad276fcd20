// Accessibility at phone size: axe-core finds no violations on any page type, and doubling the
// root font size (WeChat's text size, browser zoom 200%) breaks no layout.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startSite, ROOT } from "./helpers.mjs";

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const PAGES = [
  ["home", "/", '[data-testid="topics"] a'],
  ["search", "/?q=%E5%B7%A5%E9%92%B1", '[data-testid="hit"]'],
  ["guide", "/doc/wage-arrears-claim", '[data-testid="doc"]'],
  ["faq", "/doc/faq-wage-arrears-boss-ran-away", '[data-testid="doc"]'],
  ["topic", "/topic/wage-arrears", '[data-testid="topic"]'],
  ["tree question", "/tree/legal-aid-eligibility", '[data-testid="tree-question"]'],
  ["tree result", "/tree/legal-aid-eligibility?a=1.0.0", '[data-testid="tree-result"]'],
  ["quiz hub", "/quiz", '[data-testid="quiz-hub"]'],
  ["quiz question", "/quiz/month/2026-03", '[data-testid="stem"]'],
  ["directory", "/directory", '[data-testid="directory"]'],
  ["law", "/law/劳动争议调解仲裁法/第二十七条", '[data-testid="law"]'],
  ["not found", "/nowhere", '[data-testid="not-found"]'],
];

test("axe-core: no violations on any page type", async () => {
  const page = await site.page();
  const found = [];
  for (const [name, path, sel] of PAGES) {
    await page.goto(site.base + path);
    await page.waitForSelector(sel, { timeout: 20000 });
    await page.addScriptTag({ path: join(ROOT, "node_modules/axe-core/axe.min.js") });
    const v = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations
      .map((x) => `${x.id}: ${x.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`));
    if (v.length) found.push(`${name}: ${v.join("; ")}`);
  }
  assert.deepEqual(found, []);
});

test("root font size doubled: nothing overflows sideways", async () => {
  const page = await site.page();
  const overflow = [];
  for (const [name, path, sel] of PAGES) {
    await page.goto(site.base + path);
    await page.waitForSelector(sel, { timeout: 20000 });
    await page.addStyleTag({ content: "html { font-size: 225% !important; }" });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (wide > 1) overflow.push(`${name}: ${wide}px too wide`);
  }
  assert.deepEqual(overflow, []);
});

test("text size switch: large and extra-large, remembered", async () => {
  const page = await site.page();
  await page.goto(site.base + "/doc/wage-arrears-claim");
  await page.waitForSelector('[data-testid="doc"]');
  const px = (sel, prop) => page.locator(sel).first().evaluate((e, p) => parseFloat(getComputedStyle(e)[p]), prop);
  assert.ok(await px(".body p", "fontSize") >= 18, "standard body text is at least 18px");
  await page.locator('[data-testid="size-large"]').click();
  assert.ok(await px(".body p", "fontSize") >= 18);
  assert.ok(await px(".body p", "lineHeight") / await px(".body p", "fontSize") >= 1.5, "line height ≥ 1.5");
  assert.ok(await px('[data-testid="size-large"]', "height") >= 60, "tap targets ≥ 60px in the elderly mode");
  await page.locator('[data-testid="size-xlarge"]').click();
  assert.ok(await px("h1", "fontSize") >= 30, "headings ≥ 30px in extra-large");
  await page.reload();
  await page.waitForSelector('[data-testid="doc"]');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.size), "xlarge");
  assert.ok(await px("h1", "fontSize") >= 30);
});

test("read-aloud is hidden when the browser has no Chinese voice", async () => {
  const page = await site.page();
  await page.addInitScript(() => { if (window.speechSynthesis) speechSynthesis.getVoices = () => []; });
  await page.goto(site.base + "/doc/wage-arrears-claim");
  await page.waitForSelector('[data-testid="doc"]');
  assert.equal(await page.locator('[data-testid="read-aloud"]').count(), 0);
});
