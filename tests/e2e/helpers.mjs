// Shared by the end-to-end tests: the built site (dist/) on a plain static server, and headless
// Chromium at a phone viewport. Run through `scripts/test.sh`, which builds dist/ first.
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "../../scripts/serve.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIST = process.env.DIST || join(ROOT, "dist");
export const PHONE = { width: 360, height: 740 };

export async function startSite(dist = DIST) {
  const server = await serve(dist, 0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  return {
    base,
    browser,
    /// How many requests for each path have reached the server so far.
    hits: () => new Map(server.hits),
    async page(options = {}) {
      const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN", ...options });
      const page = await context.newPage();
      page.errors = [];
      page.on("pageerror", (e) => page.errors.push(String(e)));
      // Privacy: the app must never ask another host for anything.
      page.thirdParty = [];
      page.on("request", (r) => { if (!r.url().startsWith(base) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) page.thirdParty.push(r.url()); });
      // The Content-Security-Policy: every violation is noted (page.cspViolations()).
      await context.addInitScript(() => {
        window.__csp = [];
        document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
      });
      page.cspViolations = () => page.evaluate(() => window.__csp || []);
      return page;
    },
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/// Top hits from the CLI, for the same queries (the CLI embeds the same index bytes).
export function cliTopIds(queries, limit = 5) {
  const bin = join(ROOT, "target", "release", "pocketlaw");
  const out = execFileSync(bin, ["search", "--batch", "--json", "--limit", String(limit)], { input: queries.join("\n") + "\n", cwd: ROOT });
  return out.toString().trim().split("\n").map((l) => JSON.parse(l).map((h) => h.id));
}

/// Waits for the search to settle and returns the ids shown.
export async function shownIds(page, limit = 5) {
  // A weak answer folds its hits away (inside <details>): they still count, in order.
  await page.waitForSelector('[data-testid="hits"], [data-testid="no-hits"], [data-testid="weak"]', { timeout: 20000 });
  return page.$$eval('[data-testid="hit"]', (els, n) => els.slice(0, n).map((e) => e.dataset.id), limit);
}

/// Waits until the service worker controls the page (the offline copy is in place).
export async function offlineReady(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    }
  });
}
