/**
 * §5 Lighthouse (the `lighthouse` npm package, desktop preset) driving Debian
 * Chromium on the merchant list and a merchant page, signed in: the browser is
 * started by Playwright with a persistent profile (so the session cookie set by
 * signing in is the one Lighthouse's tab sends) and a remote-debugging port.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM, CHROMIUM_ARGS } from "./browser";
import { type BenchResult, freePort, log, median, notBuilt, QUICK, result } from "./lib";

const CATEGORIES = [
  ["performance", "performance", ">= 98"],
  ["accessibility", "accessibility", ">= 100"],
  ["best-practices", "best_practices", ">= 100"],
] as const;

export async function measureLighthouse(t: {
  consoleUrl: string;
  email: string;
  password: string;
  accountId: string;
}): Promise<BenchResult[]> {
  const pages = { merchants: `${t.consoleUrl}/merchants`, merchant: `${t.consoleUrl}/merchants/${t.accountId}` };
  let lighthouse: typeof import("lighthouse").default;
  let desktop: unknown;
  try {
    lighthouse = (await import("lighthouse")).default;
    desktop = (await import("lighthouse/core/config/desktop-config.js")).default;
  } catch (err) {
    const why = `the lighthouse package cannot be loaded (${err instanceof Error ? err.message : err})`;
    return Object.keys(pages).flatMap((p) =>
      CATEGORIES.map(([, id, target]) => notBuilt(`lighthouse.${p}.${id}`, "score", target, why)),
    );
  }
  const port = await freePort(4850, 4899);
  const profile = mkdtempSync(path.join(tmpdir(), "bench-lighthouse-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`],
  });
  const out: BenchResult[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${t.consoleUrl}/sign-in`);
    await page.getByLabel("Email").fill(t.email);
    await page.getByLabel("Password").fill(t.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    const runs = QUICK ? 1 : 3;
    for (const [id, url] of Object.entries(pages)) {
      const scores: Record<string, number[]> = {};
      const lost: Record<string, Set<string>> = {};
      // A run in which Lighthouse itself failed (no score for a category) is retried, at most twice:
      // a tool failure is not a measurement. Its reason is logged.
      let complete = 0;
      for (let attempt = 0; complete < runs && attempt < runs + 2; attempt++) {
        const r = await lighthouse(
          url,
          { port, output: "json", logLevel: "error", disableStorageReset: true },
          desktop as never,
        );
        const unscored = CATEGORIES.filter(([category]) => typeof r?.lhr.categories[category]?.score !== "number");
        if (unscored.length > 0) {
          const errors = Object.values(r?.lhr.audits ?? {})
            .filter((a) => a.errorMessage)
            .map((a) => `${a.id}: ${a.errorMessage}`);
          log(
            `lighthouse ${id}: no score for ${unscored.map(([c]) => c).join(", ")} (${r?.lhr.runtimeError?.message ?? errors.slice(0, 3).join("; ")}); trying again`,
          );
          continue;
        }
        complete++;
        for (const [category] of CATEGORIES) {
          const cat = r?.lhr.categories[category];
          if (typeof cat?.score === "number") {
            scores[category] ??= [];
            scores[category].push(Math.round(cat.score * 100));
          }
          // Which audits cost points, for the note.
          for (const ref of cat?.auditRefs ?? []) {
            const audit = r?.lhr.audits[ref.id];
            if (ref.weight > 0 && typeof audit?.score === "number" && audit.score < 1) {
              lost[category] ??= new Set();
              lost[category].add(ref.id);
              // What the audit found (e.g. which DevTools issue), so a lost point can be traced.
              const items = (audit.details as { items?: unknown[] } | undefined)?.items ?? [];
              if (items.length > 0) log(`lighthouse ${id} ${ref.id}: ${JSON.stringify(items).slice(0, 2000)}`);
            }
          }
        }
      }
      log(`lighthouse ${id}: ${JSON.stringify(scores)}`);
      for (const [category, cid, target] of CATEGORIES) {
        const s = scores[category] ?? [];
        out.push(
          s.length
            ? result(
                `lighthouse.${id}.${cid}`,
                median(s),
                "score",
                null,
                target,
                `median of ${s.length}, desktop preset${lost[category]?.size ? `; points lost on ${[...lost[category]].join(", ")}` : ""}`,
              )
            : notBuilt(`lighthouse.${id}.${cid}`, "score", target, "Lighthouse returned no score"),
        );
      }
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return out;
}
