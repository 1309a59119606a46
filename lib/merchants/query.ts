import { z } from "zod";
import { ACCOUNT_STATUSES } from "@/lib/partnerships/accounts";
import { MAX_PAGE_SIZE, MAX_SEARCH_CHARS, MERCHANT_SORTS } from "./search";

/**
 * The merchant list's query, as the URL, the API (`GET /api/merchants`, the CSV
 * export) and the page read it. Written once: the browser uses it to keep the
 * URL canonical, the server to validate. Defaults are left out of the URL.
 * The zod-free part (lib/merchants/search.ts) is what the browser ships.
 */

export * from "./search";

const positiveInt = (max: number, message: string) =>
  z.coerce.number().int("must be an integer").min(1, message).max(max, message);

export const merchantListQuery = z.strictObject({
  q: z
    .string()
    .max(MAX_SEARCH_CHARS * 4, "is too long")
    .optional()
    .transform((v) => v?.slice(0, MAX_SEARCH_CHARS)),
  status: z.enum(ACCOUNT_STATUSES, { error: "must be active, paused, deleting or deleted" }).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code")
    .transform((v) => v.toUpperCase())
    .optional(),
  vertical: positiveInt(2_147_483_647, "must be a vertical id").optional(),
  sort: z.enum(MERCHANT_SORTS, { error: "must be brand, created or updated" }).optional(),
  dir: z.enum(["asc", "desc"], { error: "must be asc or desc" }).optional(),
  page: positiveInt(1_000_000, "must be 1 or more").optional(),
  pageSize: positiveInt(MAX_PAGE_SIZE, `must be 1 to ${MAX_PAGE_SIZE}`).optional(),
});
export type MerchantListQueryInput = z.input<typeof merchantListQuery>;
export type MerchantListQuery = z.output<typeof merchantListQuery>;

/** The export takes the same filters and sort, never a page. */
export const merchantExportQuery = merchantListQuery.omit({ page: true, pageSize: true });
export type MerchantExportQuery = z.output<typeof merchantExportQuery>;

export const saveViewBody = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
  query: z
    .string()
    .max(1000, "is too long")
    .transform((v) => v.replace(/^\?/, "")),
  scope: z.enum(["merchants"]).optional(),
});
export type SaveViewBody = z.input<typeof saveViewBody>;
