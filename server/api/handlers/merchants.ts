import "server-only";
import { z } from "zod";
import type {
  AddPagesRequest,
  PatchLayoutRequest,
  PayoutSetupRequest,
  PutControlsRequest,
  SwitchLayoutRequest,
} from "@/lib/partnerships";
import { registerRequest } from "@/lib/partnerships/accounts";
import { accountId as accountIdFormat, boundedString } from "@/lib/partnerships/formats";
import { limiterFor, type UpstreamRoute } from "@/server/partnerships/upstream-limiter";
import { rememberControls } from "@/server/settings/controls-seen";
import type { HandlerContext, HandlerResult } from "../types";
import { upstreamOk } from "../types";

/** Handlers of the merchant routes: each a few lines over the server client. */

type Account = { accountId: string };
type Ctx<P, B = undefined, Q = { dry_run?: "true" | "false" }> = HandlerContext<P, Q, B>;

export const putStatusBody = z.strictObject({
  status: z.enum(["active", "paused"], { error: "must be active or paused" }),
  /** Kept only in the console's audit log: the API refuses a reason field (SPEC §5.5). */
  reason: boundedString(1, 500).optional(),
});
export type PutStatusBody = z.infer<typeof putStatusBody>;

/** The server fills the platform parent account id when the form leaves it out. */
export const registerBody = registerRequest.extend({ platform_parent_account_id: accountIdFormat.optional() });
export type RegisterBody = z.infer<typeof registerBody>;

/** The merchant index follows the console's own writes at once; a failure there never fails the write. */
async function indexLocally(write: () => Promise<unknown>): Promise<void> {
  await write().catch((e: unknown) =>
    console.error("merchant index update failed:", e instanceof Error ? e.message : e),
  );
}

/**
 * An interactive write takes a slot of the shared upstream budget (one statement, no wait), so a
 * bulk job running meanwhile slows down for it; the budget must never fail the write itself.
 */
async function countUpstream(ctx: Ctx<unknown, unknown, unknown>, route: UpstreamRoute): Promise<void> {
  try {
    const client = await ctx.client();
    await (await limiterFor(ctx.db, client.parentAccountId)).count(route);
  } catch (e) {
    console.error("upstream budget not counted:", e instanceof Error ? e.message : e);
  }
}

/** A "before" read must never stop the write: the write reports its own error. */
async function tryRead<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

export async function getControls(ctx: Ctx<Account, undefined, unknown>) {
  const client = await ctx.client();
  const result = await client.getControls(ctx.params.accountId, { signal: ctx.request.signal });
  await rememberControls(ctx.db, ctx.params.accountId, result.data);
  return upstreamOk(result);
}

export async function putControls(ctx: Ctx<Account, PutControlsRequest>) {
  const client = await ctx.client();
  // The before read and the budget slot are independent: the slot is taken while the read is in flight.
  const [before] = await Promise.all([
    tryRead(() => client.getControls(ctx.params.accountId)),
    countUpstream(ctx, "putControls"),
  ]);
  ctx.audit.before = before?.data ?? null;
  const result = await client.putControls(ctx.params.accountId, ctx.body, ctx.writeOptions());
  ctx.audit.after = result.data;
  if (!result.dryRun) await rememberControls(ctx.db, ctx.params.accountId, result.data);
  return upstreamOk(result);
}

export async function getStatus(ctx: Ctx<Account, undefined, unknown>) {
  const client = await ctx.client();
  return upstreamOk(await client.getStatus(ctx.params.accountId, { signal: ctx.request.signal }));
}

export async function putStatus(ctx: Ctx<Account, PutStatusBody>) {
  const client = await ctx.client();
  const [before] = await Promise.all([
    tryRead(() => client.getStatus(ctx.params.accountId)),
    countUpstream(ctx, "putStatus"),
  ]);
  ctx.audit.before = before ? { status: before.data.status } : null;
  const result = await client.putStatus(ctx.params.accountId, { status: ctx.body.status }, ctx.writeOptions());
  ctx.audit.after = { status: result.data.status };
  if (!result.dryRun && !ctx.dryRun)
    await indexLocally(() => ctx.db.merchants.setStatusLocal(ctx.params.accountId, result.data.status));
  return upstreamOk(result);
}

export async function getKnowledge(ctx: Ctx<Account, undefined, unknown>): Promise<HandlerResult> {
  return { body: { data: await ctx.db.knowledge.get(ctx.params.accountId) } };
}

export async function addPages(ctx: Ctx<Account, AddPagesRequest>) {
  const client = await ctx.client();
  const result = await client.addPages(ctx.params.accountId, ctx.body, ctx.writeOptions());
  ctx.audit.after = result.data;
  if (!result.dryRun && !ctx.dryRun) await ctx.db.knowledge.recordPages(ctx.params.accountId, result.data.pages);
  return upstreamOk(result);
}

