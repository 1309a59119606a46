// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunView } from "@/lib/onboarding/run";
import { RUN_POLL_MS, useRunPoll } from "./use-run-poll";

const run = (state: RunView["state"]): RunView => ({ state, accountId: null, payoutLink: false, steps: [] });
const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("useRunPoll", () => {
  it("keeps polling after failed polls, backing off, until the run ends", async () => {
    const fetchMock = vi
      .fn()
      .mockRejectedValueOnce(new TypeError("network down"))
      .mockResolvedValueOnce(answer({ error: { code: "upstream_unavailable", message: "busy" } }, 503))
      .mockResolvedValueOnce(answer({ data: run("running") }))
      .mockResolvedValueOnce(answer({ data: run("done") }));
    vi.stubGlobal("fetch", fetchMock);
    const { result } = renderHook(() => useRunPoll("/api/onboarding/drafts/d1/run", run("running")));

    await act(() => vi.advanceTimersByTimeAsync(RUN_POLL_MS)); // fails: network
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await act(() => vi.advanceTimersByTimeAsync(RUN_POLL_MS)); // backed off to 2 ×: not yet
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await act(() => vi.advanceTimersByTimeAsync(RUN_POLL_MS)); // fails: 503
    expect(fetchMock).toHaveBeenCalledTimes(2);
    await act(() => vi.advanceTimersByTimeAsync(4 * RUN_POLL_MS)); // 4 ×: answers, still running
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(result.current[0]?.state).toBe("running");
    await act(() => vi.advanceTimersByTimeAsync(RUN_POLL_MS)); // back to the usual pace: done
    expect(fetchMock).toHaveBeenCalledTimes(4);
    expect(result.current[0]?.state).toBe("done");
    await act(() => vi.advanceTimersByTimeAsync(20 * RUN_POLL_MS)); // an ended run is not polled
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });
});
