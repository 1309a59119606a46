import "server-only";
import { parseDomainLines } from "@/lib/controls/domains";
import { pairKey } from "@/lib/controls/pairs";
import { chosenSurfaces, type DraftData, validateStep } from "@/lib/onboarding/draft";
import { buildControlsBody, buildRegisterBody, buildThemeBody, PlanError } from "@/lib/onboarding/plan";
import type { PreflightItem } from "@/lib/onboarding/run";
import type { StepSlug } from "@/lib/onboarding/steps";
import { taxonomyMapping } from "@/lib/partnerships/taxonomy";
import { SURFACE_LABELS } from "@/lib/theme/labels";
import { isUpstreamError } from "@/server/api/upstream-errors";
import type { PartnershipsClient } from "@/server/partnerships/types";
import type { PartnerTaxonomy } from "@/server/taxonomy";
import { stepErrorFrom } from "./errors";
import { findExistingRegistration } from "./register-check";

/**
 * The Review step's pre-flight of every go-live write. Register is a real API
 * dry run (`dry_run=true`, its own key); controls and each theme cannot be
 * dry-run before the merchant exists, so they are checked here with the same
 * schemas the API routes use and the partner taxonomy's mapping (the pairs
 * Rokt leaves unmapped would be refused). An upstream failure therefore only
 * touches "Register".
 */
const item = (name: string, over: Partial<PreflightItem> = {}): PreflightItem => ({
  name,
  ok: true,
  message: null,
  fixStep: null,
  field: null,
  requestId: null,
  operationId: null,
  existingAccountId: null,
  ...over,
});

/** Which wizard step holds a register field the API named. */
function registerFieldStep(field: string | null): StepSlug {
  return field?.startsWith("pages") ? "surfaces" : "merchant";
}

const FIELD_NAMES: Record<string, string> = {
  brand: "Brand",
  external_account_id: "External account ID",
  store_identifier: "Store URL",
  country_code: "Country",
  vertical_id: "Vertical",
  sub_vertical_id: "Sub-vertical",
};

export async function checkRegister(
  client: PartnershipsClient,
  data: DraftData,
  opts: { idempotencyKey: string; onOperationId?: (id: string) => void | Promise<void> },
): Promise<PreflightItem> {
  let body: ReturnType<typeof buildRegisterBody>;
  try {
    body = buildRegisterBody(data, client.parentAccountId);
  } catch (err) {
    if (!(err instanceof PlanError)) throw err;
    const [field, message] = Object.entries(err.fields)[0] ?? ["", "is invalid"];
    return item("Register", {
      ok: false,
      message: `${FIELD_NAMES[field] ?? field}: ${message}`,
      fixStep: err.step,
      field,
    });
  }
  try {
    const { dryRun, existingAccountId } = await findExistingRegistration(client, body, opts);
    if (existingAccountId) {
      return item("Register", {
        ok: false,
        message:
          "This external account ID is already registered to this store: going live would not create a merchant.",
        fixStep: "merchant",
        field: "external_account_id",
        existingAccountId,
        requestId: dryRun.requestId,
        operationId: dryRun.operationId,
      });
    }
    return item("Register", { requestId: dryRun.requestId, operationId: dryRun.operationId });
  } catch (err) {
    if (!isUpstreamError(err)) throw err;
    const e = stepErrorFrom(err, "register");
    // A kept 4xx names what to change; anything else is the API's trouble: run it again later.
    const unmapped = /has no mapping/i.test(err.upstreamMessage ?? "");
    const field = unmapped ? "sub_vertical_id" : e.field;
    return item("Register", {
      ok: false,
      message: unmapped
        ? `Rokt has no mapping for this vertical and sub-vertical on your platform: choose another pair. (${err.upstreamMessage})`
        : e.message,
      fixStep: e.final ? registerFieldStep(field) : null,
      field: e.final ? field : null,
      requestId: e.requestId,
      operationId: e.operationId,
    });
  }
}

export function checkControls(data: DraftData, taxonomy: PartnerTaxonomy): PreflightItem {
  const fields = validateStep("controls", data, taxonomy.tree);
  const first = Object.entries(fields)[0];
  if (first) return item("Controls", { ok: false, message: first[1], fixStep: "controls", field: first[0] });
  const known = new Set(
    taxonomy.rows.map((r) =>
      pairKey({ partnerVerticalId: r.partnerVerticalId, partnerSubVerticalId: r.partnerSubVerticalId }),
    ),
  );
  const mapping = taxonomyMapping(taxonomy.rows);
  const unknown = data.controls.blocked.filter((p) => !known.has(pairKey(p)));
  const unmapped = data.controls.blocked.filter((p) => known.has(pairKey(p)) && !mapping.has(pairKey(p)));
  const name = (p: { partnerVerticalId: number; partnerSubVerticalId: number }) =>
    taxonomy.pairNames.get(pairKey(p)) ?? pairKey(p);
  if (unknown.length > 0) {
    return item("Controls", {
      ok: false,
      message: `Not in your taxonomy: ${unknown.map(name).join(", ")}`,
      fixStep: "controls",
      field: "blocked",
    });
  }
  if (unmapped.length > 0) {
    return item("Controls", {
      ok: false,
      message: `Rokt has no mapping for ${unmapped.map(name).join(", ")}, so the API would refuse to block ${unmapped.length === 1 ? "it" : "them"}: unblock ${unmapped.length === 1 ? "it" : "them"}.`,
      fixStep: "controls",
      field: "blocked",
    });
  }
  if (parseDomainLines(data.controls.domainsText).errors.length > 0) {
    return item("Controls", {
      ok: false,
      message: "Blocked domains has invalid lines",
      fixStep: "controls",
      field: "domainsText",
    });
  }
  try {
    buildControlsBody(data);
    return item("Controls");
  } catch (err) {
    if (!(err instanceof PlanError)) throw err;
    const [field, message] = Object.entries(err.fields)[0] ?? ["", "is invalid"];
    return item("Controls", { ok: false, message: `${field} ${message}`, fixStep: "controls", field });
  }
}

export function checkThemes(data: DraftData): PreflightItem[] {
  return chosenSurfaces(data).map((surface) => {
    const name = `Theme: ${SURFACE_LABELS[surface]}`;
    try {
      buildThemeBody(data, surface);
      return item(name);
    } catch (err) {
      if (!(err instanceof PlanError)) throw err;
      const [field, message] = Object.entries(err.fields)[0] ?? ["", "is invalid"];
      const token = field.split(".").pop() ?? field;
      return item(name, { ok: false, message: `${token} ${message}`, fixStep: "theme", field });
    }
  });
}
