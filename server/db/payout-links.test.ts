import { describe, expect, it } from "vitest";
import { BACKENDS, withTestDatabase } from "./test-backends";
import type { ConsoleDb } from "./types";

const ACC = "1234567890123456";
const OTHER = "6543210987654321";

function link(expiresAt: string, url: string, stripe = "acct_1") {
  return {
    accountId: ACC,
    stripeAccountId: stripe,
    onboardingUrl: url,
    expiresAt,
    operationId: `op_${url.slice(-1)}`,
    createdBy: "manager@demo.test",
  };
}

describe.each(BACKENDS)("payout links on $name", (backend) => {
  let db: ConsoleDb;
  const t = withTestDatabase(backend, async (created) => {
    db = await created.open();
  });

  it("knows no link until one is recorded, then returns it", async () => {
    expect(await db.payoutLinks.get(ACC)).toBeUndefined();
    await db.payoutLinks.record(link("2026-01-01T10:05:00.000Z", "https://connect.example/a"));
    const got = await db.payoutLinks.get(ACC);
    expect(got).toMatchObject({
      accountId: ACC,
      stripeAccountId: "acct_1",
      onboardingUrl: "https://connect.example/a",
      expiresAt: "2026-01-01T10:05:00.000Z",
      operationId: "op_a",
      createdBy: "manager@demo.test",
    });
    expect(got?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(await db.payoutLinks.get(OTHER)).toBeUndefined();
  });

  it("keeps one link per merchant: a newer link replaces the older one", async () => {
    await db.payoutLinks.record(link("2026-01-01T10:05:00.000Z", "https://connect.example/a"));
    await db.payoutLinks.record(link("2026-01-01T10:09:00.000Z", "https://connect.example/b", "acct_2"));
    expect(await db.payoutLinks.get(ACC)).toMatchObject({
      onboardingUrl: "https://connect.example/b",
      stripeAccountId: "acct_2",
      expiresAt: "2026-01-01T10:09:00.000Z",
    });
  });

  it("does not let an older link, committed late, replace a newer one", async () => {
    await db.payoutLinks.record(link("2026-01-01T10:09:00.000Z", "https://connect.example/b"));
    await db.payoutLinks.record(link("2026-01-01T10:05:00.000Z", "https://connect.example/a"));
    expect((await db.payoutLinks.get(ACC))?.onboardingUrl).toBe("https://connect.example/b");
  });

  it("is shared by two console instances on one database", async () => {
    const second = await t.open();
    await second.payoutLinks.record(link("2026-01-01T10:05:00.000Z", "https://connect.example/a"));
    expect((await db.payoutLinks.get(ACC))?.onboardingUrl).toBe("https://connect.example/a");
  });
});
