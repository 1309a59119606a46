import "server-only";
import bcrypt from "bcryptjs";
import { acceptInviteForm } from "@/lib/settings/users";
import { requestMeta } from "@/server/auth/audit";
import { BCRYPT_ROUNDS } from "@/server/auth/demo-users";
import type { ConsoleDb, InviteRow } from "@/server/db/types";
import { hashInviteToken, isInviteToken } from "./invites";

export type InviteState = "open" | "unknown" | "used" | "expired";

/** What the invite page shows for a link: only a well-formed token is looked up. */
export async function inviteState(
  db: ConsoleDb,
  token: string,
  now = new Date(),
): Promise<{ state: InviteState; invite?: InviteRow }> {
  if (!isInviteToken(token)) return { state: "unknown" };
  const invite = await db.invites.findByTokenHash(hashInviteToken(token));
  if (!invite) return { state: "unknown" };
  if (invite.usedAt) return { state: "used", invite };
  if (Date.parse(invite.expiresAt) <= now.getTime()) return { state: "expired", invite };
  return { state: "open", invite };
}

export const INVITE_MESSAGES: Record<Exclude<InviteState, "open"> | "email_taken", string> = {
  unknown: "This invite link is not valid. Check that it was copied whole, or ask an administrator for a new one.",
  used: "This invite link was already used. Sign in with the password that was set, or ask an administrator for a new link.",
  expired: "This invite link has expired (links work for 24 hours). Ask an administrator for a new one.",
  email_taken: "An account with this email already exists. Sign in instead, or ask an administrator.",
};

export type AcceptOutcome =
  | { ok: true; email: string }
  | { ok: false; fieldErrors?: { password?: string; confirm?: string }; error?: string };

/**
 * Sets the invitee's password: the form is checked with the shared schema, then one
 * transaction marks the link used and creates the user (a second use is refused).
 * Audited as user.invite.accept with the new user's email and role, never the password.
 */
export async function acceptInvite(
  db: ConsoleDb,
  token: string,
  form: { password: unknown; confirm: unknown },
): Promise<AcceptOutcome> {
  const parsed = acceptInviteForm.safeParse({
    password: String(form.password ?? ""),
    confirm: String(form.confirm ?? ""),
  });
  if (!parsed.success) {
    const fieldErrors: { password?: string; confirm?: string } = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if ((key === "password" || key === "confirm") && !fieldErrors[key]) fieldErrors[key] = issue.message;
    }
    return { ok: false, fieldErrors };
  }
  if (!isInviteToken(token)) return { ok: false, error: INVITE_MESSAGES.unknown };
  const passwordHash = await bcrypt.hash(parsed.data.password, BCRYPT_ROUNDS);
  const result = await db.invites.accept(hashInviteToken(token), passwordHash);
  const meta = await requestMeta();
  if (result.status !== "ok") {
    await db.audit.append({
      userId: null,
      userEmail: null,
      role: null,
      action: "user.invite.accept",
      outcome: "denied",
      message: result.status,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    return { ok: false, error: INVITE_MESSAGES[result.status] };
  }
  await db.audit.append({
    userId: result.user.id,
    userEmail: result.user.email,
    role: result.user.role,
    action: "user.invite.accept",
    outcome: "success",
    before: { invite: result.invite.id, usedAt: null },
    after: {
      id: result.user.id,
      email: result.user.email,
      name: result.user.name,
      role: result.user.role,
      invite: result.invite.id,
    },
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return { ok: true, email: result.user.email };
}
