import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { DEMO, signIn, submitSignIn } from "./helpers";

/** Settings as a section: Users (roles, disabling, invites) and Health, for admins only. */

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include("#main").analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

const SIGNED_IN_AT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/;

test("Settings is a section: Users and Health, each with its heading, marked in the section navigation", async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/settings\/users$/);
  const nav = page.getByRole("navigation", { name: "Settings sections" });
  await expect(nav.getByRole("link")).toHaveText(["Users", "Taxonomy", "Layouts", "Templates", "Health"]);
  await expect(nav.getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Health" })).not.toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();

  const table = page.getByRole("table", { name: "Users" });
  for (const name of ["Email", "Name", "Role", "Sign-in method", "Last sign-in", "Status"])
    await expect(table.getByRole("columnheader", { name, exact: true })).toBeVisible();
  const supportRole = page.getByRole("combobox", { name: `Role for ${DEMO.support}` });
  await expect(supportRole.getByRole("option")).toHaveText(["Support", "Account manager", "Admin"]);
  await expect(supportRole).toHaveValue("support");
  await expect(page.getByRole("button", { name: `Disable ${DEMO.support}`, exact: true })).toBeEnabled();

  // The only admin cannot lock the console out: their controls are off, with the reason beside them.
  const adminRow = table.getByRole("row").filter({ hasText: DEMO.admin });
  await expect(page.getByRole("combobox", { name: `Role for ${DEMO.admin}` })).toBeDisabled();
  await expect(page.getByRole("button", { name: `Disable ${DEMO.admin}`, exact: true })).toBeDisabled();
  await expect(adminRow.getByText("The only admin: make another admin first.")).toBeVisible();
  await expect(adminRow.locator("time")).toHaveText(SIGNED_IN_AT);
  await expect(adminRow.getByRole("cell", { name: "Password", exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("searchbox", { name: "Search users" }).fill("manager@");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table.locator("tbody tr")).toContainText(DEMO.manager);
  await page.getByRole("searchbox", { name: "Search users" }).fill("nobody-matches-this");
  await expect(page.getByText("No users match")).toBeVisible();

  await nav.getByRole("link", { name: "Health" }).click();
  await expect(page).toHaveURL(/\/settings\/health$/);
  await expect(page.getByRole("heading", { name: "Health", level: 1 })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Health" })).toHaveAttribute("aria-current", "page");
  const region = (name: string) => page.getByRole("region", { name });
  await expect(region("Mode")).toContainText("Sandbox (standalone, SANDBOX_URL)");
  await expect(region("Upstream reachability")).toContainText("Reachable");
  await expect(region("Upstream reachability")).toContainText(/\d+ ms/);
  await expect(region("Partner token")).toContainText(/Age\s*\d+/);
  await expect(region("Database")).toContainText(/SQLite|PostgreSQL/);
  await expect(region("Database")).toContainText(/Migration\s*\d{4}_\w+/);
  await expect(region("Build")).toContainText(/Version\s*\d+\.\d+\.\d+/);
  const html = await page.content();
  expect(html).not.toMatch(/rsec_|access_token/);
  await expectNoAxeViolations(page);
});

test("non-admins get 403 on every settings page and settings API route", async ({ page }) => {
  await signIn(page, DEMO.manager);
  for (const path of ["/settings", "/settings/users", "/settings/health"]) {
    expect((await page.goto(path))?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Settings sections" })).toHaveCount(0);
  }
  expect((await page.request.get("/api/settings/health")).status()).toBe(403);
  expect((await page.request.get("/api/users")).status()).toBe(403);
  const invite = await page.request.post("/api/users/invites", {
    data: { email: "nope@demo.test", name: "Nope", role: "admin" },
    headers: { "X-Requested-With": "XMLHttpRequest", "Idempotency-Key": randomUUID() },
  });
  expect(invite.status()).toBe(403);
});

test("invite → set password → signed in; a role change reaches the open session, disabling signs it out", async ({
  page,
  browser,
}) => {
  const email = `invitee-${randomUUID().slice(0, 8)}@demo.test`;
  const password = "a-long-enough-password";
  await signIn(page, DEMO.admin);
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Invite user" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite user" });
  await dialog.getByLabel("Email").fill("not-an-email");
  await dialog.getByLabel("Name").fill("Ivy Invitee");
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  await expect(dialog.getByText("Enter an email address like name@example.com.")).toBeVisible();
  await expect(dialog.getByLabel("Name")).toHaveValue("Ivy Invitee");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption({ label: "Support" });
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  const linkField = dialog.getByLabel("Invite link");
  await expect(linkField).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const link = await linkField.inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("table", { name: "Open invites" })).toContainText(email);

  // The invitee, in their own browser.
  const other = await browser.newContext();
  const invitee = await other.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Set your password" })).toBeVisible();
  await expect(invitee.getByLabel("Email")).toHaveValue(email);
  await invitee.getByLabel("New password").fill("short");
  await invitee.getByLabel("Confirm password").fill("short");
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invitee.getByText("Use at least 12 characters.")).toBeVisible();
  await invitee.getByLabel("New password").fill(password);
  await invitee.getByLabel("Confirm password").fill(password);
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  const mainNav = invitee.getByRole("navigation", { name: "Main" });
  await expect(mainNav.getByRole("link")).toHaveText(["Merchants", "Operations", "Bulk jobs"]);

  // The link works once; a made-up one is not valid either.
  const third = await browser.newContext();
  const stranger = await third.newPage();
  await stranger.goto(link);
  await expect(stranger.getByRole("alert").filter({ hasText: "already used" })).toBeVisible();
  await stranger.goto(`/invite/${"x".repeat(43)}`);
  await expect(stranger.getByRole("alert").filter({ hasText: "not valid" })).toBeVisible();
  await third.close();

  await page.reload();
  const row = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: email });
  await expect(row.locator("time")).toHaveText(SIGNED_IN_AT);
  const notifications = page.getByRole("region", { name: "Notifications" });

  // A role change: the invitee's next request has it, in the same session.
  await page.getByRole("combobox", { name: `Role for ${email}` }).selectOption({ label: "Account manager" });
  await expect(notifications).toContainText(`${email} is now Account manager.`);
  const onboard = await invitee.goto("/onboard");
  expect(onboard?.status()).toBe(200);
  await expect(invitee).toHaveURL(/\/onboard$/);
  await expect(invitee.getByRole("heading", { name: "Onboard a merchant" })).toBeVisible();
  await expect(mainNav.getByRole("link")).toHaveText(["Merchants", "Onboard", "Operations", "Bulk jobs"]);

  // Disabling: the invitee's next navigation lands on sign-in, and signing in again is refused.
  await page.getByRole("button", { name: `Disable ${email}`, exact: true }).click();
  await expect(notifications).toContainText(`${email} is disabled.`);
  await expect(page.getByRole("button", { name: `Enable ${email}`, exact: true })).toBeVisible();
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
  await invitee.goto("/merchants");
  await expect(invitee).toHaveURL(/\/sign-in/);
  await submitSignIn(invitee, email, password);
  await expect(invitee.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();

  // Enabled again, they can sign in with the password they chose.
  await page.getByRole("button", { name: `Enable ${email}`, exact: true }).click();
  await expect(notifications).toContainText(`${email} is enabled.`);
  await signIn(invitee, email, password);
  await other.close();
});
