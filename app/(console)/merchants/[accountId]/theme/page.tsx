import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ThemeSection } from "@/components/theme/theme-section";
import { accountId as accountIdFormat } from "@/lib/partnerships/formats";
import { requireSection } from "@/server/auth";

export const metadata: Metadata = { title: "Theme" };

/** The merchant's Theme section; the merchant layout above it gives the heading and the tabs. */
export default async function MerchantThemePage({ params }: { params: Promise<{ accountId: string }> }) {
  await requireSection("/merchants");
  const { accountId } = await params;
  if (!accountIdFormat.safeParse(accountId).success) notFound();
  return (
    <section aria-labelledby="theme-heading" className="space-y-4">
      <div className="space-y-1">
        <h2 id="theme-heading" className="text-lg font-semibold text-fg">
          Theme
        </h2>
        <p className="max-w-prose text-sm text-fg-muted">
          The colours and corners of each page's current layout. The preview changes as you edit; saving sends only the
          tokens you changed.
        </p>
      </div>
      <ThemeSection accountId={accountId} />
    </section>
  );
}
