import type { z } from "zod";
import { type OperationType, parseIdempotencyKey } from "@/lib/partnerships";
import { applyFaults, shouldDrop } from "./faults";
import {
  ApiError,
  badRequest,
  envelope,
  header,
  parseJsonBody,
  parseOr400,
  parseQuery,
  type RawBody,
  readBody,
} from "./http";
import { authAndCount, DROP_HEADER, errorResponse, ownedAccount, parentHeaderRequired, type Rc } from "./pipeline";
import type { AccountRow } from "./store/accounts";
import { dropKey, fingerprint, keepOutcome, lookupKey, reserveKey } from "./store/idempotency";
import { allocateOperation, purgeExpired, settleOperation } from "./store/operations";

/** Writes (SPEC §3): the key lookup, then faults, validation and one transaction for the rest. */

export interface Outcome {
  status: number;
  data: unknown;
  /** A live deletion: its operation stays pending and progresses from the commit time. */
  longRunning?: boolean;
  /** Register: the answer's account id for the operation. */
  accountId?: string | null;
}

export interface Allocated {
  operationId: string;
  dryRun: boolean;
  scope?: { parentId: string; accountId: string; key: string };
  /** Register reports the answer's account id (null on errors). */
  reportsAccount?: boolean;
}

const DRY_RUN = Symbol("dry-run rollback");

/**
 * Everything after a write's operation exists: faults, validation (`prepare`), then the
 * state change, operation update and kept outcome in one transaction. A dry-run's state
 * change runs in a savepoint that is rolled back, so it makes every check a live call would.
 */
export async function settleWrite(rc: Rc, w: Allocated, prepare: () => Promise<() => Outcome>): Promise<Response> {
  const { s } = rc;
  rc.headers["X-Operation-Id"] = w.operationId;
  let exec: () => Outcome;
  try {
    await applyFaults(s);
    exec = await prepare();
  } catch (e) {
    exec = () => {
      throw e;
    };
  }
  const commit = (run: () => Outcome) =>
    s.db.transaction(() => {
      let outcome: Outcome | ApiError | undefined;
      try {
        s.db.transaction(() => {
          outcome = run();
          if (w.dryRun) throw DRY_RUN;
        })();
      } catch (e) {
        if (e instanceof ApiError) outcome = e;
        else if (e !== DRY_RUN) throw e;
      }
      return record(rc, w, outcome as Outcome | ApiError);
    })();
  let res: Response;
  try {
    res = commit(exec);
  } catch (e) {
    // The sandbox was closed while this write waited (a restart in tests): nothing to record.
    if (!s.db.open) return errorResponse(rc, new ApiError(500, "sandbox is shutting down"));
    console.error("sandbox: write failed", e);
    res = commit(() => {
      throw new ApiError(500, "internal server error");
    });
  }
  if (res.status >= 200 && res.status < 300 && shouldDrop(s)) res.headers.set(DROP_HEADER, "1");
  return res;
}

function record(rc: Rc, w: Allocated, outcome: Outcome | ApiError): Response {
  const { s } = rc;
  const isError = outcome instanceof ApiError;
  const status = outcome.status;
  const message = isError ? outcome.message : "ok";
  const body = JSON.stringify(envelope(status, rc.requestId, isError ? null : outcome.data, message));
  const live = !w.dryRun;
  const longRunningAt = !isError && outcome.longRunning && live ? s.now() : undefined;
  settleOperation(s, w.operationId, {
    httpStatus: status,
    bodyText: body,
    message,
    accountId: w.reportsAccount ? (isError ? null : (outcome.accountId ?? null)) : undefined,
    longRunningAt,
  });
  const headers = { "Content-Type": "application/json; charset=utf-8", "X-Operation-Id": w.operationId };
  if (w.scope) {
    const { parentId, accountId, key } = w.scope;
    if (status >= 500 || status === 429) dropKey(s, parentId, accountId, key);
    else keepOutcome(s, parentId, accountId, key, status, headers, body);
  }
  const extra = isError ? outcome.headers : {};
  return new Response(body, { status, headers: { ...headers, ...extra } });
}

