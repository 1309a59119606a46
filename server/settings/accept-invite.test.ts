import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsoleDb } from "@/server/db/open";
import type { ConsoleDb } from "@/server/db/types";
import { acceptInvite, INVITE_MESSAGES, inviteState } from "./accept-invite";
import { hashInviteToken, isInviteToken, newInviteToken } from "./invites";

let dir: string;
let db: ConsoleDb;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "console-invites-"));
  db = await createConsoleDb({ dataDir: dir });
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

async function invite(email: string, expiresInMs = 24 * 3600_000) {
  const { token, tokenHash } = newInviteToken();
  await db.invites.create({
    tokenHash,
    email,
    name: "Invitee",
    role: "account_manager",
    createdBy: null,
    expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
  });
  return token;
}

describe("invite tokens", () => {
  it("are 256-bit base64url strings whose SHA-256 is what the database keeps", () => {
    const { token, tokenHash } = newInviteToken();
    expect(isInviteToken(token)).toBe(true);
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInviteToken(token)).toBe(tokenHash);
    expect(newInviteToken().token).not.toBe(token);
    expect(isInviteToken("../../etc")).toBe(false);
  });
});

describe("accepting an invite", () => {
  it("refuses a bad password with field messages and leaves the link open", async () => {
    const token = await invite("fields@invite.test");
    expect(await acceptInvite(db, token, { password: "short", confirm: "short" })).toEqual({
      ok: false,
      fieldErrors: { password: "Use at least 12 characters." },
    });
    expect(await acceptInvite(db, token, { password: "long-enough-pw", confirm: "another-one-pw" })).toEqual({
      ok: false,
      fieldErrors: { confirm: "The two passwords differ." },
    });
    expect((await inviteState(db, token)).state).toBe("open");
  });

  it("creates the user with a bcrypt hash of the password, once, and audits it without the password", async () => {
    const token = await invite("once@invite.test");
    const password = "correct horse battery";
    expect(await acceptInvite(db, token, { password, confirm: password })).toEqual({
      ok: true,
      email: "once@invite.test",
    });
    const user = await db.users.findByEmail("once@invite.test");
    expect(user).toMatchObject({ role: "account_manager", name: "Invitee", disabled: false });
    expect(await bcrypt.compare(password, user?.passwordHash ?? "")).toBe(true);
    const { entries } = await db.audit.list({ action: "user.invite.accept" });
    expect(entries[0]).toMatchObject({
      outcome: "success",
      userEmail: "once@invite.test",
      after: { role: "account_manager" },
    });
    expect(JSON.stringify(entries)).not.toContain(password);
    expect(JSON.stringify(entries)).not.toContain(token);

    expect((await inviteState(db, token)).state).toBe("used");
    expect(await acceptInvite(db, token, { password: "another-password", confirm: "another-password" })).toEqual({
      ok: false,
      error: INVITE_MESSAGES.used,
    });
  });

  it("says an expired or unknown link is one", async () => {
    const expired = await invite("late@invite.test", -1000);
    expect((await inviteState(db, expired)).state).toBe("expired");
    expect(await acceptInvite(db, expired, { password: "long-enough-pw", confirm: "long-enough-pw" })).toEqual({
      ok: false,
      error: INVITE_MESSAGES.expired,
    });
    expect(await db.users.findByEmail("late@invite.test")).toBeUndefined();
    expect((await inviteState(db, newInviteToken().token)).state).toBe("unknown");
    expect((await inviteState(db, "not-a-token")).state).toBe("unknown");
  });
});
