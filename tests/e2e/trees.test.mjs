// Decision trees in the browser at phone size: the four legal-aid scenarios by tapping answers,
// back and start over, the result link opened in a fresh browser, and resuming a half-done tree.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { startSite, ROOT } from "./helpers.mjs";

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

function cliOutcome(tree, answers) {
  const out = execFileSync(join(ROOT, "target/release/pocketlaw"), ["tree", tree, "--answers", answers.join(".")], { cwd: ROOT });
  return JSON.parse(out.toString()).at.outcome.id;
}

async function tap(page, answers) {
  for (const i of answers) {
    await page.waitForSelector('[data-testid="answer"]');
    await page.locator('[data-testid="answer"]').nth(i).click();
  }
  await page.waitForSelector('[data-testid="tree-result"]');
  return page.locator('[data-testid="tree-result"]').getAttribute("data-outcome");
}

const SCENARIOS = [
  { name: "migrant worker claiming wages", answers: [1, 0, 0], outcome: "yes-migrant-worker" },
  { name: "domestic-violence victim", answers: [2, 0, 1], outcome: "abuse-yes" },
  { name: "低保 family claiming 赡养费", answers: [2, 1, 0], outcome: "support-exempt" },
  { name: "business contract dispute, ordinary means", answers: [4, 0, 1], outcome: "no-not-covered" },
];

for (const s of SCENARIOS) {
  test(`legal aid: ${s.name}`, async () => {
    assert.equal(cliOutcome("legal-aid-eligibility", s.answers), s.outcome, "the CLI agrees");
    const page = await site.page();
    await page.goto(site.base + "/tree/legal-aid-eligibility");
    assert.equal(await tap(page, s.answers), s.outcome);
    assert.match(page.url(), new RegExp(`\\?a=${s.answers.join("\\.")}$`));
    assert.ok(await page.locator('[data-testid="verdict"]').isVisible());
    assert.ok(await page.locator(".citations a.cite").count() > 0, "legal basis with links");
    assert.ok(await page.locator(".checklist input[type=checkbox]").count() > 0, "materials checklist");
    assert.ok(await page.locator('a[href="tel:12348"]').count() > 0, "a button to call 12348");
    // The result link, opened in a fresh browser context, shows the same result.
    const fresh = await site.page();
    await fresh.goto(page.url());
    await fresh.waitForSelector('[data-testid="tree-result"]');
    assert.equal(await fresh.locator('[data-testid="tree-result"]').getAttribute("data-outcome"), s.outcome);
    assert.deepEqual(page.errors, []);
  });
}

test("back, start over and resume", async () => {
  const page = await site.page();
  await page.goto(site.base + "/tree/wage-arrears-path");
  await page.waitForSelector('[data-testid="answer"]');
  const first = await page.locator('[data-testid="tree-question"]').getAttribute("data-question");
  await page.locator('[data-testid="answer"]').nth(0).click();
  await page.waitForSelector(`[data-testid="tree-question"]:not([data-question="${first}"])`);
  await page.locator("text=← 上一题").click();
  await page.waitForSelector(`[data-testid="tree-question"][data-question="${first}"]`);
  await page.locator('[data-testid="answer"]').nth(1).click();
  await page.waitForSelector(`[data-testid="tree-question"]:not([data-question="${first}"])`);
  // Leave and come back: the start page offers to resume.
  await page.goto(site.base + "/");
  await page.goto(site.base + "/tree/wage-arrears-path");
  await page.locator("text=继续上次没答完的问题").click();
  await page.waitForSelector(`[data-testid="tree-question"]:not([data-question="${first}"])`);
  assert.match(page.url(), /\?a=1$/);
  await page.locator("text=重新开始").click();
  await page.waitForSelector(`[data-testid="tree-question"][data-question="${first}"]`);
});
