import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "@/server/api/test-harness";

let h: Harness;
let account: string;
let external: string;

const sent = async () => (await h.sandbox("GET", "/_sandbox/privacy-requests")).body.data.requests as unknown[];
const audit = async (action: string) => (await h.db.audit.list({ action })).entries;

beforeAll(async () => {
  h = await createHarness({ seedMerchants: 4 });
  const list = await h.client.listAccounts({ limit: 4 });
  const first = list.data.accounts[0]!;
  account = first.account_id;
  external = first.external_account_id;
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  delete process.env.PRIVACY_DELETION_APPROVAL;
});

describe("consumer privacy requests", () => {
  it("keeps each request in the history, masked, with its request id", async () => {
    h.as(h.users.admin);
    const res = await h.call("POST", "/api/privacy-requests", {
      body: { requestType: "NETWORK_OPT_OUT", email: "Person.One@Example.com" },
    });
    expect(res.status, res.text).toBe(202);
    const { entries } = (await h.call("GET", "/api/privacy-requests")).body.data;
    expect(entries[0]).toMatchObject({
      kind: "consumer",
      requestType: "NETWORK_OPT_OUT",
      identifierType: "email",
      identifierMasked: "P***@example.com",
      status: "submitted",
      upstreamRequestId: res.body.data.requestId,
      submittedByEmail: "admin@api.test",
    });
    expect(entries[0].fingerprint).toBeUndefined();
    const [entry] = await audit("privacy.network_request");
    expect(entry?.request).toMatchObject({ body: { identifier: "P***@example.com", identifierType: "email" } });
    expect(JSON.stringify(entry)).not.toMatch(/person\.one/i);
  });

  it("flags a second request of the same type for the same person within 24 h, even by its hash, until confirmed", async () => {
    h.as(h.users.admin);
    const before = (await sent()).length;
    const body = { requestType: "NETWORK_OPT_OUT", hashedEmail: await hashOf("person.one@example.com") };
    const dup = await h.call("POST", "/api/privacy-requests", { body });
    expect(dup.status, dup.text).toBe(422);
    expect(dup.body.error.code).toBe("possible_duplicate");
    expect(dup.body.error.message).toMatch(/already submitted .* by admin@api\.test \(request ID [0-9a-f-]{36}\)/);
    expect((await sent()).length).toBe(before);
    // Another type for the same person is not a duplicate.
    const other = await h.call("POST", "/api/privacy-requests", {
      body: { requestType: "NETWORK_DATA_DELETION", email: "person.one@example.com" },
    });
    expect(other.status, other.text).toBe(202);
    const confirmed = await h.call("POST", "/api/privacy-requests?confirm_duplicate=true", { body });
    expect(confirmed.status, confirmed.text).toBe(202);
    expect((await sent()).length).toBe(before + 2);
  });

  it("records an unknown outcome in the history and the audit log, and never resends it", async () => {
    h.as(h.users.admin);
    await h.sandbox("POST", "/_sandbox/faults", { error_rate: 1 });
    const key = randomUUID();
    const body = { requestType: "NETWORK_DATA_DELETION", phone: "+447700900189" };
    const first = await h.call("POST", "/api/privacy-requests", { body, key });
    await h.sandbox("POST", "/_sandbox/faults", { error_rate: 0 });
    expect(first.status).toBe(502);
    const again = await h.call("POST", "/api/privacy-requests", { body, key });
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    const { entries } = (await h.call("GET", "/api/privacy-requests?kind=consumer")).body.data;
    const unknown = entries.filter((e: { identifierMasked: string }) => e.identifierMasked === "+44 ***** **89");
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({
      status: "unknown",
      submittedByEmail: "admin@api.test",
      upstreamRequestId: null,
    });
    // The first try's entry (the replay that follows is audited too, as replayed).
    const entry = (await audit("privacy.network_request")).find((e) => e.after !== null && e.outcome === "error");
    expect(entry).toMatchObject({ userEmail: "admin@api.test", after: { status: "outcome unknown" } });
    expect(entry?.request).toMatchObject({ body: { identifier: "+44 ***** **89" } });
    // A fresh intent for the same person is flagged: it may already have reached Rokt.
    const fresh = await h.call("POST", "/api/privacy-requests", { body });
    expect(fresh.body.error?.code).toBe("possible_duplicate");
  });

  it("refuses support users and two identifiers at once", async () => {
    h.as(h.users.support);
    expect((await h.call("GET", "/api/privacy-requests")).status).toBe(403);
    h.as(h.users.admin);
    const two = await h.call("POST", "/api/privacy-requests", {
      body: { requestType: "NETWORK_OPT_OUT", email: "a@example.com", phone: "+447700900123" },
    });
    expect(two.status).toBe(400);
  });
});

describe("merchant data deletion", () => {
  it("refuses a confirmation that does not match, sending nothing", async () => {
    h.as(h.users.admin);
    const res = await h.call("POST", "/api/privacy/deletions", {
      body: { accountId: account, reason: "closing", confirmExternalAccountId: `${external}x` },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.confirmExternalAccountId).toContain(external);
    expect((await h.sandbox("GET", `/_sandbox/accounts/${account}`)).body.data.account.status).not.toBe("deleting");
  });

  it("waits for a second admin when configured, then runs as a tracked operation", async () => {
    process.env.PRIVACY_DELETION_APPROVAL = "second_admin";
    h.as(h.users.admin);
    const asked = await h.call("POST", "/api/privacy/deletions", {
      body: { accountId: account, reason: "merchant closed", confirmExternalAccountId: external },
    });
    expect(asked.status, asked.text).toBe(202);
    expect(asked.body.data.state).toBe("awaiting_approval");
    const id = asked.body.data.historyId;
    expect((await h.sandbox("GET", `/_sandbox/accounts/${account}`)).body.data.account.status).not.toBe("deleting");
    // The raw route cannot skip the approval.
    const raw = await h.call("POST", `/api/merchants/${account}/data-deletion`, { body: { reason: "skip" } });
    expect(raw.status).toBe(403);
    const self = await h.call("POST", `/api/privacy/deletions/${id}/approve`);
    expect(self.status).toBe(403);
    const second = await h.db.users.create({
      email: "second-admin@api.test",
      name: "Second",
      role: "admin",
      passwordHash: null,
    });
    h.as({ id: second.id, email: second.email, name: second.name, role: "admin" });
    const approved = await h.call("POST", `/api/privacy/deletions/${id}/approve`);
    expect(approved.status, approved.text).toBe(202);
    const opId = approved.body.operationId;
    expect(opId).toMatch(/^op_/);
    expect(await h.db.journal.get(opId)).toMatchObject({ status: "pending", merchantId: account });
    expect(await h.db.privacyRequests.get(id)).toMatchObject({
      status: "submitted",
      approvedByEmail: "second-admin@api.test",
      operationId: opId,
      operationStatus: "pending",
      merchantLabel: expect.stringContaining(external),
    });
    const again = await h.call("POST", `/api/privacy/deletions/${id}/approve`);
    expect(again.status).toBe(422);
    expect((await h.sandbox("GET", `/_sandbox/accounts/${account}`)).body.data.account.status).toBe("deleting");
  });
});

async function hashOf(email: string): Promise<string> {
  const { hashEmail } = await import("@/lib/privacy/hash");
  return hashEmail(email);
}
