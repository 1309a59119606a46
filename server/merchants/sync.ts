import "server-only";
import { randomUUID } from "node:crypto";
import { isUpstreamError, mapUpstreamError } from "@/server/api/upstream-errors";
import type { ConsoleDb, MerchantSyncState } from "@/server/db/types";
import type { PartnershipsClient } from "@/server/partnerships/types";

/**
 * A full sync of the merchant index: every page of `listAccounts` (200 a page),
 * merged page by page (one transaction each), then the accounts that were not
 * listed are removed. One instance at a time (a lease in the database, renewed
 * on every page); a sync that fails or loses its lease removes nothing.
 */

export const SYNC_LEASE = "merchants.index-sync";
export const SYNC_PAGE_LIMIT = 200;
const LEASE_TTL_MS = 60_000;
/** A sync whose heartbeat is older than this died with its instance. */
export const SYNC_STALE_MS = 2 * LEASE_TTL_MS;
/** Changes after which the planner's statistics (and SQLite's FTS segments) are refreshed. */
const ANALYZE_AFTER_CHANGES = 500;

export type SyncOutcome =
  | { ran: true; seen: number; added: number; changed: number; removed: number; pages: number; durationMs: number }
  /** Another instance (or this one) holds the sync lease. */
  | { ran: false; reason: "busy" };

export interface SyncOptions {
  pageLimit?: number;
  signal?: AbortSignal;
  /** Called after each merged page (progress, tests). */
  onPage?(info: { page: number; seen: number }): void | Promise<void>;
}

/** A message a person can read in the list ("Last sync failed: …"), never internals. */
export function syncErrorMessage(err: unknown): string {
  if (isUpstreamError(err)) return mapUpstreamError(err, { write: false, retrySafe: true }).error.message;
  if (err instanceof SyncAbortedError) return err.message;
  return "The sync failed inside the console; see the server log.";
}

export class SyncAbortedError extends Error {}

export async function runFullSync(
  db: ConsoleDb,
  client: PartnershipsClient,
  opts: SyncOptions = {},
): Promise<SyncOutcome> {
  const holder = randomUUID();
  if (!(await db.leases.acquire(SYNC_LEASE, holder, LEASE_TTL_MS))) return { ran: false, reason: "busy" };
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  try {
    await db.merchants.syncStarted(startedAt);
    let cursor: string | undefined;
    let seen = 0;
    let added = 0;
    let changed = 0;
    let pages = 0;
    const cursors = new Set<string>();
    do {
      const page = await client.listAccounts(
        { limit: opts.pageLimit ?? SYNC_PAGE_LIMIT, cursor },
        { signal: opts.signal },
      );
      const merged = await db.merchants.applySyncPage(page.data.accounts, startedAt);
      pages += 1;
      seen += page.data.accounts.length;
      added += merged.added;
      changed += merged.changed;
      const next = page.data.next_cursor ?? undefined;
      if (next !== undefined && cursors.has(next)) throw new SyncAbortedError("the API repeated a page cursor");
      if (next !== undefined) cursors.add(next);
      cursor = next;
      if (!(await db.leases.renew(SYNC_LEASE, holder, LEASE_TTL_MS))) {
        throw new SyncAbortedError("another console instance took over the sync");
      }
      await db.merchants.syncHeartbeat();
      await opts.onPage?.({ page: pages, seen });
    } while (cursor);
    const removed = await db.merchants.removeUnseen(startedAt);
    await db.merchants.syncFinished({ ok: true, startedAt, seen, added, changed, removed });
    if (added + changed + removed >= ANALYZE_AFTER_CHANGES) {
      await db.merchants
        .analyze()
        .catch((e: unknown) => console.warn("merchant index analyze failed:", e instanceof Error ? e.message : e));
    }
    return { ran: true, seen, added, changed, removed, pages, durationMs: Math.round(performance.now() - t0) };
  } catch (err) {
    if (!isUpstreamError(err) && !(err instanceof SyncAbortedError)) {
      console.error("merchant index sync failed:", err instanceof Error ? err.message : err);
    }
    await db.merchants
      .syncFinished({ ok: false, error: syncErrorMessage(err) })
      .catch((e: unknown) => console.error("merchant sync state:", e instanceof Error ? e.message : e));
    throw err;
  } finally {
    await db.leases.release(SYNC_LEASE, holder).catch(() => undefined);
  }
}

/** A sync started and neither finished nor silent for long. */
export function isSyncRunning(state: MerchantSyncState, now = Date.now()): boolean {
  if (!state.startedAt) return false;
  if (state.finishedAt && state.finishedAt >= state.startedAt) return false;
  const beat = Date.parse(state.heartbeatAt ?? state.startedAt);
  return Number.isFinite(beat) && now - beat < SYNC_STALE_MS;
}
