import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConsoleDb } from "@/server/db/types";
import { rememberControls } from "./controls-seen";

const controls = (...pairs: [number, number][]) => ({
  translatedVerticals: pairs.map(([v, s]) => ({ partner_vertical_id: v, partner_sub_vertical_id: s })),
});

function fakeDb(fail = false) {
  const record = vi.fn(async () => {
    if (fail) throw new Error("disk full");
  });
  return { db: { controlsSeen: { record } } as unknown as ConsoleDb, record };
}

afterEach(() => vi.useRealTimers());

describe("rememberControls", () => {
  it("writes a merchant's pairs once, again when they change, and again after a minute", async () => {
    vi.useFakeTimers({ now: 0 });
    const { db, record } = fakeDb();
    await rememberControls(db, "1", controls([1, 2]));
    await rememberControls(db, "1", controls([1, 2]));
    expect(record).toHaveBeenCalledTimes(1);
    await rememberControls(db, "1", controls([1, 2], [3, 4]));
    expect(record).toHaveBeenLastCalledWith("1", [
      [1, 2],
      [3, 4],
    ]);
    await rememberControls(db, "2", controls([1, 2]));
    expect(record).toHaveBeenCalledTimes(3);
    vi.setSystemTime(60_000);
    await rememberControls(db, "1", controls([1, 2], [3, 4]));
    expect(record).toHaveBeenCalledTimes(4);
  });

  it("a failed write is tried again on the next read, and never fails the read", async () => {
    const { db, record } = fakeDb(true);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await rememberControls(db, "1", controls([1, 2]));
    await rememberControls(db, "1", controls([1, 2]));
    expect(record).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });

  it("another database starts from nothing", async () => {
    const a = fakeDb();
    const b = fakeDb();
    await rememberControls(a.db, "1", controls([1, 2]));
    await rememberControls(b.db, "1", controls([1, 2]));
    expect(a.record).toHaveBeenCalledTimes(1);
    expect(b.record).toHaveBeenCalledTimes(1);
  });
});
