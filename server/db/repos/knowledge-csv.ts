import "server-only";
import type { Surface } from "@/lib/partnerships/formats";
import { accountId, layoutType, surface } from "@/lib/partnerships/formats";

/**
 * Parsing of the layout-id import (`account_id,page_id,layout_id,surface,layout_type`,
 * the sandbox's /_sandbox/export/layouts.csv). Kept apart from the database so
 * the rules are testable on their own. Quoted fields are allowed within one line.
 */

export const KNOWLEDGE_CSV_COLUMNS = ["account_id", "page_id", "layout_id", "surface", "layout_type"] as const;

export interface KnowledgeCsvRow {
  line: number;
  accountId: string;
  pageId: string;
  layoutId: string;
  surface: Surface;
  layoutType: "Overlay" | "Embedded";
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function splitCsvLine(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return null; // unterminated quote
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      if (i < line.length && line[i] !== ",") return null;
    } else {
      const end = line.indexOf(",", i);
      field = end === -1 ? line.slice(i) : line.slice(i, end);
      i = end === -1 ? line.length : end;
    }
    out.push(field.trim());
    if (i >= line.length) return out;
    i++; // the comma
  }
}

export function parseKnowledgeCsv(csv: string): {
  rows: KnowledgeCsvRow[];
  errors: { line: number; message: string }[];
} {
  const lines = csv.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const errors: { line: number; message: string }[] = [];
  const rows: KnowledgeCsvRow[] = [];

  const headerIndex = lines.findIndex((l) => l.trim() !== "");
  if (headerIndex === -1) return { rows, errors: [{ line: 1, message: "empty file: a header line is required" }] };
  const header = splitCsvLine(lines[headerIndex] ?? "")?.map((h) => h.toLowerCase());
  const missing = KNOWLEDGE_CSV_COLUMNS.filter((c) => !header?.includes(c));
  if (!header || missing.length > 0) {
    return {
      rows,
      errors: [
        {
          line: headerIndex + 1,
          message: `header must name the columns ${KNOWLEDGE_CSV_COLUMNS.join(",")} (missing: ${missing.join(", ") || "unreadable header"})`,
        },
      ],
    };
  }
  const col = Object.fromEntries(KNOWLEDGE_CSV_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof KNOWLEDGE_CSV_COLUMNS)[number],
    number
  >;

  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const line = i + 1;
    if (raw.trim() === "") continue;
    const fields = splitCsvLine(raw);
    if (!fields) {
      errors.push({ line, message: "unterminated or misplaced quote" });
      continue;
    }
    if (fields.length !== header.length) {
      errors.push({ line, message: `expected ${header.length} fields, found ${fields.length}` });
      continue;
    }
    const get = (c: keyof typeof col) => fields[col[c]] ?? "";
    const problems: string[] = [];
    const acc = accountId.safeParse(get("account_id"));
    if (!acc.success) problems.push(`account_id ${JSON.stringify(get("account_id"))} ${acc.error.issues[0]?.message}`);
    for (const c of ["page_id", "layout_id"] as const) {
      if (!ID.test(get(c))) problems.push(`${c} ${JSON.stringify(get(c))} is not a valid id`);
    }
    const surf = surface.safeParse(get("surface"));
    if (!surf.success) problems.push(`surface ${JSON.stringify(get("surface"))} ${surf.error.issues[0]?.message}`);
    const type = layoutType.safeParse(get("layout_type"));
    if (!type.success) {
      problems.push(`layout_type ${JSON.stringify(get("layout_type"))} ${type.error.issues[0]?.message}`);
    }
    if (problems.length > 0 || !acc.success || !surf.success || !type.success) {
      errors.push({ line, message: problems.join("; ") });
      continue;
    }
    rows.push({
      line,
      accountId: acc.data,
      pageId: get("page_id"),
      layoutId: get("layout_id"),
      surface: surf.data,
      layoutType: type.data,
    });
  }
  return { rows, errors };
}
