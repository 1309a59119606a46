import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import {
  parseTaxonomyCsv,
  type TaxonomyRow,
  type TaxonomyVertical,
  taxonomyPairKey,
  taxonomyTree,
} from "@/lib/partnerships/taxonomy";
import { getConsoleDb } from "@/server/db";
import type { ConsoleDb } from "@/server/db/types";
import { getEnv } from "@/server/env";
import { loadMapping } from "@/server/sandbox/taxonomy";

/**
 * The partner taxonomy the console's pickers, filters and names come from: the
 * current version in the console database (Settings → Taxonomy imports new
 * ones), seeded on first use from the file the project ships (data/taxonomy.csv,
 * the CSV the partner sends Rokt).
 */
export interface PartnerTaxonomy {
  /** The database version it was read from. */
  version: number;
  rows: TaxonomyRow[];
  tree: TaxonomyVertical[];
  /** "verticalId/subVerticalId" → "Vertical › Sub-vertical" */
  pairNames: Map<string, string>;
  verticalNames: Map<number, string>;
}

/**
 * How long an instance trusts its copy before asking the database for the current
 * version number (one tiny query): another instance's import shows within this.
 * The instance that applies an import drops its copy at once.
 */
const RECHECK_MS = 2000;

/** data/taxonomy.csv as shipped: the first version, and what the sandbox maps (SPEC §7). */
export async function shippedTaxonomyCsv(): Promise<string> {
  return fs.readFile(path.join(process.cwd(), "data", "taxonomy.csv"), "utf8");
}

/**
 * The names and tree of a version. In sandbox mode "mapped" is what the sandbox maps
 * (its table is built from the shipped file), not what the imported file claims, so a
 * pair the sandbox would refuse is marked before anyone tries to block it.
 */
export function buildTaxonomy(version: number, rows: TaxonomyRow[], sandboxMapping?: Set<string>): PartnerTaxonomy {
  const pairNames = new Map<string, string>();
  const verticalNames = new Map<number, string>();
  for (const r of rows) {
    pairNames.set(
      taxonomyPairKey(r.partnerVerticalId, r.partnerSubVerticalId),
      `${r.partnerVerticalName} › ${r.partnerSubVerticalName}`,
    );
    if (!verticalNames.has(r.partnerVerticalId)) verticalNames.set(r.partnerVerticalId, r.partnerVerticalName);
  }
  let tree = taxonomyTree(rows);
  if (sandboxMapping) {
    tree = tree.map((v) => ({
      ...v,
      subVerticals: v.subVerticals.map((s) => ({ ...s, mapped: sandboxMapping.has(taxonomyPairKey(v.id, s.id)) })),
    }));
  }
  return { version, rows, tree, pairNames, verticalNames };
}

/** The sandbox's mapped pairs in sandbox mode; undefined when a real upstream is configured. */
export function sandboxMappedPairs(): Set<string> | undefined {
  return getEnv().sandboxMode ? new Set(loadMapping().keys()) : undefined;
}

/** The current version, seeding version 1 from the shipped file when the database has none. */
export async function loadCurrentTaxonomy(db: ConsoleDb): Promise<PartnerTaxonomy> {
  let current = await db.taxonomyVersions.current();
  if (!current) {
    const csv = await shippedTaxonomyCsv();
    parseTaxonomyCsv(csv); // the shipped file must be valid before it becomes a version
    // Two instances seeding at once: the loser reads the winner's version.
    current =
      (await db.taxonomyVersions.add({ csv, source: "seed", summary: null, createdBy: null }, null)) ??
      (await db.taxonomyVersions.current());
    if (!current) throw new Error("the partner taxonomy could not be seeded");
  }
  return buildTaxonomy(current.version, parseTaxonomyCsv(current.csv), sandboxMappedPairs());
}

interface Cache {
  taxonomy?: PartnerTaxonomy;
  checkedAt: number;
  loading?: Promise<PartnerTaxonomy>;
}
/** One cache per database object (the process-wide one, or a test's own). */
const globalForTaxonomy = globalThis as unknown as { __partnerTaxonomy?: WeakMap<ConsoleDb, Cache> };
function cacheOf(db: ConsoleDb): Cache {
  globalForTaxonomy.__partnerTaxonomy ??= new WeakMap();
  let c = globalForTaxonomy.__partnerTaxonomy.get(db);
  if (!c) {
    c = { checkedAt: 0 };
    globalForTaxonomy.__partnerTaxonomy.set(db, c);
  }
  return c;
}

async function refresh(db: ConsoleDb, cache: Cache): Promise<PartnerTaxonomy> {
  const known = cache.taxonomy;
  if (known && (await db.taxonomyVersions.currentVersion()) === known.version) {
    cache.checkedAt = Date.now();
    return known;
  }
  const taxonomy = await loadCurrentTaxonomy(db);
  cache.taxonomy = taxonomy;
  cache.checkedAt = Date.now();
  return taxonomy;
}

/**
 * The current partner taxonomy: from memory for a couple of seconds, then re-checked against
 * the database. `db` defaults to the process-wide console database (route handlers pass ctx.db).
 */
export async function getPartnerTaxonomy(db?: ConsoleDb): Promise<PartnerTaxonomy> {
  const database = db ?? (await getConsoleDb());
  const cache = cacheOf(database);
  if (cache.taxonomy && Date.now() - cache.checkedAt < RECHECK_MS) return cache.taxonomy;
  if (!cache.loading) {
    const loading = refresh(database, cache).finally(() => {
      if (cache.loading === loading) cache.loading = undefined;
    });
    cache.loading = loading;
  }
  return cache.loading;
}

/** After an import applied on this instance: the next read loads the new version at once. */
export function forgetPartnerTaxonomy(db: ConsoleDb): void {
  const cache = globalForTaxonomy.__partnerTaxonomy?.get(db);
  if (cache) {
    cache.taxonomy = undefined;
    cache.checkedAt = 0;
  }
}
