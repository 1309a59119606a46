import type { ReactNode } from "react";

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-fg">{title}</h1>
        {description ? <p className="max-w-prose text-sm text-fg-muted">{description}</p> : null}
      </div>
      {actions}
    </div>
  );
}
