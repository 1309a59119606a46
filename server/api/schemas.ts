import "server-only";
import { z } from "zod";
import { accountId } from "@/lib/partnerships/formats";

/** Path and query schemas of the console's own routes (bodies come from lib/partnerships). */

/** Ids the console passes on upstream (page, layout, operation, user): conservative, URL-safe. */
export const opaqueId = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, "is not a valid id");

export const accountParams = z.strictObject({ accountId });
export const pageParams = z.strictObject({ accountId, pageId: opaqueId });
export const layoutParams = z.strictObject({ accountId, layoutId: opaqueId });
export const operationParams = z.strictObject({ operationId: opaqueId });
export const userParams = z.strictObject({ userId: opaqueId });
export const viewParams = z.strictObject({ id: opaqueId });

export const noQuery = z.strictObject({});
/** Every write but payout setup accepts `?dry_run=true`, forwarded upstream. */
export const writeQuery = z.strictObject({
  dry_run: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
});

const limit = z.coerce.number().int("must be an integer").min(1, "must be 1 to 200").max(200, "must be 1 to 200");
const cursor = z.string().min(1).max(1024, "is too long");
export const pageQuery = z.strictObject({ limit: limit.optional(), cursor: cursor.optional() });
export const operationsQuery = z.strictObject({
  limit: limit.optional(),
  cursor: cursor.optional(),
  merchantId: accountId.optional(),
  status: z.enum(["pending", "in_progress", "completed", "failed", "unknown"]).optional(),
});
export const auditQuery = z.strictObject({
  limit: limit.optional(),
  cursor: cursor.optional(),
  userEmail: z.string().max(254).optional(),
  action: z.string().max(120).optional(),
  merchantId: accountId.optional(),
  outcome: z.enum(["success", "failure", "denied", "error"]).optional(),
});
