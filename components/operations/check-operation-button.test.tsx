// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ToastProvider } from "@/components/ui/toast";
import { CheckOperationButton } from "./check-operation-button";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  refresh.mockReset();
});

describe("CheckOperationButton", () => {
  it("reads the operation through the API, announces its status and refreshes the page", async () => {
    const fetchMock = vi.fn(
      async (_url: string) =>
        new Response(JSON.stringify({ data: { operation: { status: "completed", error: null } } }), { status: 200 }),
    );
    vi.stubGlobal("fetch", fetchMock);
    render(
      <ToastProvider>
        <CheckOperationButton operationId="op_abc" />
      </ToastProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Check status of op_abc" }));
    await waitFor(() => expect(refresh).toHaveBeenCalledTimes(1));
    expect(fetchMock.mock.calls[0]?.[0]).toBe("/api/operations/op_abc");
    expect(await screen.findByText("Operation op_abc is completed.")).toBeTruthy();
  });

  it("shows the API's error message", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: { code: "not_found", message: "operation not found" } }), {
            status: 404,
          }),
      ),
    );
    render(
      <ToastProvider>
        <CheckOperationButton operationId="op_x" />
      </ToastProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Check status of op_x" }));
    expect(await screen.findByText("operation not found")).toBeTruthy();
    expect(refresh).not.toHaveBeenCalled();
  });
});
