import "server-only";
import type { Kysely, Selectable } from "kysely";
import { InvalidInputError } from "../errors";
import type { Database, SavedViewsTable } from "../schema";
import type { SavedViewRow, ViewsRepo } from "../types";
import { newId, nowIso } from "../util";

function toRow(r: Selectable<SavedViewsTable>): SavedViewRow {
  return {
    id: r.id,
    userId: r.user_id,
    scope: r.scope,
    name: r.name,
    query: r.query,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Saved views of a list, per user: a name and the list's URL query string. */
export function viewsRepo(db: Kysely<Database>): ViewsRepo {
  return {
    async list(userId, scope) {
      const rows = await db
        .selectFrom("saved_views")
        .selectAll()
        .where("user_id", "=", userId)
        .where("scope", "=", scope)
        .orderBy("name")
        .orderBy("id")
        .execute();
      return rows.map(toRow);
    },

    async save({ userId, scope, name, query }) {
      const trimmed = name.trim();
      if (!trimmed) throw new InvalidInputError("a saved view needs a name");
      const at = nowIso();
      // One statement: saving a name again replaces its query (and two saves at once cannot duplicate it).
      const row = await db
        .insertInto("saved_views")
        .values({ id: newId(), user_id: userId, scope, name: trimmed, query, created_at: at, updated_at: at })
        .onConflict((oc) =>
          oc.columns(["user_id", "scope", "name"]).doUpdateSet((eb) => ({
            query: eb.ref("excluded.query"),
            updated_at: eb.ref("excluded.updated_at"),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRow(row);
    },

    async delete(userId, id) {
      const r = await db
        .deleteFrom("saved_views")
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    async count(userId, scope) {
      const row = await db
        .selectFrom("saved_views")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where("user_id", "=", userId)
        .where("scope", "=", scope)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
