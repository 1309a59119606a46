import "server-only";
import {
  type MerchantExportQuery,
  type MerchantListQuery,
  readSearch,
  resolveSearch,
  type SavedView,
  type SaveViewBody,
  searchToParams,
} from "@/lib/merchants/query";
import type { SavedViewRow } from "@/server/db/types";
import { merchantCsvStream } from "@/server/merchants/csv";
import { startSync, syncErrorMessage, syncInfo } from "@/server/merchants/index";
import { loadMerchantPage, verticalNames } from "@/server/merchants/list";
import { HttpError } from "../http";
import type { HandlerContext, HandlerResult } from "../types";

/**
 * The merchant list over the console's merchant index: search, CSV export,
 * sync on demand, and the saved views of the list.
 */

const VIEW_SCOPE = "merchants";
export const MAX_SAVED_VIEWS = 50;
/** How long "Sync now" waits for the sync before answering 202 (it goes on in the background). */
const SYNC_ANSWER_WAIT_MS = 20_000;

export async function searchMerchants(
  ctx: HandlerContext<unknown, MerchantListQuery, undefined>,
): Promise<HandlerResult> {
  const page = await loadMerchantPage(ctx.db, ctx.client, resolveSearch(ctx.query));
  return { body: { data: page } };
}

/** Every matching row, streamed (the wrapper sends a ReadableStream body as is). */
export async function exportMerchantsCsv(
  ctx: HandlerContext<unknown, MerchantExportQuery, undefined>,
): Promise<HandlerResult> {
  const s = resolveSearch(ctx.query);
  const names = await verticalNames(ctx.db);
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return {
    body: merchantCsvStream(
      ctx.db,
      { q: s.q, status: s.status, country: s.country, vertical: s.vertical, sort: s.sort, dir: s.dir },
      names,
    ),
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="merchants-${stamp}.csv"`,
    },
  };
}

export async function syncMerchants(ctx: HandlerContext<unknown, unknown, undefined>): Promise<HandlerResult> {
  const run = startSync(ctx.db, ctx.client);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    run.then(
      (o) => o,
      (err: unknown) => ({ ran: "failed" as const, message: syncErrorMessage(err) }),
    ),
    new Promise<{ ran: "waiting" }>((resolve) => {
      timer = setTimeout(() => resolve({ ran: "waiting" }), SYNC_ANSWER_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  const sync = syncInfo(await ctx.db.merchants.syncState());
  if (outcome.ran === "failed") throw new HttpError(502, "sync_failed", `The sync failed: ${outcome.message}`);
  ctx.audit.after = outcome.ran === true ? outcome : { sync: outcome.ran === false ? "already running" : "running" };
  if (outcome.ran === true) return { body: { data: { state: "done", result: outcome, sync } } };
  // Busy (another sync is running, here or on another instance) or still running: it finishes on its own.
  return { status: 202, body: { data: { state: "running", sync: { ...sync, running: true } } } };
}

function publicView(v: SavedViewRow): SavedView {
  return { id: v.id, name: v.name, query: v.query, createdAt: v.createdAt };
}

export async function listViews(ctx: HandlerContext<unknown, unknown, undefined>): Promise<HandlerResult> {
  const views = await ctx.db.views.list(ctx.user!.id, VIEW_SCOPE);
  return { body: { data: { views: views.map(publicView) } } };
}

export async function saveView(ctx: HandlerContext<unknown, unknown, SaveViewBody>): Promise<HandlerResult> {
  const userId = ctx.user!.id;
  const name = ctx.body.name.trim();
  // Kept canonical (defaults dropped, unknown or invalid parameters left out, no page).
  const query = searchToParams(readSearch(new URLSearchParams(ctx.body.query)), { page: false }).toString();
  const existing = await ctx.db.views.list(userId, VIEW_SCOPE);
  if (existing.length >= MAX_SAVED_VIEWS && !existing.some((v) => v.name === name)) {
    throw new HttpError(422, "too_many_views", `You have ${MAX_SAVED_VIEWS} saved views: delete one first.`);
  }
  const view = await ctx.db.views.save({ userId, scope: VIEW_SCOPE, name, query });
  ctx.audit.after = publicView(view);
  return { status: 201, body: { data: publicView(view) } };
}

export async function deleteView(ctx: HandlerContext<{ id: string }, unknown, undefined>): Promise<HandlerResult> {
  const deleted = await ctx.db.views.delete(ctx.user!.id, ctx.params.id);
  if (!deleted) throw new HttpError(404, "not_found", "There is no such saved view.");
  return { body: { data: { id: ctx.params.id, deleted: true } } };
}
