import "server-only";
import type { RoleMapPreviewRow, RoleMapRow } from "@/components/settings/role-map-preview";
import { parseRoleMap, resolveRole } from "@/server/auth/role-map";
import type { UserRow } from "@/server/db/types";

/**
 * OIDC_ROLE_MAP as Settings → Users shows it: each entry (an email when it has an "@", else a
 * group), and each known user evaluated through it. Groups are not stored, so the preview is what
 * the user's email alone gives; a group may raise it at sign-in (the highest role wins).
 */
export function roleMapView(source: string, users: Pick<UserRow, "email" | "role">[]) {
  const parsed = parseRoleMap(source);
  const entries: RoleMapRow[] = parsed.map((e) => ({
    key: e.key,
    kind: e.key.includes("@") ? "email" : "group",
    role: e.role,
  }));
  const preview: RoleMapPreviewRow[] = users.map((u) => ({
    email: u.email,
    current: u.role,
    byEmail: resolveRole(parsed, { email: u.email, groups: [] }),
  }));
  return { entries, preview };
}
