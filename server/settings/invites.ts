import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * Invite tokens: 32 random bytes, base64url, in the link only. The database keeps
 * their SHA-256 (a fast hash is enough for 256 bits of randomness), so neither a
 * database dump nor the audit log can be turned back into a working link.
 */
export function newInviteToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A well-formed token (what newInviteToken makes): anything else is not looked up at all. */
export function isInviteToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

export const invitePath = (token: string) => `/invite/${token}`;
