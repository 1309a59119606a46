import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/server/env";
import { closeConsoleDb, createConsoleDb, getConsoleDb, SQLITE_FILE } from "./index";
import { BACKENDS } from "./test-backends";

const saved = { ...process.env };
afterEach(async () => {
  await closeConsoleDb();
  process.env = { ...saved };
  resetEnvForTests();
});

describe("getConsoleDb", () => {
  it("opens nothing at import, then one shared database on first use (SQLite from DATA_DIR)", async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), "console-db-env-")), "nested", "data");
    try {
      process.env.DATA_DIR = dir;
      delete process.env.DATABASE_URL;
      resetEnvForTests();
      expect(existsSync(dir)).toBe(false);
      const [a, b] = await Promise.all([getConsoleDb(), getConsoleDb()]);
      expect(a).toBe(b);
      expect(a.dialect).toBe("sqlite");
      expect(existsSync(path.join(dir, SQLITE_FILE))).toBe(true);
      await closeConsoleDb();
      const c = await getConsoleDb();
      expect(c).not.toBe(a);
      expect(await c.ping()).toBe(true);
    } finally {
      await closeConsoleDb();
      await rm(path.dirname(path.dirname(dir)), { recursive: true, force: true });
    }
  });

  it("refuses to open during `next build`", async () => {
    process.env.NEXT_PHASE = "phase-production-build";
    await expect(getConsoleDb()).rejects.toThrow(/next build/);
  });

  it("forgets a failed open so a later call can succeed", async () => {
    process.env.DATABASE_URL = "mysql://localhost/x";
    resetEnvForTests();
    await expect(getConsoleDb()).rejects.toThrow(/postgres:\/\//);
    const dir = await mkdtemp(path.join(tmpdir(), "console-db-env-"));
    try {
      delete process.env.DATABASE_URL;
      process.env.DATA_DIR = dir;
      resetEnvForTests();
      expect((await getConsoleDb()).dialect).toBe("sqlite");
    } finally {
      await closeConsoleDb();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses bad PostgreSQL settings with a clear message, without leaking the password", async () => {
    await expect(createConsoleDb({ databaseUrl: "postgres://u@127.0.0.1/test", pgSchema: "Bad-Name" })).rejects.toThrow(
      /invalid PostgreSQL schema name/,
    );
    const refused = createConsoleDb({ databaseUrl: "postgres://u:s3cret@127.0.0.1:1/test" });
    await expect(refused).rejects.toThrow(/cannot open the console database \(PostgreSQL at 127\.0\.0\.1:1\/test\)/);
    await expect(refused).rejects.not.toThrow(/s3cret/);
    await expect(
      createConsoleDb({ databaseUrl: "postgres://u:s3cret@127.0.0.1:1/test?schema=isolated" }),
    ).rejects.toThrow(/cannot open the console database \(PostgreSQL at 127\.0\.0\.1:1\/test \(schema isolated\)\)/);
    await expect(createConsoleDb({})).rejects.toThrow(/databaseUrl .* or dataDir/);
  });

  it("says which SQLite file it could not open", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "console-db-env-"));
    try {
      const blocker = path.join(dir, "file");
      await writeFile(blocker, "not a folder");
      await expect(createConsoleDb({ dataDir: path.join(blocker, "data") })).rejects.toThrow(
        /cannot open the console database \(SQLite at .*file\/data\/console\.sqlite\)/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.runIf(BACKENDS.some((b) => b.name === "postgres"))(
    "uses PostgreSQL from DATABASE_URL, honouring a schema parameter",
    async () => {
      const base = process.env.TEST_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";
      const schema = `console_env_${process.pid}`;
      const url = await reachable(base);
      process.env.DATABASE_URL = `${url}?schema=${schema}`;
      resetEnvForTests();
      try {
        const db = await getConsoleDb();
        expect(db.dialect).toBe("postgres");
        await db.users.create({ email: "pg@example.com", name: "PG", role: "admin", passwordHash: null });
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const r = await client.query(`select email from "${schema}".users`);
          expect(r.rows).toEqual([{ email: "pg@example.com" }]);
        } finally {
          await client.end();
        }
      } finally {
        await closeConsoleDb();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      }
    },
  );
});

async function reachable(url: string): Promise<string> {
  for (const candidate of [url, url.replace("//root@", "//postgres@")]) {
    const client = new pg.Client({ connectionString: candidate });
    try {
      await client.connect();
      return candidate;
    } catch {
      // try the next user
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw new Error(`PostgreSQL unreachable at ${url}`);
}