export async function switchLayout(ctx: Ctx<Account & { pageId: string }, SwitchLayoutRequest>) {
  const client = await ctx.client();
  const known = await ctx.db.knowledge.get(ctx.params.accountId);
  ctx.audit.before = known.pages.find((p) => p.pageId === ctx.params.pageId) ?? null;
  const result = await client.switchPageLayout(ctx.params.accountId, ctx.params.pageId, ctx.body, ctx.writeOptions());
  ctx.audit.after = result.data;
  if (!result.dryRun && !ctx.dryRun) await ctx.db.knowledge.recordLayoutSwitch(ctx.params.accountId, result.data);
  return upstreamOk(result);
}

export async function patchLayout(ctx: Ctx<Account & { layoutId: string }, PatchLayoutRequest>) {
  const client = await ctx.client();
  const known = await ctx.db.knowledge.get(ctx.params.accountId);
  const layout = known.layouts.find((l) => l.layoutId === ctx.params.layoutId) ?? null;
  ctx.audit.before = layout?.theme ?? null;
  const result = await client.patchLayout(ctx.params.accountId, ctx.params.layoutId, ctx.body, ctx.writeOptions());
  const data = result.data;
  let theme: Record<string, string | number> | null = null;
  let pageId = layout?.pageId ?? null;
  let layoutType: string | null = layout?.layoutType ?? null;
  if ("theme" in data && data.theme) {
    theme = data.theme;
    pageId = data.page_id;
    layoutType = data.layout_type;
  } else if (layout) {
    // A bare acknowledgement (SPEC §10): the new theme is the last one seen plus the tokens sent
    // (only those tokens when none was seen: knowing some of a theme beats knowing none).
    theme = { ...(layout.theme ?? {}), ...(ctx.body as Record<string, string | number>) };
  }
  ctx.audit.after = theme ?? ctx.body;
  if (!result.dryRun && !ctx.dryRun && theme && pageId && layoutType) {
    await ctx.db.knowledge.recordTheme(ctx.params.accountId, ctx.params.layoutId, pageId, layoutType, theme);
  }
  return upstreamOk(result);
}

export async function register(ctx: Ctx<Record<string, never>, RegisterBody>) {
  const client = await ctx.client();
  const body = {
    ...ctx.body,
    platform_parent_account_id: ctx.body.platform_parent_account_id ?? client.parentAccountId,
  };
  const result = await client.register(body, ctx.writeOptions());
  ctx.audit.merchantId = result.data.account_id;
  ctx.audit.after = result.data;
  if (!result.dryRun && !ctx.dryRun) {
    const { account_id: accountId, status } = result.data;
    const at = new Date().toISOString();
    // A deduplicated register answers with the existing account: the index keeps what it knew of it.
    await indexLocally(async () =>
      (await ctx.db.merchants.get(accountId))
        ? ctx.db.merchants.setStatusLocal(accountId, status)
        : ctx.db.merchants.upsertLocal({
            accountId,
            externalAccountId: result.data.external_account_id,
            brand: body.brand,
            countryCode: body.country_code,
            storeIdentifier: body.store_identifier,
            verticalId: body.vertical_id,
            subVerticalId: body.sub_vertical_id,
            status,
            createdAt: at,
            updatedAt: at,
          }),
    );
  }
  if (!result.dryRun && !ctx.dryRun) await ctx.db.knowledge.recordPages(result.data.account_id, result.data.pages);
  return upstreamOk(result);
}

export async function payoutSetup(ctx: Ctx<Account, PayoutSetupRequest, unknown>) {
  const client = await ctx.client();
  const result = await client.payoutSetup(ctx.params.accountId, ctx.body, { ...ctx.writeOptions(), dryRun: false });
  // The onboarding link is a bearer link to the merchant's Stripe onboarding: not for the audit log.
  ctx.audit.after = { stripe_account_id: result.data.stripe_account_id, expires_at: result.data.expires_at };
  // Kept so the Payouts section shows the link after a reload (the API cannot read it back).
  // The link already exists upstream: failing to keep it must not turn the answer into an error.
  try {
    await ctx.db.payoutLinks.record({
      accountId: ctx.params.accountId,
      stripeAccountId: result.data.stripe_account_id,
      onboardingUrl: result.data.onboarding_url,
      expiresAt: result.data.expires_at,
      operationId: result.operationId,
      createdBy: ctx.user?.email ?? null,
    });
  } catch (err) {
    // Never the link itself in a log line.
    console.error("payout link not kept:", err instanceof Error ? err.name : "unknown error");
  }
  return upstreamOk(result);
}
