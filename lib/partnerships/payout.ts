import { z } from "zod";

function isReturnUrl(s: string): boolean {
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return false;
  }
  if (url.protocol === "https:") return url.hostname.length > 0;
  return url.protocol === "http:" && (url.hostname === "localhost" || url.hostname === "127.0.0.1");
}
const returnUrl = z.string().refine(isReturnUrl, "must be an https URL (http only for localhost or 127.0.0.1)");

/** POST /v1/partnership/accounts/{account_id}/payout-setup (§5.9). */
export const payoutSetupRequest = z.strictObject({ return_url: returnUrl, refresh_url: returnUrl });
export type PayoutSetupRequest = z.infer<typeof payoutSetupRequest>;
export const payoutSetupResponse = z.object({
  account_id: z.string(),
  stripe_account_id: z.string(),
  onboarding_url: z.string(),
  expires_at: z.string(),
});
export type PayoutSetupResponse = z.infer<typeof payoutSetupResponse>;
