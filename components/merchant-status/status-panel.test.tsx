// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ToastProvider } from "@/components/ui/toast";
import type { AccountStatusView } from "@/lib/partnerships/status";
import { StatusPanel } from "./status-panel";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

const ACC = "4123456789012345";
const VIEW: AccountStatusView = {
  accountId: ACC,
  status: "active",
  variants: [
    { pageVariantId: "v1", pageId: "p1", name: "Confirmation - Default", status: "active" },
    { pageVariantId: "v2", pageId: "p1", name: "Confirmation - Mobile", status: "archived" },
  ],
};
const PAUSED: AccountStatusView = {
  ...VIEW,
  status: "paused",
  variants: [{ ...VIEW.variants[0]!, status: "paused" }, VIEW.variants[1]!],
};

function panel(initial = VIEW) {
  return render(
    <ToastProvider>
      <StatusPanel accountId={ACC} initial={initial} pageNames={{ p1: "Confirmation page" }} />
    </ToastProvider>,
  );
}

/** The reason dialog is a lazily loaded chunk (next/dynamic): wait until it is in the page, closed. */
const dialogLoaded = () => screen.findByRole("dialog", { hidden: true });

let assign: ReturnType<typeof vi.fn>;
beforeEach(() => {
  // jsdom has no modal dialogs: open and close are enough here.
  HTMLDialogElement.prototype.showModal = function () {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function () {
    this.removeAttribute("open");
  };
  assign = vi.fn();
  vi.stubGlobal("location", { ...window.location, assign, pathname: `/merchants/${ACC}/status`, search: "" });
  sessionStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  refresh.mockReset();
});

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("StatusPanel", () => {
  it("asks for a reason, sends it with the status, and shows the cascade with archived variants untouched", async () => {
    const fetchMock = vi.fn(async () => answer(200, { data: PAUSED, operationId: "op_1" }));
    vi.stubGlobal("fetch", fetchMock);
    panel();
    await dialogLoaded();
    const sw = screen.getByRole("switch", { name: "Active" });
    expect(sw.getAttribute("aria-checked")).toBe("true");
    fireEvent.click(sw);
    fireEvent.click(screen.getByRole("button", { name: "Confirm" }));
    expect(await screen.findByText("Reason must be 1 to 500 characters long.")).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();

    fireEvent.change(screen.getByRole("textbox", { name: "Reason" }), { target: { value: "Store closed for a week" } });
    fireEvent.click(screen.getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(sw.getAttribute("aria-checked")).toBe("false"));
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/merchants/${ACC}/status`);
    expect(JSON.parse(String(init.body))).toEqual({ status: "paused", reason: "Store closed for a week" });
    const table = screen.getByRole("table", { name: "What the status change did to each page variant" });
    expect(table.textContent).toContain("Untouched (archived)");
    expect(table.textContent).toContain("Confirmation page");
    expect(screen.getByRole("link", { name: "View operation" }).getAttribute("href")).toBe("/operations/op_1");
    expect(refresh).toHaveBeenCalled();
  });

  it("keeps the reason and the intent across an expired session and resends with the same key", async () => {
    const keys: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (_u: string, init: RequestInit) => {
        keys.push(new Headers(init.headers).get("Idempotency-Key") ?? "");
        return answer(401, { error: { code: "unauthenticated", message: "Sign in again." } });
      }),
    );
    const first = panel();
    await dialogLoaded();
    fireEvent.click(screen.getByRole("switch", { name: "Active" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Reason" }), { target: { value: "Fraud review" } });
    fireEvent.click(screen.getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith(expect.stringMatching(/^\/sign-in\?callbackUrl=/)));
    first.unmount();

    // Back from sign-in: the dialog opens again with the reason, and Confirm is the same intent.
    const fetchMock = vi.fn(async (_u: string, init: RequestInit) => {
      keys.push(new Headers(init.headers).get("Idempotency-Key") ?? "");
      return answer(200, { data: PAUSED, operationId: "op_2" });
    });
    vi.stubGlobal("fetch", fetchMock);
    panel();
    const reason = (await screen.findByRole("textbox", { name: "Reason" })) as HTMLTextAreaElement;
    await waitFor(() => expect(reason.value).toBe("Fraud review"));
    expect(screen.getByText(/Your reason was kept/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    await waitFor(() => expect(sessionStorage.length).toBe(0));
  });

  it("is disabled, with the reason, for an account that is being deleted", () => {
    panel({ ...VIEW, status: "deleting" });
    const sw = screen.getByRole("switch", { name: "Active" }) as HTMLButtonElement;
    expect(sw.disabled).toBe(true);
    expect(sw.getAttribute("aria-describedby")).toBeTruthy();
    expect(screen.getByText(/being deleted/)).toBeTruthy();
  });

  it("says what a 403 does not allow and signs nobody out", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => answer(403, { error: { code: "forbidden", message: "Your role may not do this." } })),
    );
    panel();
    await dialogLoaded();
    fireEvent.click(screen.getByRole("switch", { name: "Active" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Reason" }), { target: { value: "x" } });
    fireEvent.click(screen.getByRole("button", { name: "Confirm" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Your role may not do this.");
    expect(assign).not.toHaveBeenCalled();
    expect((screen.getByRole("textbox", { name: "Reason" }) as HTMLTextAreaElement).value).toBe("x");
  });
});
