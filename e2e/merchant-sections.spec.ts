import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { DEMO, signIn, submitSignIn } from "./helpers";
import { sandboxAccount, sandboxAccounts, sandboxStartDeletion } from "./sandbox";

/**
 * The Status, Pages, Payouts and Activity sections of the merchant page,
 * checked against the sandbox's own stored state after each write.
 */

interface Variant {
  pageVariantId: string;
  pageId: string;
  name: string;
  status: "active" | "paused" | "archived";
}
interface State {
  account: { status: string };
  pages: {
    page_id: string;
    surface: string;
    current_layout_id: string;
    layouts: { layout_id: string; layout_type: string }[];
  }[];
  variants: Variant[];
  payout: { stripe_account_id: string; onboarding_url: string; expires_at: string; return_url: string } | null;
}

const state = async (id: string) => (await sandboxAccount(id)) as unknown as State;
const LABEL: Record<string, string> = { confirmation: "Confirmation", tracking: "Tracking", returns: "Returns" };
const currentType = (s: State, surface: string) => {
  const p = s.pages.find((x) => x.surface === surface);
  return p?.layouts.find((l) => l.layout_id === p.current_layout_id)?.layout_type;
};

/** Targets from the end of the seed, away from the merchants other journeys use first. */
async function targets() {
  const all = await sandboxAccounts();
  const pick: { archived?: string; pages?: string; payout?: string; deleting?: string } = {};
  for (let i = all.length - 1; i >= 0 && !(pick.archived && pick.pages && pick.payout && pick.deleting); i--) {
    const id = all[i]?.account_id ?? "";
    const s = await state(id);
    if (s.account.status === "deleting" || s.account.status === "deleted") continue;
    if (!pick.archived && s.variants.some((v) => v.status === "archived") && s.variants.length > 1) pick.archived = id;
    else if (!pick.pages && s.pages.length < 3) pick.pages = id;
    else if (!pick.payout && s.payout === null) pick.payout = id;
    else if (!pick.deleting && s.pages.length < 3 && s.payout === null) pick.deleting = id;
  }
  if (!pick.archived || !pick.pages || !pick.payout || !pick.deleting)
    throw new Error("the seed has no suitable merchants");
  return pick as Required<typeof pick>;
}

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

let T: Awaited<ReturnType<typeof targets>>;
test.beforeAll(async () => {
  T = await targets();
});

test("support pauses and resumes a merchant with a reason; archived variants stay untouched; the reason is in Activity", async ({
  page,
}) => {
  const id = T.archived;
  const before = await state(id);
  const archivedBefore = before.variants.filter((v) => v.status === "archived").map((v) => v.pageVariantId);
  expect(archivedBefore.length).toBeGreaterThan(0);

  await signIn(page, DEMO.support);
  await page.goto(`/merchants/${id}/status`);
  const active = page.getByRole("switch", { name: "Active" });
  await expect(active).toHaveAttribute("aria-checked", String(before.account.status === "active"));
  await expectNoSeriousA11yViolations(page);

  // Each direction once: first away from the current status, then back.
  const flips = before.account.status === "active" ? (["paused", "active"] as const) : (["active", "paused"] as const);
  const reasons: string[] = [];
  for (const [n, to] of flips.entries()) {
    const reason = `E2E ${to === "paused" ? "pause" : "resume"} ${n} ${Date.now()}`;
    reasons.push(reason);
    await active.click();
    const dialog = page.getByRole("dialog", {
      name: to === "paused" ? "Pause this merchant?" : "Activate this merchant?",
    });
    await expect(dialog).toBeVisible();
    if (n === 0) {
      // A reason is required: Confirm without one keeps the dialog open and says why.
      await dialog.getByRole("button", { name: "Confirm" }).click();
      await expect(dialog.getByText("Reason must be 1 to 500 characters long.")).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }
    await dialog.getByRole("textbox", { name: "Reason" }).fill(reason);
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(dialog).toBeHidden();
    await expect(active).toHaveAttribute("aria-checked", String(to === "active"));
    await expect(
      page.getByRole("region", { name: "Notifications" }).getByRole("link", { name: "View operation" }).last(),
    ).toBeVisible();

    const cascade = page.getByRole("table", { name: "What the status change did to each page variant" });
    for (const v of before.variants) {
      const row = cascade.getByRole("row").filter({ has: page.getByRole("rowheader", { name: v.name, exact: true }) });
      await expect(row.first()).toContainText(
        v.status === "archived" ? "Untouched (archived)" : to === "active" ? "Active" : "Paused",
      );
    }

    const after = await state(id);
    expect(after.account.status).toBe(to);
    for (const v of after.variants) {
      expect(v.status).toBe(archivedBefore.includes(v.pageVariantId) ? "archived" : to);
    }
  }

  await page.getByRole("navigation", { name: "Merchant sections" }).getByRole("link", { name: "Activity" }).click();
  await expect(page).toHaveURL(new RegExp(`/merchants/${id}/activity$`));
  const audit = page.getByRole("table", { name: /Audit entries for this merchant/ });
  for (const reason of reasons) await expect(audit).toContainText(reason);
  await expect(audit).toContainText(`Status: ${before.account.status} → ${flips[0]}`);
  for (const reason of reasons) {
    const row = audit.getByRole("row").filter({ hasText: reason });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("rowheader", { name: "merchant.status.update" })).toBeVisible();
    await expect(row).toContainText("support@demo.test");
    await expect(row).toContainText("success");
  }
  const ops = page.getByRole("table", { name: /Operations for this merchant/ });
  await expect(ops.getByRole("link", { name: /^op_/ }).first()).toHaveAttribute("href", /^\/operations\/op_/);
  await expectNoSeriousA11yViolations(page);
});

