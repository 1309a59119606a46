import { z } from "zod";
import { ACCOUNT_STATUSES } from "@/lib/partnerships/accounts";

/**
 * The merchant list's query, as the URL, the API (`GET /api/merchants`, the CSV
 * export) and the page read it. Written once: the browser uses it to keep the
 * URL canonical, the server to validate. Defaults are left out of the URL.
 */

export const MERCHANT_SORTS = ["brand", "created", "updated"] as const;
export type MerchantSort = (typeof MERCHANT_SORTS)[number];
export type SortDirection = "asc" | "desc";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
/** Longest search text kept: longer input is cut, never refused (search as you type). */
export const MAX_SEARCH_CHARS = 100;

const positiveInt = (max: number, message: string) =>
  z.coerce.number().int("must be an integer").min(1, message).max(max, message);

export const merchantListQuery = z.strictObject({
  q: z
    .string()
    .max(MAX_SEARCH_CHARS * 4, "is too long")
    .optional()
    .transform((v) => v?.slice(0, MAX_SEARCH_CHARS)),
  status: z.enum(ACCOUNT_STATUSES, { error: "must be active, paused, deleting or deleted" }).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code")
    .transform((v) => v.toUpperCase())
    .optional(),
  vertical: positiveInt(2_147_483_647, "must be a vertical id").optional(),
  sort: z.enum(MERCHANT_SORTS, { error: "must be brand, created or updated" }).optional(),
  dir: z.enum(["asc", "desc"], { error: "must be asc or desc" }).optional(),
  page: positiveInt(1_000_000, "must be 1 or more").optional(),
  pageSize: positiveInt(MAX_PAGE_SIZE, `must be 1 to ${MAX_PAGE_SIZE}`).optional(),
});
export type MerchantListQueryInput = z.input<typeof merchantListQuery>;
export type MerchantListQuery = z.output<typeof merchantListQuery>;

/** The export takes the same filters and sort, never a page. */
export const merchantExportQuery = merchantListQuery.omit({ page: true, pageSize: true });
export type MerchantExportQuery = z.output<typeof merchantExportQuery>;

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

export function resolveSearch(q: Partial<MerchantListQuery>): MerchantSearch {
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

/**
 * Reads URL search params leniently: a value that does not validate is dropped
 * (a hand-edited URL shows the list unfiltered instead of an error page).
 */
export function readSearch(params: URLSearchParams | Record<string, string | string[] | undefined>): MerchantSearch {
  const picked: Record<string, string> = {};
  const keys = Object.keys(merchantListQuery.shape);
  for (const k of keys) {
    const raw = params instanceof URLSearchParams ? params.get(k) : params[k];
    const v = Array.isArray(raw) ? raw[0] : raw;
    if (v !== undefined && v !== null && v !== "") picked[k] = v;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(picked)) {
    const field = merchantListQuery.shape[k as keyof typeof merchantListQuery.shape];
    const parsed = field.safeParse(v);
    if (parsed.success && parsed.data !== undefined) out[k] = parsed.data;
  }
  return resolveSearch(out as Partial<MerchantListQuery>);
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

export const saveViewBody = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
  query: z
    .string()
    .max(1000, "is too long")
    .transform((v) => v.replace(/^\?/, "")),
  scope: z.enum(["merchants"]).optional(),
});
export type SaveViewBody = z.input<typeof saveViewBody>;
