/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break.
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR
 * first) is prefixed with ' so it stays text. Objects go out as JSON.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "string" ? value : typeof value === "number" ? String(value) : JSON.stringify(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
