import { describe, expect, it } from "vitest";
import { isTerminal, POLL_BASE_MS, POLL_CAP_MS, pollDelayMs, statusLabel } from "./backoff";

describe("polling backoff", () => {
  it("starts at about a second and grows to a cap of about ten", () => {
    const mid = () => 0.5; // no jitter
    expect(pollDelayMs(0, mid)).toBe(POLL_BASE_MS);
    expect(pollDelayMs(1, mid)).toBe(1500);
    expect(pollDelayMs(2, mid)).toBe(2250);
    const delays = Array.from({ length: 12 }, (_, i) => pollDelayMs(i, mid));
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(pollDelayMs(50, mid)).toBe(POLL_CAP_MS);
  });

  it("jitters by at most 20 % and never goes outside its bounds", () => {
    expect(pollDelayMs(0, () => 0)).toBe(800);
    expect(pollDelayMs(0, () => 0.999999)).toBe(1200);
    expect(pollDelayMs(40, () => 0.999999)).toBe(12_000);
    expect(pollDelayMs(40, () => 0)).toBe(8000);
    for (let i = 0; i < 200; i++) {
      const d = pollDelayMs(i % 15);
      expect(d).toBeGreaterThanOrEqual(800);
      expect(d).toBeLessThanOrEqual(12_000);
    }
    expect(pollDelayMs(-3, () => 0.5)).toBe(POLL_BASE_MS);
  });

  it("stops at a terminal state and names each status", () => {
    expect(isTerminal("completed")).toBe(true);
    expect(isTerminal("failed")).toBe(true);
    expect(isTerminal("pending")).toBe(false);
    expect(isTerminal("in_progress")).toBe(false);
    expect(statusLabel("in_progress")).toBe("In progress");
    expect(statusLabel("pending")).toBe("Pending");
  });
});

import { ACTION_FILTERS, actionLabel, actionPrefixes } from "./actions";

describe("action names", () => {
  it("names actions as people say them and maps filters to prefixes", () => {
    expect(actionLabel("merchant.status.update")).toBe("Status change");
    expect(actionLabel("onboarding.register")).toBe("Register");
    expect(actionLabel("merchant.page.switch_layout")).toBe("Pages change");
    expect(actionLabel("merchant.data_deletion.approve")).toBe("Data deletion approval");
    expect(actionLabel("something.else")).toBe("something.else");
    expect(actionPrefixes("register")).toEqual(["merchant.register", "onboarding.register"]);
    expect(actionPrefixes("merchant.")).toEqual(["merchant."]);
    expect(actionPrefixes(undefined)).toBeUndefined();
    expect(new Set(ACTION_FILTERS.map((f) => f.label)).size).toBe(ACTION_FILTERS.length);
  });
});
