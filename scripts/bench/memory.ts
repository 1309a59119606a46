/**
 * §6 Memory: the console server's resident memory (the `next start` process and
 * its children) right after it starts, after 10,000 mixed requests (reads,
 * dry-run writes with fresh keys, the merchant list, an anonymous 401), and
 * after another 10,000. growth_ratio = third reading ÷ second.
 */
import { randomUUID } from "node:crypto";
// @ts-expect-error autocannon ships no type declarations
import autocannon from "autocannon";
import type { Server } from "./lib";
import { type BenchResult, log, QUICK, result, treeRss } from "./lib";

export async function measureMemory(server: Server, cookie: string, accounts: string[]): Promise<BenchResult[]> {
  const pid = server.child.pid;
  if (!pid) throw new Error("console has no pid");
  const perBatch = QUICK ? 2000 : 10_000;
  const settle = () => new Promise((r) => setTimeout(r, 2000));
  const [a = "", b = a] = accounts;
  const json = {
    Cookie: cookie,
    "Content-Type": "application/json",
    "X-Requested-With": "XMLHttpRequest",
    Origin: server.url,
  };
  const requests = [
    { method: "GET", path: `/api/merchants/${a}/controls`, headers: { Cookie: cookie } },
    { method: "GET", path: `/api/merchants/${b}/status`, headers: { Cookie: cookie } },
    { method: "GET", path: "/api/merchants?page=1", headers: { Cookie: cookie } },
    {
      method: "PUT",
      path: `/api/merchants/${b}/status?dry_run=true`,
      headers: json,
      body: JSON.stringify({ status: "active" }),
      setupRequest: (req: { headers: Record<string, string> }) => ({
        ...req,
        headers: { ...req.headers, "Idempotency-Key": randomUUID() },
      }),
    },
    { method: "GET", path: "/api/openapi.json" },
  ];
  const batch = () =>
    new Promise<Record<number, number>>((resolve, reject) => {
      const statuses: Record<number, number> = {};
      const instance = autocannon(
        { url: server.url, connections: 8, amount: perBatch, requests },
        (err: Error | null) => (err ? reject(err) : resolve(statuses)),
      );
      instance.on("response", (_c: unknown, status: number) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
      });
    });
  await settle();
  const start = treeRss(pid);
  const s1 = await batch();
  await settle();
  const second = treeRss(pid);
  const s2 = await batch();
  await settle();
  const third = treeRss(pid);
  const mib = (x: number) => Math.round((x / 1048576) * 10) / 10;
  log(
    `memory: ${mib(start)} → ${mib(second)} → ${mib(third)} MiB; answers ${JSON.stringify(s1)} then ${JSON.stringify(s2)}`,
  );
  return [
    result("memory.rss_start_mib", mib(start), "MiB", null, ""),
    result("memory.rss_after_first_mib", mib(second), "MiB", null, "", `after ${perBatch} mixed requests`),
    result("memory.rss_after_second_mib", mib(third), "MiB", null, "", `after another ${perBatch}`),
    result(
      "memory.growth_ratio",
      third / second,
      "ratio",
      null,
      "<= 1.10",
      `third reading ÷ second (${mib(third)} ÷ ${mib(second)} MiB)`,
    ),
  ];
}
