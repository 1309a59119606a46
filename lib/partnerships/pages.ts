import { z } from "zod";
import { page, pageRequestList } from "./accounts";
import { colour, layoutType, surface } from "./formats";

/** POST /v1/partnership/accounts/{account_id}/pages (§5.6). */
export const addPagesRequest = z.strictObject({ pages: pageRequestList });
export type AddPagesRequest = z.input<typeof addPagesRequest>;
export const addPagesResponse = z.object({ account_id: z.string(), pages: z.array(page) });
export type AddPagesResponse = z.infer<typeof addPagesResponse>;

/** PUT /v1/partnership/accounts/{account_id}/pages/{page_id} (§5.7). */
export const switchLayoutRequest = z.strictObject({ layout_type: layoutType });
export type SwitchLayoutRequest = z.infer<typeof switchLayoutRequest>;
export const switchLayoutResponse = z.object({
  page_id: z.string(),
  surface,
  layout_type: layoutType,
  layout_id: z.string(),
  page_identifier: z.string(),
});
export type SwitchLayoutResponse = z.infer<typeof switchLayoutResponse>;

/** The five theme tokens of a layout (§5.8). */
export const THEME_TOKENS = [
  "primaryColor",
  "backgroundColor",
  "textColor",
  "closeButtonColor",
  "borderRadius",
] as const;
export type ThemeToken = (typeof THEME_TOKENS)[number];
export const theme = z.object({
  primaryColor: z.string(),
  backgroundColor: z.string(),
  textColor: z.string(),
  closeButtonColor: z.string(),
  borderRadius: z.number().int(),
});
export type Theme = z.infer<typeof theme>;
export const DEFAULT_THEME: Theme = {
  primaryColor: "#4F46E5",
  backgroundColor: "#FFFFFF",
  textColor: "#111827",
  borderRadius: 8,
  closeButtonColor: "#6B7280",
};

/** A layout's corner radius in pixels (§5.8); shared by the PATCH schema and the theme editor. */
export const borderRadius = z
  .number({ error: "must be a number from 0 to 48" })
  .int("must be an integer")
  .min(0, "must be 0 to 48")
  .max(48, "must be 0 to 48");

/** PATCH /v1/partnership/accounts/{account_id}/layouts/{layout_id}: sparse, non-empty. */
export const patchLayoutRequest = z
  .strictObject({
    primaryColor: colour.optional(),
    backgroundColor: colour.optional(),
    textColor: colour.optional(),
    closeButtonColor: colour.optional(),
    borderRadius: borderRadius.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "must set at least one theme token");
export type PatchLayoutRequest = z.input<typeof patchLayoutRequest>;

export const patchLayoutResponse = z.object({
  layout_id: z.string(),
  page_id: z.string(),
  layout_type: layoutType,
  theme,
});
/** Tolerance (§10): the real API may answer a bare `{"status": "ok", "layout_id": …}`. */
export const patchLayoutBareResponse = z.object({ status: z.literal("ok"), layout_id: z.string() });
export type PatchLayoutResponse = z.infer<typeof patchLayoutResponse>;
