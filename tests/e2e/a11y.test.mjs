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
  ["home", "/", 'html[data-app] [data-testid="topics"] a'],
  ["search", "/?q=%E5%B7%A5%E9%92%B1", '[data-testid="hit"]'],
  ["guide", "/doc/wage-arrears-claim", 'html[data-app] [data-testid="doc"]'],
  ["faq", "/doc/faq-wage-arrears-boss-ran-away", 'html[data-app] [data-testid="doc"]'],
  ["topic", "/topic/wage-arrears", 'html[data-app] [data-testid="topic"]'],
  ["tree question", "/tree/legal-aid-eligibility", '[data-testid="tree-question"]'],
  ["tree result", "/tree/legal-aid-eligibility?a=1.0.0", '[data-testid="tree-result"]'],
  ["quiz hub", "/quiz", '[data-testid="quiz-hub"]'],
  ["quiz question", "/quiz/month/2026-03", '[data-testid="stem"]'],
  ["directory", "/directory", '[data-testid="directory"]'],
  // The app's article, not the static one it replaces (it loads the article texts first).
  ["law", "/law/劳动争议调解仲裁法/第二十七条", 'html[data-app] [data-testid="law"] h1'],
  ["not found", "/nowhere", '[data-testid="not-found"]'],
];

// These two inject a tool (axe-core) or a style into the page: the site's own
// Content-Security-Policy would rightly refuse them, so their contexts bypass it.
test("axe-core: no violations on any page type", async () => {
  const page = await site.page({ bypassCSP: true });
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
  const page = await site.page({ bypassCSP: true });
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
  await page.waitForSelector('html[data-app] [data-testid="doc"]');
  const px = (sel, prop) => page.locator(sel).first().evaluate((e, p) => parseFloat(getComputedStyle(e)[p]), prop);
  assert.ok(await px(".body p", "fontSize") >= 18, "standard body text is at least 18px");
  await page.locator('[data-testid="size-large"]').click();
  assert.ok(await px(".body p", "fontSize") >= 18);
  assert.ok(await px(".body p", "lineHeight") / await px(".body p", "fontSize") >= 1.5, "line height ≥ 1.5");
  assert.ok(await px('[data-testid="size-large"]', "height") >= 60, "tap targets ≥ 60px in the elderly mode");
  await page.locator('[data-testid="size-xlarge"]').click();
  assert.ok(await px("h1", "fontSize") >= 30, "headings ≥ 30px in extra-large");
  await page.reload();
  await page.waitForSelector('html[data-app] [data-testid="doc"]');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.size), "xlarge");
  assert.ok(await px("h1", "fontSize") >= 30);
});

test("read-aloud is hidden when the browser has no Chinese voice", async () => {
  const page = await site.page();
  await page.addInitScript(() => { if (window.speechSynthesis) speechSynthesis.getVoices = () => []; });
  await page.goto(site.base + "/doc/wage-arrears-claim");
  await page.waitForSelector('html[data-app] [data-testid="doc"]');
  assert.equal(await page.locator('[data-testid="read-aloud"]').count(), 0);
});

/// A stand-in for the phone's speech engine with one zh-CN voice: headless Chromium has no voices.
/// It records what the app asks of it; `speechSynthesis.finish()` ends the current utterance.
function fakeSpeech() {
  const log = [];
  window.__speech = log;
  const voice = Object.create(SpeechSynthesisVoice.prototype, {
    lang: { value: "zh-CN" }, name: { value: "普通话（测试）" }, voiceURI: { value: "test-zh" }, default: { value: true }, localService: { value: true },
  });
  let current = null;
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.lang = ""; this.voice = null; this.rate = 1; this.onend = null; }
  };
  Object.defineProperty(window, "speechSynthesis", {
    configurable: true,
    value: {
      onvoiceschanged: null,
      getVoices: () => [voice],
      speak(u) { current = u; log.push({ op: "speak", text: u.text, lang: u.lang, voice: u.voice && u.voice.name }); },
      pause() { log.push({ op: "pause" }); },
      resume() { log.push({ op: "resume" }); },
      cancel() { log.push({ op: "cancel" }); current = null; },
      finish() { const u = current; current = null; if (u && u.onend) u.onend(); },
    },
  });
}

