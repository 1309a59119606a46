import "server-only";
import type { Kysely, Selectable } from "kysely";
import type { Database, OnboardingDraftsTable, OnboardingRunsTable, OnboardingStepsTable } from "../schema";
import type {
  OnboardingDraftRow,
  OnboardingRepo,
  OnboardingRunRow,
  OnboardingRunState,
  OnboardingStepRow,
  OnboardingStepState,
} from "../types";
import { fromBool, newId, nowIso, toBool } from "../util";

/**
 * Drafts and go-live runs of the onboarding wizard (its controls templates are
 * repos/templates.ts's).
 * JSON is stored whole (JSON.stringify, not the audit log's truncating
 * helper): a draft is the person's typing and must come back exactly; the
 * route layer bounds its size.
 */
const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));
function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toDraft(r: Selectable<OnboardingDraftsTable>): OnboardingDraftRow {
  return {
    id: r.id,
    userId: r.user_id,
    brand: r.brand,
    data: parse(r.data_json),
    reached: Number(r.reached),
    version: Number(r.version),
    status: r.status === "live" ? "live" : "draft",
    accountId: r.account_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRun(r: Selectable<OnboardingRunsTable>): OnboardingRunRow {
  return {
    draftId: r.draft_id,
    userId: r.user_id,
    userEmail: r.user_email,
    state: r.state as OnboardingRunState,
    origin: r.origin,
    payoutLink: toBool(r.payout_link),
    accountId: r.account_id,
    pages: parse(r.pages_json),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toStep(r: Selectable<OnboardingStepsTable>): OnboardingStepRow {
  return {
    draftId: r.draft_id,
    name: r.name,
    position: Number(r.position),
    state: r.state as OnboardingStepState,
    idempotencyKey: r.idempotency_key,
    request: parse(r.request_json),
    sent: toBool(r.sent),
    attempts: Number(r.attempts),
    operationId: r.operation_id,
    requestId: r.request_id,
    httpStatus: r.http_status === null ? null : Number(r.http_status),
    result: parse(r.result_json),
    error: parse(r.error_json),
    updatedAt: r.updated_at,
  };
}

export function onboardingRepo(db: Kysely<Database>): OnboardingRepo {
  const getDraft = async (id: string, userId?: string) => {
    let q = db.selectFrom("onboarding_drafts").selectAll().where("id", "=", id);
    if (userId !== undefined) q = q.where("user_id", "=", userId);
    const row = await q.executeTakeFirst();
    return row ? toDraft(row) : undefined;
  };
  return {
    async createDraft(userId, data) {
      const now = nowIso();
      const row = {
        id: newId(),
        user_id: userId,
        brand: null,
        data_json: JSON.stringify(data),
        reached: 0,
        version: 1,
        status: "draft",
        account_id: null,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto("onboarding_drafts").values(row).execute();
      return toDraft(row);
    },

    async listDrafts(userId) {
      const rows = await db
        .selectFrom("onboarding_drafts")
        .selectAll()
        .where("user_id", "=", userId)
        .where("status", "=", "draft")
        .orderBy("updated_at", "desc")
        .orderBy("id", "desc")
        .limit(200)
        .execute();
      return rows.map(toDraft);
    },

    getDraft,

    async saveDraft(id, userId, input) {
      const r = await db
        .updateTable("onboarding_drafts")
        .set((eb) => ({
          data_json: JSON.stringify(input.data),
          brand: input.brand,
          reached: input.reached,
          version: eb("version", "+", 1),
          updated_at: nowIso(),
        }))
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return undefined;
      return getDraft(id, userId);
    },

    async markDraftLive(id, accountId) {
      await db
        .updateTable("onboarding_drafts")
        .set({ status: "live", account_id: accountId, updated_at: nowIso() })
        .where("id", "=", id)
        .execute();
    },

    async deleteDraft(id, userId) {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .deleteFrom("onboarding_drafts")
          .where("id", "=", id)
          .where("user_id", "=", userId)
          .executeTakeFirst();
        if (Number(r.numDeletedRows) !== 1) return false;
        await trx.deleteFrom("onboarding_steps").where("draft_id", "=", id).execute();
        await trx.deleteFrom("onboarding_runs").where("draft_id", "=", id).execute();
        return true;
      });
    },

    async createRun(run, steps) {
      const now = nowIso();
      return db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto("onboarding_runs")
          .values({
            draft_id: run.draftId,
            user_id: run.userId,
            user_email: run.userEmail,
            state: run.state,
            origin: run.origin,
            payout_link: fromBool(run.payoutLink),
            account_id: null,
            pages_json: null,
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) => oc.column("draft_id").doNothing())
          .returning("draft_id")
          .executeTakeFirst();
        if (!inserted) return false;
        if (steps.length > 0) {
          await trx
            .insertInto("onboarding_steps")
            .values(
              steps.map((s, i) => ({
                draft_id: run.draftId,
                name: s.name,
                position: i,
                state: "waiting",
                idempotency_key: null,
                request_json: json(s.request),
                sent: 0,
                attempts: 0,
                operation_id: null,
                request_id: null,
                http_status: null,
                result_json: null,
                error_json: null,
                updated_at: now,
              })),
            )
            .execute();
        }
        return true;
      });
    },

    async getRun(draftId) {
      const run = await db.selectFrom("onboarding_runs").selectAll().where("draft_id", "=", draftId).executeTakeFirst();
      if (!run) return undefined;
      const steps = await db
        .selectFrom("onboarding_steps")
        .selectAll()
        .where("draft_id", "=", draftId)
        .orderBy("position")
        .execute();
      return { run: toRun(run), steps: steps.map(toStep) };
    },

    async updateRun(draftId, patch) {
      const set: Partial<OnboardingRunsTable> = { updated_at: nowIso() };
      if (patch.state !== undefined) set.state = patch.state;
      if (patch.accountId !== undefined) set.account_id = patch.accountId;
      if (patch.pages !== undefined) set.pages_json = json(patch.pages);
      await db.updateTable("onboarding_runs").set(set).where("draft_id", "=", draftId).execute();
    },

    async updateStep(draftId, name, patch) {
      const set: Partial<OnboardingStepsTable> = { updated_at: nowIso() };
      if (patch.state !== undefined) set.state = patch.state;
      if (patch.idempotencyKey !== undefined) set.idempotency_key = patch.idempotencyKey;
      if (patch.request !== undefined) set.request_json = json(patch.request);
      if (patch.sent !== undefined) set.sent = fromBool(patch.sent);
      if (patch.attempts !== undefined) set.attempts = patch.attempts;
      if (patch.operationId !== undefined) set.operation_id = patch.operationId;
      if (patch.requestId !== undefined) set.request_id = patch.requestId;
      if (patch.httpStatus !== undefined) set.http_status = patch.httpStatus;
      if (patch.result !== undefined) set.result_json = json(patch.result);
      if (patch.error !== undefined) set.error_json = json(patch.error);
      await db
        .updateTable("onboarding_steps")
        .set(set)
        .where("draft_id", "=", draftId)
        .where("name", "=", name)
        .execute();
    },

    async listRunningRuns() {
      const rows = await db.selectFrom("onboarding_runs").selectAll().where("state", "=", "running").execute();
      return rows.map(toRun);
    },
  };
}