test("a session that expires while the reason is typed keeps the reason; Confirm after sign-in sends it once", async ({
  page,
}) => {
  const id = T.archived;
  const before = await state(id);
  const to = before.account.status === "active" ? "paused" : "active";
  const reason = `E2E after sign-in ${Date.now()}`;

  await signIn(page, DEMO.support);
  await page.goto(`/merchants/${id}/status`);
  await page.getByRole("switch", { name: "Active" }).click();
  await page.getByRole("textbox", { name: "Reason" }).fill(reason);
  // A prefetch still in flight would bring the rolling session cookie back after it is cleared.
  await page.waitForLoadState("networkidle");
  await page.context().clearCookies();
  expect(await page.context().cookies()).toEqual([]);
  await page.getByRole("button", { name: "Confirm" }).click();

  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  expect((await state(id)).account.status).toBe(before.account.status);
  await submitSignIn(page, DEMO.support);
  await expect(page).toHaveURL(new RegExp(`/merchants/${id}/status$`));
  const dialog = page.getByRole("dialog", {
    name: to === "paused" ? "Pause this merchant?" : "Activate this merchant?",
  });
  await expect(dialog.getByRole("textbox", { name: "Reason" })).toHaveValue(reason);
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("switch", { name: "Active" })).toHaveAttribute("aria-checked", String(to === "active"));
  expect((await state(id)).account.status).toBe(to);

  await page.goto(`/merchants/${id}/activity`);
  const audit = page.getByRole("table", { name: /Audit entries for this merchant/ });
  await expect(audit.getByRole("row").filter({ hasText: reason })).toHaveCount(1);
});

test("support adds a missing surface and switches a page's layout type; the sandbox has both", async ({ page }) => {
  const id = T.pages;
  const before = await state(id);
  const missing = ["confirmation", "tracking", "returns"].find((s) => !before.pages.some((p) => p.surface === s)) ?? "";
  const existing = before.pages[0]?.surface ?? "";
  const from = currentType(before, existing) ?? "";
  const to = from === "Overlay" ? "Embedded" : "Overlay";

  await signIn(page, DEMO.support);
  await page.goto(`/merchants/${id}/pages`);
  const table = page.getByRole("table", { name: "Pages of this merchant" });
  await expect(table.getByRole("rowheader", { name: LABEL[existing] })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: LABEL[missing] })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  // Only the missing surfaces are offered.
  const surfaceSelect = page.getByRole("combobox", { name: "Surface" });
  await expect(surfaceSelect.getByRole("option", { name: LABEL[existing] })).toHaveCount(0);
  await surfaceSelect.selectOption({ label: LABEL[missing] ?? "" });
  await page.getByRole("combobox", { name: "Layout type" }).selectOption({ label: "Embedded" });
  await page.getByRole("button", { name: "Add surface" }).click();
  const added = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: LABEL[missing] }) });
  await expect(added).toContainText("Embedded");
  await expect(page.getByRole("region", { name: "Notifications" })).toContainText(`${LABEL[missing]} page added`);
  const afterAdd = await state(id);
  expect(currentType(afterAdd, missing)).toBe("Embedded");
  expect(afterAdd.pages.length).toBe(before.pages.length + 1);

  await page.getByRole("button", { name: `Switch ${LABEL[existing]} page to ${to}` }).click();
  await expect(page.getByRole("button", { name: `Switch ${LABEL[existing]} page to ${from}` })).toBeVisible();
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: LABEL[existing] }) });
  await expect(row).toContainText(to);
  expect(currentType(await state(id), existing)).toBe(to);

  // The console recorded both answers: a reload shows the same.
  await page.reload();
  await expect(row).toContainText(to);
  await expect(added).toContainText("Embedded");
});

