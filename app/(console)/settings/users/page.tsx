import type { Metadata } from "next";
import { RoleMapPreview } from "@/components/settings/role-map-preview";
import { UsersPanel } from "@/components/settings/users-panel";
import { PageHeader } from "@/components/shell/page-header";
import { publicInvite, publicUser } from "@/server/api/handlers/settings-users";
import { requireSection } from "@/server/auth";
import { oidcEnabled, passwordSignInEnabled } from "@/server/auth/config";
import { getConsoleDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { roleMapView } from "@/server/settings/role-map-view";

export const metadata: Metadata = { title: "Users · Settings" };

export default async function SettingsUsersPage() {
  const me = await requireSection("/settings/users");
  const env = getEnv();
  const db = await getConsoleDb();
  const [users, invites] = await Promise.all([db.users.list(), db.invites.listOpen()]);
  const canInvite = passwordSignInEnabled();
  const oidc = oidcEnabled();
  const roleMap = oidc ? roleMapView(env.OIDC_ROLE_MAP, users) : null;
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
        {roleMap ? <RoleMapPreview entries={roleMap.entries} preview={roleMap.preview} /> : null}
      </div>
    </>
  );
}
