import "server-only";
import { currentLayoutsCsv, planLayoutImport } from "@/server/settings/layouts";
import { HttpError } from "../http";
import type { HandlerContext, HandlerResult } from "../types";

/** Settings → Layouts (admins): preview and apply a layout import, download the console's current rows. */

const AUDIT_ROWS = 50;

/** Changes nothing: a POST only because the file is the body. */
export async function previewImport(ctx: HandlerContext<unknown, unknown, string>): Promise<HandlerResult> {
  const plan = await planLayoutImport(ctx.db, ctx.client, ctx.body);
  return { body: { data: plan.preview } };
}

export async function applyImport(ctx: HandlerContext<unknown, unknown, string>): Promise<HandlerResult> {
  const plan = await planLayoutImport(ctx.db, ctx.client, ctx.body);
  const { counts } = plan.preview;
  if (!plan.preview.canApply) {
    ctx.audit.message = `refused: ${counts.errors} row errors`;
    throw new HttpError(
      400,
      "import_invalid",
      counts.errors > 0
        ? "The file has errors; nothing was changed. Fix them and preview again."
        : "The file has no layout rows; nothing was changed.",
    );
  }
  await ctx.db.layoutImport.apply(plan.upserts, plan.removals);
  // Before and after of what changed (the first rows of each list; the counts are whole).
  const { added, changed, removed } = plan.preview;
  ctx.audit.before = {
    changed: changed.slice(0, AUDIT_ROWS).map((c) => ({ accountId: c.accountId, pageId: c.pageId, ...c.before })),
    removed: removed.slice(0, AUDIT_ROWS),
  };
  ctx.audit.after = {
    counts: { added: counts.added, changed: counts.renamed, removed: counts.removed },
    added: added.slice(0, AUDIT_ROWS).map(({ row: _r, before: _b, ...page }) => page),
    changed: changed.slice(0, AUDIT_ROWS).map(({ row: _r, before: _b, ...page }) => page),
  };
  return { body: { data: { counts } } };
}

export async function downloadCurrent(ctx: HandlerContext<unknown, unknown, undefined>): Promise<HandlerResult> {
  const day = new Date().toISOString().slice(0, 10);
  return {
    body: currentLayoutsCsv(ctx.db),
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="layouts-${day}.csv"`,
    },
  };
}
