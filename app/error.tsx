"use client";

import { ErrorContent } from "@/components/shell/error-content";

export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="p-4">
      <ErrorContent error={error} reset={reset} />
    </main>
  );
}
