import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { parseTaxonomyCsv, type TaxonomyRow, type TaxonomyVertical, taxonomyTree } from "@/lib/partnerships/taxonomy";

/**
 * The partner taxonomy the console's pickers, filters and names come from.
 * Today it is the file the project ships (data/taxonomy.csv, the CSV the
 * partner sends Rokt); Settings → Taxonomy (ROADMAP 7) will keep imported
 * versions in the console database behind this same function.
 */
export interface PartnerTaxonomy {
  rows: TaxonomyRow[];
  tree: TaxonomyVertical[];
  /** "verticalId/subVerticalId" → "Vertical › Sub-vertical" */
  pairNames: Map<string, string>;
  verticalNames: Map<number, string>;
}

const globalForTaxonomy = globalThis as unknown as { __partnerTaxonomy?: Promise<PartnerTaxonomy> };

async function load(): Promise<PartnerTaxonomy> {
  const file = path.join(process.cwd(), "data", "taxonomy.csv");
  const rows = parseTaxonomyCsv(await fs.readFile(file, "utf8"));
  const pairNames = new Map<string, string>();
  const verticalNames = new Map<number, string>();
  for (const r of rows) {
    pairNames.set(
      `${r.partnerVerticalId}/${r.partnerSubVerticalId}`,
      `${r.partnerVerticalName} › ${r.partnerSubVerticalName}`,
    );
    verticalNames.set(r.partnerVerticalId, r.partnerVerticalName);
  }
  return { rows, tree: taxonomyTree(rows), pairNames, verticalNames };
}

/** Read once per process; a failed read is forgotten so the next call tries again. */
export function getPartnerTaxonomy(): Promise<PartnerTaxonomy> {
  if (!globalForTaxonomy.__partnerTaxonomy) {
    const loading = load();
    globalForTaxonomy.__partnerTaxonomy = loading;
    loading.catch(() => {
      if (globalForTaxonomy.__partnerTaxonomy === loading) globalForTaxonomy.__partnerTaxonomy = undefined;
    });
  }
  return globalForTaxonomy.__partnerTaxonomy;
}
