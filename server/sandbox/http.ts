import { randomBytes, randomUUID } from "node:crypto";
import type { z } from "zod";
import { ERROR_CODES, type ErrorStatus } from "@/lib/partnerships";

/** An answer decided before execution: the pipeline turns it into an enveloped error. */
export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new ApiError(400, message);
export const forbidden = (message = "Forbidden") => new ApiError(403, message);
export const notFound = (message = "Not Found") => new ApiError(404, message);
export const conflict = (message: string) => new ApiError(409, message);

export const newRequestId = (): string => randomUUID();
export const newUuid = (): string => randomUUID();

const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
export function randomAlnum(n: number): string {
  const bytes = randomBytes(n);
  let out = "";
  for (let i = 0; i < n; i++) out += ALNUM[(bytes[i] as number) % 36];
  return out;
}
export const newOperationId = (): string => `op_${randomAlnum(26)}`;

export const iso = (ms: number): string => new Date(ms).toISOString();

export interface EnvelopeBody {
  status: number;
  error: string | null;
  message: string;
  request_id: string;
  data: unknown;
}

export function envelope(status: number, requestId: string, data: unknown, message = "ok"): EnvelopeBody {
  const error = status >= 400 ? (ERROR_CODES[status as ErrorStatus] ?? "InternalServerError") : null;
  return { status, error, message, request_id: requestId, data: status >= 400 ? null : data };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...headers },
  });
}

export function textResponse(status: number, text: string, headers: Record<string, string>): Response {
  return new Response(text, { status, headers });
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

const typeName = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** One zod issue as `field value problem`, e.g. `store_identifier https://acme is not a valid URL`. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown, prefix: string): string {
  const at = fieldPath(issue.path);
  const field = prefix && at ? `${prefix}.${at}` : at || prefix || "body";
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((k) => `${field === "body" ? k : `${field}.${k}`} is not a known field`).join("; ");
    case "invalid_type": {
      if (value === undefined) return `${field} is required`;
      if (value === null) return `${field} must not be null`;
      if (!issue.message.startsWith("Invalid")) return `${field} ${issue.message}`;
      const article = /^[aeiou]/.test(issue.expected) ? "an" : "a";
      return `${field} must be ${article} ${issue.expected}, not ${typeName(value)}`;
    }
    case "invalid_value":
      if (value === undefined) return `${field} is required`;
      if (value === null) return `${field} must not be null`;
      if (issue.message.startsWith("Invalid")) return `${field} must be one of ${issue.values.map(String).join(", ")}`;
      return `${field} ${issue.message}`;
    default: {
      // A rule about the whole body (exactly one identifier) names the fields in its message.
      if (issue.message.startsWith("must give exactly one")) return `body ${issue.message}`;
      if (issue.message.startsWith("is ") && (typeof value === "string" || typeof value === "number")) {
        const shown = String(value).length > 100 ? `${String(value).slice(0, 100)}…` : String(value);
        return `${field} ${shown} ${issue.message}`;
      }
      if (issue.message.startsWith("Too") || issue.message.startsWith("Invalid")) {
        return `${field} is invalid (${issue.message})`;
      }
      return `${field} ${issue.message}`;
    }
  }
}

export function describeZodError(error: z.ZodError, input: unknown, prefix = ""): string {
  return error.issues
    .slice(0, 5)
    .map((i) => describeIssue(i, input, prefix))
    .join("; ");
}

/** Parses with a strict schema or throws a 400 naming the fields. */
export function parseOr400<T extends z.ZodType>(schema: T, input: unknown, prefix = ""): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw badRequest(describeZodError(r.error, input, prefix));
  return r.data;
}

export const MAX_BODY_BYTES = 256 * 1024;
/** Bodies beyond this are not read further; they are already too large. */
const READ_CAP = 4 * 1024 * 1024;

export interface RawBody {
  bytes: Uint8Array;
  tooLarge: boolean;
}

export async function readBody(req: Request): Promise<RawBody> {
  // A declared, bounded length takes arrayBuffer(), which @hono/node-server reads on a fast
  // path, but only while `req.body` was never touched (that builds a slow web stream).
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d{1,7}$/.test(declared) && Number(declared) <= READ_CAP) {
    const bytes = new Uint8Array(await req.arrayBuffer());
    return { bytes, tooLarge: bytes.byteLength > MAX_BODY_BYTES };
  }
  if (!req.body) return { bytes: new Uint8Array(0), tooLarge: false };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > READ_CAP) {
      tooLarge = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(Math.min(size, READ_CAP));
  let off = 0;
  for (const c of chunks) {
    bytes.set(c, off);
    off += c.byteLength;
  }
  return { bytes, tooLarge: tooLarge || size > MAX_BODY_BYTES };
}

const isJsonContentType = (ct: string | null) => ct !== null && /^\s*application\/json\s*(;.*)?$/i.test(ct);

/** Content-Type, size, UTF-8 and JSON: the request-validation steps before the schema. */
export function parseJsonBody(req: Request, raw: RawBody): unknown {
  if (!isJsonContentType(req.headers.get("content-type"))) throw badRequest("Content-Type must be application/json");
  if (raw.tooLarge) throw badRequest(`body exceeds ${MAX_BODY_BYTES} bytes`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw.bytes);
  } catch {
    throw badRequest("body is not valid UTF-8");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest("body is not valid JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw badRequest("body must be a JSON object");
  return value;
}

/**
 * Query parameters as a map, rejecting names the route does not know and repeats.
 * `dry_run`, if allowed and present, must be exactly true or false.
 */
export function parseQuery(url: URL, allowed: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name)) throw badRequest(`query parameter ${name} is not known`);
    if (out.has(name)) throw badRequest(`query parameter ${name} is repeated`);
    out.set(name, value);
  }
  const dry = out.get("dry_run");
  if (dry !== undefined && dry !== "true" && dry !== "false") throw badRequest(`dry_run ${dry} must be true or false`);
  return out;
}

/** A header's value, with an empty one counted as missing (SPEC §1). */
export function header(req: Request, name: string): string | null {
  const v = req.headers.get(name);
  return v === null || v.trim() === "" ? null : v.trim();
}
