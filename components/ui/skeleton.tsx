import { cn } from "./cn";

/** A placeholder block of fixed size: the page does not shift when content arrives. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-surface-muted", className)} />;
}
