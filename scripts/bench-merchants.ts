/**
 * `npm run bench:merchants`: the merchant index at scale. Generates 50,000
 * merchants in a sandbox (temp folder, rate limits off), syncs them into a
 * console index on SQLite (temp folder) and on PostgreSQL (a fresh schema of
 * database `test`, dropped after), then prints the sync time and search
 * p50/p99 per query shape, measured on the server (the repo's search, and the
 * list route's whole data path: sync-state check + search + vertical names).
 * A benchmark, not a test: no thresholds. BENCH_MERCHANTS (default 50000),
 * BENCH_ITERATIONS (default 300 per shape), BENCH_PG_URL, BENCH_PG_SCHEMA (default
 * bench_merchants_<pid>; dropped after), BENCH_ENGINES (default "sqlite,postgres"),
 * SKIP_PG_TESTS=1.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { type MerchantSearch, resolveSearch } from "../lib/merchants/query";
import { createConsoleDb } from "../server/db/open";
import type { ConsoleDb } from "../server/db/types";
import { loadMerchantPage } from "../server/merchants/list";
import { runFullSync } from "../server/merchants/sync";
import { createPartnershipsClient } from "../server/partnerships/client";
import { createSandbox, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PARENT_ACCOUNT_ID } from "../server/sandbox/index";

const MERCHANTS = Number(process.env.BENCH_MERCHANTS ?? 50_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const PG_URL = process.env.BENCH_PG_URL ?? "postgres://root@127.0.0.1:5432/test";
const ENGINES = (process.env.BENCH_ENGINES ?? "sqlite,postgres").split(",").map((e) => e.trim());

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** A deterministic sequence of values, so both engines run the same searches. */
function cycle<T>(values: T[]): (i: number) => T {
  return (i) => values[i % values.length] as T;
}

interface Shape {
  name: string;
  search(i: number): Partial<MerchantSearch>;
}

