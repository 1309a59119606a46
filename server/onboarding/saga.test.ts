import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type DraftData, draftData } from "@/lib/onboarding/draft";
import type { RunStepError } from "@/lib/onboarding/run";
import { parseTaxonomyCsv } from "@/lib/partnerships/taxonomy";
import { BACKENDS, withTestDatabase } from "@/server/db/test-backends";
import type { ConsoleDb } from "@/server/db/types";
import { allAccounts, openSandbox, type SandboxRig } from "@/server/partnerships/test-sandbox";
import type { PartnershipsClient } from "@/server/partnerships/types";
import { buildTaxonomy, type PartnerTaxonomy, shippedTaxonomyCsv } from "@/server/taxonomy";
import { freezeRun } from "./plan";
import { driveRun, leaseName, type SagaDeps } from "./saga";

/**
 * The go-live saga against the real in-process sandbox (with its faults) and a
 * real console database on both engines: every step failing in turn, a crash
 * between an answer and its record, resumes under a lease, dropped answers;
 * always exactly one merchant and each write applied once.
 */
let taxonomy: PartnerTaxonomy;
beforeAll(async () => {
  // The shipped file, version 1 of every console database (the saga does not read the database's copy).
  taxonomy = buildTaxonomy(1, parseTaxonomyCsv(await shippedTaxonomyCsv()));
});

function sagaDraft(over: Partial<DraftData["merchant"]> = {}): DraftData {
  const n = randomUUID().slice(0, 8);
  return draftData.parse({
    merchant: {
      brand: `Saga Shop ${n}`,
      external_account_id: `saga-${n}`,
      store_identifier: `https://saga-${n}.example.com`,
      country_code: "GB",
      vertical_id: "1500",
      sub_vertical_id: "1610",
      ...over,
    },
    surfaces: {
      pages: [
        { surface: "confirmation", layout_type: "Overlay" },
        { surface: "returns", layout_type: "Embedded" },
      ],
    },
    controls: { blocked: [{ partnerVerticalId: 1502, partnerSubVerticalId: 1620 }], domainsText: "Bad.example.com\n" },
    themes: {
      confirmation: {
        primaryColor: "#123",
        backgroundColor: "#FFFFFF",
        textColor: "#000000",
        closeButtonColor: "#6B7280",
        borderRadius: 12,
      },
    },
    payoutLink: true,
  });
}

