// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ToastProvider } from "@/components/ui/toast";
import { PagesPanel } from "./pages-panel";
import type { PageRow } from "./pages-table";

const ACC = "4123456789012345";
const CONFIRMATION: PageRow = {
  pageId: "11111111-1111-4111-8111-111111111111",
  surface: "confirmation",
  layoutId: "22222222-2222-4222-8222-222222222222",
  layoutType: "Overlay",
  pageIdentifier: "confirmation_page",
};

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}
function panel(pages: PageRow[] = [CONFIRMATION]) {
  return render(
    <ToastProvider>
      <PagesPanel accountId={ACC} initialPages={pages} />
    </ToastProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("PagesPanel", () => {
  it("lists one row per page and offers only the missing surfaces", () => {
    panel();
    const table = screen.getByRole("table", { name: "Pages of this merchant" });
    expect(within(table).getByRole("rowheader", { name: "Confirmation" })).toBeTruthy();
    const surface = screen.getByRole("combobox", { name: "Surface" });
    expect(
      within(surface)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Tracking", "Returns"]);
    const type = screen.getByRole("combobox", { name: "Layout type" });
    expect(
      within(type)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Overlay", "Embedded"]);
    expect(screen.getByRole("button", { name: "Switch Confirmation page to Embedded" })).toBeTruthy();
  });

  it("says when the console knows no pages", () => {
    panel([]);
    expect(screen.getByText("The console knows no pages for this merchant")).toBeTruthy();
    const surface = screen.getByRole("combobox", { name: "Surface" });
    expect(within(surface).getAllByRole("option")).toHaveLength(3);
  });

  it("adds a surface and switches a page from the API's answers", async () => {
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      if (url.endsWith("/pages")) {
        expect(body).toEqual({ pages: [{ surface: "returns", layout_type: "Embedded" }] });
        return answer(200, {
          data: {
            account_id: ACC,
            pages: [
              {
                surface: "returns",
                page_id: "33333333-3333-4333-8333-333333333333",
                layout_id: "44444444-4444-4444-8444-444444444444",
                layout_type: "Embedded",
                page_identifier: "returns_page",
              },
            ],
          },
          operationId: "op_add",
        });
      }
      expect(url).toBe(`/api/merchants/${ACC}/pages/${CONFIRMATION.pageId}`);
      expect(body).toEqual({ layout_type: "Embedded" });
      return answer(200, {
        data: {
          page_id: CONFIRMATION.pageId,
          surface: "confirmation",
          layout_type: "Embedded",
          layout_id: "55555555-5555-4555-8555-555555555555",
          page_identifier: "confirmation_page",
        },
        operationId: "op_switch",
      });
    });
    vi.stubGlobal("fetch", fetchMock);
    panel();
    fireEvent.change(screen.getByRole("combobox", { name: "Surface" }), { target: { value: "returns" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Layout type" }), { target: { value: "Embedded" } });
    fireEvent.click(screen.getByRole("button", { name: "Add surface" }));
    const table = screen.getByRole("table", { name: "Pages of this merchant" });
    const returnsRow = (await within(table).findByRole("rowheader", { name: "Returns" })).closest("tr");
    expect(returnsRow?.textContent).toContain("Embedded");
    expect(returnsRow?.textContent).toContain("returns_page");
    expect(within(screen.getByRole("combobox", { name: "Surface" })).getAllByRole("option")).toHaveLength(1);

    fireEvent.click(screen.getByRole("button", { name: "Switch Confirmation page to Embedded" }));
    expect(await screen.findByRole("button", { name: "Switch Confirmation page to Overlay" })).toBeTruthy();
    const row = within(table).getByRole("rowheader", { name: "Confirmation" }).closest("tr");
    expect(row?.textContent).toContain("55555555-5555-4555-8555-555555555555");
    expect(screen.getAllByRole("link", { name: "View operation" }).map((a) => a.getAttribute("href"))).toEqual([
      "/operations/op_add",
      "/operations/op_switch",
    ]);
  });

  it("explains a 409 'surface already exists' and keeps the choice", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        answer(409, { error: { code: "conflict", message: "surface tracking already exists", operationId: "op_x" } }),
      ),
    );
    panel();
    fireEvent.change(screen.getByRole("combobox", { name: "Layout type" }), { target: { value: "Embedded" } });
    fireEvent.click(screen.getByRole("button", { name: "Add surface" }));
    await waitFor(() =>
      expect(screen.getAllByRole("alert")[0]?.textContent).toContain("This merchant already has a Tracking page"),
    );
    expect((screen.getByRole("combobox", { name: "Surface" }) as HTMLSelectElement).value).toBe("tracking");
    expect((screen.getByRole("combobox", { name: "Layout type" }) as HTMLSelectElement).value).toBe("Embedded");
  });
});
