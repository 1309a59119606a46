import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "@/server/sandbox";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PARENT_ACCOUNT_ID } from "@/server/sandbox/demo-platform";
import { createPartnershipsClient } from "./client";
import { UpstreamUnavailableError } from "./errors";
import { createSandboxAdmin, type SandboxAdmin } from "./sandbox-admin";
import { ADMIN, key, registerBody } from "./test-sandbox";
import type { PartnershipsClient } from "./types";

/**
 * The standalone shape (SANDBOX_URL): real sockets, so a dropped answer is a
 * real cut connection and a timeout a real abort. Served on an ephemeral port.
 */
let origin: string;
let close: () => void;
let admin: SandboxAdmin;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "partnerships-http-"));
  const sandbox = createSandbox({ dataDir, seedMerchants: 5, adminToken: ADMIN, rateLimits: false });
  const server = serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: async (req, env) => {
      const res = await sandbox.handle(req);
      if (sandbox.isDropped(res)) {
        env.incoming.socket?.destroy();
        return new Response(null, { status: 204 });
      }
      return res;
    },
  });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  admin = createSandboxAdmin({ origin, fetch, adminToken: ADMIN });
  close = () => {
    server.close();
    sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
});
afterAll(() => close());

/** A backoff that first ends the injected outage (faults off), as a real outage would end while the client waits. */
function endOutageOnFirstBackoff(): (ms: number) => Promise<void> {
  let ended = false;
  return async (ms) => {
    if (!ended) {
      ended = true;
      await admin.setFaults({ latency_ms: 0, drop_after_commit_rate: 0 });
    }
    await new Promise((r) => setTimeout(r, ms));
  };
}

function client(
  over: { timeoutMs?: number; maxAttempts?: number; sleep?: (ms: number) => Promise<void> } = {},
): PartnershipsClient {
  return createPartnershipsClient({
    apiUrl: origin,
    authUrl: origin,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    parentAccountId: DEMO_PARENT_ACCOUNT_ID,
    baseDelayMs: 10,
    maxDelayMs: 100,
    logger: { info: (o) => logs.push(o), warn: (o) => logs.push(o) },
    ...over,
  });
}

describe("client over HTTP (standalone sandbox)", () => {
  it("reads and writes over real sockets", async () => {
    const c = client();
    const list = await c.listAccounts();
    expect(list.data.accounts).toHaveLength(5);
    const reg = await c.register(registerBody(), { idempotencyKey: key() });
    expect(reg.operationId).toMatch(/^op_/);
    expect(await c.ping()).toBe(true);
  });

  it("a cut connection after commit is recovered by resending the same key", async () => {
    const c = client({ sleep: endOutageOnFirstBackoff() });
    const reg = await c.register(registerBody(), { idempotencyKey: key() });
    await admin.setFaults({ drop_after_commit_rate: 1 });
    const res = await c.putStatus(reg.data.account_id, { status: "active" }, { idempotencyKey: key() });
    expect(res.data.status).toBe("active");
    expect(res.replayed).toBe(true);
    expect(logs.some((l) => l.error === "network")).toBe(true);
  });

  it("a try that times out is resent with the same key and recovered through the operation", async () => {
    const c = client({ timeoutMs: 150, maxAttempts: 5, sleep: endOutageOnFirstBackoff() });
    const reg = await c.register(registerBody(), { idempotencyKey: key() });
    // Only the first try is slow (latency is read when a request reaches the fault step):
    // the resend meets it still running (409) and polls its operation.
    await admin.setFaults({ latency_ms: 400 });
    const res = await c.addPages(
      reg.data.account_id,
      { pages: [{ surface: "tracking", layout_type: "Overlay" }] },
      { idempotencyKey: key() },
    );
    expect(res.data.pages.map((p) => p.surface)).toEqual(["tracking"]);
    expect(res.replayed).toBe(true);
    expect(logs.some((l) => l.event === "partnerships.recovery")).toBe(true);
    expect(logs.some((l) => l.error === "timeout")).toBe(true);
    const state = JSON.stringify(await admin.getAccountState(reg.data.account_id));
    expect(state.match(/"surface":"tracking"/g)).toHaveLength(1);
  });

  it("a network privacy request whose answer is cut is reported once, not resent", async () => {
    const c = client();
    const before = ((await admin.listPrivacyRequests()) as { requests: unknown[] }).requests.length;
    await admin.setFaults({ drop_after_commit_rate: 1 });
    const err = await c
      .networkPrivacyRequest({ requestType: "NETWORK_OPT_OUT", email: "cut@example.com" })
      .catch((e) => e);
    await admin.setFaults({ drop_after_commit_rate: 0 });
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect(err.outcomeUnknown).toBe(true);
    const after = ((await admin.listPrivacyRequests()) as { requests: unknown[] }).requests.length;
    expect(after).toBe(before + 1);
  });

  it("a refused connection is not an unknown outcome, even for a privacy request", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const c = createPartnershipsClient({
      apiUrl: `http://127.0.0.1:${port}`,
      authUrl: origin,
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      parentAccountId: DEMO_PARENT_ACCOUNT_ID,
      maxAttempts: 2,
      sleep: async () => {},
      logger: { info: () => {}, warn: () => {} },
    });
    const err = await c
      .networkPrivacyRequest({ requestType: "NETWORK_OPT_OUT", email: "never@example.com" })
      .catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect(err.outcomeUnknown).toBe(false);
    expect(err.attempts).toBe(2);
  });
});
