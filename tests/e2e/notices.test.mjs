// Notices (通知公告): the real content ships none, so these tests build the site once more from a
// copy of content/ with the notices in tests/fixtures/notices (the same `pocketlaw site`, with
// --content), then check the home page, the "new" mark, the notice's own page and offline use.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { startSite, offlineReady, ROOT } from "./helpers.mjs";

const OUT = join(ROOT, "target", "e2e-notices");
let site;

before(async () => {
  const content = mkdtempSync(join(tmpdir(), "pl-notices-"));
  cpSync(join(ROOT, "content"), content, { recursive: true });
  for (const f of readdirSync(join(ROOT, "tests/fixtures/notices"))) cpSync(join(ROOT, "tests/fixtures/notices", f), join(content, "notices", f));
  rmSync(OUT, { recursive: true, force: true });
  execFileSync(join(ROOT, "target/release/pocketlaw"), ["site", "--content", content, "--app", join(ROOT, "target/site-wasm"), "--out", OUT], { cwd: ROOT, stdio: "pipe" });
  rmSync(content, { recursive: true, force: true });
  site = await startSite(OUT);
});
after(async () => { await site.close(); });

const ID = "fixture-legal-aid-day";

test("a notice shows on the home page, marked new until this phone has shown it, and opens its own page", async () => {
  const page = await site.page();
  // Before the app: the boot shell lists it, with its dates (it cannot know today's date).
  await page.route(/\/assets\/app\.[0-9a-f]+\.wasm$/, (route) => route.abort());
  await page.goto(site.base + "/");
  const boot = page.locator(`#boot [data-testid="notice"][data-id="${ID}"]`);
  await boot.waitFor();
  assert.match(await boot.textContent(), /测试通知：法律援助咨询日.*2026-11-20 发布 · 有效期至 2099-12-31/);
  await page.unroute(/\/assets\/app\.[0-9a-f]+\.wasm$/);
  // The app: what applies today, newest first, the expired one left out, marked new once.
  await page.goto(site.base + "/");
  await page.waitForSelector('html[data-app] [data-testid="topics"] a');
  const notices = page.locator('[data-testid="notices"] [data-testid="notice"]');
  assert.deepEqual(await notices.evaluateAll((els) => els.map((e) => e.dataset.id)), [ID], "the expired notice is not shown");
  assert.equal(await notices.first().locator('[data-testid="new-mark"]').textContent(), "新");
  await page.reload();
  await page.waitForSelector('html[data-app] [data-testid="notices"] [data-testid="notice"]');
  assert.equal(await page.locator('[data-testid="new-mark"]').count(), 0, "seen on the last visit: no longer new");
  // Its own page, with its citation mark.
  await page.locator(`[data-testid="notice"] a`).first().click();
  await page.waitForSelector('[data-testid="notice-page"]');
  assert.match(page.url(), new RegExp(`/notice/${ID}$`));
  assert.equal((await page.locator('[data-testid="notice-page"] h1').textContent()).trim(), "测试通知：法律援助咨询日");
  assert.equal(await page.locator('[data-testid="notice-page"] a.cite-mark').getAttribute("href"), "/law/法律援助法/第四十一条");
  assert.deepEqual(page.errors, []);
});

test("a shared notice link opens on a plain static host, and an unknown one says not found", async () => {
  const page = await site.page();
  const resp = await page.goto(site.base + `/notice/${ID}`);
  assert.equal(resp.status(), 200);
  assert.match(await page.title(), /测试通知：法律援助咨询日/);
  await page.waitForSelector('[data-testid="notice-page"]');
  await page.goto(site.base + "/notice/no-such-notice");
  await page.waitForSelector('[data-testid="not-found"]', { timeout: 20000 });
  assert.deepEqual(page.errors, []);
});

test("notices work offline", async () => {
  const page = await site.page();
  await page.goto(site.base + "/");
  await page.waitForSelector('[data-testid="notices"]');
  await offlineReady(page);
  await page.context().setOffline(true);
  await page.reload();
  await page.waitForSelector(`[data-testid="notices"] [data-testid="notice"][data-id="${ID}"]`);
  await page.goto(site.base + `/notice/${ID}`);
  await page.waitForSelector('[data-testid="notice-page"]', { timeout: 20000 });
  assert.match(await page.locator('[data-testid="notice-page"]').textContent(), /法律援助/);
  assert.deepEqual(page.errors, []);
});
