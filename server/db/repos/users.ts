import "server-only";
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { isRole } from "@/lib/auth/roles";
import { DuplicateError, InvalidInputError } from "../errors";
import type { Database, UsersTable } from "../schema";
import type { Role, UserRow, UsersRepo } from "../types";
import { fromBool, nowIso, toBool } from "../util";

function toRow(r: Selectable<UsersTable>): UserRow {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: isRole(r.role) ? r.role : "support",
    passwordHash: r.password_hash,
    disabled: toBool(r.disabled),
    sessionVersion: Number(r.session_version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const normEmail = (email: string) => email.trim().toLowerCase();

function checkRole(role: Role): Role {
  if (!isRole(role)) throw new InvalidInputError(`unknown role ${String(role)}`);
  return role;
}

export function usersRepo(db: Kysely<Database>): UsersRepo {
  /** Role and disabled changes bump session_version, which ends the user's open sessions. */
  async function updateEndingSessions(id: string, patch: { role?: Role; disabled?: number }) {
    const r = await db
      .updateTable("users")
      .set((eb) => ({ ...patch, session_version: eb("session_version", "+", 1), updated_at: nowIso() }))
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    return r && toRow(r);
  }

  return {
    async findByEmail(email) {
      const r = await db.selectFrom("users").selectAll().where("email", "=", normEmail(email)).executeTakeFirst();
      return r && toRow(r);
    },

    async findById(id) {
      const r = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
      return r && toRow(r);
    },

    async list() {
      const rows = await db.selectFrom("users").selectAll().orderBy("email").execute();
      return rows.map(toRow);
    },

    async create(input) {
      const at = nowIso();
      const email = normEmail(input.email);
      const r = await db
        .insertInto("users")
        .values({
          id: randomUUID(),
          email,
          name: input.name,
          role: checkRole(input.role),
          password_hash: input.passwordHash,
          disabled: fromBool(false),
          session_version: 1,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.column("email").doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!r) throw new DuplicateError(`a user with email ${email} already exists`);
      return toRow(r);
    },

    async upsertFromProvider(input) {
      const at = nowIso();
      // A role change from the provider ends the user's older sessions, like setRole does.
      const r = await db
        .insertInto("users")
        .values({
          id: randomUUID(),
          email: normEmail(input.email),
          name: input.name,
          role: checkRole(input.role),
          password_hash: null,
          disabled: 0,
          session_version: 1,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc.column("email").doUpdateSet((eb) => ({
            name: eb.ref("excluded.name"),
            role: eb.ref("excluded.role"),
            updated_at: eb.ref("excluded.updated_at"),
            session_version: eb
              .case()
              .when("users.role", "<>", eb.ref("excluded.role"))
              .then(eb("users.session_version", "+", 1))
              .else(eb.ref("users.session_version"))
              .end(),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRow(r);
    },

    setRole: async (id, role) => updateEndingSessions(id, { role: checkRole(role) }),
    setDisabled: (id, disabled) => updateEndingSessions(id, { disabled: fromBool(disabled) }),

    async setPasswordHash(id, passwordHash) {
      await db
        .updateTable("users")
        .set({ password_hash: passwordHash, updated_at: nowIso() })
        .where("id", "=", id)
        .execute();
    },

    async endSessions(id) {
      await db
        .updateTable("users")
        .set((eb) => ({ session_version: eb("session_version", "+", 1), updated_at: nowIso() }))
        .where("id", "=", id)
        .execute();
    },
  };
}
