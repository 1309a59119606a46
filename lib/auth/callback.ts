/**
 * Where to go after signing in. Only same-origin relative paths are accepted:
 * anything else (//evil.example, https://…, /\evil, javascript:) becomes "/",
 * and so do the sign-in page itself and API routes.
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return "/";
  }
  try {
    const base = "http://console.invalid";
    const url = new URL(value, base);
    if (url.origin !== base) return "/";
    if (url.pathname === "/sign-in" || url.pathname.startsWith("/api/")) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
