/**
 * Black-box harness for the sandbox conformance suite: every test talks to a
 * fresh in-process sandbox through `fetch(Request)` only, never through its
 * modules, so the suite holds for any implementation of SPEC.md.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, onTestFinished } from "vitest";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PARENT_ACCOUNT_ID } from "../demo-platform";
import { createSandbox } from "../index";

export const BASE = "http://sandbox.test";
export const ADMIN_TOKEN = "test-admin-token";
export const DEMO = { clientId: DEMO_CLIENT_ID, secret: DEMO_CLIENT_SECRET, parent: DEMO_PARENT_ACCOUNT_ID };
export const OTHER = { clientId: "rspub_other", secret: "rsec_other", parent: "1000000000000002" };
export type Platform = typeof DEMO;

/** Fixed start of the injected clock, so timestamps and windows are exact. */
export const T0 = Date.parse("2026-11-29T00:00:00.000Z");
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const OP_RE = /^op_[a-z0-9]{26}$/;
export const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const ACCOUNT_RE = /^[1-9]\d{15}$/;

export const STATUS_PATH = (id: string) => `/v1/partnership/accounts/${id}/status`;
export const MCL_PATH = (id: string) => `/v1/partnership/accounts/${id}/marketplacecontrolslists`;
export const PAGES_PATH = (id: string) => `/v1/partnership/accounts/${id}/pages`;
export const LAYOUT_PATH = (id: string, layoutId: string) => `/v1/partnership/accounts/${id}/layouts/${layoutId}`;
export const PAYOUT_PATH = (id: string) => `/v1/partnership/accounts/${id}/payout-setup`;
export const DELETION_PATH = (id: string) => `/v1/partnership/accounts/${id}/data-deletion-requests`;
export const REGISTER_PATH = "/v1/accounts/register/partnership";
export const OPERATION_PATH = (id: string) => `/v1/partnership/operations/${id}`;
export const PRIVACY_PATH = (parent: string) => `/v1/partnership/network-privacy-requests?parent_account_id=${parent}`;

// biome-ignore lint/suspicious/noExplicitAny: responses are checked field by field by the tests.
export type Json = any;
export interface Res {
  status: number;
  headers: Headers;
  text: string;
  body: Json;
}

export interface OpenOptions {
  seedMerchants?: number;
  deletionMs?: number;
  rateLimits?: boolean;
  dataDir?: string;
  start?: number;
}

export interface WriteOptions {
  platform?: Platform;
  /** undefined → a fresh random key; null → header left out. */
  key?: string | null;
  /** undefined → the platform's parent; null → header left out. */
  parent?: string | null;
  dryRun?: boolean;
  headers?: Record<string, string>;
  /** Raw body text sent instead of JSON.stringify(body). */
  raw?: string;
  token?: string | null;
  /** undefined → application/json; null → no Content-Type at all (body sent as bytes). */
  contentType?: string | null;
}

export interface ReadOptions {
  platform?: Platform;
  parent?: string;
  headers?: Record<string, string>;
  token?: string | null;
}

let regCounter = 0;
/** A valid register body for the demo platform, unique per call. */
export function regBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  regCounter += 1;
  const n = `${process.pid}-${regCounter}-${randomUUID().slice(0, 8)}`;
  return {
    brand: `Brand ${n}`,
    vertical_id: 1500,
    sub_vertical_id: 1610,
    country_code: "US",
    platform_parent_account_id: DEMO.parent,
    store_identifier: `https://shop-${n}.example.com`,
    external_account_id: `ext-${n}`,
    pages: [{ surface: "confirmation", layout_type: "Overlay" }],
    ...over,
  };
}

