import { z } from "zod";
import { controlsDraft, draftData } from "./draft";
import { STEPS } from "./steps";

/**
 * Bodies of the wizard's own API routes (/api/onboarding/…), shared by the
 * route table and the browser.
 */
export const saveDraftBody = z.strictObject({
  data: draftData,
  /** The step the person asks to open; the server holds it back to the first step that does not validate. */
  reached: z
    .number()
    .int()
    .min(0)
    .max(STEPS.length - 1),
});
export type SaveDraftBody = z.input<typeof saveDraftBody>;

export const startRunBody = z.strictObject({ payoutLink: z.boolean() });

export const retryRunBody = z.strictObject({
  step: z
    .string()
    .regex(/^(register|controls|theme:(confirmation|tracking|returns)|payout|activate)$/, "is not a go-live step"),
  /** same: Retry with the recorded key; edit: Edit and retry (a new key, after the step is edited). */
  mode: z.enum(["same", "edit"]),
});

export const saveTemplateBody = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "Enter a name for the template")
    .max(80, "The template name must be at most 80 characters long"),
  blocked: controlsDraft.shape.blocked,
  domainsText: controlsDraft.shape.domainsText,
});
