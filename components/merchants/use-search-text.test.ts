// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useSearchText } from "./use-search-text";

afterEach(() => vi.useRealTimers());

/** A URL that takes its time: sends land in `pending`, and `arrive` delivers them as the router would. */
function harness(initial = "") {
  vi.useFakeTimers();
  const pending: string[] = [];
  const hook = renderHook(({ q }) => useSearchText(q, (sent) => pending.push(sent)), {
    initialProps: { q: initial },
  });
  const type = (value: string) => {
    act(() => hook.result.current[1](value));
    act(() => {
      vi.advanceTimersByTime(0);
    });
  };
  const arrive = (q: string) => hook.rerender({ q });
  return { hook, pending, type, arrive, text: () => hook.result.current[0] };
}

describe("useSearchText", () => {
  it("a late echo of an earlier keystroke never rewrites what is being typed", () => {
    const h = harness();
    h.type("o");
    h.type("or");
    h.type("orc");
    expect(h.pending).toEqual(["o", "or", "orc"]);
    h.arrive("o");
    h.arrive("or");
    expect(h.text()).toBe("orc");
    h.type("orch");
    h.arrive("orc");
    h.arrive("orch");
    expect(h.text()).toBe("orch");
    expect(h.pending).toEqual(["o", "or", "orc", "orch"]);
  });

  it("a q changed from elsewhere (back, a saved view) refills the box", () => {
    const h = harness("shoes");
    h.type("shoe");
    h.arrive("shoe");
    h.arrive("boots");
    expect(h.text()).toBe("boots");
    expect(h.pending).toEqual(["shoe"]);
  });

  it("an echo that never came does not hide a later change from elsewhere to the same text", () => {
    const h = harness();
    h.type("a");
    h.type("");
    // The router folded "a" and "" into no change at all; much later a saved view sets q=a.
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    vi.setSystemTime(Date.now() + 5_000);
    h.arrive("a");
    expect(h.text()).toBe("a");
  });

  it("sends trimmed text once, and nothing for what the URL already holds", () => {
    const h = harness("x");
    h.type(" x ");
    expect(h.pending).toEqual([]);
    h.type(" y ");
    expect(h.pending).toEqual(["y"]);
  });
});
