import { describe, expect, it } from "vitest";
import {
  acceptInviteForm,
  inviteUserBody,
  isOnlyAdmin,
  LAST_ADMIN_REASON,
  lastAdminRefusal,
  signInMethodLabel,
} from "./users";

const admin = { id: "a", role: "admin" as const, disabled: false };
const support = { id: "s", role: "support" as const, disabled: false };

describe("the last-admin rule", () => {
  it("refuses demoting or disabling the only enabled admin, and nothing else", () => {
    const users = [admin, support];
    expect(lastAdminRefusal(users, "a", { role: "support" })).toBe(LAST_ADMIN_REASON);
    expect(lastAdminRefusal(users, "a", { role: "account_manager" })).toBe(LAST_ADMIN_REASON);
    expect(lastAdminRefusal(users, "a", { disabled: true })).toBe(LAST_ADMIN_REASON);
    expect(lastAdminRefusal(users, "a", { role: "admin" })).toBeNull();
    expect(lastAdminRefusal(users, "s", { disabled: true })).toBeNull();
    expect(isOnlyAdmin(users, "a")).toBe(true);
    expect(isOnlyAdmin(users, "s")).toBe(false);
  });

  it("counts only other enabled admins", () => {
    const disabledAdmin = { id: "b", role: "admin" as const, disabled: true };
    expect(lastAdminRefusal([admin, disabledAdmin], "a", { disabled: true })).toBe(LAST_ADMIN_REASON);
    const other = { id: "c", role: "admin" as const, disabled: false };
    expect(lastAdminRefusal([admin, other], "a", { role: "support" })).toBeNull();
    expect(isOnlyAdmin([admin, other], "a")).toBe(false);
    // Demoting a disabled admin never leaves the console without one.
    expect(lastAdminRefusal([admin, disabledAdmin], "b", { role: "support" })).toBeNull();
  });
});

describe("invite schemas", () => {
  it("normalises the email and names each bad field", () => {
    expect(inviteUserBody.parse({ email: " A@B.test ", name: " Ann ", role: "admin" })).toEqual({
      email: "a@b.test",
      name: "Ann",
      role: "admin",
    });
    const bad = inviteUserBody.safeParse({ email: "x", name: "", role: "root" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(["email", "name", "role"]);
  });

  it("wants a long enough password typed twice the same", () => {
    expect(acceptInviteForm.safeParse({ password: "short", confirm: "short" }).error?.issues[0]?.path).toEqual([
      "password",
    ]);
    const differ = acceptInviteForm.safeParse({ password: "long-enough-pw", confirm: "long-enough-px" });
    expect(differ.error?.issues.map((i) => [i.path[0], i.message])).toEqual([["confirm", "The two passwords differ."]]);
    expect(acceptInviteForm.safeParse({ password: "long-enough-pw", confirm: "long-enough-pw" }).success).toBe(true);
  });
});

describe("sign-in method", () => {
  it("names the last method used, or what a never-signed-in account allows", () => {
    const okta = { hasPassword: false, oidcName: "Okta" };
    expect(signInMethodLabel("password", okta)).toBe("Password");
    expect(signInMethodLabel("oidc", { hasPassword: true, oidcName: "Okta" })).toBe("Okta");
    expect(signInMethodLabel(null, okta)).toBe("Okta");
    expect(signInMethodLabel(null, { hasPassword: true, oidcName: "Okta" })).toBe("Password");
  });
});
