// Legal forms in the browser at phone size: fill in the 劳动仲裁申请书 one question a screen,
// leave half-way and resume from the phone's storage, then the finished paper: the same text as
// `pocketlaw form --text` (one engine), copied as text, and printed to one A4 page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startSite, ROOT } from "./helpers.mjs";

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const ANSWERS_FILE = join(ROOT, "tests/fixtures/forms/labor-arbitration.json");
const ANSWERS = JSON.parse(readFileSync(ANSWERS_FILE, "utf8"));

function cliText() {
  return execFileSync(join(ROOT, "target/release/pocketlaw"), ["form", "labor-arbitration", "--answers", ANSWERS_FILE, "--text"], { cwd: ROOT }).toString();
}

/// Answers the question on screen from ANSWERS (skipping what the file leaves out); returns its id.
async function answerOne(page) {
  const q = page.locator('[data-testid="form-question"]');
  await q.waitFor();
  const id = await q.getAttribute("data-question");
  const value = ANSWERS[id];
  if (await page.locator('[data-testid="form-choice"]').count() > 0) {
    assert.ok(value !== undefined, `no answer for the choice ${id}`);
    await page.locator('[data-testid="form-choice"]', { hasText: value }).click();
  } else if (value === undefined) {
    await page.locator('[data-testid="form-skip"]').click();
  } else {
    await page.locator('[data-testid="form-input"]').fill(value);
    await page.locator('[data-testid="form-next"]').click();
  }
  // The next screen: another question, or the paper.
  await page.waitForFunction((prev) => {
    const el = document.querySelector('[data-testid="form-question"]');
    return document.querySelector('[data-testid="form-result"]') || (el && el.dataset.question !== prev);
  }, id);
  return id;
}

test("the arbitration application: fill, leave, resume, copy, print on one A4 page", async () => {
  const page = await site.page();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.base });
  // The list, then the form's start page.
  await page.goto(site.base + "/form");
  await page.locator('[data-testid="form-link"][data-id="labor-arbitration"] a').click();
  await page.locator('[data-testid="form-begin"]').click();

  // A bad answer stays on its screen with a message beside it.
  await page.locator('[data-testid="form-question"][data-question="name"]').waitFor();
  await page.locator('[data-testid="form-next"]').click();
  assert.match(await page.locator('[data-testid="form-error"]').innerText(), /不能空着/);
  assert.equal(await page.locator('[data-testid="form-question"]').getAttribute("data-question"), "name");

  // Six questions, then leave.
  const done = [];
  for (let i = 0; i < 6; i++) done.push(await answerOne(page));
  const next = await page.locator('[data-testid="form-question"]').getAttribute("data-question");
  await page.goto(site.base + "/");
  await page.goto(site.base + "/form/labor-arbitration");
  // Resume where it stopped; the earlier answers are still there.
  await page.locator('[data-testid="form-resume"] a').click();
  await page.locator(`[data-testid="form-question"][data-question="${next}"]`).waitFor();
  await page.locator("text=← 上一题").click();
  await page.locator(`[data-testid="form-question"][data-question="${done.at(-1)}"]`).waitFor();
  if (await page.locator('[data-testid="form-input"]').count() > 0) {
    assert.equal(await page.locator('[data-testid="form-input"]').inputValue(), ANSWERS[done.at(-1)] ?? "");
  }
  while (await page.locator('[data-testid="form-result"]').count() === 0) await answerOne(page);

  // The paper carries the answers, and its text is exactly the CLI's.
  const paper = await page.locator('[data-testid="paper"]').innerText();
  for (const want of ["劳动争议仲裁申请书", ANSWERS.name, ANSWERS.employer, "支付拖欠的工资8000元", "此致"]) assert.ok(paper.includes(want), want);
  const text = await page.locator('[data-testid="copy-text"]').inputValue();
  assert.equal(text, cliText(), "the app and `pocketlaw form --text` give the same text");
  assert.ok(await page.locator('[data-testid="handin"] .cite-mark').count() > 0, "the hand-in block cites the law");
  assert.ok(await page.locator('[data-testid="handin"] a[href="/directory#county-labor-arbitration"]').count() > 0);

  // 复制文字.
  await page.locator('[data-testid="form-copy"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="copy-status"]').textContent.trim() !== "");
  assert.match(await page.locator('[data-testid="copy-status"]').innerText(), /已复制/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text, "the clipboard holds the document's text");

  // Printing: the app around the paper is hidden, the paper is shown…
  await page.emulateMedia({ media: "print" });
  for (const sel of ["header", "footer", '[data-testid="form-print"]', '[data-testid="handin"]', ".hotline"]) {
    assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} is hidden in print`);
  }
  assert.ok(await page.locator('[data-testid="paper"]').isVisible());
  // … and fits one A4 page: at the printed width (210 mm less 2 × 18 mm), no taller than 297 mm
  // less 2 × 20 mm.
  const mm = 96 / 25.4;
  await page.setViewportSize({ width: Math.floor(174 * mm), height: 1100 });
  const height = await page.evaluate(() => {
    const r = document.querySelector('[data-testid="paper"]').getBoundingClientRect();
    return r.bottom + window.scrollY - (document.querySelector("main").getBoundingClientRect().top + window.scrollY);
  });
  assert.ok(height <= 257 * mm, `the paper is ${Math.round(height / mm)} mm tall; one A4 page holds 257 mm`);
  const pdf = (await page.pdf({ format: "A4" })).toString("latin1");
  const pages = (pdf.match(/\/Type\s*\/Page(?!s)/g) || []).length;
  assert.equal(pages, 1, "the PDF has one page");
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.thirdParty, []);
  assert.deepEqual(await page.cspViolations(), []);
});

test("a form's page works as a deep link, and the start page can clear the answers", async () => {
  const page = await site.page();
  await page.goto(site.base + "/form/iou");
  await page.locator('[data-testid="form-start"][data-id="iou"]').waitFor();
  assert.equal(await page.locator('[data-testid="form-resume"]').count(), 0, "nothing saved yet");
  await page.locator('[data-testid="form-begin"]').click();
  await page.locator('[data-testid="form-input"]').fill("张三");
  await page.locator('[data-testid="form-next"]').click();
  await page.locator('[data-testid="form-question"][data-question="lender_id"]').waitFor();
  // A wrong identity number is caught on its screen.
  await page.locator('[data-testid="form-input"]').fill("110105194912310021");
  await page.locator('[data-testid="form-next"]').click();
  assert.match(await page.locator('[data-testid="form-error"]').innerText(), /对不上/);
  await page.goto(site.base + "/form/iou");
  await page.locator('[data-testid="form-resume"]').waitFor();
  await page.locator('[data-testid="form-clear"]').click();
  await page.goto(site.base + "/form/iou");
  await page.locator('[data-testid="form-start"]').waitFor();
  assert.equal(await page.locator('[data-testid="form-resume"]').count(), 0, "cleared");
  assert.deepEqual(page.errors, []);
});
