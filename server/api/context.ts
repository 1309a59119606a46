import "server-only";
import type { SessionUser } from "@/server/auth/types";
import type { ConsoleDb } from "@/server/db/types";
import { getEnv } from "@/server/env";
import type { PartnershipsClient } from "@/server/partnerships/types";

/**
 * What the route layer needs from the rest of the server, injectable so that
 * tests run the real wrapper with fakes, or with a real SQLite database and the
 * in-process sandbox. Production wiring is loaded lazily (dynamic imports), so
 * importing the wrapper never opens a database or reads the environment.
 */
export interface ApiConfig {
  sandboxMode: boolean;
  writeLimitPerMinute: number;
  /** The console's public URL, when configured: its origin is accepted by the CSRF check. */
  authUrl?: string;
}

export interface ApiDeps {
  getSessionUser(): Promise<SessionUser | null>;
  /**
   * The session of this request and the Set-Cookie values that roll it (or clear a dead one); when
   * present it is used instead of getSessionUser, and the cookies go out with the answer.
   */
  getRequestSession?(request: Request): Promise<{ user: SessionUser | null; setCookie: string[] }>;
  getDb(): Promise<ConsoleDb>;
  getClient(): Promise<PartnershipsClient>;
  getConfig(): ApiConfig;
  /** Sandbox mode only: the sandbox's layouts CSV export, to seed merchant knowledge. */
  exportSandboxLayoutsCsv(): Promise<string>;
}

export function defaultDeps(): ApiDeps {
  return {
    getSessionUser: async () => (await import("@/server/auth")).getSessionUser(),
    getRequestSession: async (request) => (await import("@/server/auth")).getRequestSession(request),
    getDb: async () => (await import("@/server/db")).getConsoleDb(),
    getClient: async () => (await import("@/server/partnerships")).getPartnershipsClient(),
    getConfig: () => {
      const env = getEnv();
      return {
        sandboxMode: env.sandboxMode,
        writeLimitPerMinute: env.WRITE_RATE_LIMIT_PER_MINUTE,
        authUrl: env.AUTH_URL,
      };
    },
    exportSandboxLayoutsCsv: async () => {
      const admin = (await import("@/server/partnerships/sandbox-admin")).getSandboxAdmin();
      if (!admin) throw new Error("no sandbox: the console talks to the real API");
      return admin.exportLayoutsCsv();
    },
  };
}
