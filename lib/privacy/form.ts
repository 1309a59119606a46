import { z } from "zod";
import { isEmail } from "@/lib/partnerships/formats";
import { type NetworkPrivacyRequest, PRIVACY_REQUEST_TYPES } from "@/lib/partnerships/privacy";
import { hashEmail, hashedEmailProblem, normaliseEmail } from "./hash";
import { normalisePhone, PHONE_COUNTRIES } from "./phone";

/**
 * The consumer request form, validated the same way in the browser (react-hook-form)
 * and, for what is sent, on the server (lib/partnerships/privacy.ts). Exactly one
 * identifier is sent: the one the "Identifier" radio group names.
 */
export const IDENTIFIER_KINDS = ["email", "phone", "hashedEmail"] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const REQUEST_TYPE_LABELS: Record<(typeof PRIVACY_REQUEST_TYPES)[number], string> = {
  NETWORK_OPT_OUT: "Network opt-out",
  NETWORK_DATA_DELETION: "Network data deletion",
};
export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  email: "Email",
  phone: "Phone",
  hashedEmail: "Hashed email",
};

export const consumerRequestForm = z
  .object({
    requestType: z.enum(PRIVACY_REQUEST_TYPES, { error: "Choose the request type." }),
    identifierType: z.enum(IDENTIFIER_KINDS, { error: "Choose the identifier." }),
    email: z.string(),
    hashInBrowser: z.boolean(),
    phone: z.string(),
    country: z.string(),
    hashedEmail: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.identifierType === "email") {
      const email = normaliseEmail(v.email);
      if (email === "") ctx.addIssue({ code: "custom", path: ["email"], message: "Enter the consumer's email." });
      else if (!isEmail(email))
        ctx.addIssue({
          code: "custom",
          path: ["email"],
          message: "Enter a valid email address, like name@example.com.",
        });
    } else if (v.identifierType === "phone") {
      if (!PHONE_COUNTRIES.some((c) => c.code === v.country))
        ctx.addIssue({ code: "custom", path: ["country"], message: "Choose the country of this phone number." });
      const result = normalisePhone(v.phone, v.country);
      if (!result.ok) ctx.addIssue({ code: "custom", path: ["phone"], message: result.message });
    } else {
      const problem = hashedEmailProblem(v.hashedEmail);
      if (problem) ctx.addIssue({ code: "custom", path: ["hashedEmail"], message: problem });
    }
  });
export type ConsumerRequestForm = z.infer<typeof consumerRequestForm>;

export const EMPTY_CONSUMER_REQUEST: ConsumerRequestForm = {
  requestType: "NETWORK_OPT_OUT",
  identifierType: "email",
  email: "",
  hashInBrowser: true,
  phone: "",
  country: "GB",
  hashedEmail: "",
};

/** The API body for a valid form: one identifier, normalised; an email hashed here when asked. */
export async function toPrivacyRequestBody(v: ConsumerRequestForm): Promise<NetworkPrivacyRequest> {
  if (v.identifierType === "email") {
    const email = normaliseEmail(v.email);
    return v.hashInBrowser
      ? { requestType: v.requestType, hashedEmail: await hashEmail(email) }
      : { requestType: v.requestType, email };
  }
  if (v.identifierType === "phone") {
    const result = normalisePhone(v.phone, v.country);
    if (!result.ok) throw new Error(result.message);
    return { requestType: v.requestType, phone: result.e164 };
  }
  return { requestType: v.requestType, hashedEmail: v.hashedEmail.trim() };
}

/** Merchant data deletion: the typed confirmation must be the merchant's external account id, exactly. */
export function deletionForm(externalAccountId: string | null) {
  return z
    .object({
      accountId: z.string().min(1, "Choose the merchant."),
      reason: z
        .string()
        .trim()
        .min(1, "Give the reason for the deletion.")
        .max(500, "Keep the reason under 500 characters."),
      confirm: z.string(),
    })
    .superRefine((v, ctx) => {
      if (v.accountId === "" || externalAccountId === null) return;
      if (v.confirm.trim() !== externalAccountId)
        ctx.addIssue({
          code: "custom",
          path: ["confirm"],
          message: `Type the merchant's external account ID, ${externalAccountId}, exactly to confirm.`,
        });
    });
}
export type DeletionFormValues = z.infer<ReturnType<typeof deletionForm>>;
