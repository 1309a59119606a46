import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { Card } from "@/components/ui/card";
import { navFor } from "@/lib/auth/navigation";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireSessionUser } from "@/server/auth";
import { getEnv } from "@/server/env";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const user = await requireSessionUser();
  const sections = navFor(user.role);
  const { sandboxMode } = getEnv();
  return (
    <>
      <PageHeader
        title="Home"
        description={`Signed in as ${user.email} (${ROLE_LABELS[user.role]}). These are the sections your role can open.`}
      />
      {sandboxMode ? (
        <p className="mb-6 max-w-prose rounded-card border border-warning bg-surface p-4 text-sm text-fg">
          <strong>Sandbox mode.</strong> The console talks to its built-in sandbox of the Partnerships API and keeps its
          data in an embedded database. Nothing here reaches real merchants.
        </p>
      ) : null}
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {sections.map((section) => (
          <li key={section.href}>
            <Card className="h-full">
              <h2 className="text-base font-semibold">
                <Link href={section.href} className="text-accent underline-offset-2 hover:underline">
                  {section.label}
                </Link>
              </h2>
              <p className="mt-1 text-sm text-fg-muted">{section.description}</p>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
