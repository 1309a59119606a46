import { splitE164 } from "./phone";

/**
 * How the console shows a consumer's identifier anywhere after it was sent
 * (history, audit log): enough to tell two requests apart, not enough to
 * recover the person. Lengths are not revealed.
 */

/** "john.smith@example.com" → "j***@example.com". */
export function maskEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0) return "***";
  const first = Array.from(trimmed)[0] ?? "";
  return `${first}***@${trimmed.slice(at + 1).toLowerCase()}`;
}

/** "+447700900189" → "+44 ***** **89": the calling code and the last two digits, at a fixed width. */
export function maskPhone(e164: string): string {
  const parts = splitE164(e164);
  if (!parts) return "+** ***** ****";
  return `+${parts.callingCode} ***** **${parts.national.slice(-2)}`;
}

/** A SHA-256 hex digest → its first 8 characters: "3c4b1f0e…". */
export function maskHash(hex: string): string {
  return `${hex.trim().toLowerCase().slice(0, 8)}…`;
}

export type MaskableIdentifier = { email: string } | { phone: string } | { hashedEmail: string };

export function maskIdentifier(id: { email?: string; phone?: string; hashedEmail?: string }): string {
  if (id.email !== undefined) return maskEmail(id.email);
  if (id.phone !== undefined) return maskPhone(id.phone);
  if (id.hashedEmail !== undefined) return maskHash(id.hashedEmail);
  return "—";
}
