import { z } from "zod";

export const OPERATION_TYPES = [
  "registerPartnership",
  "putMarketplaceControls",
  "putPartnershipStatus",
  "addPages",
  "switchPageLayout",
  "patchLayout",
  "payoutSetup",
  "dataDeletion",
] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export const OPERATION_STATUSES = ["pending", "in_progress", "completed", "failed"] as const;
export const operationStatus = z.enum(OPERATION_STATUSES);
export type OperationStatus = z.infer<typeof operationStatus>;
export const isSettled = (s: OperationStatus) => s === "completed" || s === "failed";

/** GET /v1/partnership/operations/{operation_id} (§4). Tolerance: `response_body` may be missing. */
export const operation = z.object({
  operation_id: z.string(),
  operation_type: z.string(),
  account_id: z.string().nullable(),
  status: operationStatus,
  dry_run: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  http_status: z.number().int().nullable(),
  response_body: z.unknown().optional(),
  error: z.string().nullable(),
});
export type Operation = z.infer<typeof operation>;
