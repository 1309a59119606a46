/**
 * Cursor paging kept in the URL. The API's cursors only go forward, so the
 * URL carries the cursors of the pages before this one (`prev`, oldest first;
 * "~" stands for the first page): "Previous page" pops one, "Next page" pushes
 * the current one. Filters ride along unchanged.
 */
export type SearchParams = Record<string, string | string[] | undefined>;

const FIRST = "~";
const MAX_TRAIL = 50;

export interface CursorState {
  cursor: string | undefined;
  prev: string[];
}

export function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v === "" ? undefined : v;
}

export function readCursorState(sp: SearchParams): CursorState {
  const raw = sp.prev;
  const prev = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((p) => p !== "").slice(-MAX_TRAIL);
  return { cursor: first(sp.cursor), prev };
}

function href(base: string, filters: Record<string, string | undefined>, cursor: string | undefined, prev: string[]) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== "") qs.set(k, v);
  if (cursor !== undefined) qs.set("cursor", cursor);
  for (const p of prev) qs.append("prev", p);
  const s = qs.toString();
  return s ? `${base}?${s}` : base;
}

export function nextPageHref(
  base: string,
  filters: Record<string, string | undefined>,
  state: CursorState,
  nextCursor: string | null,
): string | null {
  if (!nextCursor) return null;
  const trail = [...state.prev, state.cursor ?? FIRST].slice(-MAX_TRAIL);
  return href(base, filters, nextCursor, trail);
}

export function previousPageHref(
  base: string,
  filters: Record<string, string | undefined>,
  state: CursorState,
): string | null {
  if (state.cursor === undefined) return null;
  const trail = [...state.prev];
  const back = trail.pop();
  return href(base, filters, back === undefined || back === FIRST ? undefined : back, trail);
}
