import { z } from "zod";
import { LAYOUT_TYPES, SURFACES } from "./surfaces";

/**
 * The value formats of the Partnerships API (SPEC.md §2.1), written once and
 * shared by the sandbox (strict request checks), the server client (response
 * parsing) and the console's forms. Messages read after the field name, so a
 * validator can say `store_identifier https://acme is not a valid URL`.
 */

/** Lengths count Unicode code points, not UTF-16 units. */
export const codePointLength = (s: string): number => [...s].length;

export const boundedString = (min: number, max: number) =>
  z.string().refine(
    (s) => {
      const n = codePointLength(s);
      return n >= min && n <= max;
    },
    min > 0 ? `must be ${min} to ${max} characters long` : `must be at most ${max} characters long`,
  );

export const accountId = z.string().regex(/^[1-9]\d{15}$/, "is not a valid account id (16 digits)");
export const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "is not a valid lowercase UUID");
export const timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, "is not an ISO 8601 UTC timestamp");
export const taxonomyId = z.number().int("must be an integer").positive("must be a positive integer");
export const countryCode = z.string().regex(/^[A-Z]{2}$/, "is not a two-letter upper-case country code");

function hostHasTwoLabels(host: string): boolean {
  const labels = host.split(".");
  return labels.length >= 2 && labels.every((l) => l.length > 0);
}

export function isStoreIdentifier(s: string): boolean {
  if (codePointLength(s) > 2048) return false;
  if (!/^https?:\/\//i.test(s)) return false;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return false;
  }
  if (url.username !== "" || url.password !== "") return false;
  if (/^https?:\/\/[^/?#]*@/i.test(s)) return false;
  return hostHasTwoLabels(url.hostname);
}
export const storeIdentifier = z.string().refine(isStoreIdentifier, "is not a valid URL");

/** The form the API compares store identifiers in: scheme and host lowercased, one trailing slash dropped. */
export function normalizeStoreIdentifier(s: string): string {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(s);
  if (!m) return s;
  const [, scheme = "", host = "", rest = ""] = m;
  const out = `${scheme.toLowerCase()}://${host.toLowerCase()}${rest}`;
  return out.endsWith("/") ? out.slice(0, -1) : out;
}

const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
export function isDomain(s: string): boolean {
  if (s.length > 253) return false;
  const labels = s.split(".");
  return labels.length >= 2 && labels.every((l) => DOMAIN_LABEL.test(l));
}
export const domain = z
  .string()
  .refine(isDomain, "is not a valid domain")
  .transform((s) => s.toLowerCase());

export function isEmail(s: string): boolean {
  if (codePointLength(s) > 254 || /\s/.test(s)) return false;
  const parts = s.split("@");
  if (parts.length !== 2) return false;
  const [local = "", host = ""] = parts;
  return local.length > 0 && hostHasTwoLabels(host);
}
export const email = z.string().refine(isEmail, "is not a valid email address");
export const phone = z.string().regex(/^\+[1-9]\d{1,14}$/, "is not an E.164 phone number");
export const hashedEmail = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, "is not a SHA-256 hex digest")
  .transform((s) => s.toLowerCase());

/** `#RGB` or `#RRGGBB`, either case; stored as upper-case `#RRGGBB`. */
export function normalizeColour(s: string): string {
  const hex = s.slice(1).toUpperCase();
  return hex.length === 3 ? `#${[...hex].map((c) => c + c).join("")}` : `#${hex}`;
}
export const colour = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, "is not a colour (#RGB or #RRGGBB)")
  .transform(normalizeColour);

export const policy = z.literal("Block", { error: 'must be "Block"' });

export { SURFACES };
export const surface = z.enum(SURFACES, { error: "must be one of confirmation, tracking, returns" });
export type Surface = z.infer<typeof surface>;

export { LAYOUT_TYPES };
export const layoutType = z.enum(LAYOUT_TYPES, { error: "must be Overlay or Embedded" });
export type LayoutType = z.infer<typeof layoutType>;

export const PAGE_IDENTIFIERS: Record<Surface, string> = {
  confirmation: "confirmation_page",
  tracking: "tracking_page",
  returns: "returns_page",
};

/** `Idempotency-Key`: a canonical UUID (any version, not nil), optionally in one pair of quotes. */
export function parseIdempotencyKey(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const unquoted = /^"(.*)"$/.exec(raw)?.[1] ?? raw;
  if (!/^[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$/.test(unquoted)) return null;
  const key = unquoted.toLowerCase();
  return key === "00000000-0000-0000-0000-000000000000" ? null : key;
}
