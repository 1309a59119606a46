import "server-only";
import type { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import type { SessionUser } from "@/server/auth/types";
import type { ConsoleDb } from "@/server/db/types";
import type { ApiResult, PartnershipsClient, WriteOptions } from "@/server/partnerships/types";
import type { ApiDeps } from "./context";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a handler may add to the audit entry of its request. */
export interface AuditNotes {
  merchantId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Replaces the default (redacted body) request summary. */
  summary?: unknown;
  message?: string | null;
}

export interface HandlerContext<P, Q, B> {
  request: Request;
  /** null only on public routes. */
  user: SessionUser | null;
  db: ConsoleDb;
  deps: ApiDeps;
  client(): Promise<PartnershipsClient>;
  params: P;
  query: Q;
  body: B;
  /** Writes only: the validated key of this intent, forwarded upstream unchanged. */
  idempotencyKey: string | null;
  dryRun: boolean;
  /** Upstream write options: the intent's key, dry run, and journaling of the operation id as soon as it is known. */
  writeOptions(extra?: { merchantId?: string | null }): WriteOptions;
  audit: AuditNotes;
}

export interface HandlerResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Upstream identifiers of the answer, for the audit entry and journal. */
  requestId?: string | null;
  operationId?: string | null;
}

export type BodyType = "json" | "csv";

export interface RouteDef<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Express-style pattern, e.g. "/api/merchants/:accountId/controls". */
  path: string;
  /** Minimum role; null = public (no session needed). */
  role: Role | null;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  bodyType?: BodyType;
  /** Largest accepted body; default 256 KiB. */
  maxBodyBytes?: number;
  /** State-changing: audited, rate limited, needs an Idempotency-Key. */
  write: boolean;
  /** Audit action name, e.g. "merchant.controls.update". */
  audit: string;
  /** Upstream operation type, for the operations journal. */
  operationType?: string;
  /** false when the upstream has no idempotency (network privacy): an unknown outcome keeps the key. */
  retrySafe?: boolean;
  /**
   * What the idempotency intent keeps for a replay (default: the whole answer). A route whose answer
   * holds something shown only once (an invite link) keeps less, so the database never holds it.
   */
  keptBody?(body: unknown): unknown;
  /** The request summary stored in the audit log (default: the body, with secret-looking keys removed). */
  summarize?(body: B, query: Q): unknown;
  handler(ctx: HandlerContext<P, Q, B>): Promise<HandlerResult>;
}

// biome-ignore lint/suspicious/noExplicitAny: the table holds routes of many shapes; each is typed where defined.
export type AnyRoute = RouteDef<any, any, any>;

/** Typed at the definition, erased in the table. */
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  def: RouteDef<P, Q, B>,
): AnyRoute {
  return def as AnyRoute;
}

/** The usual body of a successful upstream call. */
export function upstreamOk<T>(result: ApiResult<T>, data: unknown = result.data): HandlerResult {
  return {
    status: result.status >= 200 && result.status < 300 ? result.status : 200,
    body: {
      data,
      requestId: result.requestId,
      operationId: result.operationId,
      dryRun: result.dryRun,
      replayed: result.replayed,
    },
    requestId: result.requestId,
    operationId: result.operationId,
  };
}
