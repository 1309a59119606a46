import "server-only";
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { isRole } from "@/lib/auth/roles";
import { InvalidInputError } from "../errors";
import type { Database, UserInvitesTable } from "../schema";
import type { InviteAcceptResult, InviteRow, InvitesRepo } from "../types";
import { fromBool, nowIso } from "../util";
import { toUserRow } from "./users";

function toRow(r: Selectable<UserInvitesTable>): InviteRow {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: isRole(r.role) ? r.role : "support",
    createdById: r.created_by_id,
    createdByEmail: r.created_by_email,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    userId: r.user_id,
  };
}

export function invitesRepo(db: Kysely<Database>): InvitesRepo {
  return {
    async create(input) {
      if (!isRole(input.role)) throw new InvalidInputError(`unknown role ${String(input.role)}`);
      const r = await db
        .insertInto("user_invites")
        .values({
          id: randomUUID(),
          token_hash: input.tokenHash,
          email: input.email.trim().toLowerCase(),
          name: input.name,
          role: input.role,
          created_by_id: input.createdBy?.id ?? null,
          created_by_email: input.createdBy?.email ?? null,
          created_at: nowIso(),
          expires_at: input.expiresAt,
          used_at: null,
          user_id: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRow(r);
    },

    async findByTokenHash(tokenHash) {
      const r = await db.selectFrom("user_invites").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
      return r && toRow(r);
    },

    async listOpen(now = nowIso()) {
      const rows = await db
        .selectFrom("user_invites")
        .selectAll()
        .where("used_at", "is", null)
        .where("expires_at", ">", now)
        .orderBy("created_at", "desc")
        .execute();
      return rows.map(toRow);
    },

    async accept(tokenHash, passwordHash, now = nowIso()): Promise<InviteAcceptResult> {
      return db
        .transaction()
        .execute(async (tx): Promise<InviteAcceptResult> => {
          // Conditional: of two concurrent acceptances of one link, only one marks it used.
          const invite = await tx
            .updateTable("user_invites")
            .set({ used_at: now })
            .where("token_hash", "=", tokenHash)
            .where("used_at", "is", null)
            .where("expires_at", ">", now)
            .returningAll()
            .executeTakeFirst();
          if (!invite) {
            const found = await tx
              .selectFrom("user_invites")
              .select(["used_at", "expires_at"])
              .where("token_hash", "=", tokenHash)
              .executeTakeFirst();
            if (!found) return { status: "unknown" };
            return { status: found.used_at ? "used" : "expired" };
          }
          const taken = await tx.selectFrom("users").select("id").where("email", "=", invite.email).executeTakeFirst();
          // Nothing is kept: the transaction rolls back the "used" mark, so the link still says what happened.
          if (taken) throw new EmailTaken();
          const user = await tx
            .insertInto("users")
            .values({
              id: randomUUID(),
              email: invite.email,
              name: invite.name,
              role: invite.role,
              password_hash: passwordHash,
              disabled: fromBool(false),
              session_version: 1,
              created_at: now,
              updated_at: now,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          const used = await tx
            .updateTable("user_invites")
            .set({ user_id: user.id })
            .where("id", "=", invite.id)
            .returningAll()
            .executeTakeFirstOrThrow();
          return { status: "ok", user: toUserRow(user), invite: toRow(used) };
        })
        .catch((err: unknown): InviteAcceptResult => {
          if (err instanceof EmailTaken) return { status: "email_taken" };
          throw err;
        });
    },
  };
}

class EmailTaken extends Error {}
