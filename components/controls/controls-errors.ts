import type { FieldErrors } from "react-hook-form";
import { type ControlsFormValues, type DomainLineError, pairKey, parseDomainLines } from "@/lib/controls";
import type { WriteFailure } from "./controls-write";

/**
 * Every error of the controls form, where it belongs: on a pair (its chip and
 * checkbox), on a domain line, or in the summary at the top for what the form
 * does not show. Sources: the form's own zod check and the server's answer.
 */
export interface PlacedFormErrors {
  pairs: Record<string, string>;
  lines: DomainLineError[];
  summary: { field: string; message: string }[];
}

export function placeFormErrors(input: {
  failure: WriteFailure | null;
  formErrors: FieldErrors<ControlsFormValues>;
  values: ControlsFormValues;
}): PlacedFormErrors {
  const { failure, formErrors, values } = input;
  const pairs: Record<string, string> = { ...(failure?.placed?.pairs ?? {}) };
  const blockedIssues = formErrors.blocked;
  if (Array.isArray(blockedIssues)) {
    blockedIssues.forEach((issue, i) => {
      const p = values.blocked[i];
      if (issue?.message && p) pairs[pairKey(p)] ??= issue.message;
    });
  }
  const lines = [
    // The form's check ran (after a submit): show every bad line, live as it is fixed.
    ...(formErrors.domainsText ? parseDomainLines(values.domainsText).errors : []),
    // The server's, while the text is what was sent.
    ...(failure?.placed && failure.text === values.domainsText ? failure.placed.lines : []),
  ];
  const summary = [...(failure?.placed?.other ?? [])];
  const listMessage = blockedIssues?.root?.message ?? blockedIssues?.message;
  if (listMessage) summary.push({ field: "Blocked sub-verticals", message: listMessage });
  return { pairs, lines, summary };
}
