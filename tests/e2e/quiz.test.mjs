// The monthly quiz at phone size: take this month's quiz with one wrong answer, see the score,
// find the question in the notebook, reload and find notebook and history kept, retry it; resume
// mid-quiz; corrupted and unavailable storage give a notice, not a crash.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { startSite, ROOT } from "./helpers.mjs";

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

function month() {
  const list = JSON.parse(execFileSync(join(ROOT, "target/release/pocketlaw"), ["quiz", "--list", "--json"], { cwd: ROOT }).toString());
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
  const months = list.map((m) => m.month).sort();
  return months.filter((m) => m <= today).pop() || months.pop();
}

function answers(m) {
  const qs = JSON.parse(execFileSync(join(ROOT, "target/release/pocketlaw"), ["quiz", m, "--json"], { cwd: ROOT }).toString());
  return new Map(qs.map((q) => [q.id, q.quiz]));
}

async function answerCurrent(page, key, wrong) {
  await page.waitForSelector('[data-testid="stem"]');
  const id = await page.locator('[data-testid="stem"]').getAttribute("data-id");
  const q = key.get(id);
  const picks = wrong ? [q.options.findIndex((_, i) => !q.answer.includes(i))] : q.answer;
  for (const i of picks) await page.locator('[data-testid="option"]').nth(i).click();
  await page.locator('[data-testid="submit"]').click();
  await page.waitForSelector('[data-testid="feedback"]');
  assert.equal(await page.locator('[data-testid="feedback"]').getAttribute("data-correct"), String(!wrong));
  return id;
}

test("this month's quiz: one wrong, score, notebook, reload, history, retry", async () => {
  const m = month();
  const key = answers(m);
  const page = await site.page();
  await page.goto(site.base + "/");
  await page.locator('[data-testid="quiz-card"]').click();
  await page.waitForURL(new RegExp(`/quiz/month/${m}$`));
  let wrongId;
  for (let i = 0; i < key.size; i++) {
    const id = await answerCurrent(page, key, i === 0);
    if (i === 0) wrongId = id;
    await page.locator('[data-testid="next"]').click();
  }
  await page.waitForSelector('[data-testid="score"]');
  assert.equal(await page.locator('[data-testid="score"]').getAttribute("data-score"), String(key.size - 1));
  assert.match(await page.locator('[data-testid="share-text"]').inputValue(), new RegExp(`${key.size - 1}/${key.size}`));
  await page.reload();
  await page.goto(site.base + "/quiz");
  await page.waitForSelector('[data-testid="quiz-hub"]');
  assert.match(await page.locator('[data-testid="quiz-hub"]').textContent(), /错题本（1 题）/);
  await page.goto(site.base + "/quiz/history");
  await page.waitForSelector('[data-testid="history-row"]');
  await page.goto(site.base + "/quiz/notebook");
  await page.waitForSelector('[data-testid="stem"]');
  assert.equal(await page.locator('[data-testid="stem"]').getAttribute("data-id"), wrongId);
  await answerCurrent(page, key, false);
  assert.deepEqual(page.errors, []);
});

test("leaving mid-quiz and coming back resumes", async () => {
  const m = month();
  const key = answers(m);
  const page = await site.page();
  await page.goto(site.base + `/quiz/month/${m}`);
  await answerCurrent(page, key, false);
  await page.locator('[data-testid="next"]').click();
  await answerCurrent(page, key, false);
  await page.locator('[data-testid="next"]').click();
  await page.goto(site.base + "/");
  await page.goto(site.base + `/quiz/month/${m}`);
  await page.waitForSelector('[data-testid="stem"]');
  assert.match(await page.locator(".progress").textContent(), /第 3 题/);
});

test("corrupted stored progress gives a notice, not a crash", async () => {
  const page = await site.page();
  await page.addInitScript(() => localStorage.setItem("pocketlaw.quiz", "{not json"));
  await page.goto(site.base + "/quiz");
  await page.waitForSelector('[data-testid="storage-notice"]');
  assert.match(await page.locator('[data-testid="storage-notice"]').textContent(), /重新开始/);
  assert.deepEqual(page.errors, []);
});

test("without storage the quiz still works and says progress is not kept", async () => {
  const m = month();
  const key = answers(m);
  const page = await site.page();
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", { get() { throw new DOMException("denied", "SecurityError"); } });
  });
  await page.goto(site.base + `/quiz/month/${m}`);
  await page.waitForSelector('[data-testid="storage-notice"]');
  assert.match(await page.locator('[data-testid="storage-notice"]').textContent(), /不会保留/);
  await answerCurrent(page, key, false);
  assert.deepEqual(page.errors, []);
});

test("a full storage quota on save gives a notice, and what was saved before is kept", async () => {
  const m = month();
  const key = answers(m);
  const page = await site.page();
  await page.goto(site.base + `/quiz/month/${m}`);
  await answerCurrent(page, key, false);
  await page.locator('[data-testid="next"]').click();
  const saved = await page.evaluate(() => localStorage.getItem("pocketlaw.quiz"));
  assert.ok(saved && saved.length > 10, "the first answer was saved");
  // The phone's storage fills up: every write now fails as browsers report it.
  await page.evaluate(() => {
    window.__setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
  });
  await answerCurrent(page, key, false);
  await page.waitForSelector('[data-testid="storage-notice"]');
  assert.match(await page.locator('[data-testid="storage-notice"]').textContent(), /没能保存/);
  assert.equal(await page.evaluate(() => localStorage.getItem("pocketlaw.quiz")), saved, "nothing saved earlier is lost");
  // Space again: the quiz resumes from what was kept.
  await page.evaluate(() => { Storage.prototype.setItem = window.__setItem; });
  await page.goto(site.base + `/quiz/month/${m}`);
  await page.waitForSelector('[data-testid="stem"]');
  assert.match(await page.locator(".progress").textContent(), /第 2 题/);
  assert.deepEqual(page.errors, []);
});
