import { expect, test } from "@playwright/test";
import { DEMO, NAV_BY_EMAIL, SESSION_COOKIE, signIn, signOut, submitSignIn, watchCspViolations } from "./helpers";

test.describe("sign-in and roles", () => {
  for (const [email, links] of Object.entries(NAV_BY_EMAIL)) {
    test(`${email} sees exactly their role's navigation`, async ({ page }) => {
      const problems = watchCspViolations(page);
      await signIn(page, email);
      await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link")).toHaveText(links);
      expect(problems).toEqual([]);
    });
  }

  test("a wrong password shows an error and keeps the email", async ({ page }) => {
    await page.goto("/sign-in");
    await submitSignIn(page, DEMO.support, "not-the-password");
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(DEMO.support);
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page).toHaveURL(/\/sign-in/);
    // Still signed out: the console sends us back.
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("repeated wrong passwords for one email are stopped for a while", async ({ page }) => {
    await page.goto("/sign-in");
    const email = "guesser@demo.test";
    const wrong = page.getByRole("alert").filter({ hasText: "Wrong email or password" });
    for (let attempt = 1; attempt <= 10; attempt++) {
      await submitSignIn(page, email, `guess-${attempt}`);
      await expect(wrong).toBeVisible();
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
    }
    await submitSignIn(page, email, "guess-11");
    await expect(page.getByRole("alert").filter({ hasText: "Too many failed attempts" })).toBeVisible();
  });

  test("the sign-in page lists the demo users in sandbox mode and fills the form", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByText("demo-password")).toBeVisible();
    await page.getByRole("button", { name: `Use ${DEMO.manager}` }).click();
    await expect(page.getByLabel("Email")).toHaveValue(DEMO.manager);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(
      NAV_BY_EMAIL[DEMO.manager]!,
    );
  });

  test("signing out from a page returns to sign-in and closes the console", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await page.goto("/onboard");
    await expect(page.getByRole("heading", { name: "Onboard a merchant" })).toBeVisible();
    await signOut(page);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    await page.goto("/onboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fonboard$/);
  });

  test("an expired session is sent to sign-in and comes back to the same page", async ({ page, context, baseURL }) => {
    await signIn(page, DEMO.manager);
    await page.goto("/onboard?step=1");
    await expect(page.getByRole("heading", { name: "Onboard a merchant" })).toBeVisible();
    // Let link prefetches finish: each answer refreshes the session cookie and would undo the change below.
    await page.waitForLoadState("networkidle");
    // A session the server can no longer read is the same as an expired one.
    await context.addCookies([{ name: SESSION_COOKIE, value: "expired.or.tampered", url: baseURL! }]);
    await page.reload();
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fonboard%3Fstep%3D1$/);
    await submitSignIn(page, DEMO.manager);
    await expect(page).toHaveURL(/\/onboard\?step=1$/);
    await expect(page.getByRole("heading", { name: "Onboard a merchant" })).toBeVisible();
  });

  test("a callbackUrl to another site is ignored", async ({ page }) => {
    await page.goto("/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2Fsteal");
    await submitSignIn(page, DEMO.support);
    await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/");
  });

  test("session cookie is HttpOnly and SameSite=Lax", async ({ page, context }) => {
    await signIn(page, DEMO.support);
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toBeDefined();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    // Over http://localhost the cookie cannot be Secure; over https Auth.js uses __Secure- cookies.
    expect(cookie?.secure).toBe(false);
  });

  test("API routes are not redirected: a signed-out call gets 401 JSON", async ({ request }) => {
    const response = await request.get("/api/users", { maxRedirects: 0 });
    expect(response.status()).toBe(401);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
