import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseTaxonomyCsv, type TaxonomyRow, taxonomyMapping } from "@/lib/partnerships/taxonomy";
import type { RokPair } from "./state";

/**
 * data/taxonomy.csv, found from the project root: process.cwd() under Next and npm
 * scripts, this module's own location under tsx and Vitest when run from elsewhere.
 */
export function taxonomyFilePath(): string {
  const candidates = [path.join(process.cwd(), "data", "taxonomy.csv")];
  try {
    // Joined at run time so that bundlers do not turn the file into a static asset URL.
    const relative = ["..", "..", "data", "taxonomy.csv"].join("/");
    candidates.push(fileURLToPath(new URL(relative, import.meta.url)));
  } catch {
    // import.meta.url is not a file: URL inside some bundles; the cwd candidate stands.
  }
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`sandbox: taxonomy file not found (looked at ${candidates.join(", ")})`);
  return found;
}

let cached: TaxonomyRow[] | undefined;

export function loadTaxonomy(): TaxonomyRow[] {
  cached ??= parseTaxonomyCsv(fs.readFileSync(taxonomyFilePath(), "utf8"));
  return cached;
}

export function loadMapping(): Map<string, RokPair> {
  return taxonomyMapping(loadTaxonomy());
}
