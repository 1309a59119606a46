import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/server/env";

/**
 * The key that signs and encrypts session cookies. Configured mode requires
 * AUTH_SECRET (env.ts refuses to start without it). In sandbox mode with none
 * set, one is generated once and kept in <DATA_DIR>/auth-secret so sessions
 * survive restarts.
 */
const globalForSecret = globalThis as unknown as { __consoleAuthSecret?: string };

export function getAuthSecret(): string {
  if (globalForSecret.__consoleAuthSecret) return globalForSecret.__consoleAuthSecret;
  const env = getEnv();
  const configured = env.AUTH_SECRET ?? env.NEXTAUTH_SECRET;
  const secret = configured ?? (env.sandboxMode ? readOrCreateSecretFile(env.dataDir) : undefined);
  if (!secret) {
    throw new Error("AUTH_SECRET is required outside sandbox mode (generate one with `openssl rand -base64 32`)");
  }
  globalForSecret.__consoleAuthSecret = secret;
  return secret;
}

/**
 * Two processes may start on one data folder at once: the secret is written to
 * a private temp file and linked into place, which fails if another process won,
 * so both end up reading the same complete file.
 */
export function readOrCreateSecretFile(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  const existing = readSecret(file);
  if (existing) return existing;
  fs.mkdirSync(dataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  try {
    fs.linkSync(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  const secret = readSecret(file);
  if (!secret) throw new Error(`${file} is empty: delete it to generate a new session secret`);
  return secret;
}

function readSecret(file: string): string | undefined {
  try {
    const value = fs.readFileSync(file, "utf8").trim();
    return value === "" ? undefined : value;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** For tests: forget the cached secret (with resetEnvForTests). */
export function resetAuthSecretForTests(): void {
  globalForSecret.__consoleAuthSecret = undefined;
}
