"use client";

import { AA_TEXT_RATIO, contrastRatio, formatRatio } from "@/lib/theme/contrast";

/**
 * Says when the placement's text on its background fails WCAG AA (4.5:1). The
 * live region is always there (so a new warning is announced) and keeps its
 * height, so the warning appearing does not move the controls below it.
 */
export function ContrastWarning({ textColor, backgroundColor }: { textColor: string; backgroundColor: string }) {
  const ratio = contrastRatio(textColor, backgroundColor);
  const fails = ratio < AA_TEXT_RATIO;
  return (
    <div role="status" className="min-h-16 text-sm">
      {fails ? (
        <p className="rounded-md border border-warning bg-surface px-3 py-2 text-fg">
          <span className="font-semibold text-warning">Low contrast:</span> text on background is {formatRatio(ratio)}{" "}
          (WCAG AA needs {AA_TEXT_RATIO}:1).
        </p>
      ) : null}
    </div>
  );
}
