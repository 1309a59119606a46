import { colour, normalizeColour } from "@/lib/partnerships/formats";

/**
 * Theme colours as the API stores them (SPEC §2.1): `#RGB` or `#RRGGBB` in
 * either case is accepted, and `#RRGGBB` in upper case is what is kept and
 * compared. The pattern is the shared `colour` schema's, so the editor never
 * accepts a value the API would refuse.
 */
export function isHexColour(value: string): boolean {
  return colour.safeParse(value).success;
}

/** `#abc` → `#AABBCC`, `#a1b2c3` → `#A1B2C3`; null for anything that is not a hex colour. */
export function normaliseHexColour(value: string): string | null {
  const trimmed = value.trim();
  return isHexColour(trimmed) ? normalizeColour(trimmed) : null;
}

/** The 0–255 channels of a valid hex colour (3 or 6 digits). */
export function hexToRgb(value: string): { r: number; g: number; b: number } {
  const hex = normaliseHexColour(value);
  if (!hex) throw new Error(`not a hex colour: ${value}`);
  return {
    r: Number.parseInt(hex.slice(1, 3), 16),
    g: Number.parseInt(hex.slice(3, 5), 16),
    b: Number.parseInt(hex.slice(5, 7), 16),
  };
}
