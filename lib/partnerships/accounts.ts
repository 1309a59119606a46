import { z } from "zod";
import { ACCOUNT_STATUSES } from "./account-statuses";
import { accountId, boundedString, countryCode, layoutType, storeIdentifier, surface, taxonomyId } from "./formats";

export { ACCOUNT_STATUSES };
export const accountStatus = z.enum(ACCOUNT_STATUSES);
export type AccountStatus = z.infer<typeof accountStatus>;

export const pageRequest = z.strictObject({ surface, layout_type: layoutType });
export type PageRequest = z.infer<typeof pageRequest>;

/** 1–3 pages, each surface at most once. */
export const pageRequestList = z
  .array(pageRequest)
  .min(1, "must list 1 to 3 pages")
  .max(3, "must list 1 to 3 pages")
  .superRefine((pages, ctx) => {
    const seen = new Set<string>();
    pages.forEach((p, i) => {
      if (seen.has(p.surface)) {
        ctx.addIssue({ code: "custom", path: [i, "surface"], message: `repeats surface ${p.surface}` });
      }
      seen.add(p.surface);
    });
  });

/** POST /v1/accounts/register/partnership (§5.1). */
export const registerRequest = z.strictObject({
  brand: boundedString(1, 120),
  vertical_id: taxonomyId,
  sub_vertical_id: taxonomyId,
  country_code: countryCode,
  platform_parent_account_id: accountId,
  store_identifier: storeIdentifier,
  external_account_id: boundedString(1, 128),
  pages: pageRequestList.optional(),
});
export type RegisterRequest = z.input<typeof registerRequest>;

export const page = z.object({
  surface,
  page_id: z.string(),
  layout_id: z.string(),
  layout_type: layoutType,
  page_identifier: z.string(),
});
export type Page = z.infer<typeof page>;

export const registerResponse = z.object({
  account_id: z.string(),
  external_account_id: z.string(),
  status: accountStatus,
  pages: z.array(page),
});
export type RegisterResponse = z.infer<typeof registerResponse>;

/** One row of GET /v1/partnership/accounts (§5.2). */
export const account = z.object({
  account_id: z.string(),
  external_account_id: z.string(),
  brand: z.string(),
  country_code: z.string(),
  store_identifier: z.string(),
  vertical_id: z.number().int(),
  sub_vertical_id: z.number().int(),
  status: accountStatus,
  created_at: z.string(),
  updated_at: z.string(),
});
export type Account = z.infer<typeof account>;

export const accountListQuery = z.strictObject({
  parent_account_id: accountId,
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().min(1).optional(),
});

/** Tolerance (§10): a list answer may lack `next_cursor`. */
export const accountList = z.object({
  accounts: z.array(account),
  next_cursor: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});
export type AccountList = z.infer<typeof accountList>;
