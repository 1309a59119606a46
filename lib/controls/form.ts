import { z } from "zod";
import { taxonomyId } from "@/lib/partnerships/formats";
import { parseDomainLines } from "./domains";
import { pairKey } from "./pairs";

/**
 * The controls form's values and their checks, for react-hook-form: the
 * blocked pairs (from the picker) and the "Blocked domains" text. The same
 * formats as the API contract (`taxonomyId`, `domain` through parseDomainLines);
 * the body built from valid values is checked again with `putControlsRequest`.
 */
/** The API's limit on `blockedVerticals` (SPEC §5.4). */
export const MAX_BLOCKED_PAIRS = 500;

export const controlsFormSchema = z.object({
  blocked: z
    .array(z.object({ partnerVerticalId: taxonomyId, partnerSubVerticalId: taxonomyId }))
    .max(MAX_BLOCKED_PAIRS, `at most ${MAX_BLOCKED_PAIRS} sub-verticals can be blocked`)
    .superRefine((pairs, ctx) => {
      const seen = new Set<string>();
      pairs.forEach((p, i) => {
        const k = pairKey(p);
        if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i], message: `repeats pair ${k}` });
        seen.add(k);
      });
    }),
  domainsText: z.string().superRefine((text, ctx) => {
    const { errors } = parseDomainLines(text);
    if (errors.length === 0) return;
    const [first] = errors;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    ctx.addIssue({ code: "custom", message: `Line ${first?.line}: ${first?.message}${more}` });
  }),
});

export type ControlsFormValues = z.infer<typeof controlsFormSchema>;
