"use client";

import { useEffect } from "react";
import type { LayoutType } from "@/lib/partnerships/formats";
import type { Theme } from "@/lib/partnerships/pages";
import { readableOn } from "@/lib/theme/contrast";
import { markThemePaintedAfterFrame } from "@/lib/theme/perf";
import { ContrastWarning } from "./contrast-warning";

export interface PlacementPreviewProps {
  layoutType: LayoutType;
  /** Valid, normalised tokens (see `previewTheme` in lib/theme for a draft being typed). */
  theme: Theme;
  /** The region's name; "Preview" unless a screen shows several previews side by side. */
  label?: string;
  /** Names this preview in the repaint performance marks. */
  scope?: string;
}

// The mock merchant page is the merchant's site, not the console: fixed colours in both console themes.
const PAGE_BG = "#F3F4F6";
const PAGE_BLOCK = "#D1D5DB";
const PAGE_TEXT = "#1F2937";

/**
 * How the placement looks with a theme: an Overlay is a modal card over a
 * dimmed page, an Embedded one a block inside a mock order confirmation page.
 * Pure rendering from props (no network), repainted on every change. Its box
 * has a fixed height, so neither layout type nor any token moves the page.
 */
export function PlacementPreview({ layoutType, theme, label = "Preview", scope = "theme" }: PlacementPreviewProps) {
  const { primaryColor, backgroundColor, textColor, closeButtonColor, borderRadius } = theme;
  useEffect(() => {
    // Re-run for every painted change: the values are the dependencies on purpose.
    void [primaryColor, backgroundColor, textColor, closeButtonColor, borderRadius, layoutType];
    return markThemePaintedAfterFrame(scope);
  }, [primaryColor, backgroundColor, textColor, closeButtonColor, borderRadius, layoutType, scope]);

  return (
    <section aria-label={label} className="space-y-2">
      <p className="text-sm font-medium text-fg">
        {label} <span className="font-normal text-fg-muted">({layoutType})</span>
      </p>
      <p className="sr-only">
        {layoutType === "Overlay"
          ? "A modal over the merchant's page"
          : "A block inside the merchant's order confirmation page"}{" "}
        with background {backgroundColor}, text {textColor}, primary button {primaryColor}, close button{" "}
        {closeButtonColor} and corners of {borderRadius} pixels.
      </p>
      <div
        aria-hidden="true"
        data-testid="placement-preview"
        className="relative h-80 w-full overflow-hidden rounded-md border border-border"
        style={{ backgroundColor: PAGE_BG }}
      >
        {layoutType === "Overlay" ? <OverlayMock theme={theme} /> : <EmbeddedMock theme={theme} />}
      </div>
      <ContrastWarning textColor={textColor} backgroundColor={backgroundColor} />
    </section>
  );
}

function MockPageBlocks() {
  return (
    <div className="space-y-3 p-4">
      <div className="h-4 w-1/3 rounded" style={{ backgroundColor: PAGE_BLOCK }} />
      <div className="h-3 w-2/3 rounded" style={{ backgroundColor: PAGE_BLOCK }} />
      <div className="h-3 w-1/2 rounded" style={{ backgroundColor: PAGE_BLOCK }} />
      <div className="h-24 w-full rounded" style={{ backgroundColor: PAGE_BLOCK }} />
      <div className="h-3 w-3/5 rounded" style={{ backgroundColor: PAGE_BLOCK }} />
    </div>
  );
}

function PlacementCard({ theme, withClose }: { theme: Theme; withClose: boolean }) {
  return (
    <div
      data-testid="preview-card"
      className="relative w-full max-w-xs p-4 shadow-lg"
      style={{ backgroundColor: theme.backgroundColor, color: theme.textColor, borderRadius: theme.borderRadius }}
    >
      {withClose ? (
        <span
          data-testid="preview-close"
          className="absolute top-2 right-3 text-lg leading-none font-semibold"
          style={{ color: theme.closeButtonColor }}
        >
          ×
        </span>
      ) : null}
      <p className="pr-6 text-sm font-semibold">Get $10 off your next order</p>
      <p className="mt-1 text-xs">A thank-you offer from one of our partners.</p>
      <div className="mt-3 flex gap-2">
        <span
          data-testid="preview-primary"
          className="inline-flex h-8 flex-1 items-center justify-center text-xs font-semibold"
          style={{
            backgroundColor: theme.primaryColor,
            color: readableOn(theme.primaryColor),
            borderRadius: theme.borderRadius,
          }}
        >
          Yes, please
        </span>
        <span
          className="inline-flex h-8 flex-1 items-center justify-center border text-xs"
          style={{ borderColor: theme.textColor, borderRadius: theme.borderRadius }}
        >
          No, thanks
        </span>
      </div>
    </div>
  );
}

function OverlayMock({ theme }: { theme: Theme }) {
  return (
    <>
      <MockPageBlocks />
      <div
        data-testid="preview-backdrop"
        className="absolute inset-0 flex items-center justify-center p-4"
        style={{ backgroundColor: "rgba(17, 24, 39, 0.55)" }}
      >
        <PlacementCard theme={theme} withClose />
      </div>
    </>
  );
}

function EmbeddedMock({ theme }: { theme: Theme }) {
  return (
    <div className="space-y-3 p-4" style={{ color: PAGE_TEXT }}>
      <p className="text-sm font-semibold">Thanks for your order!</p>
      <div className="h-3 w-2/3 rounded" style={{ backgroundColor: PAGE_BLOCK }} />
      <PlacementCard theme={theme} withClose={false} />
      <div className="h-3 w-1/2 rounded" style={{ backgroundColor: PAGE_BLOCK }} />
      <div className="h-3 w-3/5 rounded" style={{ backgroundColor: PAGE_BLOCK }} />
    </div>
  );
}
