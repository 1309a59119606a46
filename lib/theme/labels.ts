import type { LayoutType, Surface } from "@/lib/partnerships/formats";
import type { ThemeToken } from "@/lib/partnerships/pages";

/** How people name the API's surfaces and tokens on screen (and tests find them by these names). */
export const SURFACE_LABELS: Record<Surface, string> = {
  confirmation: "Confirmation",
  tracking: "Tracking",
  returns: "Returns",
};

export const TOKEN_LABELS: Record<ThemeToken, string> = {
  primaryColor: "Primary color",
  backgroundColor: "Background color",
  textColor: "Text color",
  closeButtonColor: "Close button color",
  borderRadius: "Border radius",
};

/** "Confirmation page, Overlay": one layout of one page. */
export function layoutLabel(surface: Surface, layoutType: LayoutType): string {
  return `${SURFACE_LABELS[surface]} page, ${layoutType}`;
}
