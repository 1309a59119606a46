/**
 * `npx tsx scripts/bench/profile.ts [read|write|anon] [seconds] [connections]`: where a
 * console request's time goes. Starts the sandbox and the console (.next-bench build,
 * BENCH_SKIP_BUILD semantics: build it first with `npm run bench` or BENCH_ONLY=weight)
 * with `--cpu-prof`, drives one scenario with autocannon, stops the console (which
 * writes the profile) and prints the top functions by self time and by file.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { consoleBuilt } from "./build";
import { summarize } from "./cpuprofile";
import { type LoadSpec, load, log } from "./lib";
import { firstAccounts, sandboxToken, signIn, startConsole, startSandbox } from "./stack";

async function main() {
  const [scenario = "read", secs = "10", conns = "1"] = process.argv.slice(2);
  if (!consoleBuilt()) throw new Error("no .next-bench build: run `BENCH_ONLY=weight npm run bench` first");
  const profDir = mkdtempSync(path.join(tmpdir(), "bench-prof-"));
  const sandbox = await startSandbox(".data-bench-prof-sandbox");
  const consoleServer = await startConsole(sandbox.url, ".data-bench-prof", {}, [
    "--cpu-prof",
    `--cpu-prof-dir=${profDir}`,
  ]);
  try {
    const token = await sandboxToken(sandbox.url);
    const [account] = await firstAccounts(sandbox.url, token, 1);
    const cookie = await signIn(consoleServer.url, "support@demo.test");
    const spec: LoadSpec =
      scenario === "anon"
        ? { url: `${consoleServer.url}/api/openapi.json` }
        : scenario === "write"
          ? {
              url: `${consoleServer.url}/api/merchants/${account}/status?dry_run=true`,
              method: "PUT",
              headers: {
                Cookie: cookie,
                "Content-Type": "application/json",
                "X-Requested-With": "XMLHttpRequest",
                Origin: consoleServer.url,
              },
              body: JSON.stringify({ status: "active" }),
              freshKey: true,
            }
          : { url: `${consoleServer.url}/api/merchants/${account}/controls`, headers: { Cookie: cookie } };
    await load(spec, 2, 2);
    const r = await load(spec, Number(conns), Number(secs));
    log(
      `${scenario} ×${conns}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, statuses ${JSON.stringify(r.statuses)}`,
    );
  } finally {
    await consoleServer.stop();
    await sandbox.stop();
  }
  const files = readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length === 0) throw new Error(`no profile written in ${profDir}`);
  for (const f of files) {
    console.log(`\n=== ${path.join(profDir, f)}`);
    summarize(path.join(profDir, f));
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
