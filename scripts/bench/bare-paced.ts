/**
 * `npx tsx scripts/bench/bare-paced.ts`: what the console's request pacing
 * (server/http/pace-requests.cjs, preloaded by `npm start`) does to the bench's floor, the bare
 * Next.js forwarder: builds it, starts one standalone sandbox and the forwarder twice (as Next.js
 * ships it, and with the preload), then interleaves the bench's upstream read on both, at 1 and
 * 32 connections, and prints medians and paced ÷ plain ratios. The bench's own table compares the
 * console as `npm start` runs it with the plain forwarder; this says how much of its throughput
 * ratio is the pacing. BENCH_ROUNDS (5) / BENCH_SECONDS (3).
 */
import { rmSync } from "node:fs";
import { buildBareApp } from "./build";
import { type LoadResult, load, log, median, type Server, treeCpuMs } from "./lib";
import { firstAccounts, PACE_REQUESTS, sandboxToken, startBare, startSandbox } from "./stack";

async function main() {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  const dir = await buildBareApp();
  const servers: Server[] = [];
  try {
    const sandbox = await startSandbox(".data-bench-bare-paced");
    servers.push(sandbox);
    const sides = [
      { name: "plain", server: await startBare(dir, sandbox.url) },
      { name: "paced", server: await startBare(dir, sandbox.url, PACE_REQUESTS) },
    ];
    servers.push(...sides.map((s) => s.server));
    const token = await sandboxToken(sandbox.url);
    const [account] = await firstAccounts(sandbox.url, token, 1);
    const path = `/v1/partnership/accounts/${account}/marketplacecontrolslists`;
    const spec = (base: string) => ({ url: `${base}${path}`, headers: { Authorization: `Bearer ${token}` } });
    for (const s of sides) await load(spec(s.server.url), 2, 1);
    const samples = new Map<string, { p50: number[]; rps: number[]; cpu: number[] }>();
    for (let round = 0; round < rounds; round++) {
      for (const conns of [1, 32]) {
        for (let k = 0; k < sides.length; k++) {
          const side = sides[(k + round) % sides.length] as (typeof sides)[number];
          const pid = side.server.child.pid as number;
          const cpu0 = treeCpuMs(pid);
          const r: LoadResult = await load(spec(side.server.url), conns, seconds);
          const cpu = (treeCpuMs(pid) - cpu0) / Math.max(1, r.ok + r.bad);
          const key = `${conns}.${side.name}`;
          if (!samples.has(key)) samples.set(key, { p50: [], rps: [], cpu: [] });
          samples.get(key)?.p50.push(r.p50);
          samples.get(key)?.rps.push(r.rps);
          samples.get(key)?.cpu.push(cpu);
          log(
            `round ${round + 1}/${rounds} ×${conns} ${side.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, CPU ${cpu.toFixed(2)} ms/req`,
          );
        }
      }
    }
    console.log(`\n${rounds} interleaved rounds of ${seconds} s; medians (ratio = paced ÷ plain)\n`);
    console.log(
      "connections | plain p50 ms | plain req/s | plain CPU ms/req | paced p50 ms | paced req/s | paced CPU ms/req | req/s ratio | CPU ratio",
    );
    for (const conns of [1, 32]) {
      const a = samples.get(`${conns}.plain`);
      const b = samples.get(`${conns}.paced`);
      if (!a || !b) continue;
      const m = (xs: number[]) => median(xs);
      console.log(
        [conns, m(a.p50), m(a.rps), m(a.cpu), m(b.p50), m(b.rps), m(b.cpu), m(b.rps) / m(a.rps), m(b.cpu) / m(a.cpu)]
          .map((v) => (Number.isInteger(v) ? String(v) : v.toFixed(2)))
          .join(" | "),
      );
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
