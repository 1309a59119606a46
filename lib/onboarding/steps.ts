/**
 * The wizard's steps, in the one order the server enforces: a step can be
 * opened only once every step before it validates. Each step lives at
 * `/onboard/[draftId]/<slug>`.
 */
export const STEPS = ["merchant", "surfaces", "controls", "theme", "review", "go-live"] as const;
export type StepSlug = (typeof STEPS)[number];

export const STEP_LABELS: Record<StepSlug, string> = {
  merchant: "Merchant",
  surfaces: "Surfaces",
  controls: "Controls",
  theme: "Theme",
  review: "Review",
  "go-live": "Go live",
};

export function isStepSlug(value: string): value is StepSlug {
  return (STEPS as readonly string[]).includes(value);
}

export const stepIndex = (slug: StepSlug): number => STEPS.indexOf(slug);

export function stepHref(draftId: string, slug: StepSlug): string {
  return `/onboard/${encodeURIComponent(draftId)}/${slug}`;
}
