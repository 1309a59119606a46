/**
 * `npx tsx scripts/bench/bare-paced.ts`: what the console's request pacing
 * (server/http/pace-requests.cjs, preloaded by `npm start`) does to the bench's floor, the bare
 * Next.js forwarder: builds it, starts one standalone sandbox and the forwarder twice (as Next.js
 * ships it, and with the preload), then interleaves the bench's upstream read on both, at 1 and
 * 32 connections, and prints medians and paced ÷ plain ratios. The bench gives its forwarder the
 * same preload as the console; this says what that preload is worth to the floor.
 * BENCH_ROUNDS (5) / BENCH_SECONDS (3).
 */
import { rmSync } from "node:fs";
import { buildBareApp } from "./build";
import { interleave } from "./interleave";
import type { Server } from "./lib";
import { firstAccounts, PACE_REQUESTS, sandboxToken, startBare, startSandbox } from "./stack";

async function main() {
  const dir = await buildBareApp();
  const servers: Server[] = [];
  try {
    const sandbox = await startSandbox(".data-bench-bare-paced");
    servers.push(sandbox);
    const plain = await startBare(dir, sandbox.url);
    servers.push(plain);
    const paced = await startBare(dir, sandbox.url, PACE_REQUESTS);
    servers.push(paced);
    const token = await sandboxToken(sandbox.url);
    const [account] = await firstAccounts(sandbox.url, token, 1);
    const read = (s: Server) => ({
      url: `${s.url}/v1/partnership/accounts/${account}/marketplacecontrolslists`,
      headers: { Authorization: `Bearer ${token}` },
    });
    await interleave({
      sides: [plain, paced].map((s, i) => ({
        name: i === 0 ? "plain" : "paced",
        pid: s.child.pid as number,
        spec: { read1: read(s), read32: read(s) },
      })),
      scenarios: { read1: 1, read32: 32 },
      rounds: Number(process.env.BENCH_ROUNDS ?? 5),
      seconds: Number(process.env.BENCH_SECONDS ?? 3),
    });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
