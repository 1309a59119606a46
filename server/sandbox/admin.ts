import { SURFACES } from "@/lib/partnerships";
import { DEMO_PARENT_ACCOUNT_ID } from "./demo-platform";
import { faultsRequest, updateFaults } from "./faults";
import { ApiError, iso, notFound, parseJsonBody, parseOr400, readBody, textResponse } from "./http";
import { errorResponse, okResponse, type Rc } from "./pipeline";
import { defaultFaults, prep, type SandboxState } from "./state";
import { controlsView, effective, getAccount, listRow, statusView, surfaceRank } from "./store/accounts";
import { type LayoutRow, parseTheme } from "./store/pages";

function requireAdmin(rc: Rc): void {
  if (rc.req.headers.get("x-sandbox-admin") !== rc.s.opts.adminToken) {
    throw new ApiError(401, "X-Sandbox-Admin is missing or wrong");
  }
}

/** Runs an admin handler after the admin check; answers are enveloped like the API's. */
export async function admin(rc: Rc, handler: () => unknown | Promise<unknown>): Promise<Response> {
  try {
    requireAdmin(rc);
    const out = await handler();
    return out instanceof Response ? out : okResponse(rc, out);
  } catch (e) {
    return errorResponse(rc, e);
  }
}

export function resetSandbox(s: SandboxState, reseed: () => void): { merchants: number } {
  reseed();
  s.faults = defaultFaults(s.opts.rateLimits);
  s.buckets.clear();
  return { merchants: s.opts.seedMerchants };
}

export async function setFaults(rc: Rc): Promise<unknown> {
  const body = parseOr400(faultsRequest, parseJsonBody(rc.req, await readBody(rc.req)));
  updateFaults(rc.s, body);
  return rc.s.faults;
}

interface PageRow {
  page_id: string;
  surface: string;
  layout_id: string;
  created_at: string;
}

/** The account's whole stored state, for tests and demos. */
export function accountState(s: SandboxState, accountId: string): unknown {
  const a = getAccount(s, accountId);
  if (!a) throw notFound(`account ${accountId.slice(0, 80)} not found`);
  const pages = (prep(s, "SELECT * FROM pages WHERE account_id = ?").all(accountId) as PageRow[]).sort(
    (x, y) => surfaceRank(x.surface) - surfaceRank(y.surface),
  );
  const layouts = prep(s, "SELECT * FROM layouts WHERE account_id = ? ORDER BY created_at, layout_id").all(
    accountId,
  ) as LayoutRow[];
  const e = effective(s, a);
  return {
    parent_account_id: a.parent_id,
    account: listRow(s, a),
    rokt_vertical: { vertical_id: a.rokt_vertical_id, sub_vertical_id: a.rokt_sub_vertical_id },
    pages: pages.map((p) => ({
      page_id: p.page_id,
      surface: p.surface,
      current_layout_id: p.layout_id,
      created_at: p.created_at,
      layouts: layouts
        .filter((l) => l.page_id === p.page_id)
        .map((l) => ({
          layout_id: l.layout_id,
          layout_type: l.layout_type,
          theme: parseTheme(l.theme),
          created_at: l.created_at,
        })),
    })),
    variants: statusView(s, a).variants,
    controls: controlsView(s, a),
    payout: a.stripe_account_id
      ? { stripe_account_id: a.stripe_account_id, ...JSON.parse(a.payout_link ?? "{}") }
      : null,
    deletion:
      a.deletion_at === null
        ? null
        : {
            deletion_request_id: a.deletion_request_id,
            operation_id: a.deletion_operation_id,
            reason: a.deletion_reason,
            requested_at: iso(a.deletion_at),
            completes_at: iso(a.deletion_at + s.opts.deletionMs),
            status: e.status,
          },
  };
}

export function privacyRequests(s: SandboxState): unknown {
  const rows = prep(
    s,
    `SELECT request_id AS requestId, request_type AS requestType, identifier_type, identifier,
       parent_id AS parent_account_id, created_at FROM privacy_requests ORDER BY created_at DESC, seq DESC`,
  ).all();
  return { requests: rows };
}

const csvField = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Every page of the demo platform, accounts in list order (SPEC §8). */
export function layoutsCsv(s: SandboxState): Response {
  const rows = prep(
    s,
    `SELECT a.account_id, p.page_id, p.layout_id, p.surface, l.layout_type FROM accounts a
       JOIN pages p ON p.account_id = a.account_id JOIN layouts l ON l.layout_id = p.layout_id
       WHERE a.parent_id = ? ORDER BY a.created_at, a.account_id`,
  ).all(DEMO_PARENT_ACCOUNT_ID) as {
    account_id: string;
    page_id: string;
    layout_id: string;
    surface: string;
    layout_type: string;
  }[];
  const lines = ["account_id,page_id,layout_id,surface,layout_type"];
  // Within an account, pages in surface order; the SQL keeps accounts in list order.
  let i = 0;
  while (i < rows.length) {
    let j = i;
    while (j < rows.length && rows[j]?.account_id === rows[i]?.account_id) j++;
    const group = rows
      .slice(i, j)
      .sort((x, y) => SURFACES.indexOf(x.surface as never) - SURFACES.indexOf(y.surface as never));
    for (const r of group)
      lines.push([r.account_id, r.page_id, r.layout_id, r.surface, r.layout_type].map(csvField).join(","));
    i = j;
  }
  return textResponse(200, `${lines.join("\n")}\n`, { "Content-Type": "text/csv; charset=utf-8" });
}
