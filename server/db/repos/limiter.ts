import "server-only";
import { type Kysely, sql } from "kysely";
import type { Database } from "../schema";
import type { LimiterRepo } from "../types";
import { toNumber } from "../util";

/**
 * Fixed-window counters in one statement (INSERT … ON CONFLICT DO UPDATE …
 * RETURNING, SQLite ≥ 3.35 and PostgreSQL), so every console instance on the
 * same database counts against the same window without a read-modify-write race.
 */
export function limiterRepo(db: Kysely<Database>): LimiterRepo {
  return {
    async hit(bucket, limit, windowMs) {
      const now = Date.now();
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const row = await db
        .insertInto("rate_limits")
        .values({ bucket, window_start: windowStart, count: 1 })
        .onConflict((oc) =>
          oc.column("bucket").doUpdateSet({
            // An instance whose clock is behind keeps counting in the newer window instead of resetting it.
            count: sql<number>`CASE WHEN rate_limits.window_start >= excluded.window_start
              THEN rate_limits.count + 1 ELSE 1 END`,
            window_start: sql<number>`CASE WHEN rate_limits.window_start >= excluded.window_start
              THEN rate_limits.window_start ELSE excluded.window_start END`,
          }),
        )
        .returning(["count", "window_start"])
        .executeTakeFirstOrThrow();
      const count = Number(row.count);
      const resetAt = toNumber(row.window_start) + windowMs;
      return {
        allowed: count <= limit,
        remaining: Math.max(0, limit - count),
        resetMs: Math.max(0, resetAt - now),
      };
    },
  };
}
