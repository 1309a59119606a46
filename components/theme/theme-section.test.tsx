// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ToastProvider } from "@/components/ui/toast";
import { ThemeSection } from "./theme-section";

/**
 * The section's answers to what the Playwright journey cannot provoke from the
 * sandbox: a bare PATCH acknowledgement (SPEC §10), server errors on fields,
 * a 403, and an account being deleted. The console's API is faked at fetch.
 */
const ACC = "4000000000000001";
const LAYOUT = "0b0e7c4a-1d6e-4c1e-9a57-3f1f0f3c0a01";
const KNOWLEDGE = {
  accountId: ACC,
  pages: [{ pageId: "p1", surface: "confirmation", layoutId: LAYOUT, layoutType: "Overlay", pageIdentifier: null }],
  layouts: [{ layoutId: LAYOUT, pageId: "p1", layoutType: "Overlay", theme: null }],
};

type Answer = { status: number; body: unknown };
function fakeApi(patch: (body: unknown) => Answer, accountStatus = "active") {
  const calls: { method: string; url: string; body: unknown; key: string | null }[] = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? "GET";
    const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({ method, url, body, key: new Headers(init.headers).get("Idempotency-Key") });
    let answer: Answer = { status: 404, body: { error: { code: "not_found", message: "no" } } };
    if (url.endsWith("/knowledge")) answer = { status: 200, body: { data: KNOWLEDGE } };
    if (url.endsWith("/status")) answer = { status: 200, body: { data: { status: accountStatus } } };
    if (method === "PATCH") answer = patch(body);
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls.filter.bind(calls, (c) => c.method === "PATCH") as () => typeof calls;
}

function renderSection() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <ThemeSection accountId={ACC} />
      </ToastProvider>
    </QueryClientProvider>,
  );
  return screen.findByRole("group", { name: "Confirmation page, Overlay" });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe("ThemeSection", () => {
  it("sends only the changed token and keeps it after a bare acknowledgement", async () => {
    const patches = fakeApi(() => ({
      status: 200,
      body: { data: { status: "ok", layout_id: LAYOUT }, operationId: "op_bare", requestId: "r1" },
    }));
    const group = await renderSection();
    expect(within(group).getByText(/theme not known to the console yet/i)).toBeTruthy();
    const primary = within(group).getByLabelText("Primary color");
    fireEvent.change(primary, { target: { value: "#0a7" } });
    expect((within(group).getByLabelText("Primary color picker") as HTMLInputElement).value).toBe("#00aa77");
    // Changing another token and back is no change: it is not sent.
    const text = within(group).getByLabelText("Text color");
    fireEvent.change(text, { target: { value: "#000" } });
    fireEvent.change(text, { target: { value: "#111827" } });
    fireEvent.click(within(group).getByRole("button", { name: "Save theme" }));

    expect(await screen.findByText("Theme saved for Confirmation page, Overlay.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "View operation" }).getAttribute("href")).toBe("/operations/op_bare");
    expect(patches().map((p) => [p.url, p.body])).toEqual([
      [`/api/merchants/${ACC}/layouts/${LAYOUT}`, { primaryColor: "#00AA77" }],
    ]);
    expect(patches()[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
    expect((primary as HTMLInputElement).value).toBe("#00AA77");
    expect(within(group).getByText(/part of this theme is not known to the console yet/i)).toBeTruthy();
    expect((within(group).getByRole("button", { name: "Reset to saved" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("puts server validation errors on the field, and others in the summary, losing nothing", async () => {
    fakeApi(() => ({
      status: 400,
      body: {
        error: {
          code: "validation_failed",
          message: "The request is invalid",
          fields: { borderRadius: "must be 0 to 48", "query.dry_run": "is not allowed" },
        },
      },
    }));
    const group = await renderSection();
    fireEvent.change(within(group).getByLabelText("Border radius in pixels"), { target: { value: "12" } });
    fireEvent.click(within(group).getByRole("button", { name: "Save theme" }));
    expect(await within(group).findByText("Border radius must be 0 to 48")).toBeTruthy();
    expect(within(group).getByText("query.dry_run")).toBeTruthy();
    expect((within(group).getByLabelText("Border radius in pixels") as HTMLInputElement).value).toBe("12");
  });

  it("reads the field out of an upstream 400 message", async () => {
    fakeApi(() => ({ status: 400, body: { error: { code: "bad_request", message: "textColor is not a colour" } } }));
    const group = await renderSection();
    fireEvent.change(within(group).getByLabelText("Text color"), { target: { value: "#222" } });
    fireEvent.click(within(group).getByRole("button", { name: "Save theme" }));
    expect(await within(group).findByText("Text color is not a colour")).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(within(group).getByLabelText("Text color")));
  });

  it("says what is not allowed on a 403, and signs nobody out", async () => {
    const assign = vi.fn();
    vi.stubGlobal("location", { ...window.location, assign });
    fakeApi(() => ({
      status: 403,
      body: { error: { code: "forbidden", message: "Forbidden", requestId: "req-403" } },
    }));
    const group = await renderSection();
    fireEvent.change(within(group).getByLabelText("Primary color"), { target: { value: "#123456" } });
    fireEvent.click(within(group).getByRole("button", { name: "Save theme" }));
    const alert = await within(group).findByRole("alert");
    expect(alert.textContent).toMatch(
      /Not allowed: this theme cannot be changed by you\. Forbidden \(request id req-403\)/,
    );
    expect(assign).not.toHaveBeenCalled();
    expect((within(group).getByLabelText("Primary color") as HTMLInputElement).value).toBe("#123456");
  });

  it("is read-only, with the reason, while the account is being deleted", async () => {
    const patches = fakeApi(() => ({ status: 500, body: {} }), "deleting");
    const group = await renderSection();
    expect(await within(group).findByText(/being deleted: its theme can no longer be changed/)).toBeTruthy();
    expect((within(group).getByLabelText("Primary color") as HTMLInputElement).disabled).toBe(true);
    expect((within(group).getByRole("button", { name: "Save theme" }) as HTMLButtonElement).disabled).toBe(true);
    expect(patches()).toEqual([]);
  });
});
