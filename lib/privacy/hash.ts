/**
 * SHA-256 of an email, the way the API expects a `hashedEmail` (SPEC §2.1):
 * of the trimmed, lowercased address, as 64 lowercase hex digits. Runs in the
 * browser (Web Crypto), so with "Hash in this browser" the plain address never
 * leaves the page; the same code runs on the server and in tests.
 */

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function hashEmail(email: string): Promise<string> {
  return sha256Hex(normaliseEmail(email));
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Why a typed hash is not one the console sends, or null when it is. */
export function hashedEmailProblem(value: string): string | null {
  const v = value.trim();
  if (v === "") return "Enter the SHA-256 hash of the email.";
  if (!/^[0-9a-fA-F]*$/.test(v)) return "A SHA-256 hash has only the characters 0–9 and a–f.";
  if (v.length !== 64) return `A SHA-256 hash is 64 characters long; this one has ${v.length}.`;
  if (v !== v.toLowerCase()) return "Type the hash in lowercase (0–9, a–f), as SHA-256 hashes of emails are exchanged.";
  return null;
}
