import { z } from "zod";
import { pageRequestList } from "@/lib/partnerships/accounts";
import { codePointLength, isStoreIdentifier, LAYOUT_TYPES, SURFACES } from "@/lib/partnerships/formats";

/**
 * The strict checks of the Merchant and Surfaces steps, written once for the
 * form (on blur and on "Next"), the draft route (how far a draft may go) and
 * the go-live saga. They accept exactly what the API's register schema
 * (`registerRequest`, SPEC §5.1) accepts, with messages a person can act on
 * next to the field; the register body built from them is checked against
 * `registerRequest` itself before it is sent.
 */
const sized = (label: string, max: number) =>
  z
    .string()
    .refine((s) => s.trim() !== "", `Enter the ${label}`)
    .refine((s) => codePointLength(s) <= max, `The ${label} must be at most ${max} characters long`);

/** Why a bare host is refused, said where the person types it. */
export const STORE_URL_HINT =
  "The full address with its scheme, e.g. https://acme.myshopify.com. A bare host such as acme.myshopify.com is refused: the API identifies the store by an absolute http(s) URL.";

export const storeUrl = z.string().superRefine((s, ctx) => {
  if (s.trim() === "") ctx.addIssue({ code: "custom", message: "Enter the store URL" });
  else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s))
    ctx.addIssue({ code: "custom", message: `Add the scheme: https://${s.trim()} (a bare host is refused)` });
  else if (!isStoreIdentifier(s))
    ctx.addIssue({
      code: "custom",
      message: "Enter an http or https URL with a host of two or more labels (e.g. https://shop.example.com)",
    });
});

const selectedId = (message: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => (typeof v === "number" ? v : v.trim() === "" ? Number.NaN : Number(v)))
    .pipe(z.number({ error: message }).int(message).positive(message));

export const merchantStepSchema = z.object({
  brand: sized("brand", 120),
  external_account_id: sized("external account ID", 128),
  store_identifier: storeUrl,
  country_code: z.string().regex(/^[A-Z]{2}$/, "Choose a country from the list"),
  vertical_id: selectedId("Choose a vertical"),
  sub_vertical_id: selectedId("Choose a sub-vertical"),
});
export type MerchantStep = z.output<typeof merchantStepSchema>;

export const surfacesStepSchema = z
  .object({
    pages: z.array(
      z.object({
        surface: z.enum(SURFACES),
        layout_type: z.enum(LAYOUT_TYPES, { error: "Choose Overlay or Embedded" }),
      }),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.pages.length === 0) ctx.addIssue({ code: "custom", path: ["pages"], message: "Choose at least one surface" });
    // The API's own rule for pages (1–3, each surface once), for anything else.
    else if (!pageRequestList.safeParse(v.pages).success)
      ctx.addIssue({ code: "custom", path: ["pages"], message: "Choose each surface at most once" });
  });