async function toRes(response: Response): Promise<Res> {
  const text = await response.text();
  let body: Json;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

export class Env {
  private tokens = new Map<string, string>();
  constructor(
    public sb: ReturnType<typeof createSandbox>,
    public readonly dir: string,
    public readonly clock: { t: number },
    private readonly opts: OpenOptions,
  ) {}

  advance(ms: number): void {
    this.clock.t += ms;
    this.tokens.clear();
  }

  now(): number {
    return this.clock.t;
  }

  /** Closes the sandbox and opens a new one on the same data folder (a restart). */
  restart(): void {
    this.sb.close();
    this.sb = makeSandbox(this.dir, this.clock, this.opts);
    this.tokens.clear();
  }

  async raw(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> } = {},
  ): Promise<Res> {
    const req = new Request(BASE + path, { method, headers: init.headers, body: init.body });
    return toRes(await this.sb.fetch(req));
  }

  async tokenResponse(form: Record<string, string>, headers: Record<string, string> = {}): Promise<Res> {
    return this.raw("POST", "/api/v1/oauth/token", {
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form).toString(),
    });
  }

  async token(p: Platform = DEMO): Promise<string> {
    const cached = this.tokens.get(p.clientId);
    if (cached) return cached;
    const res = await this.tokenResponse({
      grant_type: "client_credentials",
      client_id: p.clientId,
      client_secret: p.secret,
    });
    expect(res.status, `token for ${p.clientId}: ${res.text}`).toBe(200);
    this.tokens.set(p.clientId, res.body.access_token);
    return res.body.access_token;
  }

  private async authHeaders(p: Platform, token: string | null | undefined): Promise<Record<string, string>> {
    if (token === null) return {};
    return { authorization: `Bearer ${token ?? (await this.token(p))}` };
  }

  async get(path: string, o: ReadOptions = {}): Promise<Res> {
    const p = o.platform ?? DEMO;
    const headers: Record<string, string> = { ...(await this.authHeaders(p, o.token)), ...o.headers };
    if (o.parent !== undefined) headers["x-platform-parent-account-id"] = o.parent;
    return this.raw("GET", path, { headers });
  }

  writeRequest(method: string, path: string, body: unknown, o: WriteOptions = {}, auth: Record<string, string> = {}) {
    const p = o.platform ?? DEMO;
    const headers: Record<string, string> = { ...auth };
    if (o.contentType !== null) headers["content-type"] = o.contentType ?? "application/json";
    const key = o.key === undefined ? randomUUID() : o.key;
    if (key !== null) headers["idempotency-key"] = key;
    const parent = o.parent === undefined ? p.parent : o.parent;
    if (parent !== null) headers["x-platform-parent-account-id"] = parent;
    Object.assign(headers, o.headers);
    const sep = path.includes("?") ? "&" : "?";
    const url = BASE + path + (o.dryRun ? `${sep}dry_run=true` : "");
    const text = o.raw ?? (body === undefined ? undefined : JSON.stringify(body));
    // A string body would make Request add text/plain; bytes carry no Content-Type.
    const payload = o.contentType === null && text !== undefined ? new TextEncoder().encode(text) : text;
    return new Request(url, { method, headers, body: payload });
  }

  /** A write; rejects (TypeError) when the sandbox drops the answer. */
  async write(method: string, path: string, body: unknown, o: WriteOptions = {}): Promise<Res> {
    const auth = await this.authHeaders(o.platform ?? DEMO, o.token);
    return toRes(await this.sb.fetch(this.writeRequest(method, path, body, o, auth)));
  }

  async register(over: Record<string, unknown> = {}, o: WriteOptions = {}): Promise<Res> {
    return this.write("POST", REGISTER_PATH, regBody(over), { key: null, ...o });
  }

  /** Registers a fresh account and returns its 200 data. */
  async newAccount(over: Record<string, unknown> = {}): Promise<Json> {
    const res = await this.register(over);
    expect(res.status, res.text).toBe(200);
    return res.body.data;
  }

  async admin(method: string, path: string, body?: unknown, token: string | null = ADMIN_TOKEN): Promise<Res> {
    const headers: Record<string, string> = {};
    if (token !== null) headers["x-sandbox-admin"] = token;
    if (body !== undefined) headers["content-type"] = "application/json";
    return this.raw(method, path, { headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  async faults(f: Record<string, unknown>): Promise<void> {
    const res = await this.admin("POST", "/_sandbox/faults", f);
    expect(res.status, res.text).toBe(200);
  }

  /** The account's whole stored state, as /_sandbox/ shows it. */
  async state(accountId: string): Promise<Json> {
    const res = await this.admin("GET", `/_sandbox/accounts/${accountId}`);
    expect(res.status, res.text).toBe(200);
    return res.body.data;
  }

  async listAll(p: Platform = DEMO): Promise<Json[]> {
    const out: Json[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 1000; i++) {
      const q: string = `parent_account_id=${p.parent}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await this.get(`/v1/partnership/accounts?${q}`, { platform: p });
      expect(res.status, res.text).toBe(200);
      out.push(...res.body.data.accounts);
      cursor = res.body.data.next_cursor;
      if (!cursor) return out;
    }
    throw new Error("list did not end");
  }

  async operation(opId: string, p: Platform = DEMO): Promise<Res> {
    return this.get(OPERATION_PATH(opId), { platform: p });
  }

  dispose(): void {
    try {
      this.sb.close();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

function makeSandbox(dir: string, clock: { t: number }, o: OpenOptions) {
  return createSandbox({
    dataDir: dir,
    seedMerchants: o.seedMerchants ?? 20,
    adminToken: ADMIN_TOKEN,
    deletionMs: o.deletionMs ?? 15_000,
    rateLimits: o.rateLimits ?? false,
    now: () => clock.t,
  });
}

/** A fresh sandbox on its own temp data folder; the caller disposes it. */
export function openManual(o: OpenOptions = {}): Env {
  const dir = o.dataDir ?? mkdtempSync(join(tmpdir(), "sandbox-test-"));
  const clock = { t: o.start ?? T0 };
  return new Env(makeSandbox(dir, clock, o), dir, clock, o);
}

/** A fresh sandbox on its own temp data folder, closed and removed when the test ends. */
export function open(o: OpenOptions = {}): Env {
  const env = openManual(o);
  onTestFinished(() => env.dispose());
  return env;
}

/** Asserts the §2 envelope: exact keys, status mirrored, code by status, request id = header (unless replayed). */
export function expectEnvelope(res: Res, status: number, message?: string | RegExp): void {
  expect(res.status, res.text).toBe(status);
  expect(Object.keys(res.body ?? {}).sort(), res.text).toEqual(["data", "error", "message", "request_id", "status"]);
  expect(res.body.status).toBe(status);
  const code = ERROR_CODE[status];
  if (status < 300) {
    expect(res.body.error).toBeNull();
    expect(res.body.message).toBe("ok");
  } else {
    expect(res.body.error).toBe(code);
    expect(res.body.data).toBeNull();
    expect(typeof res.body.message).toBe("string");
  }
  expect(res.body.request_id).toMatch(UUID_RE);
  if (res.headers.get("idempotent-replayed") !== "true") {
    expect(res.headers.get("x-request-id")).toBe(res.body.request_id);
  }
  if (typeof message === "string") expect(res.body.message).toBe(message);
  else if (message) expect(res.body.message).toMatch(message);
}

export const ERROR_CODE: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  422: "ValidationFailed",
  429: "RateLimitExceeded",
  500: "InternalServerError",
};

/** First demo account in list order whose status GET matches the predicate. */
export async function findAccount(env: Env, pred: (status: Json) => boolean): Promise<string> {
  for (const a of await env.listAll()) {
    const res = await env.get(STATUS_PATH(a.account_id));
    if (pred(res.body.data)) return a.account_id;
  }
  throw new Error("no seed account matches");
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export { randomUUID };
