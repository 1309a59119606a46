import "server-only";
import type { Env } from "@/server/env";
// Constants only (no imports of its own): cheap to load even in real-API deployments.
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PARENT_ACCOUNT_ID } from "@/server/sandbox/demo-platform";
import type { PartnershipsClientConfig } from "./config";

export type UpstreamMode = "api" | "sandbox-http" | "sandbox-inprocess";

/** The origin the in-process sandbox is addressed by: no network hop, the URL only names routes. */
export const IN_PROCESS_ORIGIN = "http://sandbox.internal";

export function upstreamModeOf(env: Env): UpstreamMode {
  if (!env.sandboxMode) return "api";
  return env.SANDBOX_URL ? "sandbox-http" : "sandbox-inprocess";
}

interface InProcessSandbox {
  fetch(request: Request): Response | Promise<Response>;
}

/**
 * The in-process sandbox, loaded on first use by dynamic import so that a
 * deployment on the real API never loads the sandbox or its database.
 */
export const inProcessFetch: typeof fetch = async (input, init) => {
  const mod = await import("@/server/sandbox");
  const sandbox = (await mod.getInProcessSandbox()) as InProcessSandbox;
  return sandbox.fetch(new Request(input, init));
};

/** Where the upstream is and how to reach it, for the given environment. */
export function upstreamTarget(env: Env): { mode: UpstreamMode; origin: string; fetch: typeof fetch } {
  const mode = upstreamModeOf(env);
  if (mode === "api") return { mode, origin: env.PARTNERSHIPS_API_URL!, fetch: (i, init) => fetch(i, init) };
  if (mode === "sandbox-http") return { mode, origin: env.SANDBOX_URL!, fetch: (i, init) => fetch(i, init) };
  return { mode, origin: IN_PROCESS_ORIGIN, fetch: inProcessFetch };
}

export function clientConfigFromEnv(env: Env): PartnershipsClientConfig {
  const target = upstreamTarget(env);
  if (target.mode === "api") {
    return {
      apiUrl: env.PARTNERSHIPS_API_URL!,
      authUrl: env.PARTNERSHIPS_AUTH_URL!,
      clientId: env.PARTNERSHIPS_CLIENT_ID!,
      clientSecret: env.PARTNERSHIPS_CLIENT_SECRET!,
      parentAccountId: env.PARTNERSHIPS_PARENT_ACCOUNT_ID!,
    };
  }
  // The sandbox serves the token endpoint on its own origin (/api/v1/oauth/token).
  return {
    apiUrl: target.origin,
    authUrl: target.origin,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    parentAccountId: DEMO_PARENT_ACCOUNT_ID,
    fetch: target.fetch,
  };
}
