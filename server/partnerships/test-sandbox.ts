import "server-only";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RegisterRequest } from "@/lib/partnerships";
import { createSandbox } from "@/server/sandbox";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PARENT_ACCOUNT_ID } from "@/server/sandbox/demo-platform";
import { createPartnershipsClient } from "./client";
import type { PartnershipsClientConfig } from "./config";
import { createSandboxAdmin, type SandboxAdmin } from "./sandbox-admin";
import type { PartnershipsClient } from "./types";
import { IN_PROCESS_ORIGIN } from "./upstream";

/** A real in-process sandbox in a temp folder, and the client wired to it the way production wires it. */
export interface SandboxRig {
  client: PartnershipsClient;
  admin: SandboxAdmin;
  sleeps: number[];
  logs: Record<string, unknown>[];
  /** The sandbox's clock (rate-limit windows, timestamps); advanced by the client's sleeps when `clockSleeps`. */
  clock: { now: number };
  /** Every /v1 request the client sent. */
  sent: SentRequest[];
  /** The sandbox's fetch, for a second client (another platform). */
  fetch: typeof fetch;
  close(): void;
}

export const ADMIN = "sandbox-admin";

export interface SentRequest {
  method: string;
  path: string;
  parent: string | null;
  key: string | null;
}

export function openSandbox(
  opts: { rateLimits?: boolean; clockSleeps?: boolean; client?: Partial<PartnershipsClientConfig> } = {},
): SandboxRig {
  const dataDir = mkdtempSync(join(tmpdir(), "partnerships-client-"));
  const clock = { now: Date.parse("2026-11-29T00:00:00.000Z") };
  const sandbox = createSandbox({
    dataDir,
    seedMerchants: 20,
    adminToken: ADMIN,
    rateLimits: opts.rateLimits ?? false,
    deletionMs: 1_000,
    now: () => clock.now,
  });
  const sent: SentRequest[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    if (url.pathname.startsWith("/v1/")) {
      const h = req.headers;
      sent.push({
        method: req.method,
        path: url.pathname,
        parent: h.get("x-platform-parent-account-id"),
        key: h.get("idempotency-key"),
      });
    }
    return sandbox.fetch(req);
  };
  const sleeps: number[] = [];
  const logs: Record<string, unknown>[] = [];
  const client = createPartnershipsClient({
    apiUrl: IN_PROCESS_ORIGIN,
    authUrl: IN_PROCESS_ORIGIN,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    parentAccountId: DEMO_PARENT_ACCOUNT_ID,
    fetch: fetchImpl,
    baseDelayMs: 20,
    maxDelayMs: 200,
    sleep: async (ms) => {
      sleeps.push(ms);
      if (opts.clockSleeps) clock.now += ms;
      // Real time passes too (capped), for faults that act in real time (latency).
      await new Promise((r) => setTimeout(r, Math.min(ms, 50)));
    },
    logger: { info: (o) => logs.push(o), warn: (o) => logs.push(o) },
    ...opts.client,
  });
  const admin = createSandboxAdmin({
    origin: IN_PROCESS_ORIGIN,
    fetch: (i, init) => sandbox.fetch(new Request(i, init)),
    adminToken: ADMIN,
  });
  return {
    client,
    admin,
    sleeps,
    logs,
    clock,
    sent,
    fetch: (i, init) => sandbox.fetch(new Request(i, init)),
    close() {
      sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const key = () => randomUUID();

export function registerBody(over: Partial<RegisterRequest> = {}): RegisterRequest {
  const n = randomUUID().slice(0, 8);
  return {
    brand: `Test Brand ${n}`,
    vertical_id: 1500,
    sub_vertical_id: 1610,
    country_code: "US",
    platform_parent_account_id: DEMO_PARENT_ACCOUNT_ID,
    store_identifier: `https://shop-${n}.example.com`,
    external_account_id: `ext-${n}`,
    pages: [{ surface: "confirmation", layout_type: "Overlay" }],
    ...over,
  };
}

/** Every account of the demo platform, following cursors. */
export async function allAccounts(client: PartnershipsClient) {
  const out = [];
  let cursor: string | undefined;
  do {
    const page = await client.listAccounts({ limit: 200, cursor });
    out.push(...page.data.accounts);
    cursor = page.data.next_cursor ?? undefined;
  } while (cursor);
  return out;
}
