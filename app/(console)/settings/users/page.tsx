import type { Metadata } from "next";
import { RoleMapPreview, type RoleMapPreviewRow } from "@/components/settings/role-map-preview";
import { UsersPanel } from "@/components/settings/users-panel";
import { PageHeader } from "@/components/shell/page-header";
import { publicInvite, publicUser } from "@/server/api/handlers/settings-users";
import { requireSection } from "@/server/auth";
import { oidcEnabled, passwordSignInEnabled } from "@/server/auth/config";
import { parseRoleMap, resolveRole } from "@/server/auth/role-map";
import { getConsoleDb } from "@/server/db";
import { getEnv } from "@/server/env";

export const metadata: Metadata = { title: "Users · Settings" };

export default async function SettingsUsersPage() {
  const me = await requireSection("/settings/users");
  const env = getEnv();
  const db = await getConsoleDb();
  const [users, invites] = await Promise.all([db.users.list(), db.invites.listOpen()]);
  const canInvite = passwordSignInEnabled();
  const oidc = oidcEnabled();
  const entries = oidc ? parseRoleMap(env.OIDC_ROLE_MAP) : [];
  const preview: RoleMapPreviewRow[] = users.map((u) => ({
    email: u.email,
    current: u.role,
    byEmail: resolveRole(entries, { email: u.email, groups: [] }),
  }));
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in to this console, with which role. A role change applies on that person's next request; disabling someone signs them out at once."
      />
      <div className="space-y-8">
        <UsersPanel
          users={users.map(publicUser)}
          invites={invites.map(publicInvite)}
          currentUserId={me.id}
          canInvite={canInvite}
          oidcName={env.OIDC_NAME}
        />
        {oidc ? (
          <RoleMapPreview
            entries={entries.map((e) => ({ key: e.key, kind: e.key.includes("@") ? "email" : "group", role: e.role }))}
            preview={preview}
          />
        ) : null}
      </div>
    </>
  );
}
