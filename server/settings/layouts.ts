import "server-only";
import type { ImportRowErrorView, LayoutChangeView, LayoutPreview } from "@/lib/settings/imports";
import { KNOWLEDGE_CSV_COLUMNS, parseKnowledgeCsv } from "@/server/db/repos/knowledge-csv";
import type { ConsoleDb, LayoutRow } from "@/server/db/types";
import { ForbiddenError, NotFoundError } from "@/server/partnerships/errors";
import type { PartnershipsClient } from "@/server/partnerships/types";

/**
 * Settings → Layouts: the layout ids of merchants onboarded outside the console
 * (`account_id,page_id,layout_id,surface,layout_type`). Semantics, also said on the page:
 * a row is a page of a merchant; "added" = a page the console did not know, "changed" =
 * a known page whose layout id, surface or type differs, "removed" = a page the console
 * knows for an account the file lists but the file does not (the file is the whole truth
 * for the accounts it names; other accounts are left alone).
 * An account is the partner's when the merchant index lists it; one the index does not
 * list is asked of the API (its status read), which answers only for the platform's own.
 */

/** At most this many accounts unknown to the index are checked upstream per file. */
const MAX_UPSTREAM_CHECKS = 50;
const SHOWN = 500;

type Ownership = "own" | "foreign" | { unknown: string };

async function ownership(
  db: ConsoleDb,
  client: () => Promise<PartnershipsClient>,
  accounts: string[],
): Promise<Map<string, Ownership>> {
  const out = new Map<string, Ownership>();
  let checks = 0;
  for (const id of accounts) {
    if (await db.merchants.get(id)) {
      out.set(id, "own");
      continue;
    }
    if (checks >= MAX_UPSTREAM_CHECKS) {
      out.set(id, { unknown: "the merchant index does not list it; sync the merchant list and preview again" });
      continue;
    }
    checks += 1;
    try {
      await (await client()).getStatus(id);
      out.set(id, "own");
    } catch (err) {
      if (err instanceof NotFoundError || err instanceof ForbiddenError) out.set(id, "foreign");
      else out.set(id, { unknown: `it could not be checked (${err instanceof Error ? err.message : "error"})` });
    }
  }
  return out;
}

interface Plan {
  preview: LayoutPreview;
  upserts: LayoutRow[];
  removals: { accountId: string; pageId: string }[];
}

export async function planLayoutImport(
  db: ConsoleDb,
  client: () => Promise<PartnershipsClient>,
  csv: string,
): Promise<Plan> {
  const headerLine =
    csv
      .replace(/^\uFEFF/, "")
      .split(/\r\n|\n|\r/)
      .findIndex((l) => l.trim() !== "") + 1;
  const toRow = (line: number) => Math.max(0, line - headerLine);
  const parsed = parseKnowledgeCsv(csv);
  const errors: ImportRowErrorView[] = parsed.errors.map((e) => ({ row: toRow(e.line), message: e.message }));

  const firstRow = new Map<string, number>();
  const rows = parsed.rows.filter((r) => {
    const key = `${r.accountId}\u0000${r.pageId}`;
    const first = firstRow.get(key);
    if (first !== undefined) {
      errors.push({ row: toRow(r.line), message: `Page ${r.pageId} of account ${r.accountId} repeats row ${first}.` });
      return false;
    }
    firstRow.set(key, toRow(r.line));
    return true;
  });

  const owners = await ownership(db, client, [...new Set(rows.map((r) => r.accountId))]);
  const kept = rows.filter((r) => {
    const o = owners.get(r.accountId);
    if (o === "own") return true;
    errors.push({
      row: toRow(r.line),
      message:
        o === "foreign"
          ? `Account ${r.accountId} is not one of this partner's merchants.`
          : `Account ${r.accountId}: ${typeof o === "object" ? o.unknown : "unknown"}.`,
    });
    return false;
  });
  errors.sort((a, b) => a.row - b.row);

  const accounts = [...new Set(kept.map((r) => r.accountId))];
  const known = new Map((await db.layoutImport.pagesOf(accounts)).map((p) => [`${p.accountId}\u0000${p.pageId}`, p]));
  const added: LayoutChangeView[] = [];
  const changed: LayoutChangeView[] = [];
  let unchanged = 0;
  for (const r of kept) {
    const view: LayoutChangeView = {
      row: toRow(r.line),
      accountId: r.accountId,
      pageId: r.pageId,
      layoutId: r.layoutId,
      surface: r.surface,
      layoutType: r.layoutType,
    };
    const before = known.get(`${r.accountId}\u0000${r.pageId}`);
    if (!before) added.push(view);
    else if (before.layoutId !== r.layoutId || before.surface !== r.surface || before.layoutType !== r.layoutType)
      changed.push({
        ...view,
        before: { layoutId: before.layoutId, surface: before.surface, layoutType: before.layoutType },
      });
    else unchanged += 1;
  }
  const removed = [...known.values()].filter((p) => !firstRow.has(`${p.accountId}\u0000${p.pageId}`));
  const upserts = [...added, ...changed].map((v) => ({
    accountId: v.accountId,
    pageId: v.pageId,
    layoutId: v.layoutId,
    surface: v.surface,
    layoutType: v.layoutType,
  }));
  return {
    preview: {
      counts: {
        added: added.length,
        renamed: changed.length,
        removed: removed.length,
        errors: errors.length,
        unchanged,
      },
      errors,
      added: added.slice(0, SHOWN),
      changed: changed.slice(0, SHOWN),
      removed: removed
        .slice(0, SHOWN)
        .map((p) => ({ accountId: p.accountId, pageId: p.pageId, layoutId: p.layoutId, surface: p.surface })),
      canApply: errors.length === 0 && kept.length > 0,
    },
    upserts,
    removals: removed.map((p) => ({ accountId: p.accountId, pageId: p.pageId })),
  };
}

/** The console's current layout rows in the import format, as a stream of CSV text. */
export function currentLayoutsCsv(db: ConsoleDb): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const iterator = db.layoutImport.scan()[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(enc.encode(`${KNOWLEDGE_CSV_COLUMNS.join(",")}\r\n`));
        return;
      }
      const lines: string[] = [];
      while (lines.length < 500) {
        const next = await iterator.next();
        if (next.done) break;
        const r = next.value;
        lines.push([r.accountId, r.pageId, r.layoutId, r.surface, r.layoutType].join(","));
      }
      if (lines.length > 0) controller.enqueue(enc.encode(`${lines.join("\r\n")}\r\n`));
      if (lines.length < 500) controller.close();
    },
  });
}
