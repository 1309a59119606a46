/**
 * What the privacy history says of a request. A request still "sending" long
 * after it started belongs to a console that stopped mid-request: its outcome
 * is unknown, not pending.
 */
export const STALE_SENDING_MS = 2 * 60 * 1000;

export const TYPE_LABELS: Record<string, string> = {
  NETWORK_OPT_OUT: "Network opt-out",
  NETWORK_DATA_DELETION: "Network data deletion",
  MERCHANT_DATA_DELETION: "Merchant data deletion",
};

export interface HistoryStatusInput {
  kind: string;
  status: string;
  operationStatus: string | null;
  updatedAt: string;
}

export type HistoryTone = "neutral" | "accent" | "success" | "warning" | "danger";

export function historyStatus(r: HistoryStatusInput, now: Date): { label: string; tone: HistoryTone } {
  if (r.status === "sending")
    return now.getTime() - Date.parse(r.updatedAt) > STALE_SENDING_MS
      ? { label: "Outcome unknown", tone: "warning" }
      : { label: "Sending", tone: "accent" };
  if (r.status === "unknown") return { label: "Outcome unknown", tone: "warning" };
  if (r.status === "failed") return { label: "Refused", tone: "danger" };
  if (r.status === "awaiting_approval") return { label: "Awaiting approval", tone: "accent" };
  if (r.status === "rejected") return { label: "Rejected", tone: "neutral" };
  if (r.kind === "merchant_deletion") {
    if (r.operationStatus === "completed") return { label: "Deleted", tone: "success" };
    if (r.operationStatus === "failed") return { label: "Failed", tone: "danger" };
    if (r.operationStatus === "in_progress") return { label: "In progress", tone: "accent" };
    return { label: "Pending", tone: "accent" };
  }
  return { label: "Submitted", tone: "success" };
}
