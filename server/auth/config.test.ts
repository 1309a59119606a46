import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConsoleDb } from "@/server/db/types";
import { resetEnvForTests } from "@/server/env";

// The jwt/authorize callbacks reach the database through getConsoleDb(): point it at a temp SQLite.
const holder: { db?: ConsoleDb } = {};
vi.mock("@/server/db", () => ({ getConsoleDb: async () => holder.db! }));

const { createConsoleDb } = await import("@/server/db/open");
const { buildAuthConfig } = await import("./config");
const { resetAuthSecretForTests } = await import("./secret");
const { TooManyAttempts } = await import("./throttle");

type Callbacks = NonNullable<ReturnType<typeof buildAuthConfig>["callbacks"]>;
type JwtArgs = Parameters<NonNullable<Callbacks["jwt"]>>[0];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "auth-config-"));
const savedEnv = { ...process.env };

function configure(vars: Record<string, string>) {
  for (const key of Object.keys(process.env)) {
    if (/^(OIDC_|AUTH_|SESSION_|DEMO_|PARTNERSHIPS_)/.test(key)) delete process.env[key];
  }
  Object.assign(process.env, { DATA_DIR: dataDir, DEMO_PASSWORD: "demo-password", ...vars });
  resetEnvForTests();
  resetAuthSecretForTests();
  return buildAuthConfig();
}

function jwt(config: ReturnType<typeof buildAuthConfig>, args: Partial<JwtArgs>) {
  return config.callbacks!.jwt!({ token: {}, ...args } as JwtArgs);
}

function authorize(config: ReturnType<typeof buildAuthConfig>, email: string, password: string) {
  const provider = config.providers[0] as unknown as {
    options: { authorize: (c: unknown, r: Request) => Promise<unknown> };
  };
  const request = new Request("http://localhost/api/auth/callback/credentials", {
    method: "POST",
    headers: { "x-forwarded-for": "203.0.113.7", "user-agent": "vitest" },
  });
  return provider.options.authorize({ email, password }, request);
}

beforeAll(async () => {
  holder.db = await createConsoleDb({ dataDir });
});
afterAll(async () => {
  await holder.db?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.env = savedEnv;
  resetEnvForTests();
});

describe("sandbox sign-in", () => {
  let config: ReturnType<typeof buildAuthConfig>;
  beforeEach(() => {
    config = configure({});
  });

  it("generates and keeps a session secret in the data folder", () => {
    expect(config.secret).toBe(fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim());
    expect(config.trustHost).toBe(true);
  });

  it("accepts the demo password, refuses a wrong one, and audits both without the password", async () => {
    expect(await authorize(config, "Support@Demo.test", "wrong-password")).toBeNull();
    const user = await authorize(config, "support@demo.test", "demo-password");
    expect(user).toMatchObject({ email: "support@demo.test", role: "support" });
    expect(await authorize(config, "nobody@demo.test", "demo-password")).toBeNull();

    const { entries } = await holder.db!.audit.list({ action: "auth.sign_in_failed" });
    expect(entries.map((e) => e.message).sort()).toEqual(["unknown email", "wrong password"]);
    expect(entries[0]).toMatchObject({ ip: "203.0.113.7", userAgent: "vitest", outcome: "failure" });
    expect(JSON.stringify(entries)).not.toContain("wrong-password");
  });

  it("keeps a session alive, ends it when idle or too old, and applies a role change without ending it", async () => {
    const user = (await authorize(config, "manager@demo.test", "demo-password")) as { email: string; id: string };
    const token = await jwt(config, { trigger: "signIn", user, account: { provider: "credentials" } as never });
    expect(token).toMatchObject({ email: "manager@demo.test", role: "account_manager" });
    expect((await holder.db!.audit.list({ action: "auth.sign_in" })).entries[0]?.userEmail).toBe("manager@demo.test");

    const again = await jwt(config, { token: { ...token } });
    expect(again).toMatchObject({ role: "account_manager" });

    const idle = await jwt(config, { token: { ...token, lastSeenAt: Date.now() - 31 * 60_000 } });
    expect(idle).toBeNull();
    const old = await jwt(config, { token: { ...token, signedInAt: Date.now() - 13 * 3_600_000 } });
    expect(old).toBeNull();

    // A role change applies on the next request, in the same session.
    await holder.db!.users.setRole(user.id, "support");
    expect(await jwt(config, { token: { ...token } })).toMatchObject({ role: "support", sv: token?.sv });
    await holder.db!.users.setRole(user.id, "account_manager");
    expect(await jwt(config, { token: { ...token } })).toMatchObject({ role: "account_manager" });
    const signedIn = await holder.db!.users.findById(user.id);
    expect(signedIn).toMatchObject({ signInMethod: "password" });
    expect(Date.now() - Date.parse(signedIn?.lastSignInAt ?? "")).toBeLessThan(60_000);
  });

  it("refuses a disabled user at sign-in and ends their sessions", async () => {
    const user = (await authorize(config, "admin@demo.test", "demo-password")) as { email: string; id: string };
    const token = await jwt(config, { trigger: "signIn", user });
    expect(token).not.toBeNull();
    await holder.db!.users.setDisabled(user.id, true);
    expect(await jwt(config, { token: { ...token } })).toBeNull();
    expect(await authorize(config, "admin@demo.test", "demo-password")).toBeNull();
    await holder.db!.users.setDisabled(user.id, false);
  });

  it("stops password guessing after 10 failures for one email, until a success or 15 minutes", async () => {
    const email = "guess@demo.test";
    await holder.db!.users.create({ email, name: "Guess", role: "support", passwordHash: null });
    for (let i = 0; i < 10; i++) expect(await authorize(config, email, "wrong-password")).toBeNull();
    await expect(authorize(config, email, "wrong-password")).rejects.toBeInstanceOf(TooManyAttempts);
    // Another email is not affected.
    expect(await authorize(config, "support@demo.test", "demo-password")).not.toBeNull();
    const { tooManyFailures } = await import("./throttle");
    expect(await tooManyFailures(holder.db!, email)).toBe(true);
    expect(await tooManyFailures(holder.db!, email, Date.now() + 16 * 60_000)).toBe(false);
  });

  it("honours SESSION_IDLE_MINUTES", async () => {
    const short = configure({ SESSION_IDLE_MINUTES: "1" });
    const user = (await authorize(short, "support@demo.test", "demo-password")) as { email: string };
    const token = await jwt(short, { trigger: "signIn", user });
    expect(await jwt(short, { token: { ...token, lastSeenAt: Date.now() - 61_000 } })).toBeNull();
  });
});

