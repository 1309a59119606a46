import "server-only";
import type { TaxonomyPreview } from "@/lib/settings/imports";
import { checkTaxonomyCsv, diffTaxonomy } from "@/lib/settings/taxonomy-import";
import type { ConsoleDb } from "@/server/db/types";
import { forgetPartnerTaxonomy, loadCurrentTaxonomy, sandboxMappedPairs } from "@/server/taxonomy";

/** Settings → Taxonomy: preview an import against the current version, then apply it as the next version. */

/** Lists longer than this are cut in the preview (the counts stay whole). */
const SHOWN = 500;

export async function previewTaxonomy(db: ConsoleDb, csv: string): Promise<TaxonomyPreview> {
  const current = await loadCurrentTaxonomy(db);
  const { rows, errors } = checkTaxonomyCsv(csv);
  const diff = diffTaxonomy(current.rows, rows);
  const valid = errors.length === 0;
  const removed = new Set(diff.removed.map((c) => c.key));
  const seen = await db.controlsSeen.all();
  const byPair = new Map<string, string[]>();
  if (valid) {
    for (const m of seen)
      for (const [v, s] of m.blocked) {
        const key = `${v}/${s}`;
        if (removed.has(key)) byPair.set(key, [...(byPair.get(key) ?? []), m.accountId]);
      }
  }
  const orphaned = [];
  for (const [key, accounts] of byPair) {
    const merchants = [];
    for (const accountId of accounts.slice(0, SHOWN))
      merchants.push({ accountId, brand: (await db.merchants.get(accountId))?.brand ?? null });
    orphaned.push({ key, name: current.pairNames.get(key) ?? key, merchants });
  }
  const mapped = sandboxMappedPairs();
  return {
    baseVersion: current.version,
    counts: {
      added: diff.added.length,
      renamed: diff.renamed.length,
      removed: diff.removed.length,
      errors: errors.length,
      remapped: diff.remapped.length,
      unchanged: diff.unchanged,
    },
    errors,
    added: diff.added.slice(0, SHOWN),
    renamed: diff.renamed.slice(0, SHOWN),
    removed: diff.removed.slice(0, SHOWN),
    orphaned: orphaned.sort((a, b) => a.key.localeCompare(b.key)),
    merchantsSeen: seen.length,
    unmappedAdded: mapped ? diff.added.filter((c) => !mapped.has(c.key)).map((c) => c.key) : [],
    canApply: valid,
  };
}

export type ApplyOutcome =
  | { state: "applied"; version: number; preview: TaxonomyPreview }
  | { state: "invalid"; preview: TaxonomyPreview }
  | { state: "stale"; current: number };

/**
 * Applies a file as the next version, in one transaction, only if the version the
 * preview was made against is still the current one (two admins importing at once
 * cannot overwrite each other unseen). The previous versions stay as they were.
 */
export async function applyTaxonomy(
  db: ConsoleDb,
  csv: string,
  baseVersion: number,
  createdBy: string | null,
): Promise<ApplyOutcome> {
  const preview = await previewTaxonomy(db, csv);
  if (!preview.canApply) return { state: "invalid", preview };
  if (preview.baseVersion !== baseVersion) return { state: "stale", current: preview.baseVersion };
  const { added, renamed, removed } = preview.counts;
  const saved = await db.taxonomyVersions.add(
    { csv, source: "import", summary: { added, renamed, removed }, createdBy },
    baseVersion,
  );
  if (!saved) return { state: "stale", current: (await db.taxonomyVersions.currentVersion()) ?? 0 };
  forgetPartnerTaxonomy(db);
  return { state: "applied", version: saved.version, preview };
}
