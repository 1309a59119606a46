import type { LayoutType, Surface } from "@/lib/partnerships/formats";

/** Surfaces are written with a capital in every name the console shows ("Switch Confirmation page to …"). */
export const SURFACE_LABELS: Record<Surface, string> = {
  confirmation: "Confirmation",
  tracking: "Tracking",
  returns: "Returns",
};

export function surfaceLabel(surface: string): string {
  return SURFACE_LABELS[surface as Surface] ?? surface;
}

/** The other layout type: what a page's switch button offers. */
export function otherLayoutType(type: LayoutType): LayoutType {
  return type === "Overlay" ? "Embedded" : "Overlay";
}
