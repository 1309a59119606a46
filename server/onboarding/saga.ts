import "server-only";
import { randomUUID } from "node:crypto";
import { buildPayoutBody } from "@/lib/onboarding/plan";
import type { RunStepError } from "@/lib/onboarding/run";
import type { RegisterRequest, RegisterResponse } from "@/lib/partnerships/accounts";
import type { PutControlsRequest } from "@/lib/partnerships/controls";
import type { PatchLayoutRequest } from "@/lib/partnerships/pages";
import type { PayoutSetupRequest } from "@/lib/partnerships/payout";
import { isUpstreamError } from "@/server/api/upstream-errors";
import { INTENT_IN_FLIGHT_TIMEOUT_MS } from "@/server/db/repos/intents";
import type { ConsoleDb, OnboardingRunRow, OnboardingStepRow } from "@/server/db/types";
import type { PartnershipsClient } from "@/server/partnerships/types";
import { rememberControls } from "@/server/settings/controls-seen";
import { internalStepError, stepErrorFrom } from "./errors";
import { findExistingRegistration } from "./register-check";
import { afterStep, recordFailure, STEP_META } from "./step-effects";

/**
 * The go-live run of one draft, driven on the server as a saga persisted in the
 * console database. Each step records its Idempotency-Key (and that it may
 * have left) BEFORE it is sent, and its answer or error after. A crash, a
 * closed tab or a restart therefore resumes exactly where it stopped: a step
 * recorded as sent is sent again with the same key (the API replays the kept
 * answer; register deduplicates on external_account_id), never skipped and
 * never sent under a second key. One instance drives a run at a time, under a
 * `db.leases` lease renewed while it works; a failed step stops the run.
 */
export interface SagaDeps {
  db: ConsoleDb;
  client: PartnershipsClient;
  /** This instance's lease holder id. */
  holder: string;
  leaseTtlMs?: number;
  mintKey?: () => string;
  /** Tests: runs after an answer arrived and before it is recorded (a crash here loses the answer). */
  afterAnswer?: (step: string) => void | Promise<void>;
}

export type DriveOutcome = "done" | "failed" | "paused" | "busy" | "missing" | "lost_lease";

/**
 * As long as an abandoned write intent (intents.ts): renewed every third of it, so a run whose
 * console died is taken over by the next poll about 15 s later, not 30 (issue #10: retries within ~20 s).
 */
const DEFAULT_TTL_MS = INTENT_IN_FLIGHT_TIMEOUT_MS;
/** A step that keeps crashing the driver (not an upstream answer) is failed after this many sends. */
const MAX_ATTEMPTS = 25;

export const leaseName = (draftId: string) => `onboarding:${draftId}`;

export async function driveRun(deps: SagaDeps, draftId: string): Promise<DriveOutcome> {
  const { db } = deps;
  const ttl = deps.leaseTtlMs ?? DEFAULT_TTL_MS;
  const lease = leaseName(draftId);
  if (!(await db.leases.acquire(lease, deps.holder, ttl))) return "busy";
  let lost = false;
  const heartbeat = setInterval(
    () => {
      db.leases.renew(lease, deps.holder, ttl).then(
        (ok) => {
          if (!ok) lost = true;
        },
        () => undefined,
      );
    },
    Math.max(50, Math.floor(ttl / 3)),
  );
  heartbeat.unref?.();
  try {
    const loaded = await db.onboarding.getRun(draftId);
    if (!loaded) return "missing";
    if (loaded.run.state !== "running") return loaded.run.state === "done" ? "done" : loaded.run.state;
    let run = loaded.run;
    for (const step of loaded.steps) {
      if (step.state === "done") continue;
      // Someone else took the run over after our lease lapsed: they continue, we stop.
      if (lost || !(await db.leases.renew(lease, deps.holder, ttl))) return "lost_lease";
      const next = await runStep(deps, run, step);
      if (!next) {
        await db.onboarding.updateRun(draftId, { state: "failed" });
        return "failed";
      }
      run = next;
    }
    await db.onboarding.updateRun(draftId, { state: "done" });
    if (run.accountId) await db.onboarding.markDraftLive(draftId, run.accountId);
    return "done";
  } finally {
    clearInterval(heartbeat);
    await db.leases.release(lease, deps.holder).catch(() => undefined);
  }
}

