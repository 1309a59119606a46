import { randomBytes } from "node:crypto";
import { buildApp, headNotFound } from "./app";
import { getMeta, openDatabase } from "./db";
import { DROP_HEADER } from "./pipeline";
import { seed } from "./seed";
import { defaultFaults, type SandboxState } from "./state";
import { recoverInterrupted } from "./store/operations";
import { loadMapping, loadTaxonomy } from "./taxonomy";

export {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_PARENT_ACCOUNT_ID,
  OTHER_CLIENT_ID,
  OTHER_CLIENT_SECRET,
  OTHER_PARENT_ACCOUNT_ID,
} from "./demo-platform";

export interface SandboxOptions {
  dataDir: string;
  seedMerchants?: number;
  adminToken?: string;
  deletionMs?: number;
  rateLimits?: boolean;
  /** Multiplies every route's rate limit (SANDBOX_RATE_LIMIT_FACTOR), e.g. 0.5 for a short benchmark. */
  rateLimitFactor?: number;
  now?: () => number;
}

export interface Sandbox {
  fetch(req: Request): Promise<Response>;
  close(): void;
}

/** The sandbox plus the raw handler the standalone server needs to cut connections itself. */
export interface SandboxWithHandler extends Sandbox {
  /** Like fetch, but a dropped answer comes back marked instead of rejecting. */
  handle(req: Request): Promise<Response>;
  isDropped(res: Response): boolean;
}

export function createSandbox(opts: SandboxOptions): SandboxWithHandler {
  const resolved = {
    dataDir: opts.dataDir,
    seedMerchants: opts.seedMerchants ?? 250,
    adminToken: opts.adminToken ?? "sandbox-admin",
    deletionMs: opts.deletionMs ?? 15_000,
    rateLimits: opts.rateLimits ?? true,
    rateLimitFactor: opts.rateLimitFactor ?? 1,
    now: opts.now ?? Date.now,
  };
  const db = openDatabase(resolved.dataDir);
  // INSERT OR IGNORE then read: two processes opening one folder agree on the secret.
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('cursor_secret', ?)").run(
    randomBytes(32).toString("hex"),
  );
  const cursorSecret = getMeta(db, "cursor_secret") as string;
  const s: SandboxState = {
    db,
    opts: resolved,
    now: resolved.now,
    faults: defaultFaults(resolved.rateLimits),
    buckets: new Map(),
    mapping: loadMapping(),
    cursorSecret,
    dropped: new WeakSet(),
    lastPurge: 0,
  };
  const reseed = () => seed(db, resolved.seedMerchants, loadTaxonomy());
  seed(db, resolved.seedMerchants, loadTaxonomy(), { onlyIfUnseeded: true });
  recoverInterrupted(s);
  const app = buildApp(s, reseed);
  const isDropped = (res: Response) => res.headers.has(DROP_HEADER);
  const handle = async (req: Request) => (req.method === "HEAD" ? headNotFound(s, req) : app.fetch(req));
  return {
    handle,
    isDropped,
    async fetch(req) {
      const res = await handle(req);
      // In-process, a cut connection looks like undici's network failure.
      if (isDropped(res)) throw new TypeError("fetch failed");
      return res;
    },
    close() {
      if (db.open) db.close();
    },
  };
}

export function sandboxOptionsFromEnv(env: Record<string, string | undefined> = process.env): SandboxOptions {
  const int = (v: string | undefined, d: number) => {
    const n = v === undefined || v.trim() === "" ? Number.NaN : Number(v);
    return Number.isInteger(n) && n >= 0 ? n : d;
  };
  const positive = (v: string | undefined, d: number) => {
    const n = v === undefined || v.trim() === "" ? Number.NaN : Number(v);
    return Number.isFinite(n) && n > 0 ? n : d;
  };
  return {
    dataDir: env.DATA_DIR?.trim() || ".data",
    seedMerchants: int(env.SANDBOX_SEED_MERCHANTS, 250),
    adminToken: env.SANDBOX_ADMIN_TOKEN?.trim() || "sandbox-admin",
    deletionMs: int(env.SANDBOX_DELETION_MS, 15_000),
    rateLimits: (env.SANDBOX_RATE_LIMITS?.trim().toLowerCase() || "on") !== "off",
    rateLimitFactor: positive(env.SANDBOX_RATE_LIMIT_FACTOR, 1),
  };
}

const GLOBAL_KEY = Symbol.for("partner-console.sandbox");

/** One sandbox per process, shared by every bundle Next builds (module singletons are not). */
export function getInProcessSandbox(): Sandbox {
  const g = globalThis as unknown as Record<symbol, Sandbox | undefined>;
  g[GLOBAL_KEY] ??= createSandbox(sandboxOptionsFromEnv());
  return g[GLOBAL_KEY];
}
