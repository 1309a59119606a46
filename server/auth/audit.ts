import "server-only";
import { headers } from "next/headers";
import type { Role } from "@/lib/auth/roles";
import { getConsoleDb } from "@/server/db";
import type { AuditOutcome } from "@/server/db/types";

/** Who is asking, for the audit log. Works in route handlers and server actions; null elsewhere. */
export async function requestMeta(from?: Headers): Promise<{ ip: string | null; userAgent: string | null }> {
  let h: Headers | undefined = from;
  if (!h) {
    try {
      h = await headers();
    } catch {
      return { ip: null, userAgent: null };
    }
  }
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ip: forwarded || h.get("x-real-ip") || null,
    userAgent: h.get("user-agent")?.slice(0, 512) ?? null,
  };
}

export interface AuthAuditInput {
  action: "auth.sign_in" | "auth.sign_in_failed" | "auth.sign_out";
  outcome: AuditOutcome;
  user: { id: string | null; email: string | null; role: Role | null };
  /** The method used and why it failed; never a password or token. */
  message?: string;
  provider?: string;
  headers?: Headers;
}

/** An audit failure must not turn into a sign-in failure: it is logged loudly instead. */
export async function auditAuth(input: AuthAuditInput): Promise<void> {
  try {
    const meta = await requestMeta(input.headers);
    const db = await getConsoleDb();
    await db.audit.append({
      userId: input.user.id,
      userEmail: input.user.email,
      role: input.user.role,
      action: input.action,
      outcome: input.outcome,
      message: input.message ?? null,
      request: input.provider ? { provider: input.provider } : undefined,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
  } catch (error) {
    console.error(`[auth] could not write audit entry ${input.action}:`, (error as Error).message);
  }
}
