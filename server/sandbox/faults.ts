import { z } from "zod";
import { ApiError } from "./http";
import type { SandboxState } from "./state";

export const faultsRequest = z.strictObject({
  latency_ms: z
    .number()
    .int("must be an integer")
    .min(0, "must be at least 0")
    .max(600_000, "must be at most 600000")
    .optional(),
  error_rate: z.number().min(0, "must be 0 to 1").max(1, "must be 0 to 1").optional(),
  drop_after_commit_rate: z.number().min(0, "must be 0 to 1").max(1, "must be 0 to 1").optional(),
  rate_limits: z.boolean().optional(),
});

export function updateFaults(s: SandboxState, patch: z.output<typeof faultsRequest>): void {
  if (patch.rate_limits !== undefined && patch.rate_limits !== s.faults.rate_limits) s.buckets.clear();
  s.faults = { ...s.faults, ...patch };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class InjectedFault extends ApiError {
  constructor() {
    super(500, "injected fault: internal server error");
  }
}

/** Latency, then maybe an injected 500 (SPEC §8). Called at each route's fault step. */
export async function applyFaults(s: SandboxState): Promise<void> {
  if (s.faults.latency_ms > 0) await sleep(s.faults.latency_ms);
  if (s.faults.error_rate > 0 && Math.random() < s.faults.error_rate) throw new InjectedFault();
}

export const shouldDrop = (s: SandboxState): boolean =>
  s.faults.drop_after_commit_rate > 0 && Math.random() < s.faults.drop_after_commit_rate;
