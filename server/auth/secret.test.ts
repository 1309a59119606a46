import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readOrCreateSecretFile } from "./secret";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "auth-secret-"));
  dirs.push(d);
  return path.join(d, "data");
}

describe("sandbox session secret", () => {
  it("is generated once, private, and reused", () => {
    const dir = tempDir();
    const first = readOrCreateSecretFile(dir);
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
    expect(readOrCreateSecretFile(dir)).toBe(first);
    expect(fs.readdirSync(dir)).toEqual(["auth-secret"]);
  });

  it("keeps the first writer's secret when another file already won", () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "auth-secret"), "already-there\n");
    expect(readOrCreateSecretFile(dir)).toBe("already-there");
  });
});
