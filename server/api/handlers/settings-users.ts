import "server-only";
import { INVITE_TTL_MS, type InviteUserBody, LAST_ADMIN_REASON, type PatchUserBody } from "@/lib/settings/users";
import { passwordSignInEnabled } from "@/server/auth/config";
import type { InviteRow, UserRow } from "@/server/db/types";
import { getEnv } from "@/server/env";
import { invitePath, newInviteToken } from "@/server/settings/invites";
import { HttpError } from "../http";
import type { HandlerContext, HandlerResult } from "../types";

/** A user as the API shows it: never the password hash or session version. */
export function publicUser(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabled,
    hasPassword: u.passwordHash !== null,
    lastSignInAt: u.lastSignInAt,
    signInMethod: u.signInMethod,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

export function publicInvite(i: InviteRow) {
  return {
    id: i.id,
    email: i.email,
    name: i.name,
    role: i.role,
    createdByEmail: i.createdByEmail,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
  };
}

export async function listUsers(ctx: HandlerContext<unknown, unknown, undefined>): Promise<HandlerResult> {
  const [users, invites] = await Promise.all([ctx.db.users.list(), ctx.db.invites.listOpen()]);
  return { body: { data: { users: users.map(publicUser), invites: invites.map(publicInvite) } } };
}

/**
 * Role and enable/disable. A role change takes effect on the user's next request and keeps their
 * sessions; disabling ends them at once. The last enabled admin can be neither demoted nor disabled,
 * checked in the same statement as the write (UsersRepo.change).
 */
export async function patchUser(
  ctx: HandlerContext<{ userId: string }, unknown, PatchUserBody>,
): Promise<HandlerResult> {
  const before = await ctx.db.users.findById(ctx.params.userId);
  if (!before) throw new HttpError(404, "not_found", "There is no such user.");
  ctx.audit.before = publicUser(before);
  const patch: PatchUserBody = {};
  if (ctx.body.role !== undefined && ctx.body.role !== before.role) patch.role = ctx.body.role;
  if (ctx.body.disabled !== undefined && ctx.body.disabled !== before.disabled) patch.disabled = ctx.body.disabled;
  if (patch.role === undefined && patch.disabled === undefined) {
    ctx.audit.after = publicUser(before);
    return { body: { data: publicUser(before) } };
  }
  const result = await ctx.db.users.change(before.id, patch);
  if (result.status === "not_found") throw new HttpError(404, "not_found", "There is no such user.");
  if (result.status === "last_admin") {
    // 422, not 409: a 409 reads as "still running, retry with the same key" to the browser's write helper.
    throw new HttpError(
      422,
      "last_admin",
      `${before.email} is the only enabled admin: make another user an admin before demoting or disabling them. (${LAST_ADMIN_REASON})`,
    );
  }
  ctx.audit.after = publicUser(result.user);
  return { body: { data: publicUser(result.user) } };
}

/**
 * A one-time link for email + password sign-in, valid 24 h. The link is in this answer only: the
 * database keeps the token's hash, the audit log the invite without it, and a replay of the same
 * intent gets the invite without the link (route keptBody).
 */
export async function inviteUser(ctx: HandlerContext<unknown, unknown, InviteUserBody>): Promise<HandlerResult> {
  if (!passwordSignInEnabled()) {
    throw new HttpError(
      422,
      "password_sign_in_off",
      "Email and password sign-in is turned off (AUTH_PASSWORD_SIGNIN): people sign in through single sign-on.",
    );
  }
  if (await ctx.db.users.findByEmail(ctx.body.email)) {
    throw new HttpError(422, "user_exists", `${ctx.body.email} already has an account.`, {
      fields: { email: "This person already has an account." },
    });
  }
  const { token, tokenHash } = newInviteToken();
  const invite = await ctx.db.invites.create({
    tokenHash,
    email: ctx.body.email,
    name: ctx.body.name,
    role: ctx.body.role,
    createdBy: ctx.user ? { id: ctx.user.id, email: ctx.user.email } : null,
    expiresAt: new Date(Date.now() + INVITE_TTL_MS).toISOString(),
  });
  ctx.audit.after = publicInvite(invite);
  const origin = getEnv().AUTH_URL ?? new URL(ctx.request.url).origin;
  const link = new URL(invitePath(token), origin).toString();
  return { status: 201, body: { data: { invite: publicInvite(invite), link } } };
}

/** The kept answer of an invite: everything but the link. */
export function inviteKeptBody(body: unknown): unknown {
  const data = (body as { data?: { invite?: unknown; link?: unknown } } | null)?.data;
  if (!data || typeof data.link !== "string") return body;
  return { data: { invite: data.invite, link: null } };
}
