import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { FifoSqliteDialect } from "./sqlite-fifo";

const open: Kysely<unknown>[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
});

function kysely(dialect: "fifo" | "kysely") {
  const config = { database: new Database(":memory:") };
  const db = new Kysely<unknown>({
    dialect: dialect === "fifo" ? new FifoSqliteDialect(config) : new SqliteDialect(config),
  });
  open.push(db);
  return db;
}

/**
 * Many "requests", each a chain of queries with an await between them (as a route handler's
 * are), all contending for SQLite's one connection; returns the most queries that were
 * answered while one query waited (how often it was overtaken).
 */
async function worstOvertaking(db: Kysely<unknown>, requests = 60, queriesEach = 8): Promise<number> {
  let done = 0;
  let worst = 0;
  const query = async () => {
    const startedAt = done;
    await sql`select 1`.execute(db);
    done++;
    worst = Math.max(worst, done - startedAt - 1);
  };
  await Promise.all(
    Array.from({ length: requests }, async () => {
      for (let i = 0; i < queriesEach; i++) {
        await query();
        await Promise.resolve();
      }
    }),
  );
  return worst;
}

describe("FifoSqliteDialect", () => {
  it("answers queries in the order they asked: none waits behind more than everyone who came before it", async () => {
    const requests = 60;
    const worst = await worstOvertaking(kysely("fifo"), requests);
    expect(worst).toBeLessThan(requests);
  });

  it("Kysely's own mutex lets late queries overtake waiting ones (why this driver exists)", async () => {
    const requests = 60;
    const worst = await worstOvertaking(kysely("kysely"), requests);
    expect(worst).toBeGreaterThanOrEqual(requests);
  });

  it("a transaction still holds the connection until it ends, and whoever waited goes next", async () => {
    const db = kysely("fifo");
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const tx = db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await gate;
      order.push("tx");
    });
    await new Promise((r) => setTimeout(r, 5));
    const waiting = sql`select 1`.execute(db).then(() => order.push("waiting"));
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([]);
    release();
    await Promise.all([tx, waiting]);
    expect(order).toEqual(["tx", "waiting"]);
  });
});
