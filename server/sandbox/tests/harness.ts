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
import { createSandbox } from "../index";
import {
  ADMIN_TOKEN,
  BASE,
  DEMO,
  type Json,
  OPERATION_PATH,
  type Platform,
  REGISTER_PATH,
  type Res,
  regBody,
  STATUS_PATH,
  T0,
} from "./spec";

export * from "./spec";

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
