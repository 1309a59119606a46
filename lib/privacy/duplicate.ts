import { hashEmail, sha256Hex } from "./hash";

/**
 * The API has no idempotency for network privacy requests: every call makes a
 * new request (SPEC §5.10). The console flags a second request of the same
 * type for the same person within 24 hours. "The same person" is compared on
 * a canonical form, so an email and its SHA-256 hash count as the same
 * identifier; only a fingerprint of it is kept, never the identifier.
 */

export const DUPLICATE_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface IdentifierInput {
  email?: string;
  phone?: string;
  hashedEmail?: string;
}

export async function canonicalIdentifier(id: IdentifierInput): Promise<string> {
  if (id.email !== undefined) return `email:${await hashEmail(id.email)}`;
  if (id.hashedEmail !== undefined) return `email:${id.hashedEmail.trim().toLowerCase()}`;
  if (id.phone !== undefined) return `phone:${id.phone.trim()}`;
  throw new Error("no identifier");
}

export async function privacyFingerprint(requestType: string, id: IdentifierInput): Promise<string> {
  return sha256Hex(`partner-console/privacy/v1|${requestType}|${await canonicalIdentifier(id)}`);
}

export interface PriorRequest {
  id: string;
  fingerprint: string | null;
  createdAt: string;
  /** submitted | unknown | failed | sending … */
  status: string;
}

/** Statuses that may have reached Rokt: a refused (failed) request does not make the next one a duplicate. */
const COUNTS = new Set(["submitted", "unknown", "sending"]);

/** The latest earlier request for the same fingerprint within the window, if any. */
export function findDuplicate<T extends PriorRequest>(
  prior: readonly T[],
  fingerprint: string,
  now: Date,
  windowMs = DUPLICATE_WINDOW_MS,
): T | undefined {
  const since = now.getTime() - windowMs;
  return prior
    .filter((p) => p.fingerprint === fingerprint && COUNTS.has(p.status) && Date.parse(p.createdAt) >= since)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
}
