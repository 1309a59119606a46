import "server-only";
import { type z, z as zod } from "zod";
import type { retryRunBody, SaveDraftBody, saveTemplateBody } from "@/lib/onboarding/api";
import { allowedReach, emptyDraftData, firstInvalidStep, validateStep } from "@/lib/onboarding/draft";
import { STEPS } from "@/lib/onboarding/steps";
import { DraftNotReadyError } from "@/server/onboarding/plan";
import { checkControls, checkRegister, checkThemes } from "@/server/onboarding/preflight";
import { resumeAbandonedRuns } from "@/server/onboarding/runner";
import { ensureDriving, RunConflictError, retryRun, startOrResumeRun } from "@/server/onboarding/service";
import { draftDataOf, draftView, runView } from "@/server/onboarding/view";
import { getPartnerTaxonomy } from "@/server/taxonomy";
import { HttpError } from "../http";
import { opaqueId } from "../schemas";
import type { HandlerContext, HandlerResult } from "../types";

/** Handlers of the onboarding wizard's routes: drafts (per user), the Review pre-flight, the go-live run. */
type Draft = { draftId: string };
type Ctx<P, B = undefined, Q = Record<string, never>> = HandlerContext<P, Q, B>;

const notFound = () =>
  new HttpError(404, "not_found", "There is no such draft, or it is not yours: drafts belong to whoever started them.");

function me(ctx: { user: HandlerContext<unknown, unknown, unknown>["user"] }) {
  if (!ctx.user) throw new HttpError(401, "unauthenticated", "Sign in first.");
  return ctx.user;
}

async function sweep(ctx: Ctx<unknown, unknown, unknown>): Promise<void> {
  await resumeAbandonedRuns({ db: ctx.db, client: await ctx.client() });
}

async function ownDraft(ctx: Ctx<Draft, unknown, unknown>) {
  const draft = await ctx.db.onboarding.getDraft(ctx.params.draftId, me(ctx).id);
  if (!draft) throw notFound();
  return draft;
}

function notReady(err: DraftNotReadyError): HttpError {
  return new HttpError(400, "draft_not_ready", `${err.message} (${Object.values(err.fields)[0] ?? "invalid"})`, {
    fields: Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [`${err.step}.${k}`, v])),
  });
}

export async function listDrafts(ctx: Ctx<unknown, undefined, unknown>): Promise<HandlerResult> {
  await sweep(ctx);
  const drafts = await ctx.db.onboarding.listDrafts(me(ctx).id);
  return {
    body: {
      data: { drafts: drafts.map((d) => ({ id: d.id, brand: d.brand, reached: d.reached, updatedAt: d.updatedAt })) },
    },
  };
}

export async function createDraft(ctx: Ctx<unknown, undefined, unknown>): Promise<HandlerResult> {
  const draft = await ctx.db.onboarding.createDraft(me(ctx).id, emptyDraftData());
  ctx.audit.after = { draftId: draft.id };
  return { status: 201, body: { data: draftView(draft) } };
}

export async function getDraft(ctx: Ctx<Draft, undefined, unknown>): Promise<HandlerResult> {
  const draft = await ownDraft(ctx);
  const run = await ctx.db.onboarding.getRun(draft.id);
  return { body: { data: { draft: draftView(draft), run: run ? runView(run.run, run.steps) : null } } };
}

export async function saveDraft(ctx: Ctx<Draft, SaveDraftBody, unknown>): Promise<HandlerResult> {
  const user = me(ctx);
  await ownDraft(ctx);
  const { tree } = await getPartnerTaxonomy(ctx.db);
  const data = ctx.body.data as ReturnType<typeof emptyDraftData>;
  const reached = allowedReach(ctx.body.reached, data, tree);
  const brand = data.merchant.brand.trim() || null;
  const saved = await ctx.db.onboarding.saveDraft(ctx.params.draftId, user.id, { data, brand, reached });
  if (!saved) throw notFound();
  // Why the draft may not go further: the first step that does not validate, with its fields.
  const invalid = reached < ctx.body.reached ? firstInvalidStep(data, tree) : null;
  return {
    body: {
      data: {
        reached: saved.reached,
        version: saved.version,
        updatedAt: saved.updatedAt,
        blockedAt: invalid,
        fields: invalid ? validateStep(invalid, data, tree) : {},
      },
    },
  };
}

export const summarizeDraftSave = (body: SaveDraftBody) => ({
  reached: STEPS[body.reached] ?? body.reached,
  brand: body.data.merchant?.brand ?? null,
});