/** Key present and well-formed (400, nothing allocated or kept). */
export function requireKey(rc: Rc): string {
  const raw = header(rc.req, "idempotency-key");
  if (raw === null) throw badRequest("Idempotency-Key is required");
  const key = parseIdempotencyKey(raw);
  if (key === null) throw badRequest(`Idempotency-Key ${raw.slice(0, 80)} is not a canonical UUID`);
  return key;
}

/**
 * A write to `{account_id}` (SPEC §3): token → rate limit → parent header → account →
 * key → key lookup (replay / 422 / 409, or reserve and allocate) → settleWrite.
 */
export async function accountWrite(
  rc: Rc,
  accountId: string,
  route: string,
  limit: number,
  type: OperationType,
  prepare: (account: AccountRow, raw: RawBody, dryRun: boolean) => Promise<() => Outcome>,
): Promise<Response> {
  const { s, req } = rc;
  let allocated: Allocated;
  let account: AccountRow;
  let raw: RawBody;
  try {
    authAndCount(rc, route, limit);
    parentHeaderRequired(rc);
    account = ownedAccount(rc, accountId);
    const key = requireKey(rc);
    raw = await readBody(req);
    const dryValues = rc.url.searchParams.getAll("dry_run");
    const dryRaw = dryValues.length === 0 ? undefined : dryValues.join(",");
    const dryRun = dryRaw === "true";
    const fp = fingerprint(req.method, rc.url.pathname, dryRaw, raw.bytes);
    const parentId = rc.parentId;
    const found = s.db.transaction(() => {
      const row = lookupKey(s, parentId, accountId, key);
      if (row) return row;
      purgeExpired(s);
      const operationId = allocateOperation(s, parentId, type, accountId, dryRun);
      reserveKey(s, parentId, accountId, key, fp, operationId);
      allocated = { operationId, dryRun, scope: { parentId, accountId, key } };
      return undefined;
    })();
    if (found) {
      if (!found.settled) {
        throw new ApiError(409, "Idempotency-Key is in use by a running request", {
          "Retry-After": "1",
          "X-Operation-Id": found.operation_id,
        });
      }
      if (found.fingerprint !== fp) {
        throw new ApiError(422, "Idempotency-Key was used with a different request", {
          "X-Operation-Id": found.operation_id,
        });
      }
      const headers = JSON.parse(found.headers ?? "{}") as Record<string, string>;
      return new Response(found.body, {
        status: found.status ?? 200,
        headers: { ...headers, "Idempotent-Replayed": "true" },
      });
    }
  } catch (e) {
    return errorResponse(rc, e);
  }
  const a = allocated!;
  return settleWrite(rc, a, () => prepare(account, raw!, a.dryRun));
}

/**
 * The request-validation step of a write (SPEC §2, §3): Content-Type, size, JSON,
 * query parameters (only `dry_run`, unless the route names more), then the body schema.
 */
export function validateWrite<T extends z.ZodType>(
  rc: Rc,
  raw: RawBody,
  schema: T,
  opts: { noDryRun?: boolean; query?: readonly string[] } = {},
): z.output<T> {
  const body = parseJsonBody(rc.req, raw);
  const q = parseQuery(rc.url, ["dry_run", ...(opts.query ?? [])]);
  if (opts.noDryRun && q.get("dry_run") === "true") throw badRequest("dry_run is not supported by this endpoint");
  return parseOr400(schema, body);
}

/** X-Dry-Run: true goes on every answer to a write sent with dry_run=true (SPEC §5). */
export function markDryRun(rc: Rc): void {
  const v = rc.url.searchParams.getAll("dry_run");
  rc.dryRunWrite = v.length === 1 && v[0] === "true";
}
