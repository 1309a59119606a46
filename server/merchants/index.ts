import "server-only";
import type { MerchantSyncInfo } from "@/lib/merchants/query";
import type { ConsoleDb, MerchantSyncState } from "@/server/db/types";
import { getEnv } from "@/server/env";
import type { PartnershipsClient } from "@/server/partnerships/types";
import { isSyncRunning, runFullSync, type SyncOutcome } from "./sync";

export { isSyncRunning, runFullSync, SYNC_LEASE, type SyncOutcome, syncErrorMessage } from "./sync";

/**
 * When the merchant index syncs: on first use (an index never synced is synced
 * before the list answers, up to a wait), in the background once the last
 * sync is older than MERCHANT_INDEX_MAX_AGE_MINUTES, and on demand ("Sync
 * now"). In one process a sync is joined rather than started twice; across
 * instances the lease in the database decides (sync.ts).
 */

type ClientFactory = () => Promise<PartnershipsClient>;

const g = globalThis as unknown as { __merchantSyncs?: WeakMap<ConsoleDb, Promise<SyncOutcome>> };
g.__merchantSyncs ??= new WeakMap();
const running = g.__merchantSyncs;

/** After a failed automatic sync, automatic ones wait this long (a "Sync now" does not). */
const RETRY_AFTER_FAILURE_MS = 30_000;
const FIRST_SYNC_WAIT_MS = 15_000;

export function maxIndexAgeMs(): number {
  try {
    return getEnv().MERCHANT_INDEX_MAX_AGE_MINUTES * 60_000;
  } catch {
    return 10 * 60_000;
  }
}

/** Starts a sync in this process, or joins the one already running here. */
export function startSync(db: ConsoleDb, getClient: ClientFactory): Promise<SyncOutcome> {
  const current = running.get(db);
  if (current) return current;
  const run = (async () => runFullSync(db, await getClient()))();
  running.set(db, run);
  const forget = () => {
    if (running.get(db) === run) running.delete(db);
  };
  run.then(forget, forget);
  return run;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recentlyFailed(state: MerchantSyncState, now: number): boolean {
  if (!state.error || !state.finishedAt) return false;
  return now - Date.parse(state.finishedAt) < RETRY_AFTER_FAILURE_MS;
}

/**
 * Makes the index usable for a read: waits for a first sync (ours or another
 * instance's) up to `waitMs`, and starts a background refresh when it is stale.
 * Never throws: the list shows the sync's error instead.
 */
export async function ensureMerchantIndex(
  db: ConsoleDb,
  getClient: ClientFactory,
  opts: { maxAgeMs?: number; waitMs?: number } = {},
): Promise<MerchantSyncState> {
  const now = Date.now();
  let state = await db.merchants.syncState();
  const background = () => {
    startSync(db, getClient).catch(() => undefined); // the error is in the sync state
  };
  if (!state.okAt) {
    if (recentlyFailed(state, now) && !isSyncRunning(state, now)) return state;
    const deadline = now + (opts.waitMs ?? FIRST_SYNC_WAIT_MS);
    for (;;) {
      const outcome = await Promise.race([
        startSync(db, getClient).then(
          (o) => o,
          () => "failed" as const,
        ),
        sleep(Math.max(0, deadline - Date.now())).then(() => "timeout" as const),
      ]);
      state = await db.merchants.syncState();
      if (state.okAt || outcome === "failed" || outcome === "timeout") return state;
      if (outcome.ran) return state;
      // Another instance holds the lease: wait for its first sync to finish.
      if (Date.now() >= deadline) return state;
      await sleep(Math.min(250, Math.max(0, deadline - Date.now())));
    }
  }
  const maxAgeMs = opts.maxAgeMs ?? maxIndexAgeMs();
  const age = now - Date.parse(state.okAt);
  if (maxAgeMs > 0 && age > maxAgeMs && !isSyncRunning(state, now) && !recentlyFailed(state, now)) background();
  return state;
}

export function syncInfo(state: MerchantSyncState, now = Date.now()): MerchantSyncInfo {
  const failedLast = Boolean(state.error && (!state.okAt || (state.finishedAt ?? "") > state.okAt));
  return {
    lastSyncedAt: state.okAt,
    running: isSyncRunning(state, now),
    lastError: failedLast ? state.error : null,
    count: state.seen,
  };
}
