import "server-only";
import type { Controls } from "@/lib/partnerships/controls";
import type { ConsoleDb } from "@/server/db/types";

/**
 * The API has no "which merchants block this pair" query, so the console keeps the
 * blocked pairs of every merchant whose controls it reads or writes (merchant page,
 * onboarding go-live). A taxonomy import lists the blocks it would orphan from this;
 * it covers the merchants the console has seen, and says so with their count.
 * Best effort: a failure here never fails the read or write it follows.
 *
 * Every controls read used to upsert its row, a database write on the hottest read
 * there is. The same pairs recorded by this process within a minute are not written
 * again; another instance's newer row can thus wait up to a minute to be corrected,
 * which a best-effort index of "who blocks what" can afford.
 */
const UNCHANGED_FOR_MS = 60_000;
const REMEMBERED_MAX = 10_000;
// Per database handle, so that tests (and anything else) opening a fresh database start from nothing.
const g = globalThis as unknown as {
  __consoleControlsSeen?: WeakMap<ConsoleDb, Map<string, { json: string; at: number }>>;
};

export async function rememberControls(db: ConsoleDb, accountId: string, controls: Controls | unknown): Promise<void> {
  const translated = (controls as Partial<Controls> | null)?.translatedVerticals;
  if (!Array.isArray(translated)) return;
  const pairs = translated
    .filter((v) => Number.isInteger(v?.partner_vertical_id) && Number.isInteger(v?.partner_sub_vertical_id))
    .map((v) => [v.partner_vertical_id, v.partner_sub_vertical_id] as const);
  g.__consoleControlsSeen ??= new WeakMap();
  let recent = g.__consoleControlsSeen.get(db);
  if (!recent) {
    recent = new Map();
    g.__consoleControlsSeen.set(db, recent);
  }
  const json = JSON.stringify(pairs);
  const now = Date.now();
  const last = recent.get(accountId);
  if (last && last.json === json && now - last.at < UNCHANGED_FOR_MS) return;
  await db.controlsSeen.record(accountId, pairs).then(
    () => {
      recent.delete(accountId);
      // Insertion order is age order: past the cap the oldest goes first.
      if (recent.size >= REMEMBERED_MAX) recent.delete(recent.keys().next().value as string);
      recent.set(accountId, { json, at: now });
    },
    (e: unknown) => console.error("controls cache update failed:", e instanceof Error ? e.message : e),
  );
}
