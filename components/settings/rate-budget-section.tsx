import { HealthSection } from "./health-sections";

/** The upstream routes the shared limiter knows, in the words of the API's docs (SPEC §6). */
const ROUTE_LABELS: Record<string, string> = {
  register: "Register merchant",
  payoutSetup: "Payout setup",
  networkPrivacy: "Network privacy request",
  dataDeletion: "Data deletion",
  addPages: "Add pages",
  switchPage: "Switch page layout",
  patchLayout: "Update layout",
  putControls: "Save controls",
  putStatus: "Set status",
  getOperation: "Read operation",
  getControls: "Read controls",
  getStatus: "Read status",
  listAccounts: "List merchants",
};

export interface RateBudgetRow {
  route: string;
  limit: number;
  usedInWindow: number;
  remaining: number;
  resetMs: number;
}

export type RateBudgetView = { routes: RateBudgetRow[]; error: null } | { routes: null; error: string };

/**
 * What is left of each route's per-minute budget in the limiter every console
 * instance shares. Bulk jobs wait for a slot; single saves take one without waiting.
 */
export function RateBudgetSection({ budget }: { budget: RateBudgetView }) {
  return (
    <HealthSection id="health-rate-budget" title="Rate-limit budget">
      {budget.routes === null ? (
        <p className="text-sm text-danger">The budget could not be read: {budget.error}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Rate-limit budget left per route</caption>
            <thead className="text-fg-muted">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Route
                </th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">
                  Per minute
                </th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">
                  Used
                </th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">
                  Left
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Resets in
                </th>
              </tr>
            </thead>
            <tbody>
              {budget.routes.map((r) => (
                <tr key={r.route} className="border-t border-border">
                  <th scope="row" className="py-1 pr-3 font-normal text-fg">
                    {ROUTE_LABELS[r.route] ?? r.route}
                  </th>
                  <td className="py-1 pr-3 text-right tabular-nums">{r.limit}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{r.usedInWindow}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{r.remaining}</td>
                  <td className="py-1 text-right tabular-nums">
                    {r.resetMs > 0 ? `${Math.ceil(r.resetMs / 1000)} s` : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-2 text-xs text-fg-muted">
        Counted across every console instance: bulk jobs and status and controls saves. Limits are the API&apos;s
        documented ones, scaled by UPSTREAM_RATE_LIMIT_FACTOR.
      </p>
    </HealthSection>
  );
}
