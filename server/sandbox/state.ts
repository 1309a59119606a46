import type { Statement } from "better-sqlite3";
import type { Db } from "./db";

export interface ResolvedOptions {
  dataDir: string;
  seedMerchants: number;
  adminToken: string;
  deletionMs: number;
  rateLimits: boolean;
  /** Multiplies every route's limit (SPEC §6); 1 = as documented. */
  rateLimitFactor?: number;
  now: () => number;
}

export interface Faults {
  latency_ms: number;
  error_rate: number;
  drop_after_commit_rate: number;
  rate_limits: boolean;
}

export interface Bucket {
  start: number;
  count: number;
}

export interface RokPair {
  verticalId: number;
  subVerticalId: number;
}

/** Everything one sandbox instance owns; handlers receive it explicitly. */
export interface SandboxState {
  db: Db;
  opts: ResolvedOptions;
  now: () => number;
  faults: Faults;
  /** Per partner, per route template (SPEC §6); in memory, emptied on reset. */
  buckets: Map<string, Bucket>;
  /** The demo platform's partner pair → Rokt pair table (SPEC §7). */
  mapping: Map<string, RokPair>;
  /** Signs list cursors so that only ones this sandbox issued are accepted. */
  cursorSecret: string;
  /** Responses whose connection must be cut after commit (drop_after_commit_rate). */
  dropped: WeakSet<Response>;
  lastPurge: number;
}

export const defaultFaults = (rateLimits: boolean): Faults => ({
  latency_ms: 0,
  error_rate: 0,
  drop_after_commit_rate: 0,
  rate_limits: rateLimits,
});

const statementCache = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement, compiled once per database: preparing dominated the write path. */
export function prep(s: { db: Db }, sql: string): Statement {
  let cache = statementCache.get(s.db);
  if (!cache) {
    cache = new Map();
    statementCache.set(s.db, cache);
  }
  let st = cache.get(sql);
  if (!st) {
    st = s.db.prepare(sql);
    cache.set(sql, st);
  }
  return st;
}