const STEP_NAMES = ["register", "controls", "theme:confirmation", "theme:returns", "payout", "activate"];
/** The client method (and path fragment) of each step, to see what was sent. */
const STEP_CALLS: Record<string, { method: keyof PartnershipsClient; path: RegExp }> = {
  register: { method: "register", path: /\/register\/partnership$/ },
  controls: { method: "putControls", path: /marketplacecontrolslists$/ },
  "theme:confirmation": { method: "patchLayout", path: /\/layouts\// },
  "theme:returns": { method: "patchLayout", path: /\/layouts\// },
  payout: { method: "payoutSetup", path: /payout-setup$/ },
  activate: { method: "putStatus", path: /\/status$/ },
};

describe.each(BACKENDS)("go-live saga on $name", (backend) => {
  let db: ConsoleDb;
  let rig: SandboxRig;
  let userId: string;

  withTestDatabase(backend, async (created) => {
    db = await created.open();
    userId = (await db.users.create({ email: "m@saga.test", name: "M", role: "account_manager", passwordHash: null }))
      .id;
  });
  beforeEach(() => {
    rig = openSandbox({ client: { maxAttempts: 8 } });
  });
  afterEach(() => {
    rig?.close();
  });

  const deps = (over: Partial<SagaDeps> = {}): SagaDeps => ({ db, client: rig.client, holder: "instance-a", ...over });

  async function startRun(data: DraftData, payoutLink = true) {
    const draft = await db.onboarding.createDraft(userId, data);
    const steps = freezeRun({
      data,
      tree: taxonomy.tree,
      parentAccountId: rig.client.parentAccountId,
      payoutLink,
      origin: "http://localhost:3000",
    });
    await db.onboarding.createRun(
      {
        draftId: draft.id,
        userId,
        userEmail: "m@saga.test",
        state: "running",
        origin: "http://localhost:3000",
        payoutLink,
      },
      steps,
    );
    return draft.id;
  }

  async function accountsFor(external: string) {
    return (await allAccounts(rig.client)).filter((a) => a.external_account_id === external);
  }

  /** The sandbox's stored state of the one account, checked against the draft. */
  async function expectLive(data: DraftData, draftId: string) {
    const accounts = await accountsFor(data.merchant.external_account_id);
    expect(accounts).toHaveLength(1);
    const id = accounts[0]!.account_id;
    // biome-ignore lint/suspicious/noExplicitAny: the admin state is read field by field
    const state = (await rig.admin.getAccountState(id)) as any;
    expect(state.account.status).toBe("active");
    expect(state.variants.every((v: { status: string }) => v.status === "active")).toBe(true);
    const run = await db.onboarding.getRun(draftId);
    expect(run?.run).toMatchObject({ state: "done", accountId: id });
    expect(run?.steps.every((s) => s.state === "done" && s.operationId && s.idempotencyKey)).toBe(true);
    expect((await db.onboarding.getDraft(draftId))?.status).toBe("live");
    const controls = await rig.client.getControls(id);
    expect(controls.data.translatedVerticals.map((v) => [v.partner_vertical_id, v.partner_sub_vertical_id])).toEqual([
      [1502, 1620],
    ]);
    expect(controls.data.domains.map((d) => d.domain)).toEqual(["bad.example.com"]);
    const known = await db.knowledge.get(id);
    const confirmation = known.pages.find((p) => p.surface === "confirmation");
    const layout = known.layouts.find((l) => l.layoutId === confirmation?.layoutId);
    expect(layout?.theme).toMatchObject({ primaryColor: "#112233", borderRadius: 12 });
    expect(JSON.stringify(state)).toContain("#112233");
    expect(await db.payoutLinks.get(id)).toMatchObject({ accountId: id });
    return id;
  }

  it("registers, sets controls and themes, makes a payout link and activates: each step recorded with its key and operation", async () => {
    const data = sagaDraft();
    const draftId = await startRun(data);
    expect(await driveRun(deps(), draftId)).toBe("done");
    const id = await expectLive(data, draftId);
    const steps = (await db.onboarding.getRun(draftId))!.steps;
    expect(steps.map((s) => s.name)).toEqual(STEP_NAMES);
    expect(new Set(steps.map((s) => s.idempotencyKey)).size).toBe(steps.length);
    // Every write is journalled and audited, the onboarding link never in the audit log.
    const ops = await db.journal.list({ merchantId: id });
    expect(ops.entries.length).toBeGreaterThanOrEqual(STEP_NAMES.length - 1);
    const audit = await db.audit.list({ action: "onboarding." });
    expect(audit.entries).toHaveLength(STEP_NAMES.length);
    expect(JSON.stringify(audit.entries)).not.toMatch(/onboarding_url|connect\.stripe|https:\/\/[^"]*stripe/);
    // A second drive of a finished run sends nothing.
    const sent = rig.sent.length;
    expect(await driveRun(deps(), draftId)).toBe("done");
    expect(rig.sent.length).toBe(sent);
  });

  for (const failing of STEP_NAMES) {
    it(`${failing} failing (the API down): the run stops there, and Retry resends the same key once the API is back`, async () => {
      const data = sagaDraft();
      const draftId = await startRun(data);
      const call = STEP_CALLS[failing]!;
      const target = failing.startsWith("theme:") ? failing.slice(6) : null;
      const original = rig.client[call.method] as (...args: unknown[]) => Promise<unknown>;
      let breaking = true;
      // The API goes down for every try of this one step.
      (rig.client as unknown as Record<string, unknown>)[call.method] = async (...args: unknown[]) => {
        const isTarget =
          !target ||
          JSON.stringify(await db.onboarding.getRun(draftId)).includes(
            `"name":"theme:${target}","position":${STEP_NAMES.indexOf(failing)},"state":"running"`,
          );
        if (breaking && isTarget) await rig.admin.setFaults({ error_rate: 1 });
        try {
          return await original.apply(rig.client, args);
        } finally {
          if (breaking && isTarget) await rig.admin.setFaults({ error_rate: 0 });
        }
      };
      expect(await driveRun(deps(), draftId)).toBe("failed");
      const run = (await db.onboarding.getRun(draftId))!;
      const index = STEP_NAMES.indexOf(failing);
      expect(run.run.state).toBe("failed");
      expect(run.steps.map((s) => s.state)).toEqual(
        STEP_NAMES.map((_, i) => (i < index ? "done" : i === index ? "failed" : "waiting")),
      );
      const failed = run.steps[index]!;
      const error = failed.error as RunStepError;
      expect(error.final).toBe(false);
      expect(error.message).toMatch(/same key|unknown|try again/i);

      breaking = false;
      const keyBefore = failed.idempotencyKey;
      await db.onboarding.updateStep(draftId, failing, { state: "waiting", error: null });
      await db.onboarding.updateRun(draftId, { state: "running" });
      expect(await driveRun(deps(), draftId)).toBe("done");
      const after = (await db.onboarding.getRun(draftId))!.steps[index]!;
      if (failing !== "register") expect(after.idempotencyKey).toBe(keyBefore);
      await expectLive(data, draftId);
      // Every send of this step carried its one recorded key.
      const keys = new Set(
        rig.sent.filter((r) => call.path.test(r.path) && r.key === after.idempotencyKey).map((r) => r.key),
      );
      expect(keys.size).toBe(1);
    });
  }

  for (const crashing of ["register", "controls", "theme:returns", "payout", "activate"]) {
    it(`a crash after ${crashing} was answered and before it was recorded: the resume resends the same key, nothing twice`, async () => {
      const data = sagaDraft();
      const draftId = await startRun(data);
      const crash = new Error("process killed");
      await expect(
        driveRun(
          deps({
            afterAnswer: (step) => {
              if (step === crashing) throw crash;
            },
          }),
          draftId,
        ),
      ).rejects.toBe(crash);
      const stuck = (await db.onboarding.getRun(draftId))!;
      const step = stuck.steps.find((s) => s.name === crashing)!;
      expect(stuck.run.state).toBe("running");
      expect(step).toMatchObject({ state: "running", sent: true });
      const key = step.idempotencyKey;
      expect(key).toBeTruthy();

      // Another instance picks the run up (the first one's lease is gone with it).
      expect(await driveRun(deps({ holder: "instance-b" }), draftId)).toBe("done");
      const id = await expectLive(data, draftId);
      const done = (await db.onboarding.getRun(draftId))!.steps.find((s) => s.name === crashing)!;
      expect(done.idempotencyKey).toBe(key);
      const sends = rig.sent.filter((r) => STEP_CALLS[crashing]!.path.test(r.path) && r.key === key);
      expect(sends.length).toBeGreaterThanOrEqual(2); // sent, then resent under the same key
      if (crashing === "payout") {
        // biome-ignore lint/suspicious/noExplicitAny: admin state
        const state = (await rig.admin.getAccountState(id)) as any;
        expect(state.payout.stripe_account_id).toMatch(/^acct_/);
      }
    });
  }

  it("one driver at a time: a run leased by a live instance is left alone, and resumed once its lease expires", async () => {
    const data = sagaDraft();
    const draftId = await startRun(data, false);
    expect(await db.leases.acquire(leaseName(draftId), "instance-dead", 300)).toBe(true);
    expect(await driveRun(deps(), draftId)).toBe("busy");
    expect(rig.sent.filter((r) => /register/.test(r.path))).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 350));
    const [a, b] = await Promise.all([driveRun(deps(), draftId), driveRun(deps({ holder: "instance-b" }), draftId)]);
    expect([a, b].sort()).toEqual(["busy", "done"]);
    expect(await accountsFor(data.merchant.external_account_id)).toHaveLength(1);
  });

  it("answers dropped after commit on every kind of write: finishes with exactly one merchant, each write applied once", async () => {
    const data = sagaDraft();
    const draftId = await startRun(data);
    await rig.admin.setFaults({ drop_after_commit_rate: 0.4 });
    expect(await driveRun(deps(), draftId)).toBe("done");
    await rig.admin.setFaults({ drop_after_commit_rate: 0 });
    await expectLive(data, draftId);
  });

  it("an external account id already registered to the same store: stops at register, names the merchant, creates nothing", async () => {
    const first = sagaDraft();
    const firstRun = await startRun(first, false);
    expect(await driveRun(deps(), firstRun)).toBe("done");
    const existing = (await accountsFor(first.merchant.external_account_id))[0]!.account_id;
    const before = (await allAccounts(rig.client)).length;

    const again = sagaDraft({
      external_account_id: first.merchant.external_account_id,
      store_identifier: `${first.merchant.store_identifier.toUpperCase().replace("HTTPS", "https")}/`,
    });
    const draftId = await startRun(again, false);
    expect(await driveRun(deps(), draftId)).toBe("failed");
    const step = (await db.onboarding.getRun(draftId))!.steps[0]!;
    expect(step.error).toMatchObject({ code: "already_registered", accountId: existing, final: true });
    expect(step.sent).toBe(false);
    expect((await allAccounts(rig.client)).length).toBe(before);
  });

  it("the same external id with another store: a final 409 explained at register; edit and retry sends a new key", async () => {
    const first = sagaDraft();
    const firstRun = await startRun(first, false);
    expect(await driveRun(deps(), firstRun)).toBe("done");
    const clash = sagaDraft({ external_account_id: first.merchant.external_account_id });
    const draftId = await startRun(clash, false);
    expect(await driveRun(deps(), draftId)).toBe("failed");
    const step = (await db.onboarding.getRun(draftId))!.steps[0]!;
    expect(step.error).toMatchObject({ code: "conflict_other_store", final: true, httpStatus: 409 });
    expect((step.error as RunStepError).message).toMatch(/another store_identifier/);
  });
});
