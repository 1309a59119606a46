import { z } from "zod";
import { accountStatus } from "./accounts";

/** GET/PUT /v1/partnership/accounts/{account_id}/status (§5.5). */
export const putStatusRequest = z.strictObject({ status: z.enum(["active", "paused"]) });
export type PutStatusRequest = z.infer<typeof putStatusRequest>;

export const VARIANT_STATUSES = ["active", "paused", "archived"] as const;
export const variant = z.object({
  pageVariantId: z.string(),
  pageId: z.string(),
  name: z.string(),
  status: z.enum(VARIANT_STATUSES),
});
export const accountStatusView = z.object({
  accountId: z.string(),
  status: accountStatus,
  variants: z.array(variant),
});
export type AccountStatusView = z.infer<typeof accountStatusView>;
