import "server-only";
import type { z } from "zod";
import type { BulkJobBody, bulkControlBody } from "@/lib/bulk/schemas";
import { kickJob, type RunnerDeps, resumeAbandonedJobs } from "@/server/bulk/runner";
import {
  failuresCsv,
  itemViews,
  jobView,
  listJobViews,
  previewJob,
  resolveSelection,
  SelectionError,
} from "@/server/bulk/service";
import { getEnv } from "@/server/env";
import { limiterFor } from "@/server/partnerships/upstream-limiter";
import { HttpError } from "../http";
import type { HandlerContext, HandlerResult } from "../types";

/** Handlers of the bulk job routes (issue #12): each a few lines over server/bulk. */

type Job = { jobId: string };
type Ctx<P, B = undefined, Q = unknown> = HandlerContext<P, Q, B>;

async function runnerDeps(ctx: Ctx<unknown, unknown>): Promise<RunnerDeps> {
  const client = await ctx.client();
  return {
    db: ctx.db,
    client,
    limiter: await limiterFor(ctx.db, client.parentAccountId),
    concurrency: getEnv().BULK_CONCURRENCY,
  };
}

async function sweep(ctx: Ctx<unknown, unknown>): Promise<void> {
  await resumeAbandonedJobs(await runnerDeps(ctx));
}

const selectionError = (err: unknown) =>
  err instanceof SelectionError
    ? new HttpError(400, "invalid_selection", err.message, { fields: { selection: err.message } })
    : err;

async function theJob(ctx: Ctx<Job, unknown>) {
  const job = await ctx.db.bulk.getJob(ctx.params.jobId);
  if (!job) throw new HttpError(404, "not_found", "There is no such bulk job.");
  return job;
}

export async function preview(ctx: Ctx<unknown, BulkJobBody>): Promise<HandlerResult> {
  const deps = await runnerDeps(ctx);
  try {
    return { body: { data: await previewJob(deps, ctx.body) } };
  } catch (err) {
    throw selectionError(err);
  }
}

export async function createJob(ctx: Ctx<unknown, BulkJobBody>): Promise<HandlerResult> {
  const user = ctx.user;
  if (!user) throw new HttpError(401, "unauthenticated", "Sign in first.");
  const merchants = await resolveSelection(ctx.db, ctx.body.selection).catch((err: unknown) => {
    throw selectionError(err);
  });
  const job = await ctx.db.bulk.createJob({
    action: ctx.body.params.action,
    params: ctx.body.params,
    selection: ctx.body.selection,
    createdBy: { id: user.id, email: user.email, role: user.role },
    merchants: merchants.map((m) => ({ accountId: m.accountId, brand: m.brand })),
  });
  ctx.audit.after = { bulkJobId: job.id, action: job.action, merchants: job.total };
  // Runs on this server from now on, whether or not the browser stays.
  void kickJob(await runnerDeps(ctx), job.id);
  return { status: 201, body: { data: await jobView(ctx.db, job) } };
}

export async function listJobs(ctx: Ctx<unknown, undefined, { limit?: number }>): Promise<HandlerResult> {
  await sweep(ctx);
  return { body: { data: { jobs: await listJobViews(ctx.db, ctx.query.limit ?? 50) } } };
}

export async function getJob(ctx: Ctx<Job, undefined>): Promise<HandlerResult> {
  await sweep(ctx);
  const job = await theJob(ctx);
  return { body: { data: { job: await jobView(ctx.db, job), items: await itemViews(ctx.db, job.id) } } };
}

export async function controlJob(ctx: Ctx<Job, z.infer<typeof bulkControlBody>>): Promise<HandlerResult> {
  const job = await theJob(ctx);
  const { command } = ctx.body;
  ctx.audit.before = { status: job.status };
  const moved =
    command === "pause"
      ? await ctx.db.bulk.setStatus(job.id, "paused", ["running"])
      : command === "resume"
        ? await ctx.db.bulk.setStatus(job.id, "running", ["paused"])
        : await ctx.db.bulk.setStatus(job.id, "cancelled", ["running", "paused"]);
  if (!moved) {
    throw new HttpError(
      409,
      "job_state",
      `This job is ${job.status}: it cannot be ${command === "pause" ? "paused" : command === "resume" ? "resumed" : "cancelled"}.`,
    );
  }
  if (command === "resume") void kickJob(await runnerDeps(ctx), job.id);
  const after = await theJob(ctx);
  ctx.audit.after = { status: after.status, bulkJobId: job.id };
  return { body: { data: await jobView(ctx.db, after) } };
}

export async function retryFailed(ctx: Ctx<Job, undefined>): Promise<HandlerResult> {
  const job = await theJob(ctx);
  if (job.status !== "completed")
    throw new HttpError(409, "job_state", "Only a finished job's failed merchants can be retried.");
  const requeued = await ctx.db.bulk.requeueFailed(job.id);
  if (requeued === 0) throw new HttpError(409, "nothing_failed", "No merchant of this job failed.");
  await ctx.db.bulk.setStatus(job.id, "running", ["completed"]);
  ctx.audit.after = { bulkJobId: job.id, retried: requeued };
  void kickJob(await runnerDeps(ctx), job.id);
  return { body: { data: await jobView(ctx.db, (await theJob(ctx)) ?? job) } };
}

export async function failuresCsvFile(ctx: Ctx<Job, undefined>): Promise<HandlerResult> {
  const job = await theJob(ctx);
  const text = await failuresCsv(ctx.db, job.id);
  return {
    body: new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    }),
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="bulk-${job.id}-failures.csv"`,
    },
  };
}
