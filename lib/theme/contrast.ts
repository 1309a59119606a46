import { hexToRgb } from "./colour";

/**
 * WCAG 2.x contrast (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio):
 * the relative luminance of each colour, then (L1 + 0.05) / (L2 + 0.05) with
 * the lighter on top, from 1 (same colour) to 21 (black on white).
 */

/** Level AA for normal-size text (success criterion 1.4.3). */
export const AA_TEXT_RATIO = 4.5;

function channel(value: number): number {
  const s = value / 255;
  // 0.04045 is the sRGB specification's threshold (WCAG's older text says 0.03928; no 8-bit value lies between).
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  const { r, g, b } = hexToRgb(hex);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** True when `text` on `background` meets WCAG AA for normal text (at least 4.5:1). */
export function meetsAA(text: string, background: string): boolean {
  return contrastRatio(text, background) >= AA_TEXT_RATIO;
}

/** A ratio the way people read it: rounded down to two decimals, so 4.499 never shows as "4.5:1". */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}

/** Black or white, whichever reads better on `background` (the preview's label on the primary button). */
export function readableOn(background: string): "#000000" | "#FFFFFF" {
  return contrastRatio("#000000", background) >= contrastRatio("#FFFFFF", background) ? "#000000" : "#FFFFFF";
}