function shapes(brands: string[], total: number): Shape[] {
  const words = [...new Set(brands.flatMap((b) => b.split(/[^A-Za-z0-9]+/)).filter((w) => w.length >= 3))];
  const p1 = cycle([..."abcdefghijklmnopqrstuvwxyz"]);
  const p3 = cycle(words.map((w) => w.slice(0, 3).toLowerCase()));
  const p8 = cycle(brands.filter((b) => b.length >= 8).map((b) => b.slice(0, 8)));
  const statuses = cycle(["active", "paused"] as const);
  const sorts = cycle([
    ["brand", "desc"],
    ["created", "desc"],
    ["created", "asc"],
    ["updated", "desc"],
    ["updated", "asc"],
  ] as const);
  const lastPage = Math.max(1, Math.ceil(total / 25));
  return [
    { name: "1-char prefix", search: (i) => ({ q: p1(i) }) },
    { name: "3-char prefix", search: (i) => ({ q: p3(i) }) },
    { name: "8-char prefix", search: (i) => ({ q: p8(i) }) },
    { name: "status filter", search: (i) => ({ status: statuses(i) }) },
    { name: "sort (created/updated/brand desc)", search: (i) => ({ sort: sorts(i)[0], dir: sorts(i)[1] }) },
    { name: "last page (brand asc)", search: () => ({ page: lastPage }) },
    {
      name: "1-char prefix + status + sort updated",
      search: (i) => ({ q: p1(i), status: statuses(i), sort: "updated", dir: "desc" }),
    },
    {
      name: "3-char prefix + status + sort created, page 3",
      search: (i) => ({ q: p3(i), status: statuses(i), sort: "created", dir: "asc", page: 3 }),
    },
    {
      name: "last page of status filter + sort created",
      search: (i) => ({ status: statuses(i), sort: "created", page: i % 2 ? 1031 : 568 }),
    },
  ];
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

async function benchEngine(name: string, db: ConsoleDb, client: ReturnType<typeof createPartnershipsClient>) {
  process.stderr.write(`${name}: syncing ${MERCHANTS} merchants…\n`);
  const [syncMs, outcome] = await time(() => runFullSync(db, client));
  if (!outcome.ran) throw new Error("sync did not run (lease busy)");
  const [resyncMs, again] = await time(() => runFullSync(db, client));
  const brands = (await db.merchants.search({ limit: 100, sort: "updated" })).rows.map((r) => r.brand);
  const total = await db.merchants.count();
  const rows: string[][] = [];
  const getClient = async () => client;
  for (const shape of shapes(brands, total)) {
    const searchTimes: number[] = [];
    const listTimes: number[] = [];
    let matched = 0;
    // Warm-up, then measured runs (the repo's search; the route's whole data path).
    for (let i = 0; i < 20; i++) await db.merchants.search(toQuery(resolveSearch(shape.search(i))));
    for (let i = 0; i < ITERATIONS; i++) {
      const s = resolveSearch(shape.search(i));
      const [ms, r] = await time(() => db.merchants.search(toQuery(s)));
      searchTimes.push(ms);
      matched += r.total;
      const [listMs] = await time(() => loadMerchantPage(db, getClient, s));
      listTimes.push(listMs);
    }
    searchTimes.sort((a, b) => a - b);
    listTimes.sort((a, b) => a - b);
    rows.push([
      name,
      shape.name,
      String(Math.round(matched / ITERATIONS)),
      percentile(searchTimes, 50).toFixed(2),
      percentile(searchTimes, 99).toFixed(2),
      percentile(searchTimes, 100).toFixed(2),
      percentile(listTimes, 50).toFixed(2),
      percentile(listTimes, 99).toFixed(2),
    ]);
  }
  return {
    rows,
    sync: [
      name,
      `${(syncMs / 1000).toFixed(1)} s`,
      `${outcome.pages} pages, ${outcome.added} added`,
      `${(resyncMs / 1000).toFixed(1)} s`,
      again.ran ? `${again.changed} changed, ${again.removed} removed` : "-",
    ],
  };
}

function toQuery(s: MerchantSearch) {
  return {
    q: s.q,
    status: s.status,
    country: s.country,
    vertical: s.vertical,
    sort: s.sort,
    dir: s.dir,
    offset: (s.page - 1) * s.pageSize,
    limit: s.pageSize,
  };
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i <= 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-merchants-"));
  const schema = process.env.BENCH_PG_SCHEMA ?? `bench_merchants_${process.pid}`;
  let pgUsed = false;
  process.stderr.write(`seeding ${MERCHANTS} merchants in the sandbox…\n`);
  const [seedMs, sandbox] = await time(async () =>
    createSandbox({ dataDir: path.join(dir, "sandbox"), seedMerchants: MERCHANTS, rateLimits: false }),
  );
  process.stderr.write(`seeded in ${(seedMs / 1000).toFixed(1)} s\n`);
  const client = createPartnershipsClient({
    apiUrl: "http://sandbox.bench",
    authUrl: "http://sandbox.bench",
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    parentAccountId: DEMO_PARENT_ACCOUNT_ID,
    fetch: (input, init) => sandbox.fetch(new Request(input, init)),
    logger: { info: () => {}, warn: () => {} },
  });
  const results: Awaited<ReturnType<typeof benchEngine>>[] = [];
  try {
    if (ENGINES.includes("sqlite")) {
      const sqlite = await createConsoleDb({ dataDir: path.join(dir, "console") });
      try {
        results.push(await benchEngine("sqlite", sqlite, client));
      } finally {
        await sqlite.close();
      }
    }
    if (ENGINES.includes("postgres") && process.env.SKIP_PG_TESTS !== "1") {
      pgUsed = true;
      const postgres = await createConsoleDb({ databaseUrl: PG_URL, pgSchema: schema });
      try {
        results.push(await benchEngine("postgres", postgres, client));
      } finally {
        await postgres.close();
      }
    }
  } finally {
    sandbox.close();
    rmSync(dir, { recursive: true, force: true });
    if (pgUsed) {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    }
  }
  console.log(`\nMerchant index, ${MERCHANTS} merchants (sandbox seeded in ${(seedMs / 1000).toFixed(1)} s)\n`);
  console.log(
    table(
      ["engine", "full sync", "", "re-sync (no change)", ""],
      results.map((r) => r.sync),
    ),
  );
  console.log(
    `\nSearch, ${ITERATIONS} runs per shape (ms; "list" = the route's data path: sync check + search + names)\n`,
  );
  console.log(
    table(
      ["engine", "query shape", "matches", "p50", "p99", "max", "list p50", "list p99"],
      results.flatMap((r) => r.rows),
    ),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
