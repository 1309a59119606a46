import { describe, expect, it } from "vitest";
import { operationProgress } from "./progress";

describe("operation progress", () => {
  const t0 = Date.parse("2026-03-01T12:00:00.000Z");
  const iso = (ms: number) => new Date(t0 + ms).toISOString();
  const at = (ms: number) => new Date(t0 + ms);

  it("creeps while pending, never past 45", () => {
    const op = { status: "pending", created_at: iso(0), updated_at: iso(0) };
    expect(operationProgress(op, at(0))).toBe(5);
    expect(operationProgress(op, at(5000))).toBeGreaterThan(5);
    expect(operationProgress(op, at(5000))).toBeLessThan(operationProgress(op, at(10_000)));
    expect(operationProgress(op, at(600_000))).toBe(45);
  });
  it("runs from 50 to 95 over an in-progress half as long as the pending one", () => {
    const op = { status: "in_progress", created_at: iso(0), updated_at: iso(7500) };
    expect(operationProgress(op, at(7500))).toBe(50);
    expect(operationProgress(op, at(11_250))).toBe(75);
    expect(operationProgress(op, at(60_000))).toBe(95);
  });
  it("is 100 at a terminal state", () => {
    expect(operationProgress({ status: "completed", created_at: iso(0), updated_at: iso(1) }, at(2))).toBe(100);
  });
});
