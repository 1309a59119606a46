import "server-only";
import { type DraftData, draftData, emptyDraftData } from "@/lib/onboarding/draft";
import { type RunStepError, type RunView, runStepLabel } from "@/lib/onboarding/run";
import type { PayoutSetupResponse } from "@/lib/partnerships/payout";
import type { OnboardingDraftRow, OnboardingRunRow, OnboardingStepRow } from "@/server/db/types";

/** What the browser gets of drafts and runs: never a step's key or raw request. */
export interface DraftView {
  id: string;
  brand: string | null;
  data: DraftData;
  reached: number;
  version: number;
  status: "draft" | "live";
  accountId: string | null;
  updatedAt: string;
}

/** A stored draft read back through the draft schema; anything unreadable starts empty rather than failing. */
export function draftDataOf(row: Pick<OnboardingDraftRow, "data">): DraftData {
  const parsed = draftData.safeParse(row.data ?? {});
  return parsed.success ? parsed.data : emptyDraftData();
}

export function draftView(row: OnboardingDraftRow): DraftView {
  return {
    id: row.id,
    brand: row.brand,
    data: draftDataOf(row),
    reached: row.reached,
    version: row.version,
    status: row.status,
    accountId: row.accountId,
    updatedAt: row.updatedAt,
  };
}

function payoutOf(step: OnboardingStepRow) {
  if (step.name !== "payout" || step.state !== "done") return null;
  const r = step.result as Partial<PayoutSetupResponse> | null;
  if (!r?.onboarding_url || !r.expires_at || !r.stripe_account_id) return null;
  return { onboardingUrl: r.onboarding_url, expiresAt: r.expires_at, stripeAccountId: r.stripe_account_id };
}

export function runView(run: OnboardingRunRow, steps: OnboardingStepRow[]): RunView {
  return {
    state: run.state,
    accountId: run.accountId,
    payoutLink: run.payoutLink,
    steps: steps.map((s) => ({
      name: s.name,
      label: runStepLabel(s.name),
      state: s.state,
      operationId: s.operationId,
      requestId: s.requestId,
      error: s.state === "failed" ? ((s.error as RunStepError | null) ?? null) : null,
      payout: payoutOf(s),
    })),
  };
}
