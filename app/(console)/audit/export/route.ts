import { hasRole } from "@/lib/auth/roles";
import { auditCsv, auditFilterQuery } from "@/server/api/handlers/admin";
import { getSessionUser } from "@/server/auth";
import { getConsoleDb } from "@/server/db";

/**
 * GET /audit/export?…filters — the audit log view as CSV (admins). The export
 * itself is audited. A page route, not /api: the API answers JSON only.
 */
export async function GET(request: Request): Promise<Response> {
  const user = await getSessionUser();
  const text = (status: number, body: string) =>
    new Response(body, {
      status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  if (!user) return text(401, "Sign in to export the audit log.");
  if (!hasRole(user.role, "admin")) return text(403, "You don't have access to this page");
  const url = new URL(request.url);
  const parsed = auditFilterQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success)
    return text(400, `Bad filter: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  const db = await getConsoleDb();
  const { cursor: _c, limit: _l, ...filters } = parsed.data;
  const { csv, rows, truncated } = await auditCsv(db, filters);
  await db.audit.append({
    userId: user.id,
    userEmail: user.email,
    role: user.role,
    action: "audit.export",
    request: { method: "GET", path: url.pathname, query: url.search || undefined },
    after: { rows, truncated },
    outcome: "success",
    httpStatus: 200,
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
