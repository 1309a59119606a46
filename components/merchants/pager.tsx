"use client";

import { Button } from "@/components/ui/button";

/** Server-side pages: first, previous, "Page n of m", next, last. */
export function MerchantPager({ page, pages, onPage }: { page: number; pages: number; onPage(page: number): void }) {
  const current = Math.min(page, pages);
  return (
    <nav aria-label="Merchant pages" className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" size="sm" disabled={current <= 1} onClick={() => onPage(1)}>
        First page
      </Button>
      <Button variant="secondary" size="sm" disabled={current <= 1} onClick={() => onPage(current - 1)}>
        Previous page
      </Button>
      <span className="px-2 text-sm tabular-nums text-fg-muted" aria-current="page">
        Page {page.toLocaleString("en-US")} of {pages.toLocaleString("en-US")}
      </span>
      <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next page
      </Button>
      <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => onPage(pages)}>
        Last page
      </Button>
    </nav>
  );
}
