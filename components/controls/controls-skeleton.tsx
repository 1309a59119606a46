import { Skeleton } from "../ui/skeleton";

/** The controls section's shape while it loads: same boxes, same heights, so nothing moves. */
export function ControlsSkeleton() {
  return (
    <div role="status" aria-label="Loading controls" className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="space-y-3">
        <Skeleton className="h-5 w-32" />
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-[32rem] w-full" />
      </div>
      <div className="space-y-3">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-5 w-32" />
        <Skeleton className="h-44 w-full" />
        <Skeleton className="h-10 w-64" />
      </div>
    </div>
  );
}
