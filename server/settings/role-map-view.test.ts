import { describe, expect, it } from "vitest";
import { roleMapView } from "./role-map-view";

describe("the OIDC role map as Settings shows it", () => {
  it("lists entries as emails or groups and previews each user's role from their email", () => {
    const view = roleMapView("console-admins=admin, Ann@Example.com=account_manager, ann@example.com=support", [
      { email: "ann@example.com", role: "support" },
      { email: "bob@example.com", role: "admin" },
    ]);
    expect(view.entries).toEqual([
      { key: "console-admins", kind: "group", role: "admin" },
      { key: "ann@example.com", kind: "email", role: "account_manager" },
      { key: "ann@example.com", kind: "email", role: "support" },
    ]);
    expect(view.preview).toEqual([
      { email: "ann@example.com", current: "support", byEmail: "account_manager" },
      { email: "bob@example.com", current: "admin", byEmail: null },
    ]);
  });

  it("refuses a malformed map the way sign-in does", () => {
    expect(() => roleMapView("oops", [])).toThrow(/OIDC_ROLE_MAP/);
  });
});
