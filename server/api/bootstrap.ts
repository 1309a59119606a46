import "server-only";
import { randomUUID } from "node:crypto";
import type { ConsoleDb } from "@/server/db/types";
import type { ApiDeps } from "./context";

/**
 * Sandbox mode: the API cannot list pages or layouts, so on first use the
 * console seeds its merchant knowledge from the sandbox's layouts CSV export.
 * Once per process (a promise on globalThis: Next bundles route handlers
 * separately), and once across instances (a lease in the database); a failure
 * is logged and retried on a later request. Never awaited by /api/health.
 */
const LEASE = "knowledge.sandbox-bootstrap";
const g = globalThis as unknown as {
  __consoleKnowledgeBootstrap?: Promise<void>;
  __consoleKnowledgeBootstrapped?: boolean;
};

/** True once nothing is left to do in this process. */
async function run(deps: ApiDeps, db: ConsoleDb): Promise<boolean> {
  if (!deps.getConfig().sandboxMode) return true;
  if (!(await db.knowledge.isEmpty())) return true;
  const holder = randomUUID();
  if (!(await db.leases.acquire(LEASE, holder, 60_000))) {
    // Another instance is importing: look again on a later request.
    g.__consoleKnowledgeBootstrap = undefined;
    return false;
  }
  try {
    if (!(await db.knowledge.isEmpty())) return true;
    const csv = await deps.exportSandboxLayoutsCsv();
    const result = await db.knowledge.importCsv(csv);
    if (result.errors.length > 0) {
      console.warn(`knowledge bootstrap: ${result.imported} rows imported, ${result.errors.length} rejected`);
    }
    return true;
  } finally {
    await db.leases.release(LEASE, holder).catch(() => undefined);
  }
}

/** Resolves when the bootstrap is done, failed, or took longer than `timeoutMs` (it then goes on in the background). */
export async function ensureKnowledgeBootstrap(deps: ApiDeps, db: ConsoleDb, timeoutMs = 5_000): Promise<void> {
  // Every API request passes here: once done, no race and no timer per request.
  if (g.__consoleKnowledgeBootstrapped) return;
  if (!g.__consoleKnowledgeBootstrap) {
    g.__consoleKnowledgeBootstrap = run(deps, db).then(
      (done) => {
        if (done) g.__consoleKnowledgeBootstrapped = true;
      },
      (err: unknown) => {
        console.error(
          "knowledge bootstrap failed; will retry on a later request:",
          err instanceof Error ? err.message : err,
        );
        g.__consoleKnowledgeBootstrap = undefined;
      },
    );
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    g.__consoleKnowledgeBootstrap,
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  if (timer) clearTimeout(timer);
}

/** For tests: forget that this process already ran the bootstrap. */
export function resetKnowledgeBootstrapForTests(): void {
  g.__consoleKnowledgeBootstrap = undefined;
  g.__consoleKnowledgeBootstrapped = false;
}
