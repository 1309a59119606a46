import { z } from "zod";
import { controlsFormSchema } from "@/lib/controls/form";

/**
 * A controls template as Settings → Templates edits it: a name and the merchant
 * page's controls form values (blocked pairs and the "Blocked domains" text),
 * checked the same way as on the merchant page. Shared by the form and the routes.
 */
export const templateName = z
  .string()
  .trim()
  .min(1, "Enter a name for the template")
  .max(80, "The template name must be at most 80 characters long");

export const templateBody = z.strictObject({
  name: templateName,
  blocked: controlsFormSchema.shape.blocked,
  domainsText: controlsFormSchema.shape.domainsText.pipe(z.string().max(64_000, "is too long")),
});
export type TemplateBody = z.infer<typeof templateBody>;

export const templateParams = z.strictObject({
  templateId: z.string().regex(/^[a-z0-9]{1,40}$/, "is not a template id"),
});

/** A template as the settings API lists it. */
export interface TemplateView {
  id: string;
  name: string;
  blocked: { partnerVerticalId: number; partnerSubVerticalId: number }[];
  domainsText: string;
  createdBy: string | null;
  updatedAt: string;
  /** Places that start from it (in-progress onboarding drafts, and whatever else counts: server/settings/template-usage.ts). */
  uses: { total: number; byKind: Record<string, number> };
}
