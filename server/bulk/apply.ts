import "server-only";
import { randomUUID } from "node:crypto";
import { mergeControls } from "@/lib/bulk/merge";
import type { BulkParams, ControlsParams, StatusParams } from "@/lib/bulk/schemas";
import { stateFromControls } from "@/lib/controls/pairs";
import { buildPutControlsBody } from "@/lib/controls/request";
import type { PutControlsRequest, PutStatusRequest } from "@/lib/partnerships";
import type { BulkItemRow } from "@/server/db/repos/bulk";
import type { ConsoleDb } from "@/server/db/types";
import { StaleContentError } from "@/server/partnerships/errors";
import type { ApiResult, PartnershipsClient, WriteOptions } from "@/server/partnerships/types";
import type { UpstreamLimiter } from "@/server/partnerships/upstream-limiter";

/**
 * One merchant of a bulk job: read what it has now, skip it when it already
 * matches, else record the Idempotency-Key and the exact request, then write.
 * An item that already has a recorded key (a restart, a retry after an unknown
 * outcome) is resent exactly as recorded, with the same key: the API replays a
 * write it already made instead of making it twice.
 */

export interface ApplyDeps {
  db: ConsoleDb;
  client: PartnershipsClient;
  limiter: UpstreamLimiter;
  /** Tests: called right after the key is recorded, before the write goes out. */
  afterRecord?: (item: BulkItemRow) => void | Promise<void>;
}

export type Applied =
  | { outcome: "skipped"; before: unknown }
  | { outcome: "done"; before: unknown; after: unknown; result: ApiResult<unknown>; key: string; request: unknown };

/** Re-reads and merges again after a stale contentHash, at most this many times. */
const MAX_MERGES = 5;

export async function applyItem(
  deps: ApplyDeps,
  item: BulkItemRow,
  params: BulkParams,
  write: (key: string) => WriteOptions,
): Promise<Applied> {
  return "reason" in params ? applyStatus(deps, item, params, write) : applyControls(deps, item, params, write);
}

async function applyStatus(
  deps: ApplyDeps,
  item: BulkItemRow,
  params: StatusParams,
  write: (key: string) => WriteOptions,
): Promise<Applied> {
  const { db, client, limiter } = deps;
  let key = item.idempotencyKey;
  let body = item.request as PutStatusRequest | null;
  let before = item.before;
  if (!key || !body) {
    await limiter.take("getStatus");
    const current = await client.getStatus(item.accountId);
    before = { status: current.data.status };
    const target = params.action === "pause" ? "paused" : "active";
    if (current.data.status === target) return { outcome: "skipped", before };
    key = randomUUID();
    body = { status: target };
    await db.bulk.recordSending(item.jobId, item.accountId, { idempotencyKey: key, request: body, before });
    await deps.afterRecord?.(item);
  }
  await limiter.take("putStatus");
  const result = await client.putStatus(item.accountId, body, write(key));
  return { outcome: "done", before, after: { status: result.data.status }, result, key, request: body };
}

async function applyControls(
  deps: ApplyDeps,
  item: BulkItemRow,
  params: ControlsParams,
  write: (key: string) => WriteOptions,
): Promise<Applied> {
  const { db, client, limiter } = deps;
  let key = item.idempotencyKey;
  let body = item.request as PutControlsRequest | null;
  let before = item.before;
  for (let merge = 0; ; merge++) {
    if (!key || !body) {
      await limiter.take("getControls");
      const current = await client.getControls(item.accountId);
      const now = stateFromControls(current.data);
      before = now;
      const { next, changed } = mergeControls(now, params);
      if (!changed) return { outcome: "skipped", before };
      key = randomUUID();
      // The contentHash of what was read: a change made meanwhile is refused (409) instead of overwritten.
      body = buildPutControlsBody({
        name: current.data.name,
        pairs: next.pairs,
        domains: next.domains,
        contentHash: current.data.contentHash,
      });
      await db.bulk.recordSending(item.jobId, item.accountId, { idempotencyKey: key, request: body, before });
      await deps.afterRecord?.(item);
    }
    await limiter.take("putControls");
    try {
      const result = await client.putControls(item.accountId, body, write(key));
      return { outcome: "done", before, after: stateFromControls(result.data), result, key, request: body };
    } catch (err) {
      // Someone changed the merchant's controls after our read: nothing was written. Read again, merge again.
      if (!(err instanceof StaleContentError) || merge + 1 >= MAX_MERGES) throw err;
      key = null;
      body = null;
    }
  }
}
