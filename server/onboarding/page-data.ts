import "server-only";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { STEPS, type StepSlug, stepHref, stepIndex } from "@/lib/onboarding/steps";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";
import { getPartnershipsClient } from "@/server/partnerships";
import { resumeAbandonedRuns } from "./runner";
import { draftView, runView } from "./view";

/**
 * What the wizard's pages read. Every page checks the role (support staff get
 * 403 before any of it renders, from the proxy, and again here), that the
 * draft is the user's own (else not found), and that the step was reached:
 * a step the draft may not open yet sends the person to the furthest one it may.
 */
export async function loadDrafts() {
  await connection();
  const user = await requireSection("/onboard");
  const db = await getConsoleDb();
  // The first visit after a restart resumes go-live runs an instance left behind.
  await resumeAbandonedRuns({ db, client: getPartnershipsClient() });
  const drafts = await db.onboarding.listDrafts(user.id);
  const running = new Set((await db.onboarding.listRunningRuns()).map((r) => r.draftId));
  return drafts.map((d) => ({
    id: d.id,
    brand: d.brand,
    reached: d.reached,
    updatedAt: d.updatedAt,
    running: running.has(d.id),
  }));
}

export async function loadWizardDraft(draftId: string) {
  await connection();
  const user = await requireSection("/onboard");
  const db = await getConsoleDb();
  const row = await db.onboarding.getDraft(draftId, user.id);
  if (!row) notFound();
  const run = await db.onboarding.getRun(row.id);
  return { draft: draftView(row), run: run ? runView(run.run, run.steps) : null };
}

/** For a step page: the draft, or a redirect to the furthest step it may open. */
export async function loadStep(draftId: string, slug: StepSlug) {
  const loaded = await loadWizardDraft(draftId);
  // A draft that went live, or is going live, shows its run.
  if (loaded.run && slug !== "go-live" && loaded.run.state !== "paused" && loaded.run.state !== "failed")
    redirect(stepHref(draftId, "go-live"));
  if (stepIndex(slug) > loaded.draft.reached) redirect(stepHref(draftId, STEPS[loaded.draft.reached] ?? "merchant"));
  return loaded;
}
