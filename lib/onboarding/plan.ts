import { parseDomainLines } from "@/lib/controls/domains";
import { buildPutControlsBody } from "@/lib/controls/request";
import { type RegisterRequest, registerRequest } from "@/lib/partnerships/accounts";
import { type PutControlsRequest, putControlsRequest } from "@/lib/partnerships/controls";
import type { Surface } from "@/lib/partnerships/formats";
import { DEFAULT_THEME, type PatchLayoutRequest, patchLayoutRequest } from "@/lib/partnerships/pages";
import { type PayoutSetupRequest, payoutSetupRequest } from "@/lib/partnerships/payout";
import { themeForm } from "@/lib/theme/patch";
import { chosenSurfaces, type DraftData } from "./draft";
import { merchantStepSchema, surfacesStepSchema } from "./step-schemas";

/**
 * The request bodies a draft turns into, each checked with the API's own
 * schema: what the Review step pre-flights and what go-live freezes and sends.
 * Throws PlanError (with the step to fix) when a draft does not validate.
 */
export class PlanError extends Error {
  constructor(
    readonly step: "merchant" | "surfaces" | "controls" | "theme",
    readonly fields: Record<string, string>,
  ) {
    super(
      `${step}: ${Object.entries(fields)
        .map(([k, v]) => `${k} ${v}`)
        .join("; ")}`,
    );
    this.name = "PlanError";
  }
}

function fieldsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.map(String).join(".") || "_"] ??= i.message;
  return out;
}

export function buildRegisterBody(data: DraftData, parentAccountId: string): RegisterRequest {
  const merchant = merchantStepSchema.safeParse(data.merchant);
  if (!merchant.success) throw new PlanError("merchant", fieldsOf(merchant.error.issues));
  const surfaces = surfacesStepSchema.safeParse(data.surfaces);
  if (!surfaces.success) throw new PlanError("surfaces", fieldsOf(surfaces.error.issues));
  const m = merchant.data;
  const body: RegisterRequest = {
    brand: m.brand.trim(),
    vertical_id: m.vertical_id,
    sub_vertical_id: m.sub_vertical_id,
    country_code: m.country_code,
    platform_parent_account_id: parentAccountId,
    store_identifier: m.store_identifier.trim(),
    external_account_id: m.external_account_id.trim(),
    pages: chosenSurfaces(data).map((surface) => ({
      surface,
      layout_type: surfaces.data.pages.find((p) => p.surface === surface)?.layout_type ?? "Overlay",
    })),
  };
  const checked = registerRequest.safeParse(body);
  if (!checked.success) throw new PlanError("merchant", fieldsOf(checked.error.issues));
  return body;
}

/** The controls list's name: the API's own default naming (SPEC §5.3), cut to its 120 characters. */
export function controlsListName(brand: string): string {
  return [...`${brand.trim()} Controls`].slice(0, 120).join("");
}

export function buildControlsBody(data: DraftData): PutControlsRequest {
  const parsed = parseDomainLines(data.controls.domainsText);
  if (parsed.errors.length > 0) {
    const [first] = parsed.errors;
    throw new PlanError("controls", { domainsText: `Line ${first?.line}: ${first?.message}` });
  }
  const body = buildPutControlsBody({
    name: controlsListName(data.merchant.brand),
    pairs: data.controls.blocked,
    domains: parsed.domains,
    // A new merchant's list: nobody else can have changed it, so no contentHash.
    contentHash: null,
  });
  const checked = putControlsRequest.safeParse(body);
  if (!checked.success) throw new PlanError("controls", fieldsOf(checked.error.issues));
  return body;
}

/**
 * The full theme of one surface's new layout (all five tokens, normalised), so
 * the layout ends exactly as previewed whatever its starting theme was.
 */
export function buildThemeBody(data: DraftData, surface: Surface): PatchLayoutRequest {
  const parsed = themeForm.safeParse(data.themes[surface] ?? DEFAULT_THEME);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const i of parsed.error.issues) fields[`theme.${surface}.${i.path.map(String).join(".")}`] ??= i.message;
    throw new PlanError("theme", fields);
  }
  const checked = patchLayoutRequest.safeParse(parsed.data);
  if (!checked.success) throw new PlanError("theme", fieldsOf(checked.error.issues));
  return parsed.data;
}

/** http is allowed only for localhost and 127.0.0.1 (SPEC §5.9). */
export function payoutOriginAllowed(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === "https:" || (url.protocol === "http:" && ["localhost", "127.0.0.1"].includes(url.hostname));
  } catch {
    return false;
  }
}

/** Where Stripe sends the merchant back: the console's merchant page (refresh asks for a new link there). */
export function buildPayoutBody(origin: string, accountId: string): PayoutSetupRequest {
  const base = `${origin.replace(/\/+$/, "")}/merchants/${encodeURIComponent(accountId)}`;
  const body = { return_url: `${base}?payout=done`, refresh_url: `${base}?payout=refresh` };
  return payoutSetupRequest.parse(body);
}
