"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { describeWriteError, useIntentWrite } from "@/components/forms/use-intent-write";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api";
import type { BulkItemView, BulkJobView } from "@/lib/bulk/schemas";
import { BulkResults } from "./bulk-results";

export interface BulkJobData {
  job: BulkJobView;
  items: BulkItemView[];
}

const STATUS_TEXT: Record<BulkJobView["status"], string> = {
  running: "Running",
  paused: "Paused",
  cancelled: "Cancelled",
  completed: "Finished",
};

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${seconds % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** A bulk job as it runs: polled every second while it runs, with its controls and every merchant's outcome. */
export function BulkJobLive({ initial }: { initial: BulkJobData }) {
  const id = initial.job.id;
  const queryClient = useQueryClient();
  const { send, pending } = useIntentWrite();
  const [error, setError] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ["bulk-job", id],
    queryFn: async ({ signal }) =>
      (await apiFetch<{ data: BulkJobData }>(`/api/bulk/jobs/${encodeURIComponent(id)}`, { signal })).data.data,
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.job.status === "running" ? 1000 : false),
  });
  const { job, items } = query.data;
  const c = job.counts;
  const ended = job.status === "completed" || job.status === "cancelled";

  const act = async (path: string, body?: unknown) => {
    setError(null);
    try {
      const res = await send<BulkJobView>({ method: "POST", path, body });
      queryClient.setQueryData<BulkJobData>(["bulk-job", id], (old) => (old ? { ...old, job: res.data } : old));
      await queryClient.invalidateQueries({ queryKey: ["bulk-job", id] });
    } catch (err) {
      setError(describeWriteError(err));
    }
  };
  const control = (command: "pause" | "resume" | "cancel") =>
    act(`/api/bulk/jobs/${encodeURIComponent(id)}/control`, { command });

  return (
    <div className="space-y-6">
      <section aria-label="Progress" className="space-y-3 rounded-card border border-border bg-surface p-5">
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span className="font-semibold">{STATUS_TEXT[job.status]}</span>
          <span className="tabular-nums">{`${job.progress}%`}</span>
        </div>
        <div
          role="progressbar"
          aria-label="Job progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={job.progress}
          className="h-3 w-full overflow-hidden rounded-full bg-surface-muted"
        >
          <div className="h-full bg-accent transition-[width]" style={{ width: `${job.progress}%` }} />
        </div>
        <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm tabular-nums">
          <li>{`Done ${c.done}`}</li>
          <li>{`Failed ${c.failed}`}</li>
          <li>{`Skipped ${c.skipped}`}</li>
          <li>{`Remaining ${c.remaining}`}</li>
        </ul>
        {job.status === "running" ? (
          <p className="text-sm text-fg-muted" aria-live="off">
            {job.ratePerMinute === null
              ? "Measuring the rate…"
              : `Rate ${job.ratePerMinute} merchants a minute${job.etaSeconds !== null ? ` · about ${duration(job.etaSeconds)} left` : ""}`}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {job.status === "running" ? (
            <Button size="sm" variant="secondary" disabled={pending} onClick={() => void control("pause")}>
              Pause job
            </Button>
          ) : null}
          {job.status === "paused" ? (
            <Button size="sm" disabled={pending} onClick={() => void control("resume")}>
              Resume job
            </Button>
          ) : null}
          {!ended ? (
            <Button size="sm" variant="danger" disabled={pending} onClick={() => void control("cancel")}>
              Cancel job
            </Button>
          ) : null}
          {job.status === "completed" && c.failed > 0 ? (
            <Button
              size="sm"
              disabled={pending}
              onClick={() => void act(`/api/bulk/jobs/${encodeURIComponent(id)}/retry`)}
            >
              Retry failed
            </Button>
          ) : null}
          {ended ? (
            <a
              href={`/api/bulk/jobs/${encodeURIComponent(id)}/failures.csv`}
              download
              className="inline-flex h-8 items-center text-sm font-medium text-accent underline-offset-2 hover:underline"
            >
              Download failures (CSV)
            </a>
          ) : null}
        </div>
        {error ? (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        ) : null}
        {query.error ? (
          <p className="text-sm text-danger">The progress could not be refreshed: {query.error.message}</p>
        ) : null}
      </section>
      <BulkResults items={items} />
    </div>
  );
}
