import { ACCOUNT_STATUSES } from "@/lib/partnerships/account-statuses";

/**
 * The merchant list's search as the browser keeps it in the URL, without zod:
 * the list ships this on first load. The API's schemas (lib/merchants/query.ts,
 * which re-exports all of this) validate the same fields on the server, and
 * lib/merchants/search.test.ts checks that `readSearch` accepts exactly what
 * they accept.
 */

export const MERCHANT_SORTS = ["brand", "created", "updated"] as const;
export type MerchantSort = (typeof MERCHANT_SORTS)[number];
export type SortDirection = "asc" | "desc";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
/** Longest search text kept: longer input is cut, never refused (search as you type). */
export const MAX_SEARCH_CHARS = 100;

/** The fields of the list's query, once validated (lib/merchants/query.ts' `merchantListQuery` output). */
export interface MerchantQueryFields {
  q?: string;
  status?: (typeof ACCOUNT_STATUSES)[number];
  country?: string;
  vertical?: number;
  sort?: MerchantSort;
  dir?: SortDirection;
  page?: number;
  pageSize?: number;
}

/** A query with every default filled in. */
export interface MerchantSearch {
  q: string;
  status?: (typeof ACCOUNT_STATUSES)[number];
  country?: string;
  vertical?: number;
  sort: MerchantSort;
  dir: SortDirection;
  page: number;
  pageSize: number;
}

export const DEFAULT_DIR: Record<MerchantSort, SortDirection> = { brand: "asc", created: "desc", updated: "desc" };

export function resolveSearch(q: MerchantQueryFields): MerchantSearch {
  const sort = q.sort ?? "brand";
  return {
    q: (q.q ?? "").trim(),
    status: q.status,
    country: q.country,
    vertical: q.vertical,
    sort,
    dir: q.dir ?? DEFAULT_DIR[sort],
    page: q.page ?? 1,
    pageSize: q.pageSize ?? DEFAULT_PAGE_SIZE,
  };
}

const STATUSES: readonly string[] = ACCOUNT_STATUSES;
const SORTS: readonly string[] = MERCHANT_SORTS;

/** A whole number in [1, max] as `z.coerce.number().int().min(1).max(max)` reads it, or undefined. */
function positiveInt(raw: string, max: number): number | undefined {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
}

/** Each field as the API's schema reads it, or undefined when it does not validate. */
const FIELDS: { [K in keyof Required<MerchantQueryFields>]: (raw: string) => MerchantQueryFields[K] } = {
  q: (v) => (v.length <= MAX_SEARCH_CHARS * 4 ? v.slice(0, MAX_SEARCH_CHARS) : undefined),
  status: (v) => (STATUSES.includes(v) ? (v as MerchantQueryFields["status"]) : undefined),
  country: (v) => (/^[A-Za-z]{2}$/.test(v) ? v.toUpperCase() : undefined),
  vertical: (v) => positiveInt(v, 2_147_483_647),
  sort: (v) => (SORTS.includes(v) ? (v as MerchantSort) : undefined),
  dir: (v) => (v === "asc" || v === "desc" ? v : undefined),
  page: (v) => positiveInt(v, 1_000_000),
  pageSize: (v) => positiveInt(v, MAX_PAGE_SIZE),
};
export const MERCHANT_QUERY_KEYS = Object.keys(FIELDS) as (keyof MerchantQueryFields)[];

/**
 * Reads URL search params leniently: a value that does not validate is dropped
 * (a hand-edited URL shows the list unfiltered instead of an error page).
 */
export function readSearch(params: URLSearchParams | Record<string, string | string[] | undefined>): MerchantSearch {
  const out: Record<string, unknown> = {};
  for (const k of MERCHANT_QUERY_KEYS) {
    const raw = params instanceof URLSearchParams ? params.get(k) : params[k];
    const v = Array.isArray(raw) ? raw[0] : raw;
    if (v === undefined || v === null || v === "") continue;
    const parsed = FIELDS[k](v);
    if (parsed !== undefined) out[k] = parsed;
  }
  return resolveSearch(out as MerchantQueryFields);
}

/** The canonical query string of a search: defaults left out, keys in a fixed order. */
export function searchToParams(s: MerchantSearch, opts: { page?: boolean } = {}): URLSearchParams {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  if (s.status) p.set("status", s.status);
  if (s.country) p.set("country", s.country);
  if (s.vertical !== undefined) p.set("vertical", String(s.vertical));
  if (s.sort !== "brand") p.set("sort", s.sort);
  if (s.dir !== DEFAULT_DIR[s.sort]) p.set("dir", s.dir);
  if (opts.page !== false) {
    if (s.page !== 1) p.set("page", String(s.page));
    if (s.pageSize !== DEFAULT_PAGE_SIZE) p.set("pageSize", String(s.pageSize));
  }
  return p;
}

export function searchToQueryString(s: MerchantSearch, opts: { page?: boolean } = {}): string {
  const qs = searchToParams(s, opts).toString();
  return qs ? `?${qs}` : "";
}

/** True when a filter or a search narrows the list (the empty state says so). */
export function isFiltered(s: MerchantSearch): boolean {
  return Boolean(s.q || s.status || s.country || s.vertical !== undefined);
}

/**
 * Words as the index stores and searches them: accents folded, lower case,
 * split on anything that is not a letter or a digit. "Café & Co." → ["cafe", "co"].
 */
export function searchWords(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** The search terms of a typed query: at most 8 words of at most 40 characters. */
export function searchTerms(q: string): string[] {
  return [...new Set(searchWords(q).map((w) => w.slice(0, 40)))].slice(0, 8);
}

/** An id as the index compares it: its letters and digits, lower case ("MER_000123" → "mer000123"). */
export function compactId(id: string): string {
  return searchWords(id).join("");
}

/** The typed query as the start of an id (external or account id), when it is long enough to mean one. */
export function idTerm(q: string): string | null {
  const id = compactId(q).slice(0, 64);
  return id.length >= 3 ? id : null;
}

/** The merchant as the list, the API and the export show it. */
export interface MerchantListItem {
  accountId: string;
  externalAccountId: string;
  brand: string;
  countryCode: string;
  storeIdentifier: string;
  verticalId: number;
  subVerticalId: number;
  /** The partner's own name for the vertical (taxonomy), or null when it is not in the taxonomy. */
  verticalName: string | null;
  status: (typeof ACCOUNT_STATUSES)[number];
  createdAt: string;
  updatedAt: string;
}

export interface MerchantSyncInfo {
  /** End of the last complete sync, or null before the first one. */
  lastSyncedAt: string | null;
  running: boolean;
  /** The last sync's failure, when it failed after the last success. */
  lastError: string | null;
  count: number;
}

export interface MerchantListPage {
  merchants: MerchantListItem[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  sync: MerchantSyncInfo;
}

export interface SavedView {
  id: string;
  name: string;
  /** The list's query string without "?" (no page). */
  query: string;
  createdAt: string;
}
