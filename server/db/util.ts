import "server-only";
import { randomBytes } from "node:crypto";
import { InvalidCursorError } from "./errors";

export const nowIso = (): string => new Date().toISOString();

export const toBool = (v: unknown): boolean => v === true || v === 1 || v === "1" || v === 1n;
export const fromBool = (b: boolean): number => (b ? 1 : 0);

/** pg returns bigint columns as strings; SQLite as numbers. */
export function toNumber(v: number | string | bigint): number {
  return typeof v === "number" ? v : Number(v);
}

let lastMs = 0;
let seq = 0;
/**
 * Sortable ids (time, then a per-process sequence, then randomness), so rows
 * written in one millisecond by one instance still list in the order written.
 */
export function newId(): string {
  const ms = Date.now();
  if (ms === lastMs) seq += 1;
  else {
    lastMs = ms;
    seq = 0;
  }
  const rand = randomBytes(8).readBigUInt64BE().toString(36).padStart(13, "0");
  return `${ms.toString(36).padStart(10, "0")}${seq.toString(36).padStart(4, "0")}${rand}`;
}

const MAX_JSON_CHARS = 64 * 1024;

/** JSON as text; undefined → null. Oversized or unserialisable values are stored as a marked preview. */
export function toJsonText(value: unknown): string | null {
  if (value === undefined) return null;
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "null";
  } catch {
    text = JSON.stringify({ unserializable: String(value) });
  }
  if (text.length > MAX_JSON_CHARS) {
    return JSON.stringify({ truncated: true, preview: text.slice(0, 4096) });
  }
  return text;
}

export function fromJsonText(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Page size: default 50, between 1 and 200. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return 50;
  return Math.min(200, Math.max(1, Math.trunc(limit)));
}

/** Keyset cursor over (timestamp, id), opaque to callers. */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string") {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}
