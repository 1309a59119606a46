import type { Metadata } from "next";
import Link from "next/link";
import { Count, HomeCard } from "@/components/home/home-card";
import { WritesChart } from "@/components/home/writes-chart";
import { PageHeader } from "@/components/shell/page-header";
import { hasRole, ROLE_LABELS } from "@/lib/auth/roles";
import { BULK_ACTION_LABELS } from "@/lib/bulk/schemas";
import { hourlyBuckets } from "@/lib/home/chart";
import { actionLabel } from "@/lib/operations/actions";
import { statusLabel } from "@/lib/operations/backoff";
import { ACCOUNT_STATUSES } from "@/lib/partnerships/accounts";
import { requireSessionUser } from "@/server/auth";
import { resumeJobsFromPage } from "@/server/bulk/page-data";
import { listJobViews } from "@/server/bulk/service";
import { getConsoleDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { ensureMerchantIndex } from "@/server/merchants";
import { getPartnershipsClient } from "@/server/partnerships";

export const metadata: Metadata = { title: "Overview" };

const DAY = 24 * 3_600_000;
const orNull = <T,>(p: Promise<T>) => p.catch(() => null);

export default async function HomePage() {
  const user = await requireSessionUser();
  const db = await getConsoleDb();
  const { sandboxMode } = getEnv();
  const admin = hasRole(user.role, "admin");
  const onboarding = hasRole(user.role, "account_manager");
  const now = new Date();
  // The counts come from the merchant index: fill it first if it never was (briefly; it never throws).
  await ensureMerchantIndex(db, async () => getPartnershipsClient(), { waitMs: 5000 });
  // Admins look after everyone's operations; the others after their own.
  const mine = admin ? undefined : user.id;
  const everyone = admin ? "" : "&everyone=0";
  // The first page most people open: jobs left running by a stopped instance go on from here.
  await resumeJobsFromPage(db);
  const [indexed, statusCounts, drafts, running, failed, activity, bulkJobs] = await Promise.all([
    orNull(db.merchants.count()),
    Promise.all(
      ACCOUNT_STATUSES.map((status) => orNull(db.merchants.search({ status, limit: 1 }).then((r) => r.total))),
    ),
    onboarding ? orNull(db.onboarding.listDrafts(user.id)) : Promise.resolve(null),
    orNull(db.journal.list({ statuses: ["pending", "in_progress", "unknown"], userId: mine, limit: 5 })),
    orNull(
      db.journal.list({
        status: "failed",
        userId: mine,
        since: new Date(now.getTime() - 7 * DAY).toISOString(),
        limit: 5,
      }),
    ),
    admin ? orNull(db.audit.activity(new Date(now.getTime() - DAY).toISOString())) : Promise.resolve(null),
    orNull(listJobViews(db, 5)),
  ]);
  return (
    <>
      <PageHeader title="Overview" description={`Signed in as ${user.email} (${ROLE_LABELS[user.role]}).`} />
      {sandboxMode ? (
        <p className="mb-6 max-w-prose rounded-card border border-warning bg-surface p-4 text-sm text-fg">
          <strong>Sandbox mode.</strong> The console talks to its built-in sandbox of the Partnerships API and keeps its
          data in an embedded database. Nothing here reaches real merchants.
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <HomeCard title="Merchants by status" href="/merchants" linkLabel="All merchants">
          {indexed === 0 ? (
            <p className="text-fg-muted">The merchant index has not been filled yet; the merchant list fills it.</p>
          ) : (
            <div className="grid gap-1">
              {ACCOUNT_STATUSES.map((s, i) => (
                <Count
                  key={s}
                  n={statusCounts[i] ?? null}
                  label={s[0]!.toUpperCase() + s.slice(1)}
                  href={`/merchants?status=${s}`}
                />
              ))}
            </div>
          )}
        </HomeCard>
        {onboarding ? (
          <HomeCard title="Onboarding in progress" href="/onboard" linkLabel="Onboard a merchant">
            {drafts === null ? (
              <p className="text-danger">The drafts could not be read.</p>
            ) : drafts.length === 0 ? (
              <p className="text-fg-muted">No onboarding draft in progress.</p>
            ) : (
              <ul className="space-y-1">
                {drafts.slice(0, 5).map((d) => (
                  <li key={d.id}>
                    {d.brand ?? "Unnamed draft"} <span className="text-xs text-fg-muted">step {d.reached + 1}</span>
                  </li>
                ))}
                {drafts.length > 5 ? <li className="text-fg-muted">and {drafts.length - 5} more</li> : null}
              </ul>
            )}
          </HomeCard>
        ) : null}
        <OperationsCard
          title="Operations in progress"
          page={running}
          href={`/operations?status=in_progress${everyone}`}
          empty="Nothing is running."
        />
        <OperationsCard
          title="Failed operations"
          page={failed}
          href={`/operations?status=failed${everyone}`}
          empty="No operation failed in the last 7 days."
        />
        {admin ? (
          <HomeCard title="Writes in the last 24 hours" href="/audit" linkLabel="Audit log" className="md:col-span-2">
            {activity ? (
              <WritesChart buckets={hourlyBuckets(activity, now)} />
            ) : (
              <p className="text-danger">The audit log could not be read.</p>
            )}
          </HomeCard>
        ) : null}
        <HomeCard title="Bulk jobs" href="/bulk" linkLabel="All bulk jobs">
          {bulkJobs === null ? (
            <p className="text-danger">The bulk jobs could not be read.</p>
          ) : bulkJobs.length === 0 ? (
            <p className="text-fg-muted">No bulk job yet: select merchants in the merchant list to start one.</p>
          ) : (
            <ul className="space-y-1">
              {bulkJobs.map((j) => (
                <li key={j.id}>
                  <Link href={`/bulk/${j.id}`} className="text-accent underline underline-offset-2">
                    {BULK_ACTION_LABELS[j.action]}
                  </Link>{" "}
                  <span className="text-xs text-fg-muted">
                    {`${j.counts.total} ${j.counts.total === 1 ? "merchant" : "merchants"} · ${j.progress}% · ${j.status}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </HomeCard>
      </div>
    </>
  );
}

function OperationsCard({
  title,
  page,
  href,
  empty,
}: {
  title: string;
  page: {
    entries: { operationId: string; action: string; merchantId: string | null; status: string }[];
    nextCursor: string | null;
  } | null;
  href: string;
  empty: string;
}) {
  return (
    <HomeCard title={title} href={href} linkLabel="See them in Operations">
      {page === null ? (
        <p className="text-danger">The operations could not be read.</p>
      ) : page.entries.length === 0 ? (
        <p className="text-fg-muted">{empty}</p>
      ) : (
        <ul className="space-y-1">
          {page.entries.map((op) => (
            <li key={op.operationId}>
              <Link
                href={`/operations/${encodeURIComponent(op.operationId)}`}
                className="text-accent underline-offset-2 hover:underline"
              >
                {actionLabel(op.action)}
                {op.merchantId ? ` · ${op.merchantId}` : ""}
              </Link>{" "}
              <span className="text-xs text-fg-muted">{statusLabel(op.status)}</span>
            </li>
          ))}
          {page.nextCursor ? <li className="text-fg-muted">and more</li> : null}
        </ul>
      )}
    </HomeCard>
  );
}
