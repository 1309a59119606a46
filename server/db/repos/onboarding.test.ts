import { describe, expect, it } from "vitest";
import { BACKENDS, withTestDatabase } from "../test-backends";
import type { ConsoleDb } from "../types";

describe.each(BACKENDS)("onboarding repo on $name", (backend) => {
  let db: ConsoleDb;
  withTestDatabase(backend, async (created) => {
    db = await created.open();
  });

  it("drafts: per user, saved as typed, listed newest first until live, deletable by their owner only", async () => {
    const a = await db.onboarding.createDraft("u1", { merchant: { brand: "" } });
    const b = await db.onboarding.createDraft("u1", { merchant: { brand: "B" } });
    await db.onboarding.createDraft("u2", {});
    const typed = { merchant: { brand: "Acme  ", store_identifier: "acme.myshopify.com" }, note: "é✓" };
    // Timestamps have millisecond precision: the save must come after b's creation to list first.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const saved = await db.onboarding.saveDraft(a.id, "u1", { data: typed, brand: "Acme", reached: 2 });
    expect(saved).toMatchObject({ id: a.id, brand: "Acme", reached: 2, version: 2, status: "draft", data: typed });
    expect(await db.onboarding.saveDraft(a.id, "u2", { data: {}, brand: null, reached: 0 })).toBeUndefined();
    expect((await db.onboarding.listDrafts("u1")).map((d) => d.id)).toEqual([a.id, b.id]);
    expect(await db.onboarding.getDraft(a.id, "u2")).toBeUndefined();
    expect((await db.onboarding.getDraft(a.id))?.userId).toBe("u1");

    await db.onboarding.markDraftLive(b.id, "1234567890123456");
    expect((await db.onboarding.listDrafts("u1")).map((d) => d.id)).toEqual([a.id]);
    expect(await db.onboarding.getDraft(b.id, "u1")).toMatchObject({ status: "live", accountId: "1234567890123456" });

    expect(await db.onboarding.deleteDraft(a.id, "u2")).toBe(false);
    expect(await db.onboarding.deleteDraft(a.id, "u1")).toBe(true);
    expect(await db.onboarding.getDraft(a.id)).toBeUndefined();
  });

  it("runs: created once with ordered steps, each step's key and result recorded, deleted with the draft", async () => {
    const d = await db.onboarding.createDraft("u1", {});
    const run = {
      draftId: d.id,
      userId: "u1",
      userEmail: "m@x.test",
      state: "running" as const,
      origin: "http://localhost:3000",
      payoutLink: true,
    };
    const steps = [
      { name: "register", request: { brand: "Acme" } },
      { name: "controls", request: { name: "Acme Controls" } },
      { name: "activate", request: { status: "active" } },
    ];
    const [first, second] = await Promise.all([
      db.onboarding.createRun(run, steps),
      db.onboarding.createRun(run, steps),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);

    await db.onboarding.updateStep(d.id, "register", {
      state: "running",
      idempotencyKey: "k-1",
      sent: true,
      attempts: 1,
    });
    await db.onboarding.updateStep(d.id, "register", {
      state: "done",
      operationId: "op_1",
      requestId: "r-1",
      httpStatus: 200,
      result: { account_id: "1234567890123456" },
    });
    await db.onboarding.updateRun(d.id, { accountId: "1234567890123456", pages: [{ surface: "returns" }] });
    const got = await db.onboarding.getRun(d.id);
    expect(got?.run).toMatchObject({
      state: "running",
      payoutLink: true,
      accountId: "1234567890123456",
      pages: [{ surface: "returns" }],
    });
    expect(got?.steps.map((s) => [s.name, s.position, s.state])).toEqual([
      ["register", 0, "done"],
      ["controls", 1, "waiting"],
      ["activate", 2, "waiting"],
    ]);
    expect(got?.steps[0]).toMatchObject({
      idempotencyKey: "k-1",
      sent: true,
      attempts: 1,
      operationId: "op_1",
      httpStatus: 200,
    });
    expect(got?.steps[1]).toMatchObject({
      idempotencyKey: null,
      sent: false,
      request: { name: "Acme Controls" },
      error: null,
    });
    expect((await db.onboarding.listRunningRuns()).map((r) => r.draftId)).toEqual([d.id]);
    await db.onboarding.updateRun(d.id, { state: "done" });
    expect(await db.onboarding.listRunningRuns()).toEqual([]);

    expect(await db.onboarding.deleteDraft(d.id, "u1")).toBe(true);
    expect(await db.onboarding.getRun(d.id)).toBeUndefined();
  });

  it("templates: saved by name (a second save replaces), listed by name", async () => {
    await db.templates.saveByName({
      name: "Strict",
      blocked: [{ partnerVerticalId: 1, partnerSubVerticalId: 2 }],
      domainsText: "a.com",
      createdBy: "u1",
    });
    await db.templates.saveByName({ name: "Basic", blocked: [], domainsText: "", createdBy: "u1" });
    const again = await db.templates.saveByName({
      name: "Strict",
      blocked: [],
      domainsText: "b.com",
      createdBy: "u2",
    });
    expect(again).toMatchObject({ name: "Strict", blocked: [], domainsText: "b.com", createdBy: "u1" });
    expect((await db.templates.list()).map((t) => t.name)).toEqual(["Basic", "Strict"]);
  });
});
