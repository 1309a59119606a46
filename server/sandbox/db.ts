import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

/** Schema migrations, applied in order; `PRAGMA user_version` records how many ran. */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE tokens (token TEXT PRIMARY KEY, parent_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
  CREATE TABLE accounts (
    account_id TEXT PRIMARY KEY,
    parent_id TEXT NOT NULL,
    external_account_id TEXT NOT NULL,
    brand TEXT NOT NULL,
    country_code TEXT NOT NULL,
    store_identifier TEXT NOT NULL,
    store_norm TEXT NOT NULL,
    vertical_id INTEGER NOT NULL,
    sub_vertical_id INTEGER NOT NULL,
    rokt_vertical_id INTEGER NOT NULL,
    rokt_sub_vertical_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    mcl_id TEXT NOT NULL,
    mcl_name TEXT NOT NULL,
    mcl_verticals TEXT NOT NULL DEFAULT '[]',
    mcl_domains TEXT NOT NULL DEFAULT '[]',
    stripe_account_id TEXT,
    payout_link TEXT,
    deletion_request_id TEXT,
    deletion_reason TEXT,
    deletion_at INTEGER,
    deletion_operation_id TEXT,
    UNIQUE (parent_id, external_account_id)
  );
  CREATE INDEX accounts_list ON accounts (parent_id, created_at, account_id);
  CREATE TABLE pages (
    page_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    surface TEXT NOT NULL,
    layout_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (account_id, surface)
  );
  CREATE TABLE layouts (
    layout_id TEXT PRIMARY KEY,
    page_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    layout_type TEXT NOT NULL,
    theme TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX layouts_page ON layouts (page_id);
  CREATE INDEX layouts_account ON layouts (account_id);
  CREATE TABLE variants (
    variant_id TEXT PRIMARY KEY,
    page_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    surface TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL
  );
  CREATE INDEX variants_account ON variants (account_id);
  CREATE TABLE operations (
    operation_id TEXT PRIMARY KEY,
    parent_id TEXT NOT NULL,
    operation_type TEXT NOT NULL,
    account_id TEXT,
    dry_run INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    http_status INTEGER,
    response_body TEXT,
    error TEXT,
    long_running_at INTEGER
  );
  CREATE INDEX operations_created ON operations (created_at);
  CREATE INDEX operations_unsettled ON operations (http_status) WHERE http_status IS NULL;
  CREATE TABLE idempotency_keys (
    parent_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    operation_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    settled INTEGER NOT NULL DEFAULT 0,
    status INTEGER,
    headers TEXT,
    body TEXT,
    PRIMARY KEY (parent_id, account_id, key)
  );
  CREATE INDEX idempotency_created ON idempotency_keys (created_at);
  CREATE TABLE privacy_requests (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id TEXT NOT NULL UNIQUE,
    parent_id TEXT NOT NULL,
    request_type TEXT NOT NULL,
    identifier_type TEXT NOT NULL,
    identifier TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
];

/** Opens (creating if needed) `<dataDir>/sandbox.sqlite` in WAL mode and migrates it. */
export function openDatabase(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, "sandbox.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("temp_store = MEMORY");
  db.pragma("busy_timeout = 5000");
  // Random UUID keys touch pages all over the B-trees; a bigger cache keeps big seeds fast.
  db.pragma("cache_size = -65536");
  // Immediate, re-reading the version inside: two processes opening a new folder migrate once.
  db.transaction(() => {
    const version = db.pragma("user_version", { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v] as string);
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
  return db;
}

export function getMeta(db: Db, key: string): string | null {
  const row = db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
    key,
    value,
  );
}
