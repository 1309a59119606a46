import "server-only";
import { buildOpenApiDocument } from "@/lib/partnerships/openapi";
import type { HandlerContext, HandlerResult } from "../types";

const CHECK_TIMEOUT_MS = 3_000;

async function check(probe: () => Promise<boolean>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      probe(),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
      }),
    ]);
  } catch {
    return false;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** Public: reachability of the console database and the upstream, and nothing else (no versions, no URLs). */
export async function health(ctx: HandlerContext<unknown, unknown, undefined>): Promise<HandlerResult> {
  const [database, upstream] = await Promise.all([
    check(async () => (await ctx.deps.getDb()).ping()),
    check(async () => (await ctx.deps.getClient()).ping()),
  ]);
  const ok = database && upstream;
  let mode: "sandbox" | "configured" | "unknown" = "unknown";
  try {
    mode = ctx.deps.getConfig().sandboxMode ? "sandbox" : "configured";
  } catch {
    // Invalid configuration: the checks above already fail.
  }
  return {
    status: ok ? 200 : 503,
    body: {
      status: ok ? "ok" : "unavailable",
      mode,
      database: database ? "ok" : "unreachable",
      upstream: upstream ? "ok" : "unreachable",
    },
  };
}

/** The OpenAPI 3.1 document of the Partnerships API as the console models it (built from the zod contract). */
let openApiDocument: unknown;
export async function openApi(): Promise<HandlerResult> {
  openApiDocument ??= buildOpenApiDocument();
  return { body: openApiDocument };
}
