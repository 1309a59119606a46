import { redirect } from "next/navigation";
import { STEPS, stepHref } from "@/lib/onboarding/steps";
import { loadWizardDraft } from "@/server/onboarding/page-data";

/** A draft's own URL opens the furthest step it has reached (or its go-live run). */
export default async function DraftPage({ params }: { params: Promise<{ draftId: string }> }) {
  const { draftId } = await params;
  const { draft, run } = await loadWizardDraft(draftId);
  redirect(stepHref(draft.id, run ? "go-live" : (STEPS[draft.reached] ?? "merchant")));
}
