import "server-only";
import type { z } from "zod";
import type { Account } from "@/lib/partnerships/accounts";
import type { AuditEntry, ConsoleDb, JournalEntry } from "@/server/db/types";
import type { PartnershipsClient } from "@/server/partnerships/types";
import { isUpstreamError, mapUpstreamError } from "./upstream-errors";
import { issuesToFields } from "./validation";

/**
 * What the console's server pages read, with the same schemas the API routes
 * use for their queries. Pages get data or a message a person can act on,
 * never an exception with internals.
 */
export type Loaded<T> = { ok: true; data: T } | { ok: false; message: string; requestId: string | null };

export function parseSearch<S extends z.ZodType>(
  schema: S,
  sp: Record<string, string | string[] | undefined>,
  keys: readonly string[],
): { values: z.output<S> | Record<string, never>; errors: Record<string, string> } {
  const picked: Record<string, string> = {};
  for (const k of keys) {
    const v = sp[k];
    const s = Array.isArray(v) ? v[0] : v;
    if (s !== undefined && s !== "") picked[k] = s;
  }
  const parsed = schema.safeParse(picked);
  if (parsed.success) return { values: parsed.data, errors: {} };
  // Keep the valid filters: drop only the values that failed, and say why next to their fields.
  const errors = issuesToFields(parsed.error.issues, null);
  for (const k of Object.keys(errors)) delete picked[k.split(".")[0] ?? k];
  const retry = schema.safeParse(picked);
  return { values: retry.success ? retry.data : {}, errors };
}

async function loading<T>(load: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await load() };
  } catch (err) {
    if (isUpstreamError(err)) {
      const mapped = mapUpstreamError(err, { write: false, retrySafe: true }).error;
      return { ok: false, message: mapped.message, requestId: mapped.details.requestId ?? null };
    }
    console.error("page data failed:", err instanceof Error ? err.message : err);
    return { ok: false, message: "The console could not load this page's data. Try again.", requestId: null };
  }
}

export function loadMerchants(
  client: PartnershipsClient,
  query: { limit?: number; cursor?: string },
): Promise<Loaded<{ accounts: Account[]; nextCursor: string | null }>> {
  return loading(async () => {
    const result = await client.listAccounts(query);
    return { accounts: result.data.accounts, nextCursor: result.data.next_cursor };
  });
}

export function loadOperations(
  db: ConsoleDb,
  query: { limit?: number; cursor?: string; merchantId?: string; status?: string },
): Promise<Loaded<{ entries: JournalEntry[]; nextCursor: string | null }>> {
  return loading(() => db.journal.list(query));
}

export function loadAudit(
  db: ConsoleDb,
  query: Parameters<ConsoleDb["audit"]["list"]>[0],
): Promise<Loaded<{ entries: AuditEntry[]; nextCursor: string | null }>> {
  return loading(() => db.audit.list(query));
}
