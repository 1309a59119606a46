import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password";

export const DEMO = {
  support: "support@demo.test",
  manager: "manager@demo.test",
  admin: "admin@demo.test",
} as const;

/** The exact navigation each role sees (lib/auth/navigation.ts). */
export const NAV_BY_EMAIL: Record<string, string[]> = {
  [DEMO.support]: ["Merchants", "Operations", "Bulk jobs"],
  [DEMO.manager]: ["Merchants", "Onboard", "Operations", "Bulk jobs"],
  [DEMO.admin]: ["Merchants", "Onboard", "Operations", "Bulk jobs", "Privacy", "Audit", "Settings"],
};

/** Fills and submits the sign-in form on the current page (which must be /sign-in). */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in from the sign-in page and waits until the console shell is shown. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await submitSignIn(page, email, password);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page
    .getByRole("banner")
    .getByRole("button", { name: /@|Sam|Morgan|Ada/ })
    .click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/**
 * Collects Content-Security-Policy violations and uncaught errors reported by the page: console
 * errors, and the CSP issues Chromium files in DevTools' Issues panel (a blocked eval inside a
 * try/catch logs nothing, but Lighthouse's best-practices score counts it).
 */
export function watchCspViolations(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy|Refused to (execute|load)/i.test(msg.text())) {
      problems.push(msg.text());
    }
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  void page
    .context()
    .newCDPSession(page)
    .then(async (cdp) => {
      cdp.on("Audits.issueAdded", ({ issue }) => {
        if (issue.code === "ContentSecurityPolicyIssue") problems.push(`CSP issue: ${JSON.stringify(issue.details)}`);
      });
      // Enabling replays the issues already raised on this page.
      await cdp.send("Audits.enable");
    })
    .catch(() => undefined);
  return problems;
}

/** The console's session cookie name (plain over http://localhost, __Secure- over https). */
export const SESSION_COOKIE = "authjs.session-token";
