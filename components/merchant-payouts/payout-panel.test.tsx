// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ToastProvider } from "@/components/ui/toast";
import { type PayoutLinkView, PayoutPanel } from "./payout-panel";

const NOW = Date.parse("2026-11-29T10:37:00.000Z");
const LINK: PayoutLinkView = {
  stripeAccountId: "acct_TEST1234",
  onboardingUrl: "https://connect.stripe.com/setup/e/acct_TEST1234/abc",
  expiresAt: "2026-11-29T10:42:00.000Z",
  createdAt: "2026-11-29T10:37:00.000Z",
};

function panel(props: Partial<Parameters<typeof PayoutPanel>[0]> = {}) {
  return render(
    <ToastProvider>
      <PayoutPanel accountId="4123456789012345" canStart initialLink={LINK} renderedAt={NOW} {...props} />
    </ToastProvider>,
  );
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("PayoutPanel", () => {
  it("offers a live link with its expiry, then marks it Expired and stops offering it", () => {
    panel();
    const link = screen.getByRole("link", { name: /Open onboarding link/ });
    expect(link.getAttribute("href")).toBe(LINK.onboardingUrl);
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(screen.getByText("Expires 10:42:00 UTC (in 5 min)")).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(4 * 60_000 + 30_000);
    });
    expect(screen.getByText("Expires 10:42:00 UTC (in 30 s)")).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(31_000);
    });
    expect(screen.getByText("Expired")).toBeTruthy();
    expect(screen.queryByRole("link", { name: /Open onboarding link/ })).toBeNull();
    expect(screen.getByRole("button", { name: "New link" })).toBeTruthy();
  });

  it("offers Start payout onboarding while no link exists", () => {
    panel({ initialLink: null });
    expect(screen.getByRole("button", { name: "Start payout onboarding" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "New link" })).toBeNull();
  });

  it("shows support the state but no payout buttons and no link", () => {
    panel({ canStart: false, initialLink: { ...LINK, onboardingUrl: null } });
    expect(screen.getByText("acct_TEST1234")).toBeTruthy();
    expect(screen.getByText(/^Expires 10:42:00 UTC/)).toBeTruthy();
    expect(screen.queryAllByRole("button", { name: /New link|Start payout onboarding/ })).toEqual([]);
    expect(screen.queryByRole("link", { name: /Open onboarding link/ })).toBeNull();
  });

  it("asks for a new link with a new Idempotency-Key each time", async () => {
    vi.useRealTimers();
    const keys: string[] = [];
    let n = 0;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (_url: string, init: RequestInit) => {
        keys.push(new Headers(init.headers).get("Idempotency-Key") ?? "");
        n++;
        const expires = new Date(Date.now() + 300_000).toISOString();
        return new Response(
          JSON.stringify({
            data: {
              account_id: "4123456789012345",
              stripe_account_id: "acct_TEST1234",
              onboarding_url: `https://connect.stripe.com/setup/e/acct_TEST1234/link${n}`,
              expires_at: expires,
            },
            operationId: `op_${n}`,
          }),
          { status: 200 },
        );
      }),
    );
    panel({ initialLink: null, renderedAt: Date.now() });
    fireEvent.click(screen.getByRole("button", { name: "Start payout onboarding" }));
    expect((await screen.findByRole("link", { name: /Open onboarding link/ })).getAttribute("href")).toMatch(/link1$/);
    fireEvent.click(screen.getByRole("button", { name: "New link" }));
    await vi.waitFor(() =>
      expect(screen.getByRole("link", { name: /Open onboarding link/ }).getAttribute("href")).toMatch(/link2$/),
    );
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });
});
