/**
 * `npx tsx scripts/bench/profile.ts [read|write|anon] [seconds] [connections]`: where a
 * console request's time goes. Starts the sandbox and the console (.next-bench build,
 * BENCH_SKIP_BUILD semantics: build it first with `npm run bench` or BENCH_ONLY=weight)
 * with `--cpu-prof`, drives one scenario with autocannon, stops the console (which
 * writes the profile) and prints the top functions by self time and by file.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { consoleBuilt } from "./build";
import { type LoadSpec, load, log } from "./lib";
import { firstAccounts, sandboxToken, signIn, startConsole, startSandbox } from "./stack";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summarize(file: string, top = Number(process.env.PROFILE_TOP ?? 35)): void {
  const prof = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const self = new Map<number, number>();
  for (const [i, id] of prof.samples.entries()) self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const node of prof.nodes) {
    const t = self.get(node.id) ?? 0;
    if (!t) continue;
    const url = node.callFrame.url.replace(/^file:\/\//, "").replace(/.*node_modules\//, "nm/");
    const fn = `${node.callFrame.functionName || "(anon)"} ${url}:${node.callFrame.lineNumber}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + t);
    const pkg = url.startsWith("nm/")
      ? url
          .split("/")
          .slice(0, url.startsWith("nm/@") ? 3 : 2)
          .join("/")
      : url || node.callFrame.functionName;
    byFile.set(pkg, (byFile.get(pkg) ?? 0) + t);
  }
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms sampled)`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k.slice(0, 170)}`);
    }
  };
  print("self time by package / file", byFile);
  print("self time by function", byFn);

  // Inclusive time: every distinct function on a sample's stack is charged once for it.
  const parent = new Map<number, number>();
  for (const node of prof.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const inclusive = new Map<string, number>();
  for (const [i, leaf] of prof.samples.entries()) {
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (!node) break;
      const url = node.callFrame.url.replace(/^file:\/\//, "").replace(/.*node_modules\//, "nm/");
      if (!url || url.startsWith("node:")) continue;
      seen.add(`${node.callFrame.functionName || "(anon)"} ${url}:${node.callFrame.lineNumber}`);
    }
    for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + (prof.timeDeltas[i] ?? 0));
  }
  const filter = process.env.PROFILE_FILTER ? new RegExp(process.env.PROFILE_FILTER) : null;
  print("inclusive time by function", new Map([...inclusive].filter(([k]) => !filter || filter.test(k))));
}

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
