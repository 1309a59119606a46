/** §5.9: payout setup. */
import { describe, expect, it } from "vitest";
import { expectEnvelope, open, PAYOUT_PATH, randomUUID, T0 } from "./harness";

const urls = {
  return_url: "https://console.example.com/payout/done",
  refresh_url: "https://console.example.com/payout/again",
};

describe("payout setup", () => {
  it("answers a Stripe account, an onboarding url and expires_at 5 minutes after the answer", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const res = await env.write("POST", PAYOUT_PATH(acc.account_id), urls);
    expectEnvelope(res, 200);
    expect(Object.keys(res.body.data).sort()).toEqual([
      "account_id",
      "expires_at",
      "onboarding_url",
      "stripe_account_id",
    ]);
    expect(res.body.data.account_id).toBe(acc.account_id);
    expect(res.body.data.stripe_account_id).toMatch(/^acct_/);
    expect(() => new URL(res.body.data.onboarding_url)).not.toThrow();
    expect(res.body.data.expires_at).toBe(new Date(T0 + 5 * 60_000).toISOString());
  });

  it("a later call returns the same stripe_account_id with a new url and expiry", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const a = await env.write("POST", PAYOUT_PATH(acc.account_id), urls);
    env.advance(60_000);
    const b = await env.write("POST", PAYOUT_PATH(acc.account_id), urls);
    expectEnvelope(b, 200);
    expect(b.body.data.stripe_account_id).toBe(a.body.data.stripe_account_id);
    expect(b.body.data.onboarding_url).not.toBe(a.body.data.onboarding_url);
    expect(b.body.data.expires_at).toBe(new Date(T0 + 60_000 + 5 * 60_000).toISOString());
  });

  it("gives each account its own Stripe account", async () => {
    const env = open();
    const [a, b] = await env.listAll();
    const ra = await env.write("POST", PAYOUT_PATH(a.account_id), urls);
    const rb = await env.write("POST", PAYOUT_PATH(b.account_id), urls);
    expect(ra.body.data.stripe_account_id).not.toBe(rb.body.data.stripe_account_id);
  });

  it("dry_run=true → 400 at request validation, with X-Dry-Run, kept under its key, operation failed", async () => {
    const env = open();
    const [acc] = await env.listAll();
    const before = await env.state(acc.account_id);
    const key = randomUUID();
    const res = await env.write("POST", PAYOUT_PATH(acc.account_id), urls, { key, dryRun: true });
    expectEnvelope(res, 400, /dry_run/);
    expect(res.headers.get("x-dry-run")).toBe("true");
    const opId = res.headers.get("x-operation-id")!;
    expect((await env.operation(opId)).body.data).toMatchObject({ status: "failed", dry_run: true, http_status: 400 });
    const replay = await env.write("POST", PAYOUT_PATH(acc.account_id), urls, { key, dryRun: true });
    expect(replay.text).toBe(res.text);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("x-dry-run")).toBe("true");
    expect(await env.state(acc.account_id)).toEqual(before);
  });

  it("dry_run=true is a validation 400, so it comes before a deleting account's 409", async () => {
    const env = open();
    const [acc] = await env.listAll();
    expectEnvelope(
      await env.write("POST", `/v1/partnership/accounts/${acc.account_id}/data-deletion-requests`, { reason: "r" }),
      202,
    );
    expectEnvelope(await env.write("POST", PAYOUT_PATH(acc.account_id), urls, { dryRun: true }), 400, /dry_run/);
    expectEnvelope(await env.write("POST", PAYOUT_PATH(acc.account_id), urls), 409, "account is deleting");
  });

  it("dry_run=false is a live call", async () => {
    const env = open();
    const [acc] = await env.listAll();
    expectEnvelope(await env.write("POST", `${PAYOUT_PATH(acc.account_id)}?dry_run=false`, urls), 200);
  });

  it.each([["http://localhost:3000/done"], ["http://127.0.0.1/done"], ["HTTPS://Console.Example.com/x?y=1"]])(
    "accepts %s",
    async (url) => {
      const env = open();
      const [acc] = await env.listAll();
      expectEnvelope(await env.write("POST", PAYOUT_PATH(acc.account_id), { return_url: url, refresh_url: url }), 200);
    },
  );

  it.each([
    ["an http url elsewhere", { ...urls, return_url: "http://console.example.com/done" }],
    ["another scheme", { ...urls, refresh_url: "ftp://console.example.com/x" }],
    ["a relative url", { ...urls, return_url: "/payout/done" }],
    ["a missing refresh_url", { return_url: urls.return_url }],
    ["an extra field", { ...urls, country: "US" }],
    ["a null url", { ...urls, return_url: null }],
  ])("%s → 400", async (_n, body) => {
    const env = open();
    const [acc] = await env.listAll();
    const before = await env.state(acc.account_id);
    expectEnvelope(await env.write("POST", PAYOUT_PATH(acc.account_id), body), 400);
    expect(await env.state(acc.account_id)).toEqual(before);
  });
});
