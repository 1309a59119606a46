/**
 * `npm run bench`: builds the console for production (own dist dir .next-bench)
 * and a bare Next.js app (the floors), starts what each measurement needs, runs
 * them, prints one table (figure, baseline measured in this same run, ratio,
 * target, met) and writes it to bench/results.json. No thresholds fail anything:
 * the machines are shared and noisy, the table is for reading and comparing runs.
 *
 * BENCH_QUICK=1     a shortened run, to try it out
 * BENCH_ONLY=a,b    only these sections (proxy, weight, index, browser, lighthouse, memory)
 * BENCH_SKIP_BUILD=1  reuse an existing .next-bench build of the console
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { measureBrowser } from "./browser";
import { buildBareApp, buildConsole, consoleBuilt } from "./build";
import { type BenchResult, formatTable, log, QUICK, ROOT, type Server } from "./lib";
import { measureLighthouse } from "./lighthouse";
import { measureMemory } from "./memory";
import { measureIndex } from "./merchant-index";
import { measureProxy } from "./proxy";
import {
  DEMO_PARENT_ACCOUNT_ID,
  DEMO_PASSWORD,
  firstAccounts,
  PACE_REQUESTS,
  sandboxToken,
  signIn,
  startBare,
  startConsole,
  startSandbox,
} from "./stack";
import { measureWeight } from "./weight";

const SECTIONS = ["proxy", "weight", "index", "browser", "lighthouse", "memory"] as const;
type Section = (typeof SECTIONS)[number];

/** Starts the console's merchant sync (as the list's "Sync now" does) and waits until the index holds them all. */
async function syncIndex(consoleUrl: string, expected: number): Promise<boolean> {
  const cookie = await signIn(consoleUrl, "support@demo.test");
  const started = Date.now();
  await fetch(`${consoleUrl}/api/merchants/sync`, {
    method: "POST",
    headers: {
      Cookie: cookie,
      "X-Requested-With": "XMLHttpRequest",
      Origin: consoleUrl,
      "Idempotency-Key": crypto.randomUUID(),
    },
  });
  while (Date.now() - started < 600_000) {
    const res = await fetch(`${consoleUrl}/api/merchants`, { headers: { Cookie: cookie } });
    const body = (await res.json().catch(() => null)) as { data?: { total?: number } } | null;
    if ((body?.data?.total ?? 0) >= expected) {
      log(`index synced: ${body?.data?.total} merchants in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      return true;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  return false;
}

/** A section that fails is reported in the table (and its error logged) instead of ending the run. */
async function guarded(section: string, run: () => Promise<BenchResult[]>): Promise<BenchResult[]> {
  try {
    return await run();
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
    log(`${section} failed: ${err instanceof Error ? err.stack : err}`);
    return [
      {
        id: `${section}.failed`,
        value: null,
        unit: "",
        baseline: null,
        target: "",
        met: false,
        note: `failed: ${message}`,
      },
    ];
  }
}

async function main() {
  const started = Date.now();
  const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim()) as Section[] | undefined;
  const wanted = (s: Section) => !only || only.includes(s);
  const results: BenchResult[] = [];
  const servers: Server[] = [];
  let bareDir: string | undefined;
  const stopAll = async () => {
    for (const s of servers.splice(0).reverse()) await s.stop().catch(() => undefined);
  };
  try {
    if (process.env.BENCH_SKIP_BUILD === "1" && consoleBuilt()) log("reusing the .next-bench build");
    else {
      log("building the console (next build, .next-bench)…");
      await buildConsole();
    }
    if (wanted("proxy") || wanted("weight")) {
      log("generating and building the bare Next.js app…");
      bareDir = await buildBareApp();
    }

    if (wanted("proxy")) {
      const sandbox = await startSandbox(".data-bench-sandbox");
      servers.push(sandbox);
      const consoleServer = await startConsole(sandbox.url, ".data-bench");
      servers.push(consoleServer);
      // The same preload as the console: the ratios compare code, not server setup.
      const bare = await startBare(bareDir as string, sandbox.url, PACE_REQUESTS);
      servers.push(bare);
      const token = await sandboxToken(sandbox.url);
      const [readAccount, writeAccount] = await firstAccounts(sandbox.url, token, 2);
      log("§1 proxy against its floor…");
      results.push(
        ...(await measureProxy({
          sandboxUrl: sandbox.url,
          bareUrl: bare.url,
          consoleUrl: consoleServer.url,
          cookie: await signIn(consoleServer.url, "support@demo.test"),
          sandboxToken: token,
          parentAccountId: DEMO_PARENT_ACCOUNT_ID,
          readAccount: readAccount as string,
          writeAccount: writeAccount as string,
          pids: {
            sandbox: sandbox.child.pid as number,
            bare: bare.child.pid as number,
            console: consoleServer.child.pid as number,
          },
        })),
      );
      await stopAll();
    }

    if (wanted("weight")) {
      log("§2 page weight…");
      results.push(...measureWeight(bareDir as string));
    }

    if (wanted("index")) {
      log("§3 merchant index at scale (scripts/bench-merchants.ts)…");
      results.push(...(await guarded("index", () => measureIndex())));
    }

    if (wanted("browser") || wanted("lighthouse")) {
      const merchants = QUICK ? 5000 : 50_000;
      log(`§4/§5 console with a ${merchants}-merchant sandbox…`);
      const sandbox = await startSandbox(
        ".data-bench-pages-sandbox",
        { SANDBOX_SEED_MERCHANTS: String(merchants) },
        600_000,
      );
      servers.push(sandbox);
      const consoleServer = await startConsole(sandbox.url, ".data-bench-pages");
      servers.push(consoleServer);
      const synced = await syncIndex(consoleServer.url, merchants);
      const token = await sandboxToken(sandbox.url);
      const [accountId] = await firstAccounts(sandbox.url, token, 1);
      const targets = {
        consoleUrl: consoleServer.url,
        email: "support@demo.test",
        password: DEMO_PASSWORD,
        accountId: accountId as string,
      };
      if (!synced) log("the merchant index did not finish syncing: the browser figures are on a partial index");
      if (wanted("browser")) {
        log("§4 pages in Chromium…");
        results.push(...(await guarded("browser", () => measureBrowser(targets))));
      }
      if (wanted("lighthouse")) {
        log("§5 Lighthouse…");
        results.push(...(await guarded("lighthouse", () => measureLighthouse(targets))));
      }
      await stopAll();
    }

    if (wanted("memory")) {
      log("§6 memory…");
      const sandbox = await startSandbox(".data-bench-mem-sandbox");
      servers.push(sandbox);
      const consoleServer = await startConsole(sandbox.url, ".data-bench-mem");
      servers.push(consoleServer);
      const token = await sandboxToken(sandbox.url);
      const accounts = await firstAccounts(sandbox.url, token, 2);
      results.push(
        ...(await measureMemory(consoleServer, await signIn(consoleServer.url, "support@demo.test"), accounts)),
      );
      await stopAll();
    }
  } finally {
    await stopAll();
    if (bareDir) rmSync(bareDir, { recursive: true, force: true });
  }

  const table = formatTable(results);
  console.log(`\nnpm run bench${QUICK ? " (BENCH_QUICK=1)" : ""}, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  console.log(table);
  const out = path.join(ROOT, "bench", "results.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        runAt: new Date().toISOString(),
        quick: QUICK,
        results: results.map(({ id, value, unit, baseline, target, met, note, ratio }) => ({
          id,
          value,
          unit,
          baseline,
          target,
          met,
          ...(ratio !== undefined ? { ratio: Math.round(ratio * 100) / 100 } : {}),
          ...(note ? { note } : {}),
        })),
      },
      null,
      2,
    )}\n`,
  );
  log(`wrote ${path.relative(ROOT, out)}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
