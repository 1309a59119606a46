/**
 * §1 The proxy against its floor: the same read (GET controls) and write (PUT
 * status, dry run, a fresh Idempotency-Key each time) sent to the standalone
 * sandbox, through the bare Next.js forwarder, and through the console (signed
 * in as support), at 1 and 32 connections. The three targets are interleaved
 * within every round (in a rotating order), and each figure is the median of
 * the rounds; added latency and throughput ratios are paired per round.
 */
import { type BenchResult, type LoadSpec, load, log, median, QUICK, result, treeCpuMs } from "./lib";

export interface ProxyTargets {
  sandboxUrl: string;
  bareUrl: string;
  consoleUrl: string;
  /** Cookie header of a signed-in support user. */
  cookie: string;
  sandboxToken: string;
  parentAccountId: string;
  readAccount: string;
  writeAccount: string;
  /** Server processes, for CPU time per answer (far steadier than latency on a busy machine). */
  pids: Record<"sandbox" | "bare" | "console", number>;
}

type Side = "sandbox" | "bare" | "console";
type Op = "read" | "write";
const SIDES: Side[] = ["sandbox", "bare", "console"];

function specs(t: ProxyTargets): Record<Op, Record<Side, LoadSpec>> {
  const bearer = { Authorization: `Bearer ${t.sandboxToken}` };
  const upstreamRead = `/v1/partnership/accounts/${t.readAccount}/marketplacecontrolslists`;
  const upstreamWrite = `/v1/partnership/accounts/${t.writeAccount}/status?dry_run=true`;
  const body = JSON.stringify({ status: "active" });
  const upstreamWriteHeaders = {
    ...bearer,
    "Content-Type": "application/json",
    "X-Platform-Parent-Account-Id": t.parentAccountId,
  };
  return {
    read: {
      sandbox: { url: `${t.sandboxUrl}${upstreamRead}`, headers: bearer },
      bare: { url: `${t.bareUrl}${upstreamRead}`, headers: bearer },
      console: { url: `${t.consoleUrl}/api/merchants/${t.readAccount}/controls`, headers: { Cookie: t.cookie } },
    },
    write: {
      sandbox: {
        url: `${t.sandboxUrl}${upstreamWrite}`,
        method: "PUT",
        headers: upstreamWriteHeaders,
        body,
        freshKey: true,
      },
      bare: { url: `${t.bareUrl}${upstreamWrite}`, method: "PUT", headers: upstreamWriteHeaders, body, freshKey: true },
      console: {
        url: `${t.consoleUrl}/api/merchants/${t.writeAccount}/status?dry_run=true`,
        method: "PUT",
        headers: {
          Cookie: t.cookie,
          "Content-Type": "application/json",
          "X-Requested-With": "XMLHttpRequest",
          Origin: t.consoleUrl,
        },
        body,
        freshKey: true,
      },
    },
  };
}

/** One request of each kind must succeed before anything is timed. */
async function check(spec: LoadSpec, label: string): Promise<void> {
  const res = await fetch(spec.url, {
    method: spec.method ?? "GET",
    headers: { ...spec.headers, ...(spec.freshKey ? { "Idempotency-Key": crypto.randomUUID() } : {}) },
    body: spec.body,
  });
  const text = await res.text();
  if (!res.ok)
    throw new Error(`${label}: ${spec.method ?? "GET"} ${spec.url} answered ${res.status}: ${text.slice(0, 300)}`);
}

export async function measureProxy(t: ProxyTargets): Promise<BenchResult[]> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 5));
  const seconds = Number(process.env.BENCH_SECONDS ?? (QUICK ? 3 : 4));
  const all = specs(t);
  for (const op of ["read", "write"] as Op[]) for (const side of SIDES) await check(all[op][side], `${op} ${side}`);
  // Warm-up: JIT, connection pools, the console's first-request work (knowledge bootstrap, token).
  for (const op of ["read", "write"] as Op[]) for (const side of SIDES) await load(all[op][side], 4, QUICK ? 1 : 2);

  const samples: Record<string, { p50: number[]; rps: number[]; cpu: number[] }> = {};
  const sample = (op: Op, side: Side, conns: number) => {
    const key = `${op}.${side}.${conns}`;
    samples[key] ??= { p50: [], rps: [], cpu: [] };
    return samples[key];
  };
  let bad = 0;
  for (let round = 0; round < rounds; round++) {
    for (const op of ["read", "write"] as Op[]) {
      for (const conns of [1, 32]) {
        const order = SIDES.map((_, i) => SIDES[(i + round) % SIDES.length] as Side);
        for (const side of order) {
          const cpuBefore = treeCpuMs(t.pids[side]);
          const r = await load(all[op][side], conns, seconds);
          bad += r.bad;
          const s = sample(op, side, conns);
          s.p50.push(r.p50);
          s.rps.push(r.rps);
          s.cpu.push((treeCpuMs(t.pids[side]) - cpuBefore) / Math.max(1, r.ok + r.bad));
          log(
            `proxy round ${round + 1}/${rounds} ${op} ${side} ×${conns}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms${r.bad ? `, non-2xx ${JSON.stringify(r.statuses)}` : ""}`,
          );
        }
      }
    }
  }
  if (bad > 0) log(`proxy: ${bad} non-2xx answers or errors (left out of the latencies)`);

  const out: BenchResult[] = [];
  const med = (op: Op, side: Side, conns: number, k: "p50" | "rps" | "cpu") => median(sample(op, side, conns)[k]);
  const paired = (op: Op, conns: number, k: "p50" | "rps", f: (c: number, b: number) => number) =>
    median(sample(op, "console", conns)[k].map((c, i) => f(c, sample(op, "bare", conns)[k][i] as number)));
  for (const op of ["read", "write"] as Op[]) {
    const floor = med(op, "bare", 1, "p50");
    out.push({
      ...result(
        `proxy.${op}.added_p50_ms`,
        paired(op, 1, "p50", (c, b) => c - b),
        "ms",
        round2(floor),
        op === "read" ? "<= 1" : "<= 3",
        `console p50 ${med(op, "console", 1, "p50").toFixed(2)} ms minus bare forwarder p50 ${floor.toFixed(2)} ms, 1 connection (median of ${rounds} paired rounds); ratio = console p50 ÷ floor p50`,
      ),
      ratio: paired(op, 1, "p50", (c, b) => c / b),
    });
    const ratio = paired(op, 32, "rps", (c, b) => c / b);
    out.push({
      ...result(
        `proxy.${op}.throughput_ratio`,
        ratio,
        "ratio",
        round2(med(op, "bare", 32, "rps")),
        op === "read" ? ">= 0.8" : "",
        `console ${med(op, "console", 32, "rps").toFixed(0)} req/s ÷ bare forwarder ${med(op, "bare", 32, "rps").toFixed(0)} req/s (the baseline), 32 connections`,
      ),
      ratio,
    });
    for (const side of SIDES) {
      out.push(result(`proxy.${op}.${side}.p50_ms_1conn`, med(op, side, 1, "p50"), "ms", null, ""));
      out.push(result(`proxy.${op}.${side}.rps_1conn`, med(op, side, 1, "rps"), "req/s", null, ""));
      out.push(result(`proxy.${op}.${side}.rps_32conn`, med(op, side, 32, "rps"), "req/s", null, ""));
      out.push(
        result(
          `proxy.${op}.${side}.cpu_ms_per_req`,
          med(op, side, 32, "cpu"),
          "ms",
          null,
          "",
          "server CPU time per answer, 32 connections",
        ),
      );
    }
  }
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