test("a manager starts payout onboarding and asks for a new link; support sees the state without buttons", async ({
  page,
}) => {
  const id = T.payout;
  await signIn(page, DEMO.manager);
  await page.goto(`/merchants/${id}/payouts`);
  await expect(page.getByText("No onboarding link has been created")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Start payout onboarding" }).click();

  const open = page.getByRole("link", { name: /Open onboarding link/ });
  await expect(open).toBeVisible();
  await expect(open).toHaveAttribute("target", "_blank");
  await expect(open).toHaveAttribute("rel", /noopener/);
  await expect(open).toHaveAttribute("rel", /noreferrer/);
  await expect(page.getByText(/^Expires \d{2}:\d{2}:\d{2} UTC \(in \d+ (min|s)\)$/)).toBeVisible();
  const first = (await open.getAttribute("href")) ?? "";
  const s1 = await state(id);
  expect(s1.payout?.onboarding_url).toBe(first);
  expect(s1.payout?.return_url).toBe(`${new URL(page.url()).origin}/merchants/${id}/payouts`);
  await expect(page.getByRole("button", { name: "Start payout onboarding" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "New link" }).click();
  await expect(open).not.toHaveAttribute("href", first);
  const second = (await open.getAttribute("href")) ?? "";
  const s2 = await state(id);
  expect(s2.payout?.onboarding_url).toBe(second);
  expect(s2.payout?.stripe_account_id).toBe(s1.payout?.stripe_account_id);

  // Kept by the console: a reload still offers the latest link.
  await page.reload();
  await expect(page.getByRole("link", { name: /Open onboarding link/ })).toHaveAttribute("href", second);

  // Signed out for good: no prefetch in flight may bring the rolling session cookie back.
  await page.waitForLoadState("networkidle");
  await page.context().clearCookies();
  expect(await page.context().cookies()).toEqual([]);
  await signIn(page, DEMO.support);
  await page.goto(`/merchants/${id}/payouts`);
  await expect(page.getByText(s2.payout?.stripe_account_id ?? "-")).toBeVisible();
  await expect(page.getByText(/^Expires /)).toBeVisible();
  await expect(page.getByRole("button", { name: "New link" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Start payout onboarding" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Open onboarding link/ })).toHaveCount(0);
  expect(await page.content()).not.toContain(second);
  await expectNoSeriousA11yViolations(page);
});

const startDeletion = (accountId: string) => sandboxStartDeletion(accountId, "e2e: sections of a deleting account");

test("a deleting merchant: the switch is off with the reason, and refused writes say why", async ({ page }) => {
  const id = T.deleting;
  const before = await state(id);
  await startDeletion(id);
  await signIn(page, DEMO.admin);

  await page.goto(`/merchants/${id}/status`);
  const active = page.getByRole("switch", { name: "Active" });
  await expect(active).toBeDisabled();
  await expect(active).toHaveAccessibleDescription(/(being deleted|was deleted), so its status can no longer change/);

  await page.goto(`/merchants/${id}/pages`);
  await page.getByRole("button", { name: "Add surface" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /account is (deleting|deleted)/ })).toBeVisible();
  expect((await state(id)).pages.length).toBe(before.pages.length);

  await page.goto(`/merchants/${id}/payouts`);
  await page.getByRole("button", { name: "Start payout onboarding" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /account is (deleting|deleted)/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Open onboarding link/ })).toHaveCount(0);
  expect((await state(id)).payout).toBeNull();
});
