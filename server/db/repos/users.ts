import "server-only";
import { randomUUID } from "node:crypto";
import { CompiledQuery, type Kysely, type Selectable } from "kysely";
import { isRole } from "@/lib/auth/roles";
import { DuplicateError, InvalidInputError } from "../errors";
import type { Database, UsersTable } from "../schema";
import type { Role, UserChangeResult, UserRow, UsersRepo } from "../types";
import { fromBool, nowIso, toBool } from "../util";

export function toUserRow(r: Selectable<UsersTable>): UserRow {
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
    lastSignInAt: r.last_sign_in_at ?? null,
    signInMethod: r.sign_in_method ?? null,
  };
}

const normEmail = (email: string) => email.trim().toLowerCase();

function checkRole(role: Role): Role {
  if (!isRole(role)) throw new InvalidInputError(`unknown role ${String(role)}`);
  return role;
}

export function usersRepo(db: Kysely<Database>): UsersRepo {
  /**
   * Disabling (or re-enabling) bumps session_version, which ends the user's open sessions at once. A role
   * change does not: the session re-reads the role on every request, so it applies on the next one.
   */
  async function update(id: string, patch: { role?: Role; disabled?: number }) {
    const r = await db
      .updateTable("users")
      .set((eb) => ({
        ...patch,
        ...(patch.disabled !== undefined ? { session_version: eb("session_version", "+", 1) } : {}),
        updated_at: nowIso(),
      }))
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    return r && toUserRow(r);
  }

  // Compiled once: findById is the session's user re-read on every request, and building the
  // query through Kysely cost more CPU than running it (bench profile).
  const byIdSql = db.selectFrom("users").selectAll().where("id", "=", "").compile().sql;

  return {
    async findByEmail(email) {
      const r = await db.selectFrom("users").selectAll().where("email", "=", normEmail(email)).executeTakeFirst();
      return r && toUserRow(r);
    },

    async findById(id) {
      const { rows } = await db.executeQuery<Selectable<UsersTable>>(CompiledQuery.raw(byIdSql, [id]));
      const r = rows[0];
      return r && toUserRow(r);
    },

    async list() {
      const rows = await db.selectFrom("users").selectAll().orderBy("email").execute();
      return rows.map(toUserRow);
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
      return toUserRow(r);
    },

    async upsertFromProvider(input) {
      const at = nowIso();
      // A role change from the provider ends the user's older sessions (their new sign-in carries the new version).
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
      return toUserRow(r);
    },

    setRole: async (id, role) => update(id, { role: checkRole(role) }),
    setDisabled: (id, disabled) => update(id, { disabled: fromBool(disabled) }),

    async change(id, patch): Promise<UserChangeResult> {
      const set: { role?: Role; disabled?: number } = {};
      if (patch.role !== undefined) set.role = checkRole(patch.role);
      if (patch.disabled !== undefined) set.disabled = fromBool(patch.disabled);
      const staysAdmin = (patch.role ?? "admin") === "admin" && patch.disabled !== true;
      let query = db
        .updateTable("users")
        .set((eb) => ({
          ...set,
          ...(set.disabled !== undefined ? { session_version: eb("session_version", "+", 1) } : {}),
          updated_at: nowIso(),
        }))
        .where("id", "=", id);
      // One statement: the target is not an enabled admin, or another enabled admin exists.
      if (!staysAdmin)
        query = query.where((eb) =>
          eb.or([
            eb("role", "<>", "admin"),
            eb("disabled", "<>", 0),
            eb.exists(
              eb
                .selectFrom("users as other")
                .select("other.id")
                .where("other.role", "=", "admin")
                .where("other.disabled", "=", 0)
                .where("other.id", "<>", id),
            ),
          ]),
        );
      const r = await query.returningAll().executeTakeFirst();
      if (r) return { status: "ok", user: toUserRow(r) };
      const exists = await db.selectFrom("users").select("id").where("id", "=", id).executeTakeFirst();
      return exists ? { status: "last_admin" } : { status: "not_found" };
    },

    async recordSignIn(id, method, at = nowIso()) {
      await db.updateTable("users").set({ last_sign_in_at: at, sign_in_method: method }).where("id", "=", id).execute();
    },

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
