import "server-only";
import { randomUUID } from "node:crypto";
import { mergeControls } from "@/lib/bulk/merge";
import {
  type BulkCounts,
  type BulkItemView,
  type BulkJobBody,
  type BulkJobView,
  type BulkPreview,
  type BulkPreviewItem,
  type BulkSelection,
  bulkParams,
  jobProgress,
  MAX_BULK_MERCHANTS,
} from "@/lib/bulk/schemas";
import { stateFromControls } from "@/lib/controls/pairs";
import { buildPutControlsBody } from "@/lib/controls/request";
import { csvCell } from "@/lib/csv";
import type { BulkJobRow, ItemCounts } from "@/server/db/repos/bulk";
import type { ConsoleDb, IndexedMerchant } from "@/server/db/types";
import { PartnershipsError } from "@/server/partnerships/errors";
import type { PartnershipsClient } from "@/server/partnerships/types";
import type { UpstreamLimiter } from "@/server/partnerships/upstream-limiter";

/** Bulk jobs as the API routes see them: resolve a selection, preview, create, view, export failures. */

export class SelectionError extends Error {}

/** The merchants a selection names, from the merchant index, in list order (brand). */
export async function resolveSelection(db: ConsoleDb, selection: BulkSelection): Promise<IndexedMerchant[]> {
  const out: IndexedMerchant[] = [];
  if (selection.kind === "ids") {
    const ids = [...new Set(selection.accountIds)];
    for (const id of ids) {
      const m = await db.merchants.get(id);
      if (!m) throw new SelectionError(`merchant ${id} is not in the merchant list (sync it, then try again)`);
      out.push(m);
    }
    return out;
  }
  const f = selection.filter;
  for await (const chunk of db.merchants.scan(
    { q: f.q, status: f.status, country: f.country, vertical: f.vertical, sort: "brand", dir: "asc" },
    { chunkSize: 500 },
  )) {
    out.push(...chunk);
    if (out.length > MAX_BULK_MERCHANTS) {
      throw new SelectionError(`more than ${MAX_BULK_MERCHANTS} merchants match: narrow the filter`);
    }
  }
  if (out.length === 0) throw new SelectionError("no merchant matches this selection");
  return out;
}

const PREVIEW_CONTROLS_READS = 25;
const PREVIEW_DRY_RUNS = 3;

/**
 * What a job would do. Pause and resume: every merchant, from the merchant index
 * (its last known status). Block and unblock: the controls of up to 25 merchants
 * read from the API (a read each). Then the API's own dry run of the write for a
 * few merchants that would change, each under a fresh key (never reused live).
 */
