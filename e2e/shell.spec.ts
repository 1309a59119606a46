import { expect, test } from "@playwright/test";
import { DEMO, signIn, watchCspViolations } from "./helpers";

test.describe("the shell", () => {
  test("pages carry a nonce CSP and the security headers, and still hydrate", async ({ page }) => {
    const problems = watchCspViolations(page);
    const response = await page.goto("/sign-in");
    const headers = response!.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["strict-transport-security"]).toBeUndefined(); // localhost
    // Hydrated: the client-side "Use" button fills the form.
    await page.getByRole("button", { name: `Use ${DEMO.admin}` }).click();
    await expect(page.getByLabel("Email")).toHaveValue(DEMO.admin);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    // Settings opens on its first section, Users.
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test("every section an admin can open renders under the CSP without violations", async ({ page }) => {
    const problems = watchCspViolations(page);
    await signIn(page, DEMO.admin);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of ["Merchants", "Onboard", "Operations", "Bulk jobs", "Privacy", "Audit", "Settings"]) {
      await nav.getByRole("link", { name: label }).click();
      await expect(nav.getByRole("link", { name: label })).toHaveAttribute("aria-current", "page");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const response = await page.reload();
      expect(response?.status(), label).toBe(200);
      // The security headers on every page, not only sign-in.
      const headers = response!.headers();
      expect(headers["content-security-policy"], label).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"], label).toBe("nosniff");
      expect(headers["x-frame-options"], label).toBe("DENY");
      expect(headers["referrer-policy"], label).toBe("strict-origin-when-cross-origin");
    }
    // A merchant page loads its forms' schemas (zod) after the first paint: no eval probe may trip the CSP.
    await nav.getByRole("link", { name: "Merchants" }).click();
    await page.getByRole("table", { name: "Merchants" }).locator("tbody tr th a").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(problems).toEqual([]);
  });

  test("shows the sandbox badge and a user menu with the role", async ({ page }) => {
    await signIn(page, DEMO.manager);
    const banner = page.getByRole("banner");
    await expect(banner.getByText("Sandbox", { exact: true })).toBeVisible();
    const menuButton = banner.getByRole("button", { name: /Morgan Manager/ });
    await expect(menuButton).toHaveAttribute("aria-expanded", "false");
    await menuButton.click();
    await expect(menuButton).toHaveAttribute("aria-expanded", "true");
    await expect(banner.getByText("Account manager")).toBeVisible();
    await expect(banner.getByText(DEMO.manager)).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(banner.getByRole("button", { name: "Sign out" })).toBeHidden();
  });

  test("a page the role may not open answers 403 and shows nothing of it, on the server", async ({ page }) => {
    await signIn(page, DEMO.support);
    const response = await page.goto("/settings");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Settings" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
    for (const path of ["/onboard", "/privacy", "/audit", "/settings/users"]) {
      expect((await page.goto(path))?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    }
    // A page that does not exist stays a 404.
    expect((await page.goto("/merchants-nope"))?.status()).toBe(404);
  });

  test("unknown pages show the not-found page with a link home", async ({ page }) => {
    await signIn(page, DEMO.admin);
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await page.getByRole("link", { name: "Go to the home page" }).click();
    await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  });

  test("dark mode toggles and persists across reloads", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await signIn(page, DEMO.support);
    const html = page.locator("html");
    const toggle = page.getByRole("button", { name: "Toggle dark mode" });
    await expect(html).not.toHaveClass(/dark/);
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.click();
    await expect(html).toHaveClass(/\bdark\b/);
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe("rgb(11, 17, 32)");
    await page.reload();
    await expect(html).toHaveClass(/\bdark\b/);
    await expect(page.getByRole("button", { name: "Toggle dark mode" })).toHaveAttribute("aria-pressed", "true");
    // Back to what the system shows: the console follows the system again (nothing stored).
    await page.getByRole("button", { name: "Toggle dark mode" }).click();
    await expect(html).not.toHaveClass(/\b(dark|light)\b/);
    expect(await page.evaluate(() => localStorage.getItem("console-theme"))).toBeNull();
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(page.getByRole("button", { name: "Toggle dark mode" })).toHaveAttribute("aria-pressed", "true");
  });

  test("dark mode follows the system until chosen", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await signIn(page, DEMO.support);
    await expect(page.getByRole("button", { name: "Toggle dark mode" })).toHaveAttribute("aria-pressed", "true");
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe("rgb(11, 17, 32)");
  });

  test("keyboard: Tab reaches the skip link first and it moves to the content", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.goto("/settings/users");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
    await page.keyboard.press("Tab");
    // The next stop is inside the main content, not the navigation.
    const inMain = await page.evaluate(() => document.getElementById("main")?.contains(document.activeElement));
    expect(inMain).toBe(true);
  });

  test("the home page is the overview of what the role works on", async ({ page }) => {
    await signIn(page, DEMO.support);
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
    await expect(main.getByRole("region", { name: "Operations in progress" })).toBeVisible();
    await expect(main.getByRole("region", { name: "Onboarding in progress" })).toHaveCount(0);
    await expect(main.getByText("Sandbox mode.")).toBeVisible();
  });

  test("settings opens on Users, listing the users with their roles and status", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/settings\/users$/);
    const table = page.getByRole("table", { name: "Users" });
    for (const email of [DEMO.support, DEMO.manager, DEMO.admin]) await expect(table).toContainText(email);
    await expect(page.getByRole("combobox", { name: `Role for ${DEMO.support}` })).toHaveValue("support");
    await expect(page.getByRole("combobox", { name: `Role for ${DEMO.manager}` })).toHaveValue("account_manager");
    // The only admin cannot lock themselves out.
    await expect(page.getByRole("combobox", { name: `Role for ${DEMO.admin}` })).toBeDisabled();
  });
});
