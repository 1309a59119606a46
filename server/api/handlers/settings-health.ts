import "server-only";
import { getEnv } from "@/server/env";
import { healthReport } from "@/server/settings/health";
import type { HandlerContext, HandlerResult } from "../types";

/** Settings → Health for admins: the same report the page renders (server/settings/health.ts). */
export async function getHealth(ctx: HandlerContext<unknown, unknown, undefined>): Promise<HandlerResult> {
  const report = await healthReport({ env: getEnv(), db: ctx.db, client: await ctx.client() });
  return { body: { data: report } };
}
