import "server-only";
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import type { AuditQuery, UserRow } from "@/server/db/types";
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
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

export async function listAudit(ctx: HandlerContext<unknown, AuditQuery, undefined>): Promise<HandlerResult> {
  return { body: { data: await ctx.db.audit.list(ctx.query) } };
}

export async function listUsers(ctx: HandlerContext<unknown, unknown, undefined>): Promise<HandlerResult> {
  const users = await ctx.db.users.list();
  return { body: { data: { users: users.map(publicUser) } } };
}

export const patchUserBody = z
  .strictObject({
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }).optional(),
    disabled: z.boolean({ error: "must be true or false" }).optional(),
  })
  .refine((b) => b.role !== undefined || b.disabled !== undefined, "must change role or disabled");
export type PatchUserBody = z.infer<typeof patchUserBody>;

export async function patchUser(
  ctx: HandlerContext<{ userId: string }, unknown, PatchUserBody>,
): Promise<HandlerResult> {
  if (ctx.user && ctx.params.userId === ctx.user.id) {
    // An admin who demotes or disables themself could leave the console with no admin.
    throw new HttpError(403, "cannot_change_self", "You cannot change your own role or disable yourself.");
  }
  const before = await ctx.db.users.findById(ctx.params.userId);
  if (!before) throw new HttpError(404, "not_found", "There is no such user.");
  ctx.audit.before = publicUser(before);
  let after: UserRow | undefined = before;
  if (ctx.body.role !== undefined && ctx.body.role !== before.role)
    after = await ctx.db.users.setRole(before.id, ctx.body.role);
  if (ctx.body.disabled !== undefined && ctx.body.disabled !== before.disabled) {
    after = await ctx.db.users.setDisabled(before.id, ctx.body.disabled);
  }
  if (!after) throw new HttpError(404, "not_found", "There is no such user.");
  ctx.audit.after = publicUser(after);
  return { body: { data: publicUser(after) } };
}

export const KNOWLEDGE_CSV_MAX_BYTES = 1024 * 1024;
export const knowledgeCsvBody = z.string().min(1, "is empty");

export async function importKnowledge(ctx: HandlerContext<unknown, unknown, string>): Promise<HandlerResult> {
  const result = await ctx.db.knowledge.importCsv(ctx.body);
  ctx.audit.after = { imported: result.imported, errors: result.errors.length };
  return { body: { data: result } };
}

export function summarizeCsv(body: string) {
  return { bytes: Buffer.byteLength(body), lines: body.split(/\r?\n/).filter((l) => l.trim() !== "").length };
}
