import type { Metadata } from "next";
import { UsersTable } from "@/components/settings/users-table";
import { PageHeader } from "@/components/shell/page-header";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const me = await requireSection("/settings");
  const users = await (await getConsoleDb()).users.list();
  return (
    <>
      <PageHeader title="Settings" description="People who can sign in to this console, their roles and status." />
      <section aria-labelledby="users-heading" className="space-y-3">
        <h2 id="users-heading" className="text-lg font-semibold">
          Users
        </h2>
        <p className="max-w-prose text-sm text-fg-muted">
          Changing a role or disabling a user ends that user&apos;s current sessions; they sign in again to continue.
        </p>
        <UsersTable
          currentUserId={me.id}
          users={users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabled }))}
        />
      </section>
    </>
  );
}
