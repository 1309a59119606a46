import "server-only";
import path from "node:path";
import { z } from "zod";

/**
 * The console's whole configuration, validated once. Every server module reads
 * settings from here, never from process.env directly, so a bad value fails at
 * start with a message naming the variable instead of deep inside a request.
 */

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
const flag = (fallback: boolean) =>
  z
    .preprocess(
      (v) => (emptyToUndefined(v) === undefined ? fallback : String(v).toLowerCase()),
      z.union([z.boolean(), z.enum(["1", "true", "on", "yes", "0", "false", "off", "no"])]),
    )
    .transform((v) => (typeof v === "boolean" ? v : ["1", "true", "on", "yes"].includes(v)));
const positiveInt = (fallback: number) =>
  z.preprocess((v) => emptyToUndefined(v) ?? fallback, z.coerce.number().int().positive());

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data")),
    DATABASE_URL: optionalUrl,

    // Upstream. All unset = the built-in sandbox, in-process (or over HTTP with SANDBOX_URL).
    PARTNERSHIPS_API_URL: optionalUrl,
    PARTNERSHIPS_AUTH_URL: optionalUrl,
    PARTNERSHIPS_CLIENT_ID: optionalString,
    PARTNERSHIPS_CLIENT_SECRET: optionalString,
    PARTNERSHIPS_PARENT_ACCOUNT_ID: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[1-9]\d{15}$/, "must be a 16-digit account id")
        .optional(),
    ),
    SANDBOX_URL: optionalUrl,
    SANDBOX_ADMIN_TOKEN: z.preprocess(emptyToUndefined, z.string().default("sandbox-admin")),
    SANDBOX_SEED_MERCHANTS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(100_000).default(250)),
    SANDBOX_DELETION_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(15_000)),
    SANDBOX_RATE_LIMITS: z.preprocess(emptyToUndefined, z.enum(["on", "off"]).default("on")),
    // Scales every sandbox rate limit (SPEC §6), e.g. 0.5 for 30 status PUTs a minute.
    SANDBOX_RATE_LIMIT_FACTOR: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(100).default(1)),

    // Pacing of the console's own upstream calls (server/partnerships/upstream-limiter.ts): one shared
    // budget per partner and route in the database. auto = on, except in sandbox mode with limits off.
    UPSTREAM_PACING: z.preprocess(emptyToUndefined, z.enum(["auto", "on", "off"]).default("auto")),
    UPSTREAM_RATE_LIMIT_FACTOR: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(100).default(1)),
    // Per-route limits per minute, overriding the documented ones: "putStatus=30,putControls=30".
    UPSTREAM_RATE_LIMITS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(
          /^\s*([A-Za-z]+\s*=\s*\d+\s*)(,\s*[A-Za-z]+\s*=\s*\d+\s*)*$/,
          'must look like "putStatus=30,putControls=30"',
        )
        .optional(),
    ),
    // Bulk jobs: merchants worked on at once by one job (the pacing still holds).
    BULK_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(32).default(4)),

    // Sign-in and sessions.
    AUTH_SECRET: optionalString,
    NEXTAUTH_SECRET: optionalString,
    AUTH_URL: optionalUrl,
    DEMO_PASSWORD: z.preprocess(emptyToUndefined, z.string().min(8).default("demo-password")),
    AUTH_PASSWORD_SIGNIN: flag(false),
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_NAME: z.preprocess(emptyToUndefined, z.string().default("Single sign-on")),
    // "group-or-email=role,…", e.g. "ops-admins=admin,ops=support,jane@acme.com=account_manager".
    OIDC_ROLE_MAP: z.preprocess(emptyToUndefined, z.string().default("")),
    SESSION_IDLE_MINUTES: positiveInt(30),
    SESSION_MAX_HOURS: positiveInt(12),

    // Per-user write limit of the console's own proxy.
    WRITE_RATE_LIMIT_PER_MINUTE: positiveInt(60),

    // The merchant index is synced again in the background once its last sync is older than this (0: never).
    MERCHANT_INDEX_MAX_AGE_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(10)),

    // A merchant data deletion waits for a second admin's approval (server/privacy/config.ts reads it per request).
    PRIVACY_DELETION_APPROVAL: z.preprocess(emptyToUndefined, z.enum(["none", "second_admin"]).default("none")),
  })
  .superRefine((env, ctx) => {
    const upstream = [
      "PARTNERSHIPS_API_URL",
      "PARTNERSHIPS_AUTH_URL",
      "PARTNERSHIPS_CLIENT_ID",
      "PARTNERSHIPS_CLIENT_SECRET",
      "PARTNERSHIPS_PARENT_ACCOUNT_ID",
    ] as const;
    const set = upstream.filter((k) => env[k] !== undefined);
    if (set.length > 0 && set.length < upstream.length) {
      for (const k of upstream.filter((k) => env[k] === undefined)) {
        ctx.addIssue({ code: "custom", path: [k], message: `is required when ${set.join(", ")} is set` });
      }
    }
    if (set.length === upstream.length && !env.AUTH_SECRET && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "is required outside sandbox mode (generate one with `openssl rand -base64 32`)",
      });
    }
    if (env.OIDC_ISSUER && (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_CLIENT_ID"],
        message: "OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required with OIDC_ISSUER",
      });
    }
  });

export type Env = z.infer<typeof envSchema> & {
  /** true when no real upstream is configured: the built-in sandbox serves the API. */
  sandboxMode: boolean;
  dataDir: string;
};

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    sandboxMode: env.PARTNERSHIPS_API_URL === undefined,
    dataDir: path.resolve(env.DATA_DIR),
  };
}

const globalForEnv = globalThis as unknown as { __consoleEnv?: Env };

/** The validated environment, parsed on first use (never at import, so `next build` needs none). */
export function getEnv(): Env {
  globalForEnv.__consoleEnv ??= parseEnv(process.env);
  return globalForEnv.__consoleEnv;
}

/** For tests: forget the cached environment. */
export function resetEnvForTests(): void {
  globalForEnv.__consoleEnv = undefined;
}
