import { domain as domainSchema } from "@/lib/partnerships/formats";

/**
 * The "Blocked domains" text area: one host name per line. Lines are trimmed
 * and lowercased, blank lines ignored, each checked with the API's own
 * `domain` format (SPEC §2.1); a repeat is reported on the line that repeats.
 * Line numbers are 1-based, as a person counts them.
 */
export const MAX_DOMAINS = 500;

export interface DomainLineError {
  line: number;
  message: string;
}

export interface ParsedDomains {
  /** Valid, distinct domains in text order. */
  domains: string[];
  /** The line each of `domains` came from (same index). */
  lines: number[];
  errors: DomainLineError[];
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function parseDomainLines(text: string): ParsedDomains {
  const out: ParsedDomains = { domains: [], lines: [], errors: [] };
  const firstLine = new Map<string, number>();
  splitLines(text).forEach((raw, i) => {
    const line = i + 1;
    const value = raw.trim().toLowerCase();
    if (value === "") return;
    const parsed = domainSchema.safeParse(value);
    if (!parsed.success) {
      out.errors.push({
        line,
        message: `“${shorten(raw.trim())}” is not a valid domain (a host name such as example.com, without https:// or a path)`,
      });
      return;
    }
    const seenAt = firstLine.get(parsed.data);
    if (seenAt !== undefined) {
      out.errors.push({ line, message: `${parsed.data} repeats line ${seenAt}` });
      return;
    }
    firstLine.set(parsed.data, line);
    if (out.domains.length === MAX_DOMAINS) {
      out.errors.push({ line, message: `at most ${MAX_DOMAINS} domains can be blocked` });
      return;
    }
    out.domains.push(parsed.data);
    out.lines.push(line);
  });
  return out;
}

/**
 * The domains a text names, as loosely as possible (every non-blank line,
 * trimmed and lowercased, valid or not): to tell whether a draft differs from
 * the saved list even while it has errors.
 */
export function looseDomains(text: string): string[] {
  return [
    ...new Set(
      splitLines(text)
        .map((l) => l.trim().toLowerCase())
        .filter((l) => l !== ""),
    ),
  ];
}

export function domainsToText(domains: readonly string[]): string {
  return domains.join("\n");
}

/** The line holding a domain now (the text may have been edited since a request left). */
export function lineOfDomain(text: string, domain: string): number | null {
  const target = domain.toLowerCase();
  const i = splitLines(text).findIndex((l) => l.trim().toLowerCase() === target);
  return i === -1 ? null : i + 1;
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
