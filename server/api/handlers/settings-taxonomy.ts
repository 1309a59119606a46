import "server-only";
import type { z } from "zod";
import type { applyQuery, versionParams } from "@/lib/settings/imports";
import { applyTaxonomy, previewTaxonomy } from "@/server/settings/taxonomy";
import { loadCurrentTaxonomy } from "@/server/taxonomy";
import { HttpError } from "../http";
import type { HandlerContext, HandlerResult } from "../types";

/** Settings → Taxonomy (admins): the current version, its history, preview and apply of an import, downloads. */

export async function getTaxonomy(ctx: HandlerContext<unknown, unknown, undefined>): Promise<HandlerResult> {
  const current = await loadCurrentTaxonomy(ctx.db);
  return {
    body: { data: { version: current.version, tree: current.tree, versions: await ctx.db.taxonomyVersions.list() } },
  };
}

/** Changes nothing: a POST only because the file is the body. */
export async function previewImport(ctx: HandlerContext<unknown, unknown, string>): Promise<HandlerResult> {
  return { body: { data: await previewTaxonomy(ctx.db, ctx.body) } };
}

export async function applyImport(
  ctx: HandlerContext<unknown, z.infer<typeof applyQuery>, string>,
): Promise<HandlerResult> {
  const outcome = await applyTaxonomy(ctx.db, ctx.body, ctx.query.base, ctx.user?.email ?? null);
  if (outcome.state === "invalid") {
    ctx.audit.message = `refused: ${outcome.preview.counts.errors} row errors`;
    throw new HttpError(400, "import_invalid", "The file has errors; nothing was changed. Fix them and preview again.");
  }
  if (outcome.state === "stale") {
    throw new HttpError(
      409,
      "taxonomy_changed",
      `Another import (version ${outcome.current}) was applied since this preview; preview the file again.`,
    );
  }
  // Before and after of the pairs that changed (the first of each list; the counts are whole).
  const p = outcome.preview;
  const first = (list: typeof p.added, side: "before" | "after") =>
    list.slice(0, 50).map((c) => ({ pair: c.key, name: c[side] }));
  ctx.audit.before = {
    version: ctx.query.base,
    renamed: first(p.renamed, "before"),
    removed: first(p.removed, "before"),
  };
  ctx.audit.after = {
    version: outcome.version,
    counts: { added: p.counts.added, renamed: p.counts.renamed, removed: p.counts.removed },
    added: first(p.added, "after"),
    renamed: first(p.renamed, "after"),
  };
  return { body: { data: { version: outcome.version, counts: outcome.preview.counts } } };
}

function csvDownload(csv: string, filename: string): HandlerResult {
  return {
    body: new Response(csv).body,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  };
}

export async function downloadCurrent(ctx: HandlerContext<unknown, unknown, undefined>): Promise<HandlerResult> {
  const current = await loadCurrentTaxonomy(ctx.db);
  const row = await ctx.db.taxonomyVersions.get(current.version);
  if (!row) throw new HttpError(404, "not_found", "There is no current taxonomy version.");
  return csvDownload(row.csv, `taxonomy-v${row.version}.csv`);
}

export async function downloadVersion(
  ctx: HandlerContext<z.infer<typeof versionParams>, unknown, undefined>,
): Promise<HandlerResult> {
  await loadCurrentTaxonomy(ctx.db); // version 1 is the seed: it exists once anything read the taxonomy
  const row = await ctx.db.taxonomyVersions.get(ctx.params.version);
  if (!row) throw new HttpError(404, "not_found", `There is no taxonomy version ${ctx.params.version}.`);
  return csvDownload(row.csv, `taxonomy-v${row.version}.csv`);
}
