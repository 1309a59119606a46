import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { THEME_BOOT_SCRIPT } from "@/components/shell/theme";
import { ZOD_NO_EVAL_SCRIPT } from "@/lib/zod-no-eval";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Partner Console", template: "%s · Partner Console" },
  description: "Manage merchants on Rokt's Partnerships API.",
  // Inline, so no extra request (and no 404 in the console) for a favicon file.
  icons: {
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%234338ca'/%3E%3Cpath d='M10 23V9h7a5 5 0 0 1 0 10h-4v4z' fill='white'/%3E%3C/svg%3E",
  },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The per-request CSP nonce from proxy.ts; reading it also keeps every page dynamic, which nonces need.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script
          nonce={nonce}
          suppressHydrationWarning
          // biome-ignore lint/security/noDangerouslySetInnerHtml: constant scripts: the theme before paint, zod without eval
          dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT + ZOD_NO_EVAL_SCRIPT }}
        />
      </head>
      <body className="min-h-screen bg-bg font-sans text-fg antialiased">{children}</body>
    </html>
  );
}
