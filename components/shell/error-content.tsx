"use client";

import { Button } from "@/components/ui/button";

/** Shown by error boundaries: no internals, a digest to quote to support, and a retry. */
export function ErrorContent({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-semibold text-fg">Something went wrong</h1>
      <p className="mt-2 text-sm text-fg-muted">
        The page could not be shown. Try again; if it keeps failing, report the reference below.
      </p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-fg-muted">Reference: {error.digest}</p> : null}
      <Button className="mt-6" onClick={() => reset()}>
        Try again
      </Button>
    </div>
  );
}
