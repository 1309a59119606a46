import { Skeleton } from "@/components/ui/skeleton";

/** A table-shaped placeholder of fixed height, so the page does not jump when rows arrive. */
export function TableSkeleton({ label, rows = 8 }: { label: string; rows?: number }) {
  return (
    <div aria-busy="true" aria-live="polite">
      <span className="sr-only">{label}</span>
      <Skeleton className="mb-2 h-8 w-48" />
      <Skeleton className="mb-6 h-4 w-96 max-w-full" />
      <div className="space-y-2 rounded-card border border-border bg-surface p-4">
        {Array.from({ length: rows }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders, never reordered.
          <Skeleton key={i} className="h-6 w-full" />
        ))}
      </div>
    </div>
  );
}
