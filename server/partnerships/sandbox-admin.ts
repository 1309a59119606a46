import "server-only";
import { z } from "zod";
import { getEnv } from "@/server/env";
import { errorFromAnswer, parseJson } from "./answer";
import { upstreamTarget } from "./upstream";

/** Body of POST /_sandbox/faults (SPEC §8): a field left out keeps its value. */
export interface SandboxFaults {
  latency_ms?: number;
  error_rate?: number;
  drop_after_commit_rate?: number;
  rate_limits?: boolean;
}

export interface SandboxAdmin {
  /** `account_id,page_id,layout_id,surface,layout_type` for every demo page (the console seeds from it). */
  exportLayoutsCsv(): Promise<string>;
  /** The account's whole stored state; unknown account → NotFoundError. */
  getAccountState(accountId: string): Promise<unknown>;
  listPrivacyRequests(): Promise<unknown>;
  setFaults(body: SandboxFaults): Promise<unknown>;
  reset(): Promise<void>;
}

const anything = z.unknown();

/** The /_sandbox/ endpoints, through the same fetch as the client (in-process or SANDBOX_URL). */
export function createSandboxAdmin(opts: { origin: string; fetch: typeof fetch; adminToken: string }): SandboxAdmin {
  const origin = opts.origin.replace(/\/+$/, "");
  async function call(
    method: string,
    route: string,
    path: string,
    body?: unknown,
  ): Promise<{ text: string; json: unknown }> {
    const headers: Record<string, string> = { "X-Sandbox-Admin": opts.adminToken };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await opts.fetch(`${origin}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = parseJson(text);
    if (res.ok) return { text, json };
    throw errorFromAnswer(
      json,
      {
        status: res.status,
        requestId: res.headers.get("x-request-id"),
        operationId: null,
        replayed: false,
        dryRun: false,
        retryAfterSeconds: null,
        attempts: 1,
      },
      {
        method,
        route,
        schema: anything,
        mutating: method !== "GET",
        accountScoped: false,
        fieldNames: [],
        redact: (s) => s.split(opts.adminToken).join("[redacted]"),
      },
    );
  }
  const data = (json: unknown) => (json as { data?: unknown } | undefined)?.data;
  return {
    exportLayoutsCsv: async () =>
      (await call("GET", "/_sandbox/export/layouts.csv", "/_sandbox/export/layouts.csv")).text,
    getAccountState: async (accountId) =>
      data(
        (await call("GET", "/_sandbox/accounts/{account_id}", `/_sandbox/accounts/${encodeURIComponent(accountId)}`))
          .json,
      ),
    listPrivacyRequests: async () =>
      data((await call("GET", "/_sandbox/privacy-requests", "/_sandbox/privacy-requests")).json),
    setFaults: async (body) => data((await call("POST", "/_sandbox/faults", "/_sandbox/faults", body)).json),
    reset: async () => {
      await call("POST", "/_sandbox/reset", "/_sandbox/reset");
    },
  };
}

const globalForAdmin = globalThis as unknown as { __sandboxAdmin?: SandboxAdmin };

/** The sandbox's admin endpoints, or null when the console talks to the real API. */
export function getSandboxAdmin(): SandboxAdmin | null {
  const env = getEnv();
  const target = upstreamTarget(env);
  if (target.mode === "api") return null;
  globalForAdmin.__sandboxAdmin ??= createSandboxAdmin({
    origin: target.origin,
    fetch: target.fetch,
    adminToken: env.SANDBOX_ADMIN_TOKEN,
  });
  return globalForAdmin.__sandboxAdmin;
}
