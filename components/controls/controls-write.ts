import { describeWriteError } from "@/components/forms/use-intent-write";
import { ApiError } from "@/lib/api";
import {
  buildPutControlsBody,
  type ControlsFormValues,
  type PlacedErrors,
  parseDomainLines,
  placeServerErrors,
} from "@/lib/controls";
import type { Controls, PutControlsRequest } from "@/lib/partnerships/controls";

/** The full PUT body for the form's values, edited from `base` (its name and contentHash). */
export function buildBody(values: ControlsFormValues, base: Controls): PutControlsRequest {
  return buildPutControlsBody({
    name: base.name,
    pairs: values.blocked,
    domains: parseDomainLines(values.domainsText).domains,
    contentHash: base.contentHash,
  });
}

/** Equal bodies are the same intent (the resend after sign-in reuses its key only then). */
export const signatureOf = (body: PutControlsRequest): string => JSON.stringify(body);

/**
 * What a refused write means for the form:
 * - stale: a 409/412 on the contentHash → re-read and show the conflict banner;
 * - locked: the account is deleting or deleted (409) → saving is off;
 * - invalid: 400/422 → errors on the exact chip or line (`placed`), the rest in the summary;
 * - forbidden: 403 → what is not allowed (never a sign-out);
 * - session: 401 → the browser is already on its way to sign-in, the draft kept;
 * - other: anything else, with the request id.
 */
export interface WriteFailure {
  kind: "stale" | "locked" | "invalid" | "forbidden" | "session" | "other";
  message?: string;
  placed?: PlacedErrors;
  /** The domains text the placed line errors refer to (they hide once it is edited). */
  text?: string;
}

export function writeFailure(error: unknown, body: PutControlsRequest, domainsText: string): WriteFailure {
  if (!(error instanceof ApiError)) return { kind: "other", message: describeWriteError(error) };
  const id = error.requestId ? ` (request id ${error.requestId})` : "";
  if (error.status === 401) return { kind: "session" };
  if (error.status === 403) {
    return {
      kind: "forbidden",
      message: `You are not allowed to change this merchant’s controls: ${error.message}${id}`,
    };
  }
  if ((error.status === 409 && error.code !== "in_flight") || error.status === 412) {
    if (/\bdelet(ing|ed)\b/i.test(error.message)) {
      return {
        kind: "locked",
        message: `Not saved: ${error.message}. This merchant’s controls can no longer be changed.${id}`,
      };
    }
    return { kind: "stale", message: error.message };
  }
  if (error.status === 400 || error.status === 422) {
    return {
      kind: "invalid",
      placed: placeServerErrors({ message: error.message, fields: error.fields }, body, domainsText),
      text: domainsText,
    };
  }
  return { kind: "other", message: describeWriteError(error) };
}
