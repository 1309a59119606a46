"use client";

import "./globals.css";
import { ErrorContent } from "@/components/shell/error-content";

/** Replaces the root layout when it fails itself, so it brings its own <html>. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-bg font-sans text-fg antialiased">
        <main id="main" className="p-4">
          <ErrorContent error={error} reset={reset} />
        </main>
      </body>
    </html>
  );
}
