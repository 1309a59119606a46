import { z } from "zod";
import { accountId, boundedString, email, hashedEmail, phone } from "./formats";

/** POST /v1/partnership/network-privacy-requests (§5.10). */
export const PRIVACY_REQUEST_TYPES = ["NETWORK_OPT_OUT", "NETWORK_DATA_DELETION"] as const;
export const IDENTIFIER_TYPES = ["email", "phone", "hashedEmail"] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

export const networkPrivacyRequest = z
  .strictObject({
    requestType: z.enum(PRIVACY_REQUEST_TYPES, { error: "must be NETWORK_OPT_OUT or NETWORK_DATA_DELETION" }),
    email: email.optional(),
    phone: phone.optional(),
    hashedEmail: hashedEmail.optional(),
  })
  .refine((b) => IDENTIFIER_TYPES.filter((k) => b[k] !== undefined).length === 1, {
    message: "must give exactly one of email, phone, hashedEmail",
    path: ["email"],
  });
export type NetworkPrivacyRequest = z.input<typeof networkPrivacyRequest>;
export const networkPrivacyQuery = z.strictObject({
  parent_account_id: accountId,
  dry_run: z.enum(["true", "false"]).optional(),
});
/** 202, not enveloped. */
export const networkPrivacyAccepted = z.object({ requestId: z.string(), status: z.literal("submitted") });
export type NetworkPrivacyAccepted = z.infer<typeof networkPrivacyAccepted>;

/** POST /v1/partnership/accounts/{account_id}/data-deletion-requests (§5.11). */
export const dataDeletionRequest = z.strictObject({ reason: boundedString(1, 500) });
export type DataDeletionRequest = z.infer<typeof dataDeletionRequest>;
export const dataDeletionResponse = z.object({
  account_id: z.string(),
  deletion_request_id: z.string(),
  operation_id: z.string(),
  status: z.string(),
});
export type DataDeletionResponse = z.infer<typeof dataDeletionResponse>;
