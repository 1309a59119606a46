import "server-only";
import { editStepFor } from "@/lib/onboarding/run";
import type { ConsoleDb, OnboardingRunRow, OnboardingStepRow } from "@/server/db/types";
import type { PartnershipsClient } from "@/server/partnerships/types";
import type { PartnerTaxonomy } from "@/server/taxonomy";
import { freezeRun, refreezeStep } from "./plan";
import { kickRun } from "./runner";
import { draftDataOf } from "./view";

/**
 * Starting, resuming and retrying a draft's go-live run. The server enforces
 * the order: a run starts only from a draft whose every step validates, and
 * its steps are sent in their fixed order by the saga.
 */
export interface ServiceDeps {
  db: ConsoleDb;
  client: PartnershipsClient;
  taxonomy: PartnerTaxonomy;
}

export class RunConflictError extends Error {}

export async function startOrResumeRun(
  deps: ServiceDeps,
  input: { draftId: string; userId: string; userEmail: string | null; payoutLink: boolean; origin: string },
): Promise<void> {
  const { db } = deps;
  const draft = await db.onboarding.getDraft(input.draftId, input.userId);
  if (!draft) throw new RunConflictError("not_found");
  const data = draftDataOf(draft);
  const existing = await db.onboarding.getRun(input.draftId);
  if (!existing) {
    const steps = freezeRun({
      data,
      tree: deps.taxonomy.tree,
      parentAccountId: deps.client.parentAccountId,
      payoutLink: input.payoutLink,
      origin: input.origin,
    });
    await db.onboarding.createRun(
      {
        draftId: input.draftId,
        userId: input.userId,
        userEmail: input.userEmail,
        state: "running",
        origin: input.origin,
        payoutLink: input.payoutLink,
      },
      steps,
    );
  } else if (existing.run.state === "paused") {
    // "Edit and retry": the paused step is built again from the edited draft and sent with a new key.
    const step = existing.steps.find((s) => s.state === "failed");
    if (step) {
      const request = refreezeStep(step.name, {
        data,
        tree: deps.taxonomy.tree,
        parentAccountId: deps.client.parentAccountId,
      });
      await resetStep(db, step, { newIntent: true, request });
    }
    await db.onboarding.updateRun(input.draftId, { state: "running" });
  }
  // running (a resume), failed (nothing to do until a retry) or done: the saga knows.
  void kickRun(deps, input.draftId);
}

async function resetStep(
  db: ConsoleDb,
  step: OnboardingStepRow,
  opts: { newIntent: boolean; request?: unknown },
): Promise<void> {
  await db.onboarding.updateStep(step.draftId, step.name, {
    state: "waiting",
    error: null,
    ...(opts.newIntent
      ? {
          idempotencyKey: null,
          sent: false,
          attempts: 0,
          operationId: null,
          requestId: null,
          httpStatus: null,
          ...(opts.request !== undefined ? { request: opts.request } : {}),
        }
      : {}),
  });
}

/**
 * "Retry": the failed step again with its recorded key (the same intent).
 * "Edit and retry": a new intent; when the step has a wizard step to edit, the
 * run waits ("paused") for the person to edit it and press "Go live".
 */
export async function retryRun(
  deps: ServiceDeps,
  input: { draftId: string; userId: string; step: string; mode: "same" | "edit" },
): Promise<{ editStep: string | null }> {
  const { db } = deps;
  const loaded = await db.onboarding.getRun(input.draftId);
  if (!loaded || loaded.run.userId !== input.userId) throw new RunConflictError("not_found");
  const step = loaded.steps.find((s) => s.name === input.step);
  if (step?.state !== "failed" || loaded.run.state !== "failed") {
    throw new RunConflictError("This step has not failed: there is nothing to retry.");
  }
  if (input.mode === "same") {
    await resetStep(db, step, { newIntent: false });
    await db.onboarding.updateRun(input.draftId, { state: "running" });
    void kickRun(deps, input.draftId);
    return { editStep: null };
  }
  const editStep = editStepFor(step.name, (step.error as { field?: string | null } | null)?.field ?? null);
  if (editStep) {
    await db.onboarding.updateRun(input.draftId, { state: "paused" });
    return { editStep };
  }
  await resetStep(db, step, { newIntent: true, request: step.name === "payout" ? null : undefined });
  await db.onboarding.updateRun(input.draftId, { state: "running" });
  void kickRun(deps, input.draftId);
  return { editStep: null };
}

/** A poll: resumes a run left running whose instance stopped (the lease decides who drives it). */
export function ensureDriving(deps: Pick<ServiceDeps, "db" | "client">, run: OnboardingRunRow): void {
  if (run.state === "running") void kickRun(deps, run.draftId);
}
