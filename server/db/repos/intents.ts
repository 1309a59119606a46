import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { IntentBegin, IntentsRepo } from "../types";
import { fromJsonText, nowIso, toJsonText, toNumber } from "../util";

/** Like the API's own retention: 24 h from the first request, then the key is new again. */
export const INTENT_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * A reservation not renewed for this long was left by a console that died
 * mid-request: the instance running a write renews it every
 * INTENT_HEARTBEAT_MS (wrapper.ts), so a person's retry after a crash waits
 * seconds, not minutes. Taking it over is safe for keyed routes (the same key
 * goes upstream, where the API deduplicates it); for the others the wrapper
 * turns a takeover into the kept "outcome unknown" answer, never a resend.
 */
export const INTENT_IN_FLIGHT_TIMEOUT_MS = 15_000;
export const INTENT_HEARTBEAT_MS = 5_000;

/** Outcomes worth retrying are not kept: the key is released so the same intent can go again. */
export function isRetryableStatus(status: number): boolean {
  // 409 here is the API's "Idempotency-Key is in use by a running request"
  // (or a state conflict the API itself replays for this key), never final for us.
  return status < 200 || status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

export interface IntentsOptions {
  inFlightTimeoutMs?: number;
  ttlMs?: number;
}

export function intentsRepo(
  db: Kysely<Database>,
  opts: IntentsOptions = {},
): IntentsRepo & { purgeExpired(): Promise<number> } {
  const ttl = opts.ttlMs ?? INTENT_TTL_MS;
  const inFlightTimeout = opts.inFlightTimeoutMs ?? INTENT_IN_FLIGHT_TIMEOUT_MS;
  let lastPurge = 0;

  async function purgeExpired(): Promise<number> {
    const r = await db.deleteFrom("idempotency_intents").where("expires_at", "<=", Date.now()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async function release(key: string, userId: string): Promise<void> {
    await db.deleteFrom("idempotency_intents").where("user_id", "=", userId).where("key", "=", key).execute();
  }

  return {
    purgeExpired,
    release,

    async begin({ key, userId, route, bodyHash }): Promise<IntentBegin> {
      const now = Date.now();
      if (now - lastPurge > 10 * 60 * 1000) {
        lastPurge = now;
        await purgeExpired();
      }
      // A few rounds: the row we lose to can be released between our insert and our read.
      for (let attempt = 0; attempt < 5; attempt++) {
        await db
          .deleteFrom("idempotency_intents")
          .where("user_id", "=", userId)
          .where("key", "=", key)
          .where("expires_at", "<=", now)
          .execute();
        const at = nowIso();
        const inserted = await db
          .insertInto("idempotency_intents")
          .values({
            user_id: userId,
            key,
            route,
            body_hash: bodyHash,
            state: "in_flight",
            http_status: null,
            response_json: null,
            operation_id: null,
            created_at: at,
            updated_at: at,
            in_flight_until: now + inFlightTimeout,
            expires_at: now + ttl,
          })
          .onConflict((oc) => oc.columns(["user_id", "key"]).doNothing())
          .returning("key")
          .executeTakeFirst();
        if (inserted) return { state: "new" };

        const row = await db
          .selectFrom("idempotency_intents")
          .selectAll()
          .where("user_id", "=", userId)
          .where("key", "=", key)
          .executeTakeFirst();
        if (!row) continue;
        if (row.route !== route || row.body_hash !== bodyHash) return { state: "conflict" };
        if (row.state === "done") {
          return {
            state: "replay",
            httpStatus: row.http_status ?? 200,
            body: fromJsonText(row.response_json),
            operationId: row.operation_id,
          };
        }
        if (toNumber(row.in_flight_until) > now) return { state: "in_flight" };
        // Abandoned reservation: compare-and-set on the deadline we saw, so one taker wins.
        const taken = await db
          .updateTable("idempotency_intents")
          .set({ in_flight_until: now + inFlightTimeout, updated_at: at })
          .where("user_id", "=", userId)
          .where("key", "=", key)
          .where("state", "=", "in_flight")
          .where("in_flight_until", "=", row.in_flight_until)
          .executeTakeFirst();
        return Number(taken.numUpdatedRows) === 1 ? { state: "taken_over" } : { state: "in_flight" };
      }
      return { state: "in_flight" };
    },

    async renew(key, userId) {
      const r = await db
        .updateTable("idempotency_intents")
        .set({ in_flight_until: Date.now() + inFlightTimeout })
        .where("user_id", "=", userId)
        .where("key", "=", key)
        .where("state", "=", "in_flight")
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async complete(key, userId, outcome, opts = {}) {
      if (isRetryableStatus(outcome.httpStatus) && !opts.keepUnknown) {
        await release(key, userId);
        return;
      }
      await db
        .updateTable("idempotency_intents")
        .set({
          state: "done",
          http_status: outcome.httpStatus,
          response_json: toJsonText(outcome.body) ?? "null",
          operation_id: outcome.operationId ?? null,
          updated_at: nowIso(),
        })
        .where("user_id", "=", userId)
        .where("key", "=", key)
        .execute();
    },
  };
}