/** Sends one step; the run as it is afterwards, or null when the step failed. */
async function runStep(
  deps: SagaDeps,
  run: OnboardingRunRow,
  step: OnboardingStepRow,
): Promise<OnboardingRunRow | null> {
  const { db, client } = deps;
  let current = step;
  const fail = async (error: RunStepError) => {
    await db.onboarding.updateStep(run.draftId, step.name, { state: "failed", error });
    await recordFailure(deps, run, current, error);
    return null;
  };
  if (step.attempts >= MAX_ATTEMPTS) {
    return fail(internalStepError(`This step was tried ${step.attempts} times without an answer being recorded.`));
  }

  // Register: before its first send under this key, find out whether the external id is taken.
  if (step.name === "register" && !step.sent) {
    // Shown as running while it checks; nothing has left under a key yet (sent stays false).
    await db.onboarding.updateStep(run.draftId, step.name, { state: "running", error: null });
    try {
      const { existingAccountId } = await findExistingRegistration(client, step.request as RegisterRequest);
      if (existingAccountId) {
        return fail({
          ...internalStepError(
            "This external account ID is already registered to this store: that merchant exists, so nothing was created. Open it, or change the external account ID.",
          ),
          code: "already_registered",
          final: true,
          accountId: existingAccountId,
        });
      }
    } catch (err) {
      if (isUpstreamError(err)) return fail(stepErrorFrom(err, step.name));
      throw err;
    }
  }

  const key = step.idempotencyKey ?? (deps.mintKey ?? randomUUID)();
  let request = step.request;
  if (step.name === "payout" && request === null) {
    if (!run.accountId) return fail(internalStepError("The merchant's account id is not known yet."));
    request = buildPayoutBody(run.origin, run.accountId);
  }
  // The record before the send: from here on a resume resends this same request with this key.
  await db.onboarding.updateStep(run.draftId, step.name, {
    state: "running",
    idempotencyKey: key,
    request,
    sent: true,
    attempts: step.attempts + 1,
    error: null,
  });
  current = { ...step, idempotencyKey: key, request, sent: true };
  const meta = STEP_META(step.name);
  let operationId: string | null = null;
  const options = {
    idempotencyKey: key,
    onOperationId: async (id: string) => {
      operationId = id;
      await db.onboarding.updateStep(run.draftId, step.name, { operationId: id });
      await db.journal
        .record({
          operationId: id,
          userId: run.userId,
          userEmail: run.userEmail,
          merchantId: run.accountId,
          action: meta.action,
          operationType: meta.operationType,
          dryRun: false,
          status: "in_progress",
          idempotencyKey: key,
        })
        .catch(() => undefined);
    },
  };
  try {
    const result = await send(client, run, step.name, request, options);
    await deps.afterAnswer?.(step.name);
    if (step.name === "controls" && run.accountId) await rememberControls(db, run.accountId, result.data);
    const next =
      step.name === "register"
        ? {
            ...run,
            accountId: (result.data as RegisterResponse).account_id,
            pages: (result.data as RegisterResponse).pages,
          }
        : run;
    await afterStep(deps, next, current, result);
    if (step.name === "register")
      await db.onboarding.updateRun(run.draftId, { accountId: next.accountId, pages: next.pages });
    await db.onboarding.updateStep(run.draftId, step.name, {
      state: "done",
      operationId: result.operationId ?? operationId,
      requestId: result.requestId,
      httpStatus: result.status,
      result: result.data,
    });
    return next;
  } catch (err) {
    // Anything but an upstream answer (a bug, the database, a crash) leaves the step recorded as sent:
    // the next drive resends it with the same key.
    if (err instanceof StepProblem) return fail(internalStepError(err.message));
    if (!isUpstreamError(err)) throw err;
    const error = stepErrorFrom(err, step.name);
    await db.onboarding.updateStep(run.draftId, step.name, {
      operationId: err.operationId ?? operationId,
      requestId: err.requestId,
      httpStatus: err.status || null,
    });
    return fail({ ...error, operationId: error.operationId ?? operationId });
  }
}

/** A step that cannot be sent as recorded: failed with its reason, not retried by itself. */
class StepProblem extends Error {}

type Options = Parameters<PartnershipsClient["putStatus"]>[2];

async function send(client: PartnershipsClient, run: OnboardingRunRow, name: string, request: unknown, opts: Options) {
  const accountId = run.accountId;
  if (name === "register") return client.register(request as RegisterRequest, opts);
  if (!accountId)
    throw new StepProblem(`The ${name} step needs the merchant's account id, which register has not given yet.`);
  if (name === "controls") return client.putControls(accountId, request as PutControlsRequest, opts);
  if (name === "payout") return client.payoutSetup(accountId, request as PayoutSetupRequest, opts);
  if (name === "activate") return client.putStatus(accountId, { status: "active" }, opts);
  if (name.startsWith("theme:")) {
    const surface = name.slice(6);
    const page = pagesOf(run).find((p) => p.surface === surface);
    if (!page) throw new StepProblem(`The register answer has no ${surface} page to theme.`);
    return client.patchLayout(accountId, page.layout_id, request as PatchLayoutRequest, opts);
  }
  throw new StepProblem(`Unknown go-live step ${name}.`);
}

export function pagesOf(run: Pick<OnboardingRunRow, "pages">): RegisterResponse["pages"] {
  return Array.isArray(run.pages) ? (run.pages as RegisterResponse["pages"]) : [];
}
