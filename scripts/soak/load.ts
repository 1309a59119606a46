/** (5) Load: autocannon on the merchant list page and an API read, with the console's memory before and after. */
// @ts-expect-error autocannon ships no type declarations
import autocannon from "autocannon";
import { loadBase, type Session } from "./http";
import type { Proc } from "./procs";

export async function loadPhase(s: Session, consoleProc: Proc, seconds: number, connections = 100) {
  const out: Record<string, unknown>[] = [];
  for (const path of ["/merchants", "/api/merchants?pageSize=50"]) {
    // Let the previous run's backlog drain first.
    await new Promise((r) => setTimeout(r, 5000));
    const rssBefore = consoleProc.rssMiB();
    const result = await autocannon({
      url: `${loadBase(s.base)}${path}`,
      connections,
      duration: seconds,
      headers: { cookie: s.cookie, "x-requested-with": "XMLHttpRequest" },
    });
    out.push({
      path,
      requests: result.requests.total,
      rps: Math.round(result.requests.average),
      // Timeouts: no answer within autocannon's 10 s (the queue on a busy machine); errors: connection failures.
      timeouts: result.timeouts,
      errors: result.errors - result.timeouts,
      non2xx: result.non2xx,
      p50ms: result.latency.p50,
      p99ms: result.latency.p99,
      rssBeforeMiB: rssBefore,
      rssAfterMiB: consoleProc.rssMiB(),
    });
  }
  // Memory once the queue has drained: growth that stays is what would leak.
  await new Promise((r) => setTimeout(r, 10_000));
  out.push({ rssAfterIdleMiB: consoleProc.rssMiB() });
  return out;
}
