// Calculators (算一算) in the browser at phone size: the engine's figures and messages, the same as
// the CLI's; bad input gets a message on its field and no number; a reminder file for the
// calendar; typed values kept for the next visit; offline.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { startSite, offlineReady, ROOT } from "./helpers.mjs";

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const cli = (...args) => JSON.parse(execFileSync(join(ROOT, "target/release/pocketlaw"), ["calc", ...args, "--json"], { encoding: "utf8" }));

test("the court-fee calculator gives the CLI's figures, and keeps what was typed", async () => {
  const page = await site.page();
  await page.goto(site.base + "/");
  await page.locator('a[href="/calc"]').first().click();
  await page.waitForSelector('[data-testid="calc-list"]');
  await page.locator('a[href="/calc/court-fee"]').click();
  await page.waitForSelector('[data-testid="calc"][data-id="court-fee"]');
  await page.getByLabel("要求对方给的钱（元）").fill("50000");
  await page.locator('[data-testid="calc-run"]').click();
  const result = page.locator('[data-testid="calc-result"]');
  await result.waitFor();
  const want = cli("court-fee", "amount=50000");
  const fee = want.figures.find((f) => f.key === "fee");
  assert.equal(Number(fee.value.yuan), 1050);
  assert.equal((await result.locator('[data-key="fee"] .figure').textContent()).trim(), fee.text);
  assert.equal((await result.locator('[data-key="fee_simplified"] .figure').textContent()).trim(), want.figures.find((f) => f.key === "fee_simplified").text);
  assert.match(await result.textContent(), /《诉讼费用交纳办法》第十三条/);
  // Kept on the phone for the next visit.
  await page.reload();
  await page.waitForSelector('[data-testid="calc"][data-id="court-fee"]');
  assert.equal(await page.getByLabel("要求对方给的钱（元）").inputValue(), "50000");
  assert.deepEqual(page.errors, []);
});

test("bad input gets a message on its field and no number", async () => {
  const page = await site.page();
  await page.goto(site.base + "/calc/court-fee");
  await page.waitForSelector('[data-testid="calc"]');
  for (const bad of ["-100", "五万块abc"]) {
    await page.getByLabel("要求对方给的钱（元）").fill(bad);
    await page.locator('[data-testid="calc-run"]').click();
    const field = page.locator('.field[data-key="amount"]');
    await field.locator('[data-testid="field-error"]:not(:empty)').waitFor();
    assert.equal(await field.locator("input").getAttribute("aria-invalid"), "true");
    assert.equal(await page.locator('[data-testid="calc-result"]').count(), 0, `no result for ${bad}`);
  }
  // A date in the future where the event must have happened.
  await page.goto(site.base + "/calc/deadline");
  await page.waitForSelector('[data-testid="calc"][data-id="deadline"]');
  await page.locator('.field[data-key="kind"] select').selectOption({ index: 1 });
  const date = page.locator('.field input[type="date"]').first();
  await date.fill("2099-01-01");
  await page.locator('[data-testid="calc-run"]').click();
  await page.locator('.field.invalid [data-testid="field-error"]').first().waitFor();
  assert.equal(await page.locator('[data-testid="calc-result"]').count(), 0);
  assert.deepEqual(page.errors, []);
});

test("a deadline offers a calendar reminder, and calculators work offline", async () => {
  const page = await site.page();
  await page.goto(site.base + "/calc/deadline");
  await page.waitForSelector('[data-testid="calc"][data-id="deadline"]');
  await offlineReady(page);
  await page.context().setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-testid="calc"][data-id="deadline"]');
  await page.locator('.field[data-key="kind"] select').selectOption({ index: 1 });
  await page.locator('.field input[type="date"]').first().fill("2024-02-29");
  await page.locator('[data-testid="calc-run"]').click();
  await page.locator('[data-testid="calc-result"]').waitFor();
  const href = await page.locator('[data-testid="calc-ics"]').getAttribute("href");
  const ics = decodeURIComponent(href.slice(href.indexOf(",") + 1));
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /BEGIN:VEVENT\r\n/);
  assert.match(ics, /DTSTART;VALUE=DATE:\d{8}/);
  assert.deepEqual(page.errors, []);
});
