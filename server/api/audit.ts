import "server-only";
import type { SessionUser } from "@/server/auth/types";
import type { AuditEntryInput, AuditOutcome, ConsoleDb } from "@/server/db/types";

/** Keys whose values never reach the audit log, at any depth. */
const SECRET_KEY = /secret|token|password|authorization|cookie|credential/i;
const MAX_STRING = 2000;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[…]";
  if (typeof value === "string") return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.slice(0, 500).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1);
  }
  return out;
}

export function clientIp(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0]?.trim() || null;
  return request.headers.get("x-real-ip");
}

export interface AuditWrite {
  action: string;
  outcome: AuditOutcome;
  httpStatus: number;
  request: Request;
  user: SessionUser | null;
  merchantId?: string | null;
  summary?: unknown;
  before?: unknown;
  after?: unknown;
  message?: string | null;
  upstreamRequestId?: string | null;
  operationId?: string | null;
  idempotencyKey?: string | null;
}

/**
 * Appends one audit entry. A failure to audit is logged and swallowed only
 * after the request has been decided: the caller decides whether that matters.
 */
export async function writeAudit(db: ConsoleDb, entry: AuditWrite): Promise<void> {
  const url = new URL(entry.request.url);
  const input: AuditEntryInput = {
    userId: entry.user?.id ?? null,
    userEmail: entry.user?.email ?? null,
    role: entry.user?.role ?? null,
    action: entry.action,
    merchantId: entry.merchantId ?? null,
    request: redact({
      method: entry.request.method,
      path: url.pathname,
      query: url.search || undefined,
      body: entry.summary,
    }),
    before: entry.before === undefined ? undefined : redact(entry.before),
    after: entry.after === undefined ? undefined : redact(entry.after),
    outcome: entry.outcome,
    httpStatus: entry.httpStatus,
    message: entry.message ?? null,
    upstreamRequestId: entry.upstreamRequestId ?? null,
    operationId: entry.operationId ?? null,
    idempotencyKey: entry.idempotencyKey ?? null,
    ip: clientIp(entry.request),
    userAgent: entry.request.headers.get("user-agent")?.slice(0, 512) ?? null,
  };
  await db.audit.append(input);
}

export function outcomeFor(status: number): AuditOutcome {
  if (status < 400) return "success";
  if (status === 401 || status === 403) return "denied";
  if (status >= 500) return "error";
  return "failure";
}
