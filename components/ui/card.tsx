import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("rounded-card border border-border bg-surface p-5 shadow-sm", className)} {...props} />;
}

export function CardHeader({
  title,
  description,
  level = 2,
}: {
  title: ReactNode;
  description?: ReactNode;
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <div className="mb-3 space-y-1">
      <Heading className="text-base font-semibold text-fg">{title}</Heading>
      {description ? <p className="text-sm text-fg-muted">{description}</p> : null}
    </div>
  );
}