export async function deleteDraft(ctx: Ctx<Draft, undefined, unknown>): Promise<HandlerResult> {
  const user = me(ctx);
  const run = await ctx.db.onboarding.getRun(ctx.params.draftId);
  if (run?.run.userId === user.id && run.run.state === "running") {
    throw new HttpError(
      409,
      "run_in_progress",
      "This draft is going live right now: wait for the run to finish or fail.",
    );
  }
  if (!(await ctx.db.onboarding.deleteDraft(ctx.params.draftId, user.id))) throw notFound();
  return { body: { data: { deleted: ctx.params.draftId } } };
}

export async function dryRun(ctx: Ctx<Draft, undefined, unknown>): Promise<HandlerResult> {
  const draft = await ownDraft(ctx);
  const data = draftDataOf(draft);
  const taxonomy = await getPartnerTaxonomy(ctx.db);
  const client = await ctx.client();
  const options = ctx.writeOptions();
  const register = await checkRegister(client, data, {
    idempotencyKey: options.idempotencyKey,
    onOperationId: options.onOperationId,
  });
  if (register.operationId) {
    const settled = register.ok || register.existingAccountId ? "completed" : register.fixStep ? "failed" : "unknown";
    await ctx.db.journal
      .update(register.operationId, { status: settled, error: register.message })
      .catch(() => undefined);
  }
  const items = [register, checkControls(data, taxonomy), ...checkThemes(data)];
  ctx.audit.after = items.map((i) => ({ name: i.name, ok: i.ok, message: i.message }));
  return { body: { data: { items, dryRun: true } } };
}

function origin(ctx: Ctx<unknown, unknown, unknown>): string {
  const configured = ctx.deps.getConfig().authUrl;
  try {
    if (configured) return new URL(configured).origin;
  } catch {
    // fall through to the request's own origin
  }
  return new URL(ctx.request.url).origin;
}

export async function startRun(ctx: Ctx<Draft, { payoutLink: boolean }, unknown>): Promise<HandlerResult> {
  const user = me(ctx);
  const draft = await ownDraft(ctx);
  const deps = { db: ctx.db, client: await ctx.client(), taxonomy: await getPartnerTaxonomy(ctx.db) };
  try {
    await startOrResumeRun(deps, {
      draftId: draft.id,
      userId: user.id,
      userEmail: user.email,
      payoutLink: ctx.body.payoutLink,
      origin: origin(ctx),
    });
  } catch (err) {
    if (err instanceof DraftNotReadyError) throw notReady(err);
    if (err instanceof RunConflictError) throw notFound();
    throw err;
  }
  const run = await ctx.db.onboarding.getRun(draft.id);
  return { status: 202, body: { data: run ? runView(run.run, run.steps) : null } };
}

export async function getRun(ctx: Ctx<Draft, undefined, unknown>): Promise<HandlerResult> {
  const draft = await ownDraft(ctx);
  const run = await ctx.db.onboarding.getRun(draft.id);
  if (run) ensureDriving({ db: ctx.db, client: await ctx.client() }, run.run);
  return { body: { data: run ? runView(run.run, run.steps) : null } };
}

export async function retryStep(ctx: Ctx<Draft, z.infer<typeof retryRunBody>, unknown>): Promise<HandlerResult> {
  const user = me(ctx);
  await ownDraft(ctx);
  const deps = { db: ctx.db, client: await ctx.client(), taxonomy: await getPartnerTaxonomy(ctx.db) };
  let editStep: string | null;
  try {
    ({ editStep } = await retryRun(deps, { draftId: ctx.params.draftId, userId: user.id, ...ctx.body }));
  } catch (err) {
    if (err instanceof RunConflictError) {
      if (err.message === "not_found") throw notFound();
      throw new HttpError(409, "not_failed", err.message);
    }
    throw err;
  }
  const run = await ctx.db.onboarding.getRun(ctx.params.draftId);
  return { body: { data: { editStep, run: run ? runView(run.run, run.steps) : null } } };
}

export async function listTemplates(ctx: Ctx<unknown, undefined, unknown>): Promise<HandlerResult> {
  return { body: { data: { templates: await ctx.db.templates.list() } } };
}

export async function saveTemplate(
  ctx: Ctx<unknown, z.infer<typeof saveTemplateBody>, unknown>,
): Promise<HandlerResult> {
  const saved = await ctx.db.templates.saveByName({ ...ctx.body, createdBy: me(ctx).email });
  ctx.audit.after = { name: saved.name, blocked: saved.blocked.length };
  return { status: 201, body: { data: saved } };
}

/** Route schemas of the wizard (bodies come from lib/onboarding/api.ts). */
export const draftParams = zod.strictObject({ draftId: opaqueId });
/** The Review pre-flight is a dry run by definition: the browser says so in the URL, like every dry run. */
export const dryRunQuery = zod.strictObject({
  dry_run: zod.literal("true", { error: "must be true: this route only dry-runs" }),
});
