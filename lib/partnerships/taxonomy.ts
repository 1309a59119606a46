/**
 * The partner taxonomy file (SPEC.md §7): the CSV a partner sends Rokt, one row per
 * (vertical, sub-vertical) pair with the Rokt pair it maps to, or empty Rokt ids when
 * the pair is deliberately unmapped. Pure: no file access, so the console can reuse it.
 */

export const TAXONOMY_COLUMNS = [
  "partner_vertical_id",
  "partner_vertical_name",
  "partner_sub_vertical_id",
  "partner_sub_vertical_name",
  "rokt_vertical_id",
  "rokt_sub_vertical_id",
] as const;

export interface TaxonomyRow {
  partnerVerticalId: number;
  partnerVerticalName: string;
  partnerSubVerticalId: number;
  partnerSubVerticalName: string;
  /** Both null when Rokt has no mapping for the pair. */
  roktVerticalId: number | null;
  roktSubVerticalId: number | null;
}

export interface TaxonomyVertical {
  id: number;
  name: string;
  subVerticals: { id: number; name: string; mapped: boolean }[];
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    record.push(field);
    if (!(record.length === 1 && record[0] === "")) records.push(record);
    record = [];
    field = "";
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else field += ch;
  }
  if (quoted) throw new Error("taxonomy CSV: unterminated quoted field");
  if (field !== "" || record.length > 0) endRecord();
  return records;
}

function positiveInt(raw: string, what: string, line: number): number {
  if (!/^[1-9]\d*$/.test(raw.trim()))
    throw new Error(`taxonomy CSV line ${line}: ${what} "${raw}" is not a positive integer`);
  return Number(raw.trim());
}

/** Parses and checks the file; throws with the line number on the first bad row. */
export function parseTaxonomyCsv(text: string): TaxonomyRow[] {
  const [header, ...rows] = parseCsvRecords(text);
  if (!header || header.map((h) => h.trim()).join(",") !== TAXONOMY_COLUMNS.join(",")) {
    throw new Error(`taxonomy CSV: header must be ${TAXONOMY_COLUMNS.join(",")}`);
  }
  const seen = new Set<string>();
  return rows.map((cells, idx) => {
    const line = idx + 2;
    if (cells.length !== TAXONOMY_COLUMNS.length) {
      throw new Error(`taxonomy CSV line ${line}: expected ${TAXONOMY_COLUMNS.length} fields, got ${cells.length}`);
    }
    const [pv = "", pvName = "", psv = "", psvName = "", rv = "", rsv = ""] = cells;
    const mapped = rv.trim() !== "" || rsv.trim() !== "";
    if (mapped && (rv.trim() === "" || rsv.trim() === "")) {
      throw new Error(`taxonomy CSV line ${line}: give both Rokt ids or neither`);
    }
    const row: TaxonomyRow = {
      partnerVerticalId: positiveInt(pv, "partner_vertical_id", line),
      partnerVerticalName: pvName.trim(),
      partnerSubVerticalId: positiveInt(psv, "partner_sub_vertical_id", line),
      partnerSubVerticalName: psvName.trim(),
      roktVerticalId: mapped ? positiveInt(rv, "rokt_vertical_id", line) : null,
      roktSubVerticalId: mapped ? positiveInt(rsv, "rokt_sub_vertical_id", line) : null,
    };
    const key = `${row.partnerVerticalId}/${row.partnerSubVerticalId}`;
    if (seen.has(key)) throw new Error(`taxonomy CSV line ${line}: pair ${key} repeats`);
    seen.add(key);
    return row;
  });
}

/** Key of a partner pair in a mapping table. */
export const taxonomyPairKey = (verticalId: number, subVerticalId: number) => `${verticalId}/${subVerticalId}`;

/** Partner pair → Rokt pair, for mapped rows only. */
export function taxonomyMapping(rows: TaxonomyRow[]): Map<string, { verticalId: number; subVerticalId: number }> {
  const map = new Map<string, { verticalId: number; subVerticalId: number }>();
  for (const r of rows) {
    if (r.roktVerticalId !== null && r.roktSubVerticalId !== null) {
      map.set(taxonomyPairKey(r.partnerVerticalId, r.partnerSubVerticalId), {
        verticalId: r.roktVerticalId,
        subVerticalId: r.roktSubVerticalId,
      });
    }
  }
  return map;
}

/** Verticals with their sub-verticals, in file order (for pickers). */
export function taxonomyTree(rows: TaxonomyRow[]): TaxonomyVertical[] {
  const byId = new Map<number, TaxonomyVertical>();
  for (const r of rows) {
    let v = byId.get(r.partnerVerticalId);
    if (!v) {
      v = { id: r.partnerVerticalId, name: r.partnerVerticalName, subVerticals: [] };
      byId.set(v.id, v);
    }
    v.subVerticals.push({
      id: r.partnerSubVerticalId,
      name: r.partnerSubVerticalName,
      mapped: r.roktVerticalId !== null,
    });
  }
  return [...byId.values()];
}
