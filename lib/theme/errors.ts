import type { ThemeToken } from "@/lib/partnerships/pages";
import { isThemeToken } from "./patch";

export interface ThemeErrorSplit {
  /** Messages for the editor's own fields, each shown next to its field. */
  fields: Partial<Record<ThemeToken, string>>;
  /** Anything else a server named, for the summary at the top of the form. */
  other: { field: string; message: string }[];
}

/**
 * Puts a server's validation errors on the exact field. The console's own
 * routes name fields (`{ primaryColor: "is not a colour …" }`, possibly as
 * `body.primaryColor`); the Partnerships API names the field only at the start
 * of its message (`borderRadius must be 0 to 48`, SPEC §2).
 */
export function splitThemeErrors(error: {
  fields?: Record<string, string>;
  message?: string;
  status?: number;
}): ThemeErrorSplit {
  const out: ThemeErrorSplit = { fields: {}, other: [] };
  for (const [path, message] of Object.entries(error.fields ?? {})) {
    const name = path.replace(/^body\./, "");
    if (isThemeToken(name)) out.fields[name] ??= message;
    else out.other.push({ field: path, message });
  }
  if (Object.keys(error.fields ?? {}).length === 0 && error.status === 400 && error.message) {
    const first = /^([A-Za-z]+)\s+(.+)$/.exec(error.message);
    if (first?.[1] && first[2] && isThemeToken(first[1])) out.fields[first[1]] = first[2];
  }
  return out;
}
