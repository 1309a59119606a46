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
import { interleave } from "./interleave";
import { type LoadSpec, QUICK } from "./lib";
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
    await interleave({
      sides: consoles.map((c, i) => ({
        name: sides[i]?.name as string,
        pid: c.child.pid as number,
        spec: specs[i] as Record<Scenario, LoadSpec>,
      })),
      scenarios: { read1: 1, read32: 32, write1: 1, anon1: 1 },
      rounds,
      seconds,
    });
  } finally {
    for (const c of consoles) await c.stop();
    await sandbox.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
