import type { Metadata } from "next";
import {
  BuildSection,
  DatabaseSection,
  ModeSection,
  TokenSection,
  UpstreamSection,
} from "@/components/settings/health-sections";
import { RateBudgetSection } from "@/components/settings/rate-budget-section";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses } from "@/components/ui/button";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { getPartnershipsClient } from "@/server/partnerships";
import { healthReport } from "@/server/settings/health";

export const metadata: Metadata = { title: "Health · Settings" };

/** Checked live on every load (the upstream read is bounded to a few seconds). */
export default async function SettingsHealthPage() {
  await requireSection("/settings/health");
  const report = await healthReport({ env: getEnv(), db: await getConsoleDb(), client: getPartnershipsClient() });
  return (
    <>
      <PageHeader
        title="Health"
        description={
          <>
            This console instance as of <time dateTime={report.checkedAt}>{report.checkedAt.slice(11, 19)} UTC</time>.
          </>
        }
        actions={
          <a href="/settings/health" className={buttonClasses("secondary")}>
            Check again
          </a>
        }
      />
      <div className="grid gap-4 md:grid-cols-2">
        <ModeSection mode={report.mode} />
        <UpstreamSection upstream={report.upstream} />
        <TokenSection token={report.token} />
        <DatabaseSection database={report.database} />
        <BuildSection build={report.build} />
      </div>
      <div className="mt-4">
        <RateBudgetSection budget={report.rateBudget} />
      </div>
    </>
  );
}
