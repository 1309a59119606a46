/** "2026-11-29T10:42:00.000Z" → "10:42:00 UTC": the same text on the server and in the browser. */
export function utcTime(iso: string): string {
  return `${iso.slice(11, 19)} UTC`;
}

/** "in 4 min", "in 35 s": how long a live link has left. */
export function timeLeft(expiresAtMs: number, nowMs: number): string {
  const ms = expiresAtMs - nowMs;
  if (ms >= 60_000) return `in ${Math.floor(ms / 60_000)} min`;
  return `in ${Math.max(1, Math.ceil(ms / 1000))} s`;
}
