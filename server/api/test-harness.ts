/**
 * The route layer wired for tests: the real wrapper and route table, a real
 * SQLite console database in a temp folder, and the real in-process sandbox
 * behind the real server client. Only the session is a fake (who is signed in).
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Role } from "@/lib/auth/roles";
import type { SessionUser } from "@/server/auth/types";
import { createConsoleDb } from "@/server/db";
import type { Backend } from "@/server/db/test-backends";
import type { ConsoleDb } from "@/server/db/types";
import { createPartnershipsClient } from "@/server/partnerships";
import type { PartnershipsClientConfig } from "@/server/partnerships/config";
import type { PartnershipsClient } from "@/server/partnerships/types";
import { createSandbox, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PARENT_ACCOUNT_ID } from "@/server/sandbox";
import { resetKnowledgeBootstrapForTests } from "./bootstrap";
import type { ApiConfig, ApiDeps } from "./context";
import { ROUTES } from "./routes";
import { dispatch } from "./wrapper";

export const ORIGIN = "http://console.test";
const SANDBOX = "http://sandbox.test";
const ADMIN_TOKEN = "harness-admin";

export interface CallOptions {
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  raw?: string;
  contentType?: string | null;
  /** undefined → a fresh key on writes; null → no header. */
  key?: string | null;
  /** Replace or remove (null) any header. */
  headers?: Record<string, string | null>;
}

export interface Called {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field.
  body: any;
  text: string;
}

export interface Harness {
  db: ConsoleDb;
  client: PartnershipsClient;
  deps: ApiDeps;
  config: ApiConfig;
  users: Record<Role, SessionUser>;
  /** Who the fake session says is signed in (null: nobody). */
  as(user: SessionUser | null): void;
  call(method: string, path: string, opts?: CallOptions): Promise<Called>;
  sandbox(method: string, path: string, body?: unknown): Promise<Called>;
  /** The first demo merchants, in list order. */
  merchants(n?: number): Promise<string[]>;
  close(): Promise<void>;
}

async function toCalled(res: Response): Promise<Called> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

export interface HarnessOptions {
  seedMerchants?: number;
  writeLimitPerMinute?: number;
  /** Another console database (e.g. PostgreSQL from server/db/test-backends); default SQLite in a temp folder. */
  backend?: Backend;
  /** Overrides of the Partnerships client's settings (e.g. a sleep that ends an injected outage). */
  client?: Partial<PartnershipsClientConfig>;
  /** Sees every request the console's client sends to the sandbox (token requests included). */
  onUpstream?: (request: Request) => void;
}

export async function createHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const dir = await mkdtemp(path.join(tmpdir(), "console-api-test-"));
  const testDb = opts.backend ? await opts.backend.create() : null;
  const db = testDb ? await testDb.open() : await createConsoleDb({ dataDir: path.join(dir, "console") });
  const sb = createSandbox({
    dataDir: path.join(dir, "sandbox"),
    seedMerchants: opts.seedMerchants ?? 12,
    adminToken: ADMIN_TOKEN,
    rateLimits: false,
  });
  const sandboxFetch: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    opts.onUpstream?.(request);
    return sb.fetch(request);
  };
  const client = createPartnershipsClient({
    apiUrl: SANDBOX,
    authUrl: SANDBOX,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    parentAccountId: DEMO_PARENT_ACCOUNT_ID,
    fetch: sandboxFetch,
    maxAttempts: 2,
    sleep: async () => {},
    logger: { info: () => {}, warn: () => {} },
    ...opts.client,
  });
  const make = async (email: string, role: Role): Promise<SessionUser> => {
    const row = await db.users.create({ email, name: email.split("@")[0] ?? email, role, passwordHash: null });
    return { id: row.id, email: row.email, name: row.name, role: row.role };
  };
  const users: Record<Role, SessionUser> = {
    support: await make("support@api.test", "support"),
    account_manager: await make("manager@api.test", "account_manager"),
    admin: await make("admin@api.test", "admin"),
  };
  let current: SessionUser | null = null;
  const config: ApiConfig = { sandboxMode: true, writeLimitPerMinute: opts.writeLimitPerMinute ?? 1000 };
  const deps: ApiDeps = {
    getSessionUser: async () => current,
    getDb: async () => db,
    getClient: async () => client,
    getConfig: () => config,
    exportSandboxLayoutsCsv: async () => {
      const res = await sb.fetch(
        new Request(`${SANDBOX}/_sandbox/export/layouts.csv`, { headers: { "X-Sandbox-Admin": ADMIN_TOKEN } }),
      );
      return res.text();
    },
  };
  resetKnowledgeBootstrapForTests();

  return {
    db,
    client,
    deps,
    config,
    users,
    as: (user) => {
      current = user;
    },
    async call(method, p, o = {}) {
      const headers: Record<string, string> = {
        Origin: ORIGIN,
        "Sec-Fetch-Site": "same-origin",
        "X-Requested-With": "XMLHttpRequest",
        "User-Agent": "vitest",
      };
      const hasBody = o.raw !== undefined || o.body !== undefined;
      if (hasBody && o.contentType !== null) headers["Content-Type"] = o.contentType ?? "application/json";
      if (method !== "GET" && o.key !== null) headers["Idempotency-Key"] = o.key ?? randomUUID();
      for (const [k, v] of Object.entries(o.headers ?? {})) {
        const existing = Object.keys(headers).find((h) => h.toLowerCase() === k.toLowerCase());
        if (existing) delete headers[existing];
        if (v !== null) headers[k] = v;
      }
      const request = new Request(ORIGIN + p, {
        method,
        headers,
        body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
      });
      return toCalled(await dispatch(request, deps, ROUTES));
    },
    async sandbox(method, p, body) {
      const headers: Record<string, string> = { "X-Sandbox-Admin": ADMIN_TOKEN };
      if (body !== undefined) headers["Content-Type"] = "application/json";
      const res = await sb.fetch(
        new Request(SANDBOX + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
      );
      return toCalled(res);
    },
    async merchants(n = 3) {
      const list = await client.listAccounts({ limit: n });
      return list.data.accounts.map((a) => a.account_id);
    },
    async close() {
      resetKnowledgeBootstrapForTests();
      sb.close();
      if (testDb) await testDb.cleanup();
      else await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
