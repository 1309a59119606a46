import { Table, Td, Th } from "@/components/ui/table";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";

export interface RoleMapRow {
  key: string;
  kind: "email" | "group";
  role: Role;
}

export interface RoleMapPreviewRow {
  email: string;
  current: Role;
  /** What the mapping gives from the email alone; null when only a group could match it. */
  byEmail: Role | null;
}

/**
 * OIDC mode: the mapping from the provider's groups or emails to roles (OIDC_ROLE_MAP, read-only
 * here because it is configuration), and what it gives each known user at their next sign-in.
 */
export function RoleMapPreview({ entries, preview }: { entries: RoleMapRow[]; preview: RoleMapPreviewRow[] }) {
  return (
    <section aria-labelledby="role-map-heading" className="space-y-3">
      <h2 id="role-map-heading" className="text-lg font-semibold">
        Single sign-on role mapping
      </h2>
      <p className="max-w-prose text-sm text-fg-muted">
        Set in the <code>OIDC_ROLE_MAP</code> environment variable (<code>group-or-email=role,…</code>) of every console
        instance; a change applies at each person&apos;s next sign-in. Someone matching several entries gets the highest
        role; someone matching none cannot sign in.
      </p>
      {entries.length === 0 ? (
        <p className="rounded-md border border-warning p-3 text-sm">
          OIDC_ROLE_MAP is empty: nobody can sign in through single sign-on until it maps groups or emails to roles.
        </p>
      ) : (
        <Table caption="Role mapping">
          <thead>
            <tr>
              <Th>Group or email</Th>
              <Th>Kind</Th>
              <Th>Role</Th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.key}>
                <Td className="font-mono text-xs sm:text-sm">{e.key}</Td>
                <Td>{e.kind === "email" ? "Email" : "Group"}</Td>
                <Td>{ROLE_LABELS[e.role]}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Table caption="Who gets which role">
        <thead>
          <tr>
            <Th>User</Th>
            <Th>Role now</Th>
            <Th>Role from the mapping</Th>
          </tr>
        </thead>
        <tbody>
          {preview.map((p) => (
            <tr key={p.email}>
              <Td className="font-mono text-xs sm:text-sm">{p.email}</Td>
              <Td>{ROLE_LABELS[p.current]}</Td>
              <Td>
                {p.byEmail
                  ? `${ROLE_LABELS[p.byEmail]} (by email; a group may raise it)`
                  : "Decided by the provider's groups at sign-in"}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
