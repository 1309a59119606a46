#!/usr/bin/env node
// Runs the Playwright journeys a second time with the console's own data in
// PostgreSQL (DATABASE_URL), on the build `npm run build` made. With --reset it
// only drops the e2e schema (Playwright's webServer calls it before `next start`).
// SKIP_PG_TESTS=1 skips the run, as it does for the database unit tests.
import { spawnSync } from "node:child_process";
import pg from "pg";

const url = process.env.E2E_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test?schema=console_e2e";

if (process.argv.includes("--reset")) {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  if (!schema || !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error("E2E_DATABASE_URL needs a ?schema=<name> to reset");
  parsed.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
  process.exit(0);
}

if (process.env.SKIP_PG_TESTS === "1") {
  console.log("SKIP_PG_TESTS=1: skipping the PostgreSQL journeys");
  process.exit(0);
}
const result = spawnSync(
  "npx",
  [
    "playwright",
    "test",
    // The journeys whose storage differs by engine: sessions and users, the merchant index's text search,
    // the privacy history, bulk jobs under their lease, users and invites; the rest run on SQLite only (their repos are unit-tested on both engines).
    "e2e/auth.spec.ts",
    "e2e/shell.spec.ts",
    "e2e/api.spec.ts",
    "e2e/merchants-list.spec.ts",
    "e2e/privacy.spec.ts",
    "e2e/bulk.spec.ts",
    "e2e/settings-users.spec.ts",
    ...process.argv.slice(2),
  ],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      E2E_DATABASE_URL: url,
      E2E_PORT: process.env.E2E_PORT ?? "3110",
      E2E_DATA_DIR: ".data-e2e-pg",
    },
  },
);
process.exit(result.status ?? 1);
