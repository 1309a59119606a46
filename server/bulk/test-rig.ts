import "server-only";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { BulkParams } from "@/lib/bulk/schemas";
import { createConsoleDb } from "@/server/db/open";
import type { ConsoleDb } from "@/server/db/types";
import { createPartnershipsClient } from "@/server/partnerships/client";
import type { PartnershipsClient } from "@/server/partnerships/types";
import { IN_PROCESS_ORIGIN } from "@/server/partnerships/upstream";
import { createSandbox } from "@/server/sandbox";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PARENT_ACCOUNT_ID } from "@/server/sandbox/demo-platform";

/**
 * A real in-process sandbox, a real client on it, and a console database
 * (SQLite in a temp folder, or PostgreSQL in a `bulk_…` schema) whose merchant
 * index lists the sandbox's merchants. Shared by the bulk tests and the
 * benchmark. Every /v1 write answer is recorded, replays marked, so a test can
 * tell a write the API made from one it only replayed.
 */

export interface WriteSeen {
  method: string;
  path: string;
  status: number;
  replayed: boolean;
  dryRun: boolean;
  at: number;
}

export interface BulkRig {
  sandbox: ReturnType<typeof createSandbox>;
  /** Another client on the same sandbox (a second console instance). */
  newClient(): PartnershipsClient;
  client: PartnershipsClient;
  db: ConsoleDb;
  /** Opens the same console database again (another instance). */
  openDb(): Promise<ConsoleDb>;
  writes: WriteSeen[];
  /** Every /v1 answer with status 429, reads included. */
  rateLimited: { method: string; path: string; at: number }[];
  accounts: { accountId: string; brand: string; status: string }[];
  jobOf(params: BulkParams, accountIds?: string[]): Promise<string>;
  admin(method: string, path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";

export async function openBulkRig(
  opts: { backend?: "sqlite" | "postgres"; seed?: number; rateLimits?: boolean; rateLimitFactor?: number } = {},
): Promise<BulkRig> {
  const dir = mkdtempSync(join(tmpdir(), "bulk-rig-"));
  const sandbox = createSandbox({
    dataDir: join(dir, "sandbox"),
    seedMerchants: opts.seed ?? 12,
    rateLimits: opts.rateLimits ?? false,
    rateLimitFactor: opts.rateLimitFactor,
  });
  const writes: WriteSeen[] = [];
  const rateLimited: BulkRig["rateLimited"] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    const at = Date.now();
    const res = await sandbox.fetch(req);
    if (res.status === 429) rateLimited.push({ method: req.method, path: url.pathname, at });
    if (url.pathname.startsWith("/v1/") && req.method !== "GET") {
      writes.push({
        method: req.method,
        path: url.pathname,
        status: res.status,
        replayed: res.headers.get("idempotent-replayed") === "true",
        dryRun: url.searchParams.get("dry_run") === "true",
        at,
      });
    }
    return res;
  };
  const newClient = () =>
    createPartnershipsClient({
      apiUrl: IN_PROCESS_ORIGIN,
      authUrl: IN_PROCESS_ORIGIN,
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      parentAccountId: DEMO_PARENT_ACCOUNT_ID,
      fetch: fetchImpl,
      baseDelayMs: 20,
      maxDelayMs: 200,
      logger: { info: () => undefined, warn: () => undefined },
    });
  const schema = `bulk_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const dbOptions =
    opts.backend === "postgres" ? { databaseUrl: PG_URL, pgSchema: schema } : { dataDir: join(dir, "console") };
  const opened: ConsoleDb[] = [];
  const openDb = async () => {
    const db = await createConsoleDb(dbOptions);
    opened.push(db);
    return db;
  };
  const db = await openDb();
  const client = newClient();
  const listed = [];
  let cursor: string | undefined;
  do {
    const page = await client.listAccounts({ limit: 200, cursor });
    listed.push(...page.data.accounts);
    cursor = page.data.next_cursor ?? undefined;
  } while (cursor);
  await db.merchants.applySyncPage(listed, new Date().toISOString());
  const accounts = listed.map((a) => ({ accountId: a.account_id, brand: a.brand, status: a.status }));
  return {
    sandbox,
    newClient,
    client,
    db,
    openDb,
    writes,
    rateLimited,
    accounts,
    async jobOf(params, accountIds = accounts.map((a) => a.accountId)) {
      const job = await db.bulk.createJob({
        action: params.action,
        params,
        selection: { kind: "ids", accountIds },
        createdBy: { id: "u1", email: "support@demo.test", role: "support" },
        merchants: accountIds.map((id) => ({
          accountId: id,
          brand: accounts.find((a) => a.accountId === id)?.brand ?? id,
        })),
      });
      return job.id;
    },
    async admin(method, path, body) {
      const res = await sandbox.fetch(
        new Request(`${IN_PROCESS_ORIGIN}${path}`, {
          method,
          headers: { "X-Sandbox-Admin": "sandbox-admin", ...(body ? { "Content-Type": "application/json" } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        }),
      );
      return ((await res.json()) as { data: unknown }).data;
    },
    async close() {
      await Promise.all(opened.map((d) => d.close().catch(() => undefined)));
      sandbox.close();
      rmSync(dir, { recursive: true, force: true });
      if (opts.backend === "postgres") {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => c.end());
      }
    },
  };
}