export async function previewJob(
  deps: { db: ConsoleDb; client: PartnershipsClient; limiter: UpstreamLimiter },
  body: BulkJobBody,
): Promise<BulkPreview> {
  const merchants = await resolveSelection(deps.db, body.selection);
  const params = body.params;
  const items: BulkPreviewItem[] = [];
  const dryRuns: BulkPreview["dryRuns"] = [];
  const dryRun = async (m: IndexedMerchant, send: (key: string) => Promise<{ operationId: string | null }>) => {
    if (dryRuns.length >= PREVIEW_DRY_RUNS) return;
    try {
      const r = await send(randomUUID());
      dryRuns.push({
        accountId: m.accountId,
        brand: m.brand,
        ok: true,
        message: "accepted",
        operationId: r.operationId,
      });
    } catch (err) {
      const operationId = err instanceof PartnershipsError ? err.operationId : null;
      const message = err instanceof Error ? err.message : String(err);
      dryRuns.push({ accountId: m.accountId, brand: m.brand, ok: false, message, operationId });
    }
  };
  if ("reason" in params) {
    const target = params.action === "pause" ? "paused" : "active";
    for (const m of merchants) {
      const willChange = m.status !== target;
      items.push({
        accountId: m.accountId,
        brand: m.brand,
        willChange,
        change: willChange ? `${m.status} → ${target}` : "no change",
      });
    }
    for (const m of merchants.filter((x) => x.status !== target).slice(0, PREVIEW_DRY_RUNS)) {
      await dryRun(m, async (key) => {
        await deps.limiter.take("putStatus");
        return deps.client.putStatus(m.accountId, { status: target }, { idempotencyKey: key, dryRun: true });
      });
    }
  } else {
    for (const m of merchants.slice(0, PREVIEW_CONTROLS_READS)) {
      try {
        await deps.limiter.take("getControls");
        const current = await deps.client.getControls(m.accountId);
        const { next, changed, summary } = mergeControls(stateFromControls(current.data), params);
        items.push({ accountId: m.accountId, brand: m.brand, willChange: changed, change: summary });
        if (changed) {
          await dryRun(m, async (key) => {
            await deps.limiter.take("putControls");
            const put = buildPutControlsBody({
              name: current.data.name,
              pairs: next.pairs,
              domains: next.domains,
              contentHash: current.data.contentHash,
            });
            return deps.client.putControls(m.accountId, put, { idempotencyKey: key, dryRun: true });
          });
        }
      } catch (err) {
        items.push({
          accountId: m.accountId,
          brand: m.brand,
          willChange: false,
          change: `could not be read: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    }
  }
  const willChange = items.filter((i) => i.willChange).length;
  return {
    total: merchants.length,
    checked: items.length,
    willChange,
    alreadyMatch: items.filter((i) => !i.willChange && i.change === "no change").length,
    items: items.slice(0, 200),
    dryRuns,
  };
}

export function countsOf(total: number, c: ItemCounts): BulkCounts {
  return { total, done: c.done, failed: c.failed, skipped: c.skipped, remaining: c.pending + c.sending };
}

export async function jobView(db: ConsoleDb, job: BulkJobRow, counts?: ItemCounts): Promise<BulkJobView> {
  const c = counts ?? (await db.bulk.counts([job.id])).get(job.id);
  const totals = countsOf(job.total, c ?? { pending: 0, sending: 0, done: 0, skipped: 0, failed: 0 });
  let ratePerMinute: number | null = null;
  let etaSeconds: number | null = null;
  if (job.status === "running") {
    // Over the last minute (or since the start, if sooner): what a person watching expects.
    const since = Math.max(Date.now() - 60_000, Date.parse(job.startedAt ?? job.createdAt));
    const settled = await db.bulk.settledSince(job.id, since);
    const minutes = Math.max(1 / 60, (Date.now() - since) / 60_000);
    if (settled > 0) {
      ratePerMinute = Math.round((settled / minutes) * 10) / 10;
      etaSeconds = Math.ceil((totals.remaining / ratePerMinute) * 60);
    }
  }
  return {
    id: job.id,
    action: job.action,
    params: bulkParams.parse(job.params),
    status: job.status,
    createdByEmail: job.createdByEmail,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    counts: totals,
    progress: jobProgress(totals),
    ratePerMinute,
    etaSeconds,
  };
}

export async function listJobViews(db: ConsoleDb, limit: number): Promise<BulkJobView[]> {
  const jobs = await db.bulk.listJobs(limit);
  const counts = await db.bulk.counts(jobs.map((j) => j.id));
  return Promise.all(jobs.map((j) => jobView(db, j, counts.get(j.id))));
}

export async function itemViews(db: ConsoleDb, jobId: string): Promise<BulkItemView[]> {
  const items = await db.bulk.listItems(jobId, { limit: 1000 });
  return items.map((i) => ({
    accountId: i.accountId,
    brand: i.brand,
    state: i.state,
    operationId: i.operationId,
    error: i.error,
    attempts: i.attempts,
  }));
}

/** account_id, brand, error of every failed merchant. */
export async function failuresCsv(db: ConsoleDb, jobId: string): Promise<string> {
  const failed = await db.bulk.listItems(jobId, { state: "failed", limit: MAX_BULK_MERCHANTS });
  const lines = [
    "account_id,brand,error",
    ...failed.map((i) => [i.accountId, i.brand, i.error].map(csvCell).join(",")),
  ];
  return `${lines.join("\r\n")}\r\n`;
}
