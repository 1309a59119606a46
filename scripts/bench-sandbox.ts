/**
 * `npm run bench:sandbox`: requests/s and p50/p99 latency of the standalone sandbox for
 * a read (GET controls) and a write (PUT status, a fresh Idempotency-Key per request)
 * at 1 and 32 connections. No thresholds: a baseline for later comparisons.
 * BENCH_DURATION (seconds per run, default 5) shortens or lengthens it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
// @ts-expect-error autocannon ships no type declarations
import autocannon from "autocannon";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PARENT_ACCOUNT_ID } from "../server/sandbox/demo-platform";

interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

const duration = Number(process.env.BENCH_DURATION ?? 5);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sandbox exited with code ${child.exitCode}`);
    try {
      await fetch(`${base}/_sandbox/ping`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("sandbox did not start within 30 s");
}

function run(opts: Record<string, unknown>): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon({ duration, ...opts }, (err: Error | null, res: Result) => (err ? reject(err) : resolve(res)));
  });
}

async function main() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "sandbox-bench-"));
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "server/sandbox/standalone.ts"], {
    cwd: path.join(import.meta.dirname, ".."),
    env: { ...process.env, SANDBOX_PORT: String(port), DATA_DIR: dataDir, SANDBOX_RATE_LIMITS: "off" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    await waitReady(base, child);
    const tokenRes = await fetch(`${base}/api/v1/oauth/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: DEMO_CLIENT_ID,
        client_secret: DEMO_CLIENT_SECRET,
      }),
    });
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    const auth = { Authorization: `Bearer ${token}` };
    const list = (await (
      await fetch(`${base}/v1/partnership/accounts?parent_account_id=${DEMO_PARENT_ACCOUNT_ID}&limit=2`, {
        headers: auth,
      })
    ).json()) as { data: { accounts: { account_id: string }[] } };
    const [readAccount, writeAccount] = list.data.accounts.map((a) => a.account_id);

    const scenarios = [
      {
        name: "read  GET controls",
        opts: { url: `${base}/v1/partnership/accounts/${readAccount}/marketplacecontrolslists`, headers: auth },
      },
      {
        name: "write PUT status",
        opts: {
          url: base,
          // A fresh key per request goes through the per-request setupRequest hook.
          requests: [
            {
              method: "PUT",
              path: `/v1/partnership/accounts/${writeAccount}/status`,
              headers: {
                ...auth,
                "Content-Type": "application/json",
                "X-Platform-Parent-Account-Id": DEMO_PARENT_ACCOUNT_ID,
              },
              body: JSON.stringify({ status: "active" }),
              setupRequest: (req: { headers: Record<string, string> }) => ({
                ...req,
                headers: { ...req.headers, "Idempotency-Key": randomUUID() },
              }),
            },
          ],
        },
      },
    ];
    const rows: string[][] = [];
    for (const sc of scenarios) {
      for (const connections of [1, 32]) {
        process.stderr.write(`running ${sc.name} with ${connections} connection(s) for ${duration} s…\n`);
        const r = await run({ ...sc.opts, connections });
        rows.push([
          sc.name,
          String(connections),
          r.requests.average.toFixed(0),
          r.latency.p50.toFixed(1),
          r.latency.p99.toFixed(1),
          String(r.non2xx + r.errors),
        ]);
      }
    }
    const head = ["scenario", "conns", "req/s", "p50 ms", "p99 ms", "non-2xx+errors"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
    console.log(`\nPartnerships API sandbox, ${duration} s per run\n`);
    console.log(line(head));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const r of rows) console.log(line(r));
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
