/** A merchant's page surfaces, without zod (client code that only needs the list imports this). */
export const SURFACES = ["confirmation", "tracking", "returns"] as const;
