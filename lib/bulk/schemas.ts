import { z } from "zod";
import { merchantExportQuery } from "@/lib/merchants/query";
import { accountId, boundedString, domain, taxonomyId } from "@/lib/partnerships/formats";
import type { BulkAction } from "./actions";

/**
 * Bulk jobs (issue #12), as the dialog's forms, the API routes and the runner
 * read them. Written once: the browser validates with these before sending,
 * the server validates again at the route.
 */

export { BULK_ACTION_LABELS, BULK_ACTIONS, type BulkAction, bulkDialogTitle } from "./actions";

/** Largest job: every merchant's outcome must still fit the result page and the database comfortably. */
export const MAX_BULK_MERCHANTS = 5_000;
export const MAX_BULK_PAIRS = 500;
export const MAX_BULK_DOMAINS = 500;

const pair = z.strictObject({ partnerVerticalId: taxonomyId, partnerSubVerticalId: taxonomyId });
export type BulkPair = z.infer<typeof pair>;

export const statusParams = z.strictObject({
  action: z.enum(["pause", "resume"]),
  reason: z.string().trim().pipe(boundedString(1, 500)),
});
export const controlsParams = z
  .strictObject({
    action: z.enum(["block", "unblock"]),
    pairs: z.array(pair).max(MAX_BULK_PAIRS, `must be at most ${MAX_BULK_PAIRS} pairs`),
    domains: z
      .array(z.string().trim().toLowerCase().pipe(domain))
      .max(MAX_BULK_DOMAINS, `must be at most ${MAX_BULK_DOMAINS} domains`),
    /** The controls template the dialog started from, so Settings can show the template in use. */
    templateId: z
      .string()
      .regex(/^[a-z0-9]{1,40}$/, "is not a template id")
      .optional(),
  })
  .refine((p) => p.pairs.length + p.domains.length > 0, {
    message: "choose at least one vertical or domain",
    path: ["pairs"],
  });
export const bulkParams = z.union([statusParams, controlsParams]);
export type BulkParams = z.infer<typeof bulkParams>;
export type StatusParams = z.infer<typeof statusParams>;
export type ControlsParams = z.infer<typeof controlsParams>;

/** The merchant list's filters (no sort or page: "all matching" is a set). */
export const bulkFilter = merchantExportQuery.omit({ sort: true, dir: true });
export type BulkFilter = z.output<typeof bulkFilter>;

export const bulkSelection = z.union([
  z.strictObject({
    kind: z.literal("ids"),
    accountIds: z
      .array(accountId)
      .min(1, "select at least one merchant")
      .max(MAX_BULK_MERCHANTS, `must be at most ${MAX_BULK_MERCHANTS} merchants`),
  }),
  z.strictObject({ kind: z.literal("filter"), filter: bulkFilter }),
]);
export type BulkSelection = z.infer<typeof bulkSelection>;
export type BulkSelectionInput = z.input<typeof bulkSelection>;

export const bulkJobBody = z.strictObject({ params: bulkParams, selection: bulkSelection });
export type BulkJobBody = z.infer<typeof bulkJobBody>;
export type BulkJobBodyInput = z.input<typeof bulkJobBody>;

export const bulkJobParams = z.strictObject({ jobId: z.string().regex(/^[a-z0-9]{10,40}$/, "is not a job id") });
export const bulkControlBody = z.strictObject({ command: z.enum(["pause", "resume", "cancel"]) });
export const bulkJobsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).optional() });

export const BULK_JOB_STATUSES = ["running", "paused", "cancelled", "completed"] as const;
export type BulkJobStatus = (typeof BULK_JOB_STATUSES)[number];
export const ITEM_STATES = ["pending", "sending", "done", "skipped", "failed"] as const;
export type BulkItemState = (typeof ITEM_STATES)[number];

export interface BulkCounts {
  total: number;
  done: number;
  failed: number;
  skipped: number;
  remaining: number;
}

/** A job as the pages show it. */
export interface BulkJobView {
  id: string;
  action: BulkAction;
  params: BulkParams;
  status: BulkJobStatus;
  createdByEmail: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  counts: BulkCounts;
  /** 0–100, whole percent of merchants settled (done, skipped or failed). */
  progress: number;
  /** Merchants settled per minute over the last minute, or null before any. */
  ratePerMinute: number | null;
  /** Seconds left at that rate, or null when unknown. */
  etaSeconds: number | null;
}

export interface BulkItemView {
  accountId: string;
  brand: string;
  state: BulkItemState;
  operationId: string | null;
  error: string | null;
  attempts: number;
}

export interface BulkPreviewItem {
  accountId: string;
  brand: string;
  /** "active → paused", "+2 verticals, +1 domain", or "no change". */
  change: string;
  willChange: boolean;
}

export interface BulkPreview {
  total: number;
  /** How many merchants were checked (all, for pause and resume; a sample for the controls actions). */
  checked: number;
  willChange: number;
  alreadyMatch: number;
  items: BulkPreviewItem[];
  /** The API's dry run of the write for a few merchants that would change. */
  dryRuns: { accountId: string; brand: string; ok: boolean; message: string; operationId: string | null }[];
}

export const jobProgress = (c: BulkCounts): number =>
  c.total === 0 ? 100 : Math.floor(((c.done + c.failed + c.skipped) / c.total) * 100);
