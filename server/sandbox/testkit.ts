/** Shared helpers for the sandbox's own tests: a fresh sandbox per test, driven through fetch(Request). */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PARENT_ACCOUNT_ID } from "./demo-platform";
import { createSandbox, type SandboxOptions, type SandboxWithHandler } from "./index";

// biome-ignore lint/suspicious/noExplicitAny: test bodies are checked field by field.
export type Json = any;

export const ORIGIN = "http://sandbox.local";
export const ADMIN = "test-admin";

export interface Kit {
  sb: SandboxWithHandler;
  dir: string;
  clock: { now: number };
  token: string;
  call(
    method: string,
    path: string,
    init?: { body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  write(method: string, path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  json(res: Response): Promise<{ status: number; headers: Headers; text: string; body: Json }>;
  accounts(limit?: number): Promise<Json[]>;
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  reopen(): Promise<void>;
  close(): void;
}

export async function tokenFor(
  sb: { fetch(r: Request): Promise<Response> },
  id = DEMO_CLIENT_ID,
  secret = DEMO_CLIENT_SECRET,
) {
  const res = await sb.fetch(
    new Request(`${ORIGIN}/api/v1/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: id, client_secret: secret }),
    }),
  );
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function openKit(opts: Partial<SandboxOptions> = {}): Promise<Kit> {
  const dir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), "sandbox-test-"));
  const clock = { now: Date.parse("2026-11-29T10:00:00.000Z") };
  const make = () =>
    createSandbox({
      seedMerchants: 20,
      adminToken: ADMIN,
      deletionMs: 10_000,
      now: () => clock.now,
      ...opts,
      dataDir: dir,
    });
  const kit: Kit = {
    sb: make(),
    dir,
    clock,
    token: "",
    call(method, p, init = {}) {
      const headers: Record<string, string> = { Authorization: `Bearer ${kit.token}`, ...init.headers };
      let body: string | undefined = init.raw;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers["Content-Type"] ??= "application/json";
      }
      return kit.sb.fetch(new Request(`${ORIGIN}${p}`, { method, headers, body }));
    },
    write(method, p, body, headers = {}) {
      return kit.call(method, p, {
        body,
        headers: {
          "X-Platform-Parent-Account-Id": DEMO_PARENT_ACCOUNT_ID,
          "Idempotency-Key": randomUUID(),
          ...headers,
        },
      });
    },
    async json(res) {
      const text = await res.text();
      let body: Json = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
      return { status: res.status, headers: res.headers, text, body };
    },
    async accounts(limit = 200) {
      const r = await kit.json(
        await kit.call("GET", `/v1/partnership/accounts?parent_account_id=${DEMO_PARENT_ACCOUNT_ID}&limit=${limit}`),
      );
      return r.body.data.accounts;
    },
    admin(method, p, body) {
      return kit.sb.fetch(
        new Request(`${ORIGIN}${p}`, {
          method,
          headers: { "X-Sandbox-Admin": ADMIN, "Content-Type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
    },
    async reopen() {
      kit.sb.close();
      kit.sb = make();
    },
    close() {
      kit.sb.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  kit.token = await tokenFor(kit.sb);
  return kit;
}

export const KEY = () => randomUUID();
