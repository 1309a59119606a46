import { afterEach, describe, expect, it } from "vitest";
import { RateLimitedError, UpstreamUnavailableError } from "./errors";
import { allAccounts, key, openSandbox, registerBody, type SandboxRig } from "./test-sandbox";

/** Retries and recovery against the real in-process sandbox with its faults on (SPEC §8). */
let rig: SandboxRig | undefined;
afterEach(() => {
  rig?.close();
  rig = undefined;
});

const privacyCount = async (r: SandboxRig) =>
  ((await r.admin.listPrivacyRequests()) as { requests: unknown[] }).requests.length;

describe("client with sandbox faults", () => {
  it("error_rate 0.5: every call succeeds through retries, and each write applies once", async () => {
    rig = openSandbox({ client: { maxAttempts: 20 } });
    const before = (await allAccounts(rig.client)).length;
    await rig.admin.setFaults({ error_rate: 0.5 });
    const regs = [];
    for (let i = 0; i < 4; i++) regs.push(await rig.client.register(registerBody(), { idempotencyKey: key() }));
    const id = regs[0]!.data.account_id;
    const added = await rig.client.addPages(
      id,
      { pages: [{ surface: "returns", layout_type: "Overlay" }] },
      { idempotencyKey: key() },
    );
    expect(added.data.pages).toHaveLength(1);
    const status = await rig.client.putStatus(id, { status: "active" }, { idempotencyKey: key() });
    expect(status.data.status).toBe("active");
    const controls = await rig.client.getControls(id);
    expect(controls.status).toBe(200);
    expect(rig.logs.some((l) => l.status === 500)).toBe(true);
    await rig.admin.setFaults({ error_rate: 0 });
    expect((await allAccounts(rig.client)).length).toBe(before + 4);
    const state = JSON.stringify(await rig.admin.getAccountState(id));
    expect(state.match(/"surface":"returns"/g)).toHaveLength(1);
  });

  it("drop after commit: the same key is resent and the replay returned, without a duplicate", async () => {
    let reopened = false;
    rig = openSandbox({
      client: {
        // The first retry's backoff is where a real outage would end: switch the fault off there.
        sleep: async () => {
          if (!reopened) {
            reopened = true;
            await rig!.admin.setFaults({ drop_after_commit_rate: 0 });
          }
        },
      },
    });
    const reg = await rig.client.register(registerBody(), { idempotencyKey: key() });
    const id = reg.data.account_id;
    await rig.admin.setFaults({ drop_after_commit_rate: 1 });
    const k = key();
    const added = await rig.client.addPages(
      id,
      { pages: [{ surface: "tracking", layout_type: "Overlay" }] },
      { idempotencyKey: k },
    );
    expect(reopened).toBe(true);
    expect(added.replayed).toBe(true);
    expect(added.data.pages.map((p) => p.surface)).toEqual(["tracking"]);
    expect(rig.sent.filter((r) => r.key === k)).toHaveLength(2);
    const state = JSON.stringify(await rig.admin.getAccountState(id));
    expect(state.match(/"surface":"tracking"/g)).toHaveLength(1);
  });

  it("drop after commit on every try: outcome unknown; register later with a new key finds the one account", async () => {
    rig = openSandbox({ client: { maxAttempts: 3 } });
    const before = (await allAccounts(rig.client)).length;
    await rig.admin.setFaults({ drop_after_commit_rate: 1 });
    const body = registerBody();
    const err = await rig.client.register(body, { idempotencyKey: key() }).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect(err.outcomeUnknown).toBe(true);
    expect(rig.sent.filter((r) => r.path === "/v1/accounts/register/partnership")).toHaveLength(3);
    await rig.admin.setFaults({ drop_after_commit_rate: 0 });
    const again = await rig.client.register(body, { idempotencyKey: key() });
    const all = await allAccounts(rig.client);
    expect(all.length).toBe(before + 1);
    expect(all.filter((a) => a.external_account_id === body.external_account_id)).toHaveLength(1);
    expect(again.data.external_account_id).toBe(body.external_account_id);
  });

  it("drop after commit on a network privacy request: surfaced as outcome unknown, sent once", async () => {
    rig = openSandbox();
    const before = await privacyCount(rig);
    await rig.admin.setFaults({ drop_after_commit_rate: 1 });
    const err = await rig.client
      .networkPrivacyRequest({ requestType: "NETWORK_OPT_OUT", email: "once@example.com" })
      .catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect(err.outcomeUnknown).toBe(true);
    expect(rig.sent.filter((r) => r.path.includes("network-privacy"))).toHaveLength(1);
    await rig.admin.setFaults({ drop_after_commit_rate: 0 });
    expect(await privacyCount(rig)).toBe(before + 1);
  });

  it("rate limits: waits out Retry-After, then succeeds", async () => {
    rig = openSandbox({ rateLimits: true, clockSleeps: true, client: { maxRetryAfterMs: 60_000 } });
    // Register allows 10 a minute per partner (SPEC §6).
    for (let i = 0; i < 10; i++) await rig.client.register(registerBody(), { idempotencyKey: key() });
    const eleventh = await rig.client.register(registerBody(), { idempotencyKey: key() });
    expect(eleventh.status).toBe(200);
    const limited = rig.logs.filter((l) => l.status === 429);
    expect(limited).toHaveLength(1);
    const waited = rig.sleeps.at(-1)!;
    expect(waited).toBeGreaterThanOrEqual(1000);
    expect(waited).toBeLessThanOrEqual(60_000);
    expect(waited % 1000).toBe(0);
  });

  it("rate limits: a Retry-After too long to wait here reaches the caller as RateLimitedError", async () => {
    rig = openSandbox({ rateLimits: true, client: { maxRetryAfterMs: 500 } });
    for (let i = 0; i < 10; i++) await rig.client.register(registerBody(), { idempotencyKey: key() });
    const err = await rig.client.register(registerBody(), { idempotencyKey: key() }).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(rig.sleeps).toEqual([]);
  });

  it("409 in flight: a concurrent call with the same key recovers the first one's answer by polling its operation", async () => {
    rig = openSandbox();
    const reg = await rig.client.register(registerBody(), { idempotencyKey: key() });
    const id = reg.data.account_id;
    await rig.admin.setFaults({ latency_ms: 300 });
    const k = key();
    const body = { pages: [{ surface: "returns" as const, layout_type: "Embedded" as const }] };
    const first = rig.client.addPages(id, body, { idempotencyKey: k });
    await new Promise((r) => setTimeout(r, 50));
    const second = rig.client.addPages(id, body, { idempotencyKey: k });
    const [a, b] = await Promise.all([first, second]);
    await rig.admin.setFaults({ latency_ms: 0 });
    expect(b.data).toEqual(a.data);
    expect(b.operationId).toBe(a.operationId);
    expect(b.replayed).toBe(true);
    expect(rig.logs.some((l) => l.event === "partnerships.recovery")).toBe(true);
    expect(rig.sent.filter((r) => r.path.startsWith("/v1/partnership/operations/")).length).toBeGreaterThan(0);
    const state = JSON.stringify(await rig.admin.getAccountState(id));
    expect(state.match(/"surface":"returns"/g)).toHaveLength(1);
  });
});
