import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./test-harness";

/** The payout-setup route keeps the latest onboarding link for the Payouts section, and nothing else does. */
let h: Harness;
let account: string;

beforeEach(async () => {
  h = await createHarness();
  [account = ""] = await h.merchants(1);
});
afterEach(async () => {
  await h.close();
});

const BODY = { return_url: "https://console.example.com/back", refresh_url: "https://console.example.com/again" };

describe("payout links", () => {
  it("keeps the latest link of a live call, one per merchant, and never writes it to the audit log", async () => {
    h.as(h.users.account_manager);
    const first = await h.call("POST", `/api/merchants/${account}/payout-setup`, { body: BODY });
    expect(first.status).toBe(200);
    const kept = await h.db.payoutLinks.get(account);
    expect(kept).toMatchObject({
      accountId: account,
      stripeAccountId: first.body.data.stripe_account_id,
      onboardingUrl: first.body.data.onboarding_url,
      expiresAt: first.body.data.expires_at,
      operationId: first.body.operationId,
      createdBy: h.users.account_manager.email,
    });

    const second = await h.call("POST", `/api/merchants/${account}/payout-setup`, { body: BODY });
    expect(second.status).toBe(200);
    expect(second.body.data.onboarding_url).not.toBe(first.body.data.onboarding_url);
    expect((await h.db.payoutLinks.get(account))?.onboardingUrl).toBe(second.body.data.onboarding_url);

    const audit = JSON.stringify((await h.db.audit.list({ merchantId: account, limit: 200 })).entries);
    expect(audit).toContain(first.body.data.stripe_account_id);
    expect(audit).not.toContain(first.body.data.onboarding_url);
    expect(audit).not.toContain(second.body.data.onboarding_url);
  });

  it("keeps nothing for a refused or failed call", async () => {
    h.as(h.users.support);
    expect((await h.call("POST", `/api/merchants/${account}/payout-setup`, { body: BODY })).status).toBe(403);
    h.as(h.users.admin);
    const bad = await h.call("POST", `/api/merchants/${account}/payout-setup`, {
      body: { return_url: "http://console.example.com/back", refresh_url: BODY.refresh_url },
    });
    expect(bad.status).toBe(400);
    expect(await h.db.payoutLinks.get(account)).toBeUndefined();
  });
});
