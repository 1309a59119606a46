/**
 * User Timing marks for "a token changed → the preview repainted", so a
 * benchmark can read `performance.getEntriesByName(THEME_REPAINT_MEASURE)`.
 * Marks are cheap and no-ops where the Performance API is missing (tests, SSR).
 */
export const THEME_CHANGE_MARK = "theme:change";
export const THEME_PAINTED_MARK = "theme:painted";
export const THEME_REPAINT_MEASURE = "theme:change-to-paint";

function perf(): Performance | null {
  return typeof performance !== "undefined" && typeof performance.mark === "function" ? performance : null;
}

/** Call when a token changes (before React renders the new preview). */
export function markThemeChange(scope: string): void {
  perf()?.mark(THEME_CHANGE_MARK, { detail: { scope } });
}

/**
 * Call from the preview's effect after a render: marks once the next frame was
 * painted (a frame callback, then a task after it), and measures from the last
 * change mark when there is one.
 */
export function markThemePaintedAfterFrame(scope: string): () => void {
  const p = perf();
  if (!p || typeof requestAnimationFrame !== "function") return () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(() => {
      p.mark(THEME_PAINTED_MARK, { detail: { scope } });
      if (p.getEntriesByName(THEME_CHANGE_MARK, "mark").length > 0) {
        p.measure(THEME_REPAINT_MEASURE, { start: THEME_CHANGE_MARK, end: THEME_PAINTED_MARK, detail: { scope } });
        // Each change is measured once: a later repaint (a reset, a refetch) must not reuse its start.
        p.clearMarks(THEME_CHANGE_MARK);
      }
    }, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer) clearTimeout(timer);
  };
}
