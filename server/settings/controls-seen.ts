import "server-only";
import type { Controls } from "@/lib/partnerships/controls";
import type { ConsoleDb } from "@/server/db/types";

/**
 * The API has no "which merchants block this pair" query, so the console keeps the
 * blocked pairs of every merchant whose controls it reads or writes (merchant page,
 * onboarding go-live). A taxonomy import lists the blocks it would orphan from this;
 * it covers the merchants the console has seen, and says so with their count.
 * Best effort: a failure here never fails the read or write it follows.
 */
export async function rememberControls(db: ConsoleDb, accountId: string, controls: Controls | unknown): Promise<void> {
  const translated = (controls as Partial<Controls> | null)?.translatedVerticals;
  if (!Array.isArray(translated)) return;
  const pairs = translated
    .filter((v) => Number.isInteger(v?.partner_vertical_id) && Number.isInteger(v?.partner_sub_vertical_id))
    .map((v) => [v.partner_vertical_id, v.partner_sub_vertical_id] as const);
  await db.controlsSeen
    .record(accountId, pairs)
    .catch((e: unknown) => console.error("controls cache update failed:", e instanceof Error ? e.message : e));
}
