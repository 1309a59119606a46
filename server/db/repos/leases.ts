import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { LeasesRepo } from "../types";
import { nowIso } from "../util";

/**
 * Named leases, each change a single conditional statement so that two
 * instances can never both believe they hold the same lease.
 */
export function leasesRepo(db: Kysely<Database>): LeasesRepo {
  return {
    async acquire(name, holder, ttlMs) {
      const now = Date.now();
      // Taken when free, expired, or already ours (then it is a renewal).
      const row = await db
        .insertInto("leases")
        .values({ name, holder, expires_at: now + ttlMs, acquired_at: nowIso() })
        .onConflict((oc) =>
          oc
            .column("name")
            .doUpdateSet((eb) => ({
              holder: eb.ref("excluded.holder"),
              expires_at: eb.ref("excluded.expires_at"),
              acquired_at: eb.ref("excluded.acquired_at"),
            }))
            .where((eb) => eb.or([eb("leases.expires_at", "<=", now), eb("leases.holder", "=", holder)])),
        )
        .returning("holder")
        .executeTakeFirst();
      return row?.holder === holder;
    },

    async renew(name, holder, ttlMs) {
      const r = await db
        .updateTable("leases")
        .set({ expires_at: Date.now() + ttlMs })
        .where("name", "=", name)
        .where("holder", "=", holder)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async release(name, holder) {
      await db.deleteFrom("leases").where("name", "=", name).where("holder", "=", holder).execute();
    },
  };
}
