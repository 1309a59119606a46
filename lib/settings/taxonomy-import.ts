import { parseCsvRecords, TAXONOMY_COLUMNS, type TaxonomyRow, taxonomyPairKey } from "@/lib/partnerships/taxonomy";

/**
 * The taxonomy import of Settings → Taxonomy: every problem of a partner CSV
 * (not only the first, unlike parseTaxonomyCsv which guards the shipped file),
 * and the difference from the current version. Pure, shared by server and tests.
 * `row` is the data row number: 1 = the first row after the header, 0 = the header.
 */

export interface ImportRowError {
  row: number;
  message: string;
}

const POSITIVE_INT = /^[1-9]\d{0,8}$/;

export function checkTaxonomyCsv(text: string): { rows: TaxonomyRow[]; errors: ImportRowError[] } {
  let records: string[][];
  try {
    records = parseCsvRecords(text);
  } catch {
    return { rows: [], errors: [{ row: 0, message: "The file has a quoted field that never ends." }] };
  }
  const [header, ...data] = records;
  const errors: ImportRowError[] = [];
  if (!header || header.map((h) => h.trim().toLowerCase()).join(",") !== TAXONOMY_COLUMNS.join(",")) {
    errors.push({ row: 0, message: `The header must be exactly ${TAXONOMY_COLUMNS.join(",")}.` });
    return { rows: [], errors };
  }
  if (data.length === 0) errors.push({ row: 0, message: "The file has no data rows." });

  const rows: TaxonomyRow[] = [];
  const pairRow = new Map<string, number>();
  const verticalName = new Map<number, { name: string; row: number }>();
  data.forEach((cells, idx) => {
    const row = idx + 1;
    const problems: string[] = [];
    if (cells.length !== TAXONOMY_COLUMNS.length) {
      errors.push({ row, message: `Expected ${TAXONOMY_COLUMNS.length} fields, found ${cells.length}.` });
      return;
    }
    const [pv, pvName, psv, psvName, rv, rsv] = cells.map((c) => c.trim()) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const num = (raw: string, column: string): number | null => {
      if (POSITIVE_INT.test(raw)) return Number(raw);
      problems.push(raw === "" ? `${column} is missing.` : `${column} “${raw}” is not a positive whole number.`);
      return null;
    };
    const v = num(pv, "partner_vertical_id");
    const s = num(psv, "partner_sub_vertical_id");
    if (pvName === "") problems.push("partner_vertical_name is missing.");
    if (psvName === "") problems.push("partner_sub_vertical_name is missing.");
    if (pvName.length > 120 || psvName.length > 120) problems.push("A name is longer than 120 characters.");
    let roktV: number | null = null;
    let roktS: number | null = null;
    if (rv !== "" || rsv !== "") {
      if (rv === "" || rsv === "") problems.push("Give both rokt_vertical_id and rokt_sub_vertical_id, or neither.");
      else {
        roktV = num(rv, "rokt_vertical_id");
        roktS = num(rsv, "rokt_sub_vertical_id");
      }
    }
    if (v !== null && s !== null) {
      const key = taxonomyPairKey(v, s);
      const first = pairRow.get(key);
      if (first !== undefined) problems.push(`The pair ${key} repeats row ${first}.`);
      else pairRow.set(key, row);
    }
    if (v !== null && pvName !== "") {
      const known = verticalName.get(v);
      if (known && known.name !== pvName)
        problems.push(`Vertical ${v} is named “${known.name}” on row ${known.row} and “${pvName}” here.`);
      else if (!known) verticalName.set(v, { name: pvName, row });
    }
    if (problems.length > 0) {
      errors.push({ row, message: problems.join(" ") });
      return;
    }
    rows.push({
      partnerVerticalId: v as number,
      partnerVerticalName: pvName,
      partnerSubVerticalId: s as number,
      partnerSubVerticalName: psvName,
      roktVerticalId: roktV,
      roktSubVerticalId: roktS,
    });
  });
  return { rows, errors };
}

export interface TaxonomyChange {
  key: string;
  verticalId: number;
  subVerticalId: number;
  /** "Vertical › Sub-vertical" before (renamed, removed) and after (added, renamed). */
  before?: string;
  after?: string;
}
export interface TaxonomyDiff {
  added: TaxonomyChange[];
  renamed: TaxonomyChange[];
  removed: TaxonomyChange[];
  /** Same names, other Rokt ids (or mapped ↔ unmapped). */
  remapped: TaxonomyChange[];
  unchanged: number;
}

const label = (r: TaxonomyRow) => `${r.partnerVerticalName} › ${r.partnerSubVerticalName}`;

/** Pairs are the identity: a pair with other names is renamed, a pair only in one file is added or removed. */
export function diffTaxonomy(current: readonly TaxonomyRow[], next: readonly TaxonomyRow[]): TaxonomyDiff {
  const keyOf = (r: TaxonomyRow) => taxonomyPairKey(r.partnerVerticalId, r.partnerSubVerticalId);
  const before = new Map(current.map((r) => [keyOf(r), r]));
  const after = new Map(next.map((r) => [keyOf(r), r]));
  const diff: TaxonomyDiff = { added: [], renamed: [], removed: [], remapped: [], unchanged: 0 };
  const change = (r: TaxonomyRow, b?: TaxonomyRow, a?: TaxonomyRow): TaxonomyChange => ({
    key: keyOf(r),
    verticalId: r.partnerVerticalId,
    subVerticalId: r.partnerSubVerticalId,
    ...(b ? { before: label(b) } : {}),
    ...(a ? { after: label(a) } : {}),
  });
  for (const [k, a] of after) {
    const b = before.get(k);
    if (!b) diff.added.push(change(a, undefined, a));
    else if (label(a) !== label(b)) diff.renamed.push(change(a, b, a));
    else if (a.roktVerticalId !== b.roktVerticalId || a.roktSubVerticalId !== b.roktSubVerticalId)
      diff.remapped.push(change(a, b, a));
    else diff.unchanged += 1;
  }
  for (const [k, b] of before) if (!after.has(k)) diff.removed.push(change(b, b, undefined));
  return diff;
}
