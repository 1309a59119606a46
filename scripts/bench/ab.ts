/**
 * Before/after of a change on the request path, measured in one run:
 * `npx tsx scripts/bench/ab.ts before=.next-bench-before after=.next-bench`
 * (a side written `name=distDir,unpaced` runs without `npm start`'s request pacing preload)
 * starts one standalone sandbox and one console per build (each with its own
 * data folder), then interleaves them, round after round in a rotating order,
 * on the console read (GET controls), the write (PUT status, dry run) and an
 * anonymous 401, and prints the medians and the after ÷ before ratios.
 * BENCH_ROUNDS / BENCH_SECONDS as in the proxy section.
 */
import { type LoadSpec, load, log, median, QUICK, treeCpuMs } from "./lib";
import { firstAccounts, sandboxToken, signIn, startConsole, startSandbox } from "./stack";

type Scenario = "read1" | "read32" | "write1" | "anon1";

async function main() {
  const sides = process.argv.slice(2).map((a) => {
    const [name, spec] = a.split("=");
    const [dist, flag] = (spec ?? "").split(",");
    if (!name || !dist || (flag && flag !== "unpaced")) throw new Error(`expected name=distDir[,unpaced], got ${a}`);
    return { name, dist, paced: flag !== "unpaced" };
  });
  if (sides.length < 2) throw new Error("give at least two name=distDir pairs");
  const rounds = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 2 : 5));
  const seconds = Number(process.env.BENCH_SECONDS ?? (QUICK ? 2 : 3));
  const sandbox = await startSandbox(".data-bench-ab-sandbox");
  const consoles = [];
  try {
    for (const [i, side] of sides.entries()) {
      consoles.push(
        await startConsole(
          sandbox.url,
          `.data-bench-ab-${i}`,
          { NEXT_DIST_DIR: side.dist },
          [],
          side.paced ? undefined : [],
        ),
      );
    }
    const token = await sandboxToken(sandbox.url);
    const [readAccount, writeAccount] = await firstAccounts(sandbox.url, token, 2);
    const specs = await Promise.all(
      consoles.map(async (c) => {
        const cookie = await signIn(c.url, "support@demo.test");
        const s: Record<Scenario, LoadSpec> = {
          read1: { url: `${c.url}/api/merchants/${readAccount}/controls`, headers: { Cookie: cookie } },
          read32: { url: `${c.url}/api/merchants/${readAccount}/controls`, headers: { Cookie: cookie } },
          write1: {
            url: `${c.url}/api/merchants/${writeAccount}/status?dry_run=true`,
            method: "PUT",
            headers: {
              Cookie: cookie,
              "Content-Type": "application/json",
              "X-Requested-With": "XMLHttpRequest",
              Origin: c.url,
            },
            body: JSON.stringify({ status: "active" }),
            freshKey: true,
          },
          anon1: { url: `${c.url}/api/openapi.json`, expectStatus: 401 },
        };
        return s;
      }),
    );
    const scenarios: Scenario[] = ["read1", "read32", "write1", "anon1"];
    for (const s of specs) for (const sc of scenarios) await load(s[sc], 2, 1);
    const samples = new Map<string, { p50: number[]; rps: number[]; cpu: number[] }>();
    for (let round = 0; round < rounds; round++) {
      for (const sc of scenarios) {
        const conns = sc === "read32" ? 32 : 1;
        for (let k = 0; k < sides.length; k++) {
          const i = (k + round) % sides.length;
          const pid = consoles[i]?.child.pid as number;
          const cpuBefore = treeCpuMs(pid);
          const r = await load((specs[i] as Record<Scenario, LoadSpec>)[sc], conns, seconds);
          // Server CPU per answer: far less sensitive to a busy machine than latency.
          const cpu = (treeCpuMs(pid) - cpuBefore) / Math.max(1, r.ok + r.bad);
          const key = `${sc}.${i}`;
          if (!samples.has(key)) samples.set(key, { p50: [], rps: [], cpu: [] });
          samples.get(key)?.p50.push(r.p50);
          samples.get(key)?.rps.push(r.rps);
          samples.get(key)?.cpu.push(cpu);
          log(
            `round ${round + 1}/${rounds} ${sc} ${sides[i]?.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, server CPU ${cpu.toFixed(2)} ms/req ${JSON.stringify(r.statuses)}`,
          );
        }
      }
    }
    console.log(`\n${rounds} interleaved rounds of ${seconds} s; medians (ratio = side ÷ ${sides[0]?.name})\n`);
    console.log(
      [
        "scenario",
        ...sides.flatMap((s) => [`${s.name} p50 ms`, `${s.name} req/s`, `${s.name} CPU ms/req`]),
        "p50 ratio",
        "req/s ratio",
        "CPU ratio",
      ].join(" | "),
    );
    for (const sc of scenarios) {
      const cells: string[] = [sc];
      const base = samples.get(`${sc}.0`);
      let last = base;
      for (let i = 0; i < sides.length; i++) {
        const s = samples.get(`${sc}.${i}`);
        last = s;
        cells.push(median(s?.p50 ?? []).toFixed(2), median(s?.rps ?? []).toFixed(0), median(s?.cpu ?? []).toFixed(2));
      }
      cells.push(
        (median(last?.p50 ?? []) / median(base?.p50 ?? [])).toFixed(2),
        (median(last?.rps ?? []) / median(base?.rps ?? [])).toFixed(2),
        (median(last?.cpu ?? []) / median(base?.cpu ?? [])).toFixed(2),
      );
      console.log(cells.join(" | "));
    }
  } finally {
    for (const c of consoles) await c.stop();
    await sandbox.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
