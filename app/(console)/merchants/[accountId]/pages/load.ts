import "server-only";
import { ensureKnowledgeBootstrap } from "@/server/api/bootstrap";
import { defaultDeps } from "@/server/api/context";
import { getConsoleDb } from "@/server/db";
import type { KnownPage } from "@/server/db/types";

/**
 * The pages the console knows for a merchant (the API has no read for pages).
 * In sandbox mode the first read seeds the knowledge from the sandbox's layouts
 * export, as the API routes do. null: the console database could not be read.
 */
export async function loadKnownPages(accountId: string): Promise<KnownPage[] | null> {
  try {
    const db = await getConsoleDb();
    await ensureKnowledgeBootstrap(defaultDeps(), db);
    return (await db.knowledge.get(accountId)).pages;
  } catch (err) {
    console.error("merchant pages: knowledge read failed:", err instanceof Error ? err.message : err);
    return null;
  }
}
