import "server-only";
import type { z } from "zod";

/**
 * Turns zod issues into `{ "path.to.field": "message" }`. Body paths are bare
 * ("blockedVerticals.0.policy") so a form can put each message next to its
 * field; params and query are prefixed ("params.accountId", "query.limit").
 */
export function issuesToFields(issues: readonly z.core.$ZodIssue[], prefix: string | null): Record<string, string> {
  // No prototype: a field named "__proto__" (a hostile body's key) must be an own entry, not a prototype change.
  const fields: Record<string, string> = Object.create(null);
  const join = (path: readonly PropertyKey[]) => {
    const parts = path.map((p) => String(p));
    if (prefix) parts.unshift(prefix);
    return parts.length > 0 ? parts.join(".") : "body";
  };
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[join([...issue.path, key])] ??= "is not a known field";
      continue;
    }
    const key = join(issue.path);
    fields[key] ??= issue.message;
  }
  return fields;
}

export function summarizeFields(fields: Record<string, string>): string {
  const entries = Object.entries(fields);
  const shown = entries.slice(0, 3).map(([k, m]) => `${k} ${m}`);
  const more = entries.length > 3 ? ` (and ${entries.length - 3} more)` : "";
  return `The request is invalid: ${shown.join("; ")}${more}.`;
}
