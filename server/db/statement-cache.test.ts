import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cachingStatements } from "./open";

describe("cachingStatements (the SQLite prepared-statement cache)", () => {
  it("reuses the statement for the same SQL text and gives the same answers", () => {
    const raw = new Database(":memory:");
    const db = cachingStatements(raw);
    db.prepare("create table t (id integer primary key, v text)").run();
    const insert = db.prepare("insert into t (v) values (?)");
    insert.run(["a"]);
    expect(db.prepare("insert into t (v) values (?)")).toBe(insert);
    db.prepare("insert into t (v) values (?)").run(["b"]);
    expect(db.prepare("select v from t order by id").all([])).toEqual([{ v: "a" }, { v: "b" }]);
    db.close();
    expect(raw.open).toBe(false);
  });

  it("hands out a fresh statement while the cached one is still iterating", () => {
    const db = cachingStatements(new Database(":memory:"));
    db.prepare("create table t (id integer primary key)").run();
    for (let i = 0; i < 3; i++) db.prepare("insert into t default values").run();
    const sql = "select id from t order by id";
    const outer = db.prepare(sql);
    const ids: number[] = [];
    for (const row of outer.iterate() as Iterable<{ id: number }>) {
      const inner = db.prepare(sql);
      expect(inner).not.toBe(outer);
      ids.push(row.id, (inner.all() as { id: number }[]).length);
    }
    expect(ids).toEqual([1, 3, 2, 3, 3, 3]);
    db.close();
  });

  it("stays bounded, dropping the least recently used", () => {
    const db = cachingStatements(new Database(":memory:"), 2);
    const a = db.prepare("select 1");
    const b = db.prepare("select 2");
    expect(db.prepare("select 1")).toBe(a); // a is now the most recent
    db.prepare("select 3"); // evicts b
    expect(db.prepare("select 1")).toBe(a);
    expect(db.prepare("select 2")).not.toBe(b);
    db.close();
  });

  it("sees schema changes made after a statement was cached", () => {
    const db = cachingStatements(new Database(":memory:"));
    db.prepare("create table t (a integer)").run();
    db.prepare("insert into t values (1)").run();
    expect(db.prepare("select * from t").all()).toEqual([{ a: 1 }]);
    db.prepare("alter table t add column b integer default 2").run();
    expect(db.prepare("select * from t").all()).toEqual([{ a: 1, b: 2 }]);
    db.close();
  });
});