test("read-aloud with a Chinese voice: on guides, FAQs, tree questions and results; read, pause, resume, stop", async () => {
  const page = await site.page();
  await page.addInitScript(fakeSpeech);
  for (const [path, sel] of [["/doc/faq-wage-arrears-boss-ran-away", 'html[data-app] [data-testid="doc"]'], ["/tree/legal-aid-eligibility", '[data-testid="tree-question"]'],
    ["/tree/legal-aid-eligibility?a=1.0.0", '[data-testid="tree-result"]'], ["/doc/wage-arrears-claim", 'html[data-app] [data-testid="doc"]']]) {
    await page.goto(site.base + path);
    await page.waitForSelector(sel);
    assert.equal(await page.locator(`${sel} [data-testid="read-aloud"]`).count(), 1, `read-aloud on ${path}`);
  }
  const group = page.locator('[data-testid="read-aloud"]');
  const [read, pause, stop] = [group.locator("button").nth(0), group.locator("button").nth(1), group.locator("button").nth(2)];
  assert.ok(await pause.isDisabled() && await stop.isDisabled(), "nothing to pause or stop yet");
  await read.click();
  const log = () => page.evaluate(() => window.__speech);
  const spoken = (await log()).filter((e) => e.op === "speak");
  assert.equal(spoken.length, 1);
  assert.equal(spoken[0].lang, "zh-CN");
  assert.equal(spoken[0].voice, "普通话（测试）");
  const title = await page.locator('[data-testid="doc"] h1').textContent();
  assert.ok(spoken[0].text.startsWith(await page.locator('[data-testid="doc"] .crumbs').textContent()), "reads from the top");
  assert.ok(spoken[0].text.includes(title), "reads the title");
  assert.ok(spoken[0].text.includes((await page.locator('[data-testid="doc"] .body p').first().evaluate((p) => {
    const c = p.cloneNode(true);
    c.querySelectorAll(".cite-mark").forEach((m) => m.remove());
    return c.textContent;
  })).trim()), "reads the body");
  assert.ok(!/暂停|停止/.test(spoken[0].text), "does not read its own buttons");
  await pause.click();
  assert.equal((await log()).at(-1).op, "pause");
  assert.match(await read.textContent(), /继续/);
  await read.click();
  assert.equal((await log()).at(-1).op, "resume");
  await stop.click();
  assert.equal((await log()).at(-1).op, "cancel");
  assert.ok(await stop.isDisabled());
  // Reading to the end returns the buttons to the start.
  await read.click();
  await page.evaluate(() => speechSynthesis.finish());
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="read-aloud"] button')[2].disabled);
  // Leaving the page stops the voice.
  await read.click();
  await page.locator('[data-testid="doc"] .crumbs a').click();
  await page.waitForSelector('html[data-app] [data-testid="topic"]');
  assert.equal((await log()).at(-1).op, "cancel");
  assert.deepEqual(page.errors, []);
});

test("read-aloud skips the citation marks and the legal basis, unless asked to read the law too", async () => {
  const page = await site.page();
  await page.addInitScript(fakeSpeech);
  await page.goto(site.base + "/doc/work-injury-recognition");
  await page.waitForSelector('html[data-app] [data-testid="doc"] [data-testid="read-aloud"]');
  const cited = (await page.locator('[data-testid="doc"] .body a.cite-mark .ct').first().textContent()).trim();
  assert.match(cited, /《.+》第.+条/);
  const group = page.locator('[data-testid="read-aloud"]');
  const spoken = async () => (await page.evaluate(() => window.__speech)).filter((e) => e.op === "speak").at(-1).text;
  await group.locator("button").first().click();
  const plain = await spoken();
  assert.ok(plain.length > 300, "reads the guide");
  assert.ok(!plain.includes(cited), "skips the marks");
  const count = (t, w) => t.split(w).length - 1;
  assert.ok(!/（《/.test(plain), "no bracket of citations is read");
  assert.equal(await page.locator('[data-testid="doc"] .body a.cite-mark').first().isVisible(), true, "the marks are still on screen");
  await group.locator("button").nth(2).click();
  await group.getByLabel("连法条一起读").check();
  await group.locator("button").first().click();
  const withLaw = await spoken();
  assert.ok(withLaw.includes(cited), "reads the law when asked");
  assert.equal(count(withLaw, "法律依据"), count(plain, "法律依据") + 1, "the list of the legal basis is read only when asked");
  assert.deepEqual(page.errors, []);
});

test("keyboard only: skip link, visible focus, search, and a tree answered with Enter", async () => {
  const page = await site.page({ hasTouch: false, isMobile: false });
  await page.goto(site.base + "/");
  await page.waitForSelector('html[data-app] [data-testid="topics"] a');
  const focused = () => page.evaluate(() => {
    const e = document.activeElement;
    const s = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    return { tag: e.tagName, id: e.id, cls: e.className, text: (e.textContent || "").trim().slice(0, 20), outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
      visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.left < innerWidth };
  });
  await page.keyboard.press("Tab");
  let f = await focused();
  assert.equal(f.cls, "skip", "the first Tab lands on 跳到正文");
  assert.ok(f.visible && f.outline, "and it shows");
  await page.keyboard.press("Enter");
  assert.equal((await focused()).id, "main", "Enter moves to the main content");
  // From the top, every stop shows a focus ring, and the search box is reached.
  await page.goto(site.base + "/");
  await page.waitForSelector('html[data-app] [data-testid="topics"] a');
  const stops = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    f = await focused();
    stops.push(f);
    if (f.id === "q") break;
  }
  assert.deepEqual(stops.filter((s) => !s.outline || !s.visible), [], "every focused control is visible with a ring");
  assert.equal(stops.at(-1).id, "q", `the search box is reached by Tab (${stops.map((s) => s.text || s.id).join(" → ")})`);
  await page.keyboard.type("工钱");
  await page.waitForSelector('[data-testid="hit"]', { timeout: 30000 });
  // A decision tree, answered with Tab and Enter only.
  await page.goto(site.base + "/tree/legal-aid-eligibility");
  await page.waitForSelector('[data-testid="tree-question"]');
  const first = await page.locator('[data-testid="tree-question"]').getAttribute("data-question");
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement.dataset.testid === "answer")) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "answer");
  await page.keyboard.press("Enter");
  await page.waitForFunction((q) => document.querySelector('[data-testid="tree-question"]')?.dataset.question !== q, first);
  assert.deepEqual(page.errors, []);
});
