import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { BACKENDS, withTestDatabase } from "./test-backends";

const run = promisify(execFile);
const CHILD = path.join(import.meta.dirname, "multi-process-child.ts");
// Limiter windows are aligned to the clock: with a one-minute window, hits that straddle a minute
// boundary are counted in two windows (seen once in CI: 60 allowed of 40). A window of about ten
// years keeps every hit of the run in one.
const WINDOW_MS = 10 * 365 * 24 * 3_600_000;

describe.each(BACKENDS)("several console processes on one $name database", (backend) => {
  const t = withTestDatabase(backend);

  it("migrate a fresh database together, share one limiter count, one lease and one new intent", async () => {
    const options = JSON.stringify(t.options);
    const results = await Promise.all(
      Array.from({ length: 3 }, () =>
        run(
          process.execPath,
          ["--conditions=react-server", "--import", "tsx", CHILD, options, "20", "40", String(WINDOW_MS)],
          {
            cwd: path.resolve(import.meta.dirname, "../.."),
            timeout: 100_000,
          },
        ).then((r) => JSON.parse(r.stdout) as { allowed: number; lease: boolean; intent: string }),
      ),
    );
    expect(results.reduce((n, r) => n + r.allowed, 0)).toBe(40);
    expect(results.filter((r) => r.lease)).toHaveLength(1);
    expect(results.filter((r) => r.intent === "new")).toHaveLength(1);
    const db = await t.open();
    expect((await db.limiter.hit("multi-process", 40, WINDOW_MS)).allowed).toBe(false);
  }, 120_000);
});
