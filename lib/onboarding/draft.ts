import { z } from "zod";
import { controlsFormSchema } from "@/lib/controls/form";
import { LAYOUT_TYPES, SURFACES, type Surface } from "@/lib/partnerships/formats";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import { themeForm } from "@/lib/theme/patch";
import { merchantStepSchema, surfacesStepSchema } from "./step-schemas";
import { STEPS, type StepSlug } from "./steps";

/**
 * A wizard draft exactly as the person typed it: every field may be empty or
 * invalid, so nothing is ever lost to a failed check. The shape is bounded
 * (lengths, counts) because the server stores it as sent. Validation of a step
 * (the strict schemas in step-schemas.ts) happens on "Next", on the server when
 * it works out how far the draft may go, and again before go-live.
 */
const text = (max: number) => z.string().max(max, `must be at most ${max} characters long`);

export const merchantDraft = z.object({
  brand: text(1000).default(""),
  external_account_id: text(1000).default(""),
  store_identifier: text(4096).default(""),
  country_code: text(8).default(""),
  /** Select values: the partner taxonomy ids as strings ("" = none chosen). */
  vertical_id: text(20).default(""),
  sub_vertical_id: text(20).default(""),
});
export type MerchantDraft = z.infer<typeof merchantDraft>;

export const surfaceDraft = z.object({
  surface: z.enum(SURFACES),
  /** null until the person picks Overlay or Embedded. */
  layout_type: z.enum(LAYOUT_TYPES).nullable(),
});
export const surfacesDraft = z.object({ pages: z.array(surfaceDraft).max(3).default([]) });
export type SurfacesDraft = z.infer<typeof surfacesDraft>;

const pairDraft = z.object({
  partnerVerticalId: z.number().int(),
  partnerSubVerticalId: z.number().int(),
});
export const controlsDraft = z.object({
  blocked: z.array(pairDraft).max(2000).default([]),
  domainsText: text(64_000).default(""),
  /** The template the controls started from, if any (Settings → Templates counts the drafts using one). */
  templateId: z.string().max(40).nullish(),
});
export type ControlsDraft = z.infer<typeof controlsDraft>;

/** One layout's theme while typing (a colour may be half-written; the radius may be any number typed). */
export const themeDraft = z.object({
  primaryColor: text(32),
  backgroundColor: text(32),
  textColor: text(32),
  closeButtonColor: text(32),
  borderRadius: z.union([z.number(), text(32)]),
});
export type ThemeDraftValues = z.infer<typeof themeDraft>;

export const draftData = z.object({
  merchant: merchantDraft.default(merchantDraft.parse({})),
  surfaces: surfacesDraft.default({ pages: [] }),
  controls: controlsDraft.default({ blocked: [], domainsText: "" }),
  themes: z.partialRecord(z.enum(SURFACES), themeDraft).default({}),
  payoutLink: z.boolean().default(false),
});
export type DraftData = z.infer<typeof draftData>;

export const emptyDraftData = (): DraftData => draftData.parse({});

/** Field path (step-local, e.g. "store_identifier", "pages.0.layout_type", "theme.returns.primaryColor") → message. */
export type FieldErrors = Record<string, string>;

function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], prefix: string[] = []): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = [...prefix, ...issue.path.map(String)].join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

/** The surfaces chosen, in the API's order (confirmation, tracking, returns). */
export function chosenSurfaces(data: DraftData): Surface[] {
  const on = new Set(data.surfaces.pages.map((p) => p.surface));
  return SURFACES.filter((s) => on.has(s));
}

/**
 * Checks one step with the shared schemas. The taxonomy, when given, also
 * checks that the sub-vertical belongs to the vertical (a stale draft could
 * hold a pair the picker no longer offers).
 */
export function validateStep(slug: StepSlug, data: DraftData, tree?: readonly TaxonomyVertical[]): FieldErrors {
  switch (slug) {
    case "merchant": {
      const parsed = merchantStepSchema.safeParse(data.merchant);
      if (!parsed.success) return issuesToFieldErrors(parsed.error.issues);
      if (tree) {
        const vertical = tree.find((v) => v.id === parsed.data.vertical_id);
        if (!vertical) return { vertical_id: "Choose a vertical from the list" };
        if (!vertical.subVerticals.some((s) => s.id === parsed.data.sub_vertical_id))
          return { sub_vertical_id: `Choose a sub-vertical of ${vertical.name}` };
      }
      return {};
    }
    case "surfaces": {
      const parsed = surfacesStepSchema.safeParse(data.surfaces);
      return parsed.success ? {} : issuesToFieldErrors(parsed.error.issues);
    }
    case "controls": {
      const parsed = controlsFormSchema.safeParse(data.controls);
      return parsed.success ? {} : issuesToFieldErrors(parsed.error.issues);
    }
    case "theme": {
      const errors: FieldErrors = {};
      for (const surface of chosenSurfaces(data)) {
        const theme = data.themes[surface];
        if (!theme) continue; // not touched: the API's default theme
        const parsed = themeForm.safeParse(theme);
        if (!parsed.success) Object.assign(errors, issuesToFieldErrors(parsed.error.issues, ["theme", surface]));
      }
      return errors;
    }
    case "review":
    case "go-live":
      return {};
  }
}

/** The first step (in order) that does not validate, or null when every step does. */
export function firstInvalidStep(data: DraftData, tree?: readonly TaxonomyVertical[]): StepSlug | null {
  for (const slug of STEPS) if (Object.keys(validateStep(slug, data, tree)).length > 0) return slug;
  return null;
}

/**
 * How far a draft may go: the step asked for, held back to the first step that
 * does not validate (the server's enforcement of the fixed order).
 */
export function allowedReach(requested: number, data: DraftData, tree?: readonly TaxonomyVertical[]): number {
  const invalid = firstInvalidStep(data, tree);
  const limit = invalid === null ? STEPS.length - 1 : STEPS.indexOf(invalid);
  return Math.max(0, Math.min(requested, limit, STEPS.length - 1));
}
