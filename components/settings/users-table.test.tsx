// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type UserSummary, UsersTable } from "./users-table";

const user = (over: Partial<UserSummary>): UserSummary => ({
  id: "u",
  email: "u@demo.test",
  name: "U",
  role: "support",
  disabled: false,
  hasPassword: true,
  lastSignInAt: null,
  signInMethod: null,
  ...over,
});
const admin = user({
  id: "a",
  email: "admin@demo.test",
  role: "admin",
  lastSignInAt: "2026-12-03T09:41:07.123Z",
  signInMethod: "password",
});
const sso = user({ id: "s", email: "sso@demo.test", hasPassword: false, disabled: true });

afterEach(cleanup);

function table(all: UserSummary[], onChange = vi.fn()) {
  render(<UsersTable rows={all} all={all} currentUserId="a" pendingId={null} oidcName="Okta" onChange={onChange} />);
  return onChange;
}

describe("UsersTable", () => {
  it("locks the only admin's role and Disable button, with the reason beside them", () => {
    table([admin, sso]);
    const role = screen.getByRole("combobox", { name: "Role for admin@demo.test" });
    const disable = screen.getByRole("button", { name: "Disable admin@demo.test" });
    expect(role).toHaveProperty("disabled", true);
    expect(disable).toHaveProperty("disabled", true);
    expect(disable.getAttribute("aria-describedby")).toBe("last-admin-a");
    expect(document.getElementById("last-admin-a")?.textContent).toBe("The only admin: make another admin first.");
    expect(
      within(role)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Support", "Account manager", "Admin"]);
  });

  it("unlocks admins when there is another enabled one, and sends the change asked for", () => {
    const onChange = table([admin, user({ id: "b", email: "b@demo.test", role: "admin" }), sso]);
    const role = screen.getByRole("combobox", { name: "Role for admin@demo.test" });
    expect(role).toHaveProperty("disabled", false);
    fireEvent.change(role, { target: { value: "support" } });
    expect(onChange).toHaveBeenCalledWith(admin, { role: "support" });
    fireEvent.click(screen.getByRole("button", { name: "Enable sso@demo.test" }));
    expect(onChange).toHaveBeenLastCalledWith(sso, { disabled: false });
  });

  it("shows last sign-in as a UTC date and time or Never, and the sign-in method", () => {
    table([admin, sso]);
    const rows = screen.getAllByRole("row").slice(1);
    expect(
      within(rows[0] as HTMLElement)
        .getByText("2026-12-03 09:41 UTC")
        .getAttribute("datetime"),
    ).toBe(admin.lastSignInAt);
    expect(within(rows[0] as HTMLElement).getByText("Password")).toBeDefined();
    expect(within(rows[1] as HTMLElement).getByText("Never")).toBeDefined();
    expect(within(rows[1] as HTMLElement).getByText("Okta")).toBeDefined();
  });
});
