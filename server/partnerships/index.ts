import "server-only";
import { getEnv } from "@/server/env";
import { createPartnershipsClient } from "./client";
import type { PartnershipsClient } from "./types";
import { clientConfigFromEnv, type UpstreamMode, upstreamModeOf } from "./upstream";

export { createPartnershipsClient } from "./client";
export type { PartnershipsClientConfig, PartnershipsLogger } from "./config";
export * from "./errors";
export type * from "./types";
export type { UpstreamMode } from "./upstream";

// Next bundles route handlers separately: the singleton (and its token cache) lives on globalThis.
const globalForClient = globalThis as unknown as { __partnershipsClient?: PartnershipsClient };

/** The process-wide client: the real API when PARTNERSHIPS_API_URL etc. are set, else the sandbox. */
export function getPartnershipsClient(): PartnershipsClient {
  globalForClient.__partnershipsClient ??= createPartnershipsClient(clientConfigFromEnv(getEnv()));
  return globalForClient.__partnershipsClient;
}

export function getUpstreamMode(): UpstreamMode {
  return upstreamModeOf(getEnv());
}

/** For tests: forget the process-wide client (e.g. after changing the environment). */
export function resetPartnershipsClientForTests(): void {
  globalForClient.__partnershipsClient = undefined;
}