describe("configured mode (OIDC)", () => {
  const oidcEnv = {
    PARTNERSHIPS_API_URL: "https://api.example.com",
    PARTNERSHIPS_AUTH_URL: "https://auth.example.com",
    PARTNERSHIPS_CLIENT_ID: "client",
    PARTNERSHIPS_CLIENT_SECRET: "secret",
    PARTNERSHIPS_PARENT_ACCOUNT_ID: "1234567890123456",
    AUTH_SECRET: "configured-secret-configured-secret",
    OIDC_ISSUER: "https://idp.example.com",
    OIDC_CLIENT_ID: "console",
    OIDC_CLIENT_SECRET: "shh",
    OIDC_NAME: "Acme SSO",
    OIDC_ROLE_MAP: "ops-admins=admin,jane@acme.com=account_manager",
  };

  it("offers only OIDC unless password sign-in is enabled", () => {
    const config = configure(oidcEnv);
    expect(config.secret).toBe("configured-secret-configured-secret");
    expect(config.providers.map((p) => (p as { id: string }).id)).toEqual(["oidc"]);
    const withPassword = configure({ ...oidcEnv, AUTH_PASSWORD_SIGNIN: "true" });
    expect(withPassword.providers.map((p) => (p as { id: string }).id)).toEqual(["credentials", "oidc"]);
  });

  it("maps groups to roles, upserts the user, and refuses unmapped identities", async () => {
    const config = configure(oidcEnv);
    const signIn = config.callbacks!.signIn!;
    const account = { provider: "oidc", type: "oidc", providerAccountId: "x" } as never;
    const refused = await signIn({
      user: { email: "bob@acme.com" },
      account,
      profile: { email: "bob@acme.com", groups: ["sales"] },
    } as never);
    expect(refused).toBe("/sign-in?error=NoRole");
    expect(await holder.db!.users.findByEmail("bob@acme.com")).toBeUndefined();

    const allowed = await signIn({
      user: { email: "Kim@acme.com", name: "Kim" },
      account,
      profile: { email: "Kim@acme.com", name: "Kim", groups: ["ops-admins"] },
    } as never);
    expect(allowed).toBe(true);
    expect(await holder.db!.users.findByEmail("kim@acme.com")).toMatchObject({ role: "admin", passwordHash: null });
    const denied = await holder.db!.audit.list({ userEmail: "bob@acme.com" });
    expect(denied.entries[0]).toMatchObject({ action: "auth.sign_in_failed", outcome: "denied" });
  });
});
