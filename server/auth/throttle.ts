import "server-only";
// The class next-auth re-exports; imported from its source so that this module also loads outside Next (tests).
import { CredentialsSignin } from "@auth/core/errors";
import type { ConsoleDb } from "@/server/db/types";

/**
 * Password guessing is slowed by bcrypt and stopped here: after 10 failed
 * sign-ins for one email within 15 minutes (with no success in between), the
 * next attempts are refused before the password is checked. The count comes
 * from the audit log, so it holds across several console instances.
 */
export const SIGN_IN_THROTTLE = { maxFailures: 10, windowMs: 15 * 60_000 } as const;

export const TOO_MANY_ATTEMPTS = "too_many_attempts";

export class TooManyAttempts extends CredentialsSignin {
  code = TOO_MANY_ATTEMPTS;
}

export async function tooManyFailures(db: ConsoleDb, email: string, now = Date.now()): Promise<boolean> {
  const { maxFailures, windowMs } = SIGN_IN_THROTTLE;
  // "auth.sign_in" is a prefix: it finds successes and failures ("auth.sign_in_failed"), newest first.
  const { entries } = await db.audit.list({ userEmail: email, action: "auth.sign_in", limit: maxFailures });
  let failures = 0;
  for (const entry of entries) {
    if (Date.parse(entry.at) <= now - windowMs || entry.action === "auth.sign_in") break;
    if (entry.action === "auth.sign_in_failed") failures++;
  }
  return failures >= maxFailures;
}
