import "server-only";
import type { RunStepError } from "@/lib/onboarding/run";
import type { RegisterRequest, RegisterResponse } from "@/lib/partnerships/accounts";
import type { PatchLayoutRequest, Theme } from "@/lib/partnerships/pages";
import type { PayoutSetupResponse } from "@/lib/partnerships/payout";
import type { AuditOutcome, ConsoleDb, OnboardingRunRow, OnboardingStepRow } from "@/server/db/types";
import type { ApiResult } from "@/server/partnerships/types";

/**
 * What the console learns and records around each go-live write, the same
 * things its API routes record for the same writes: the operations journal,
 * merchant knowledge (pages, layouts, themes: the API has no read for them),
 * the merchant index (so the new merchant is in the list at once), the latest
 * payout link, and one audit entry per write. Every record here is idempotent
 * except the audit entry, which says what was sent and how it ended.
 */
interface Meta {
  action: string;
  operationType: string;
}
export function STEP_META(name: string): Meta {
  if (name === "register") return { action: "onboarding.register", operationType: "registerPartnership" };
  if (name === "controls") return { action: "onboarding.controls", operationType: "putMarketplaceControls" };
  if (name === "payout") return { action: "onboarding.payout", operationType: "payoutSetup" };
  if (name === "activate") return { action: "onboarding.activate", operationType: "putPartnershipStatus" };
  return { action: "onboarding.theme", operationType: "patchLayout" };
}

interface EffectDeps {
  db: ConsoleDb;
}

async function audit(
  deps: EffectDeps,
  run: OnboardingRunRow,
  step: OnboardingStepRow,
  entry: {
    outcome: AuditOutcome;
    httpStatus: number | null;
    after?: unknown;
    message?: string | null;
    requestId: string | null;
    operationId: string | null;
  },
): Promise<void> {
  const user = await deps.db.users.findById(run.userId).catch(() => undefined);
  // The payout request holds only the console's own URLs; its answer's onboarding link never goes here.
  await deps.db.audit
    .append({
      userId: run.userId,
      userEmail: run.userEmail,
      role: user?.role ?? null,
      action: STEP_META(step.name).action,
      merchantId: run.accountId,
      request: { step: step.name, draftId: run.draftId, body: step.request },
      after: entry.after,
      outcome: entry.outcome,
      httpStatus: entry.httpStatus,
      message: entry.message ?? null,
      upstreamRequestId: entry.requestId,
      operationId: entry.operationId,
      idempotencyKey: step.idempotencyKey,
    })
    .catch((e: unknown) => console.error("onboarding audit failed:", e instanceof Error ? e.message : e));
}

export async function afterStep(
  deps: EffectDeps,
  run: OnboardingRunRow,
  step: OnboardingStepRow,
  result: ApiResult<unknown>,
): Promise<void> {
  const { db } = deps;
  const accountId = run.accountId;
  let after: unknown = result.data;
  if (accountId) {
    if (step.name === "register") {
      const data = result.data as RegisterResponse;
      const body = step.request as RegisterRequest;
      await db.knowledge.recordPages(accountId, data.pages);
      const now = new Date().toISOString();
      await db.merchants
        ?.upsertLocal({
          accountId,
          externalAccountId: data.external_account_id,
          brand: body.brand,
          countryCode: body.country_code,
          storeIdentifier: body.store_identifier,
          verticalId: body.vertical_id,
          subVerticalId: body.sub_vertical_id,
          status: data.status,
          createdAt: now,
          updatedAt: now,
        })
        .catch((e: unknown) => console.error("merchant index update failed:", e instanceof Error ? e.message : e));
    } else if (step.name.startsWith("theme:")) {
      const surface = step.name.slice(6);
      const page = (Array.isArray(run.pages) ? (run.pages as RegisterResponse["pages"]) : []).find(
        (p) => p.surface === surface,
      );
      const data = result.data as { theme?: Theme; page_id?: string; layout_type?: string };
      // A bare acknowledgement (SPEC §10): the theme is what was sent (the whole theme).
      const theme = data.theme ?? (step.request as PatchLayoutRequest as Record<string, string | number>);
      if (page) await db.knowledge.recordTheme(accountId, page.layout_id, page.page_id, page.layout_type, theme);
    } else if (step.name === "payout") {
      const data = result.data as PayoutSetupResponse;
      await db.payoutLinks.record({
        accountId,
        stripeAccountId: data.stripe_account_id,
        onboardingUrl: data.onboarding_url,
        expiresAt: data.expires_at,
        operationId: result.operationId,
        createdBy: run.userEmail,
      });
      after = { stripe_account_id: data.stripe_account_id, expires_at: data.expires_at };
    } else if (step.name === "activate") {
      await db.merchants
        ?.setStatusLocal(accountId, "active")
        .catch((e: unknown) => console.error("merchant index update failed:", e instanceof Error ? e.message : e));
    }
  }
  if (result.operationId) {
    await db.journal
      .record({
        operationId: result.operationId,
        userId: run.userId,
        userEmail: run.userEmail,
        merchantId: accountId,
        action: STEP_META(step.name).action,
        operationType: STEP_META(step.name).operationType,
        dryRun: false,
        status: "completed",
        idempotencyKey: step.idempotencyKey,
      })
      .catch(() => undefined);
    await db.journal
      .update(result.operationId, { status: "completed", httpStatus: result.status })
      .catch(() => undefined);
  }
  await audit(deps, run, step, {
    outcome: "success",
    httpStatus: result.status,
    after,
    message: result.replayed ? "replayed from the kept answer of this Idempotency-Key" : null,
    requestId: result.requestId,
    operationId: result.operationId,
  });
}

export async function recordFailure(
  deps: EffectDeps,
  run: OnboardingRunRow,
  step: OnboardingStepRow,
  error: RunStepError,
): Promise<void> {
  if (error.operationId) {
    await deps.db.journal
      .update(error.operationId, {
        status: error.final ? "failed" : "unknown",
        httpStatus: error.final ? error.httpStatus : null,
        error: error.message,
      })
      .catch(() => undefined);
  }
  await audit(deps, run, step, {
    outcome: error.final ? "failure" : "error",
    httpStatus: error.httpStatus,
    message: error.message,
    requestId: error.requestId,
    operationId: error.operationId,
  });
}
