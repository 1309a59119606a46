import "server-only";
import { createPartnershipsClient } from "./client";
import { type PartnershipsClientConfig, TOKEN_PATH } from "./config";
import type { PartnershipsClient } from "./types";

/** A scripted upstream for unit tests: the token endpoint is built in, every other call goes to `handler`. */

export const SECRET = "rsec_super_secret_value";
export const PARENT = "1000000000000001";
export const ACCOUNT = "1000000000000123";
export const KEY = "5f0c6a1e-3b7d-4c1a-9e2f-0a1b2c3d4e5f";

export interface RecordedCall {
  method: string;
  url: URL;
  path: string;
  headers: Headers;
  body: string | undefined;
}

export type Handler = (call: RecordedCall, index: number) => Response | Promise<Response>;

export function envelope(
  status: number,
  data: unknown,
  opts: { headers?: Record<string, string>; message?: string; error?: string | null; requestId?: string } = {},
): Response {
  const requestId = opts.requestId ?? `req-${Math.random().toString(16).slice(2, 10)}`;
  const body = {
    status,
    error: opts.error ?? (status < 400 ? null : "Error"),
    message: opts.message ?? (status < 400 ? "ok" : "failed"),
    request_id: requestId,
    data,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "X-Request-Id": requestId, ...opts.headers },
  });
}

export function errorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return envelope(status, null, { message, headers });
}

export interface FakeUpstream {
  fetch: typeof fetch;
  calls: RecordedCall[];
  tokenBodies: string[];
  tokenHeaders: Headers[];
  /** Tokens handed out, in order. */
  tokens: string[];
  expiresIn: number;
  tokenGate: Promise<void> | null;
}

export function fakeUpstream(handler: Handler): FakeUpstream {
  const fake: FakeUpstream = {
    calls: [],
    tokenBodies: [],
    tokenHeaders: [],
    tokens: [],
    expiresIn: 300,
    tokenGate: null,
    fetch: async (input, init) => {
      const url = new URL(String(input));
      const headers = new Headers(init?.headers);
      const body = init?.body === undefined || init.body === null ? undefined : String(init.body);
      if (url.pathname === TOKEN_PATH) {
        fake.tokenBodies.push(body ?? "");
        fake.tokenHeaders.push(headers);
        if (fake.tokenGate) await fake.tokenGate;
        const token = `eyJtok${fake.tokens.length + 1}.opaque-access-token-value`;
        fake.tokens.push(token);
        return new Response(JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: fake.expiresIn }), {
          status: 200,
          headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
        });
      }
      const call = { method: init?.method ?? "GET", url, path: url.pathname, headers, body };
      fake.calls.push(call);
      return handler(call, fake.calls.length - 1);
    },
  };
  return fake;
}

export interface TestClient {
  client: PartnershipsClient;
  sleeps: number[];
  logs: Record<string, unknown>[];
}

export function testClient(fetchImpl: typeof fetch, overrides: Partial<PartnershipsClientConfig> = {}): TestClient {
  const sleeps: number[] = [];
  const logs: Record<string, unknown>[] = [];
  const client = createPartnershipsClient({
    apiUrl: "https://api.test",
    authUrl: "https://auth.test",
    clientId: "rspub_test",
    clientSecret: SECRET,
    parentAccountId: PARENT,
    fetch: fetchImpl,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    logger: { info: (o) => logs.push({ level: "info", ...o }), warn: (o) => logs.push({ level: "warn", ...o }) },
    ...overrides,
  });
  return { client, sleeps, logs };
}

export const statusView = {
  accountId: ACCOUNT,
  status: "active",
  variants: [{ pageVariantId: "v1", pageId: "p1", name: "Confirmation - Default", status: "active" }],
};
