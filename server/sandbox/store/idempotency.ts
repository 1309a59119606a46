import { createHash } from "node:crypto";
import { prep, type SandboxState } from "../state";

export const KEY_RETENTION_MS = 24 * 3600 * 1000;

export interface KeyRow {
  parent_id: string;
  account_id: string;
  key: string;
  fingerprint: string;
  operation_id: string;
  created_at: number;
  settled: number;
  status: number | null;
  headers: string | null;
  body: string | null;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = canonical((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/**
 * What "the same request" means (SPEC §3): method, path, dry_run (absent = false) and
 * the body as a parsed JSON value, or its bytes when it does not parse.
 */
export function fingerprint(method: string, path: string, dryRun: string | undefined, body: Uint8Array): string {
  let bodyPart: string;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    bodyPart = `json:${JSON.stringify(canonical(JSON.parse(text)))}`;
  } catch {
    bodyPart = `bytes:${createHash("sha256").update(body).digest("hex")}`;
  }
  const dry = dryRun === undefined || dryRun === "false" ? "false" : dryRun;
  return createHash("sha256")
    .update(JSON.stringify([method, path, dry, bodyPart]))
    .digest("hex");
}

/** The key's record if still within retention; an expired one is removed so the key is new again. */
export function lookupKey(s: SandboxState, parentId: string, accountId: string, key: string): KeyRow | undefined {
  const row = prep(s, "SELECT * FROM idempotency_keys WHERE parent_id = ? AND account_id = ? AND key = ?").get(
    parentId,
    accountId,
    key,
  ) as KeyRow | undefined;
  if (row && row.created_at <= s.now() - KEY_RETENTION_MS) {
    prep(s, "DELETE FROM idempotency_keys WHERE parent_id = ? AND account_id = ? AND key = ?").run(
      parentId,
      accountId,
      key,
    );
    return undefined;
  }
  return row;
}

export function reserveKey(
  s: SandboxState,
  parentId: string,
  accountId: string,
  key: string,
  fp: string,
  operationId: string,
): void {
  prep(
    s,
    `INSERT INTO idempotency_keys (parent_id, account_id, key, fingerprint, operation_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(parentId, accountId, key, fp, operationId, s.now());
}

export function keepOutcome(
  s: SandboxState,
  parentId: string,
  accountId: string,
  key: string,
  status: number,
  headers: Record<string, string>,
  body: string,
): void {
  prep(
    s,
    `UPDATE idempotency_keys SET settled = 1, status = ?, headers = ?, body = ?
       WHERE parent_id = ? AND account_id = ? AND key = ?`,
  ).run(status, JSON.stringify(headers), body, parentId, accountId, key);
}

export function dropKey(s: SandboxState, parentId: string, accountId: string, key: string): void {
  prep(s, "DELETE FROM idempotency_keys WHERE parent_id = ? AND account_id = ? AND key = ?").run(
    parentId,
    accountId,
    key,
  );
}
