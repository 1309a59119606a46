/** Every write in the audit log, with its operation id: read back through the console's audit API. */
import { call, type Session } from "./http";

export async function auditPhase(admin: Session, accountIds: string[]) {
  const missing: string[] = [];
  let writes = 0;
  for (const id of accountIds) {
    const res = await call(admin, "GET", `/api/audit?limit=200&merchantId=${id}`);
    const entries = (res.body?.data?.entries ?? []) as {
      action: string;
      outcome: string;
      operationId: string | null;
    }[];
    const done = entries.filter((e) => e.outcome === "success" && !e.action.endsWith(".read"));
    for (const action of ["onboarding.register", "merchant.controls.update", "merchant.layout.theme"]) {
      const hit = done.find((e) => e.action.startsWith(action));
      if (!hit?.operationId) missing.push(`${id}: ${action}`);
    }
    writes += done.length;
  }
  return { successfulWritesAudited: writes, missing };
}
