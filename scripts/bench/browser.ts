/**
 * §4 Pages in a real browser: Debian Chromium through Playwright against the
 * production build, with the 50,000-merchant index. LCP and CLS of the list and
 * of a merchant page (fresh browser context, so a cold HTTP cache, each load);
 * time from a keystroke in "Search merchants" to the updated rows being painted;
 * time from a "Primary color" change to the repainted "Preview" (the theme
 * editor's own User Timing measure, lib/theme/perf.ts).
 */
import { type Browser, chromium, type Page } from "@playwright/test";
import { type BenchResult, log, median, notBuilt, QUICK, result } from "./lib";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Installed before any page script: buffered LCP and CLS (shifts without recent input). */
const VITALS = `
  window.__vitals = { lcp: 0, cls: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__vitals.lcp = e.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__vitals.cls += e.value;
  }).observe({ type: "layout-shift", buffered: true });
`;

async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

async function vitalsOf(browser: Browser, storageState: string, url: string, ready: (p: Page) => Promise<void>) {
  const context = await browser.newContext({ storageState: JSON.parse(storageState) });
  try {
    const page = await context.newPage();
    await page.addInitScript(VITALS);
    await page.goto(url, { waitUntil: "load" });
    await ready(page);
    await page.waitForTimeout(500);
    return (await page.evaluate("window.__vitals")) as { lcp: number; cls: number };
  } finally {
    await context.close();
  }
}

/** Keystroke → the first row's text changed → the next frame painted, timed inside the page. */
async function searchOnce(page: Page, key: string): Promise<number> {
  const input = page.getByLabel("Search merchants");
  await input.focus();
  // A string, not a function: tsx would wrap named arrows in a helper the page does not have.
  await page.evaluate(`(() => {
    const el = document.activeElement;
    const main = document.querySelector("main");
    const firstRow = () => document.querySelector("table tbody tr")?.textContent ?? "";
    const before = firstRow();
    window.__search = new Promise((resolve, reject) => {
      if (!el || !main) return reject(new Error("no search box"));
      let start = 0;
      el.addEventListener("keydown", (e) => { start = e.timeStamp; }, { once: true });
      const observer = new MutationObserver(() => {
        if (!start || firstRow() === before) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
      });
      observer.observe(main, { childList: true, subtree: true, characterData: true });
      setTimeout(() => reject(new Error("the rows did not change within 10 s")), 10000);
    });
  })()`);
  await page.keyboard.press(key);
  return (await page.evaluate("window.__search")) as number;
}

export interface BrowserTargets {
  consoleUrl: string;
  email: string;
  password: string;
  accountId: string;
}

export async function measureBrowser(t: BrowserTargets): Promise<BenchResult[]> {
  const reps = QUICK ? 2 : 5;
  const out: BenchResult[] = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, t.consoleUrl, t.email, t.password);
    const storageState = JSON.stringify(await context.storageState());

    const pages: Record<string, { url: string; ready: (p: Page) => Promise<void> }> = {
      merchants: {
        url: `${t.consoleUrl}/merchants`,
        ready: (p) => p.locator("table tbody tr").first().waitFor(),
      },
      merchant: {
        url: `${t.consoleUrl}/merchants/${t.accountId}`,
        ready: (p) => p.getByRole("heading", { level: 1 }).first().waitFor(),
      },
    };
    for (const [id, spec] of Object.entries(pages)) {
      const lcp: number[] = [];
      const cls: number[] = [];
      for (let i = 0; i < reps; i++) {
        const v = await vitalsOf(browser, storageState, spec.url, spec.ready);
        lcp.push(v.lcp);
        cls.push(v.cls);
      }
      log(
        `browser ${id}: LCP ${lcp.map((x) => x.toFixed(0)).join(", ")} ms; CLS ${cls.map((x) => x.toFixed(3)).join(", ")}`,
      );
      out.push(result(`browser.${id}.lcp_ms`, median(lcp), "ms", null, "<= 1000", `median of ${reps} cold loads`));
      out.push(result(`browser.${id}.cls`, median(cls), "score", null, "<= 0.01"));
    }

    // Search as you type, on the list with the whole index.
    await page.goto(`${t.consoleUrl}/merchants`);
    await page.locator("table tbody tr").first().waitFor();
    const searches: number[] = [];
    // Letters that change the first page (brands starting with "a" would already be first).
    for (const key of "qzxkvwjy".slice(0, reps + 1)) {
      await page.getByLabel("Search merchants").fill("");
      await page.waitForTimeout(800);
      searches.push(await searchOnce(page, key));
    }
    searches.shift(); // the first one warms up the query path
    log(`browser search: ${searches.map((x) => x.toFixed(0)).join(", ")} ms`);
    out.push(
      result(
        "browser.search_ms",
        median(searches),
        "ms",
        null,
        "<= 100",
        "keydown → rows changed → next frame painted",
      ),
    );

    // Primary colour → repainted preview, from the theme editor's marks.
    await page.goto(`${t.consoleUrl}/merchants/${t.accountId}/theme`);
    const primary = page.getByLabel("Primary color", { exact: true }).first();
    await primary.waitFor({ timeout: 20_000 }).catch(() => undefined);
    if ((await primary.count()) === 0) {
      out.push(notBuilt("browser.preview_repaint_ms", "ms", "<= 16", 'no "Primary color" field on the theme page'));
    } else {
      const repaints: number[] = [];
      const colours = ["#1a2b3c", "#224466", "#aa3300", "#116633", "#5500aa", "#334455", "#996600"];
      for (const colour of colours.slice(0, reps + 1)) {
        await primary.fill(colour);
        // Polled with evaluate: waitForFunction with a string would need eval, which the page's CSP refuses.
        let d: number | null = null;
        for (let i = 0; i < 100 && d === null; i++) {
          d = (await page.evaluate(
            `(() => { const e = performance.getEntriesByName("theme:change-to-paint"); return e.length > 0 ? e[e.length - 1].duration : null; })()`,
          )) as number | null;
          if (d === null) await page.waitForTimeout(50);
        }
        if (d === null) throw new Error("no theme:change-to-paint measure within 5 s");
        await page.evaluate(`performance.clearMeasures("theme:change-to-paint")`);
        repaints.push(d);
      }
      repaints.shift();
      log(`browser preview repaint: ${repaints.map((x) => x.toFixed(1)).join(", ")} ms`);
      out.push(
        result("browser.preview_repaint_ms", median(repaints), "ms", null, "<= 16", "theme:change-to-paint measure"),
      );
    }
    await context.close();
  } finally {
    await browser.close();
  }
  return out;
}
