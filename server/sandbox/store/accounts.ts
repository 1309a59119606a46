import { createHash } from "node:crypto";
import {
  type Account,
  type AccountStatus,
  type AccountStatusView,
  type Controls,
  PAGE_IDENTIFIERS,
  type Page,
  SURFACES,
  type Surface,
} from "@/lib/partnerships";
import { conflict, iso } from "../http";
import { prep, type SandboxState } from "../state";

export interface AccountRow {
  account_id: string;
  parent_id: string;
  external_account_id: string;
  brand: string;
  country_code: string;
  store_identifier: string;
  store_norm: string;
  vertical_id: number;
  sub_vertical_id: number;
  rokt_vertical_id: number;
  rokt_sub_vertical_id: number;
  status: "active" | "paused";
  created_at: string;
  updated_at: string;
  mcl_id: string;
  mcl_name: string;
  mcl_verticals: string;
  mcl_domains: string;
  stripe_account_id: string | null;
  payout_link: string | null;
  deletion_request_id: string | null;
  deletion_reason: string | null;
  deletion_at: number | null;
  deletion_operation_id: string | null;
}

/** One blocked pair as stored: the partner's ids and the Rokt pair they translated to. */
export interface StoredPair {
  pv: number;
  psv: number;
  rv: number;
  rsv: number;
}

export function getAccount(s: SandboxState, accountId: string): AccountRow | undefined {
  return prep(s, "SELECT * FROM accounts WHERE account_id = ?").get(accountId) as AccountRow | undefined;
}

/** Status and updated_at derived from stored times, so a deletion progresses across restarts (SPEC §5.11). */
export function effective(
  s: SandboxState,
  a: AccountRow,
): { status: AccountStatus; updatedAt: string; deleted: boolean } {
  if (a.deletion_at === null) return { status: a.status, updatedAt: a.updated_at, deleted: false };
  const done = a.deletion_at + s.opts.deletionMs;
  if (s.now() >= done) return { status: "deleted", updatedAt: iso(done), deleted: true };
  return { status: "deleting", updatedAt: iso(a.deletion_at), deleted: false };
}

/** Every write to a deleting or deleted account → 409, before any other 409. */
export function assertWritable(s: SandboxState, a: AccountRow): void {
  const st = effective(s, a).status;
  if (st === "deleting" || st === "deleted") throw conflict(`account is ${st}`);
}

export function listRow(s: SandboxState, a: AccountRow): Account {
  const e = effective(s, a);
  return {
    account_id: a.account_id,
    external_account_id: a.external_account_id,
    brand: a.brand,
    country_code: a.country_code,
    store_identifier: a.store_identifier,
    vertical_id: a.vertical_id,
    sub_vertical_id: a.sub_vertical_id,
    status: e.status,
    created_at: a.created_at,
    updated_at: e.updatedAt,
  };
}

export const surfaceRank = (surface: string) => SURFACES.indexOf(surface as Surface);

interface PageJoin {
  page_id: string;
  surface: Surface;
  layout_id: string;
  layout_type: "Overlay" | "Embedded";
}

/** Pages of an account in surface order, each with its current layout. */
export function pagesOf(s: SandboxState, accountId: string, onlyIds?: string[]): Page[] {
  const rows = prep(
    s,
    `SELECT p.page_id, p.surface, p.layout_id, l.layout_type FROM pages p
       JOIN layouts l ON l.layout_id = p.layout_id WHERE p.account_id = ?`,
  ).all(accountId) as PageJoin[];
  return rows
    .filter((r) => !onlyIds || onlyIds.includes(r.page_id))
    .sort((a, b) => surfaceRank(a.surface) - surfaceRank(b.surface))
    .map((r) => ({
      surface: r.surface,
      page_id: r.page_id,
      layout_id: r.layout_id,
      layout_type: r.layout_type,
      page_identifier: PAGE_IDENTIFIERS[r.surface],
    }));
}

export function statusView(s: SandboxState, a: AccountRow): AccountStatusView {
  const e = effective(s, a);
  const rows = prep(s, "SELECT variant_id, page_id, surface, name, status FROM variants WHERE account_id = ?").all(
    a.account_id,
  ) as { variant_id: string; page_id: string; surface: string; name: string; status: string }[];
  rows.sort(
    (x, y) => surfaceRank(x.surface) - surfaceRank(y.surface) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
  );
  return {
    accountId: a.account_id,
    status: e.status,
    variants: rows.map((v) => ({
      pageVariantId: v.variant_id,
      pageId: v.page_id,
      name: v.name,
      status: (e.deleted ? "archived" : v.status) as "active" | "paused" | "archived",
    })),
  };
}

export function contentHash(name: string, pairs: StoredPair[], domains: string[]): string {
  const canonical = JSON.stringify([name, pairs.map((p) => [p.pv, p.psv]), domains]);
  return `ch_${createHash("sha256").update(canonical).digest("hex").slice(0, 32)}`;
}

export function controlsView(s: SandboxState, a: AccountRow): Controls {
  const deleted = effective(s, a).deleted;
  const pairs: StoredPair[] = deleted ? [] : JSON.parse(a.mcl_verticals);
  const domains: string[] = deleted ? [] : JSON.parse(a.mcl_domains);
  return {
    accountId: a.account_id,
    marketplaceControlsListId: a.mcl_id,
    name: a.mcl_name,
    verticals: pairs.map((p) => ({ vertical_id: p.rv, sub_vertical_id: p.rsv })),
    translatedVerticals: pairs.map((p) => ({
      partner_vertical_id: p.pv,
      partner_sub_vertical_id: p.psv,
      policy: "Block",
    })),
    domains: domains.map((d) => ({ domain: d, policy: "Block" })),
    contentHash: contentHash(a.mcl_name, pairs, domains),
  };
}

export function touchAccount(s: SandboxState, accountId: string): void {
  prep(s, "UPDATE accounts SET updated_at = ? WHERE account_id = ?").run(iso(s.now()), accountId);
}
