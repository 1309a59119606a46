import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";

/**
 * Settings → Health, one small section per concern so that more can be added
 * (e.g. the rate-limit budget per route) without touching the others. The report's
 * shape is server/settings/health.ts's HealthReport; it carries no secret.
 */
export interface HealthView {
  checkedAt: string;
  mode: { kind: string; label: string; target: string | null };
  upstream: { ok: boolean; latencyMs: number | null; error: string | null };
  token: { obtainedAt: string | null; ageSeconds: number | null; renewsInSeconds: number | null };
  database: { kind: string; reachable: boolean; migration: string | null; error: string | null };
  build: { version: string; commit: string | null };
}

export function HealthSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-card border border-border bg-surface p-5 shadow-sm">
      <h2 id={`${id}-heading`} className="mb-3 text-base font-semibold text-fg">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {items.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-fg-muted">{term}</dt>
          <dd className="break-all text-fg">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The Status fact of the upstream and database sections. */
function Reachability({ reachable }: { reachable: boolean }) {
  return <Badge tone={reachable ? "success" : "danger"}>{reachable ? "Reachable" : "Unreachable"}</Badge>;
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

export function ModeSection({ mode }: Pick<HealthView, "mode">) {
  return (
    <HealthSection id="health-mode" title="Mode">
      <Facts
        items={[["Upstream", mode.label], ...(mode.target ? [["Address", mode.target] as [string, string]] : [])]}
      />
    </HealthSection>
  );
}

export function UpstreamSection({ upstream }: Pick<HealthView, "upstream">) {
  return (
    <HealthSection id="health-upstream" title="Upstream reachability">
      <Facts
        items={[
          ["Status", <Reachability key="status" reachable={upstream.ok} />],
          upstream.ok ? ["Latency", `${upstream.latencyMs} ms (one account listed)`] : ["Error", upstream.error ?? "—"],
        ]}
      />
    </HealthSection>
  );
}

export function TokenSection({ token }: Pick<HealthView, "token">) {
  return (
    <HealthSection id="health-token" title="Partner token">
      {token.ageSeconds === null ? (
        <p className="text-sm text-fg-muted">No token held by this instance yet.</p>
      ) : (
        <Facts
          items={[
            ["Age", duration(token.ageSeconds)],
            ["Renews in", duration(token.renewsInSeconds ?? 0)],
          ]}
        />
      )}
      <p className="mt-2 text-xs text-fg-muted">The token itself never leaves the server.</p>
    </HealthSection>
  );
}

export function DatabaseSection({ database }: Pick<HealthView, "database">) {
  return (
    <HealthSection id="health-database" title="Database">
      <Facts
        items={[
          ["Kind", database.kind],
          ["Status", <Reachability key="status" reachable={database.reachable} />],
          ["Migration", database.migration ?? database.error ?? "—"],
        ]}
      />
    </HealthSection>
  );
}

export function BuildSection({ build }: Pick<HealthView, "build">) {
  return (
    <HealthSection id="health-build" title="Build">
      <Facts
        items={[
          ["Version", build.version],
          ["Commit", build.commit ?? "not recorded (built without git)"],
        ]}
      />
    </HealthSection>
  );
}
