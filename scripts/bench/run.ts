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
import { buildBareApp, buildConsole, consoleBuilt } from "./build";
import { type BenchResult, formatTable, log, QUICK, ROOT, type Server } from "./lib";
import { measureProxy } from "./proxy";
import {
  DEMO_PARENT_ACCOUNT_ID,
  firstAccounts,
  sandboxToken,
  signIn,
  startBare,
  startConsole,
  startSandbox,
} from "./stack";

const SECTIONS = ["proxy", "weight", "index", "browser", "lighthouse", "memory"] as const;
type Section = (typeof SECTIONS)[number];

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
      const bare = await startBare(bareDir as string, sandbox.url);
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
        })),
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
        results: results.map(({ id, value, unit, baseline, target, met, note }) => ({
          id,
          value,
          unit,
          baseline,
          target,
          met,
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
