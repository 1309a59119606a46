import { describe, expect, it } from "vitest";
import { groupsFromProfile, parseRoleMap, resolveRole } from "./role-map";

describe("OIDC role map", () => {
  const map = parseRoleMap(" ops-admins=admin, ops=support ,Jane@Acme.com=account_manager");

  it("maps groups and emails case-insensitively, highest role wins", () => {
    expect(resolveRole(map, { email: "x@acme.com", groups: ["ops"] })).toBe("support");
    expect(resolveRole(map, { email: "jane@acme.com", groups: [] })).toBe("account_manager");
    expect(resolveRole(map, { email: "jane@acme.com", groups: ["OPS-ADMINS", "ops"] })).toBe("admin");
  });

  it("refuses users matching nothing", () => {
    expect(resolveRole(map, { email: "nobody@acme.com", groups: ["sales"] })).toBeNull();
    expect(resolveRole(parseRoleMap(""), { email: "a@b.c", groups: [] })).toBeNull();
  });

  it("rejects malformed entries with a clear message", () => {
    expect(() => parseRoleMap("ops=superuser")).toThrow(/OIDC_ROLE_MAP/);
    expect(() => parseRoleMap("=admin")).toThrow(/group-or-email=role/);
  });

  it("reads groups claims in their usual shapes", () => {
    expect(groupsFromProfile({ groups: ["a", 1, "b"] })).toEqual(["a", "b"]);
    expect(groupsFromProfile({ groups: "a b,c" })).toEqual(["a", "b", "c"]);
    expect(groupsFromProfile(undefined)).toEqual([]);
  });
});
