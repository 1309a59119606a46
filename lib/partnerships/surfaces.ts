/** A merchant's page surfaces and layout types, without zod (client code that only needs the lists imports this). */
export const SURFACES = ["confirmation", "tracking", "returns"] as const;
export const LAYOUT_TYPES = ["Overlay", "Embedded"] as const;
