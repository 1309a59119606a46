"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { Table, Td, Th } from "@/components/ui/table";
import type { Role } from "@/lib/auth/roles";
import { isOnlyAdmin, LAST_ADMIN_REASON, ROLE_OPTIONS, signInMethodLabel } from "@/lib/settings/users";

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  hasPassword: boolean;
  lastSignInAt: string | null;
  signInMethod: string | null;
}

/** A fixed UTC format: the same text on the server and in every browser (no hydration mismatch). */
export function formatSignIn(iso: string | null): string {
  if (!iso) return "Never";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export interface UsersTableProps {
  /** The rows to show (already filtered by the search). */
  rows: UserSummary[];
  /** Every user: the last-admin rule looks at all of them, not only the rows shown. */
  all: UserSummary[];
  currentUserId: string;
  pendingId: string | null;
  /** What a never-signed-in user without a password signs in with (the OIDC provider's name). */
  oidcName: string;
  onChange(user: UserSummary, patch: { role?: Role; disabled?: boolean }): void;
}

export function UsersTable({ rows, all, currentUserId, pendingId, oidcName, onChange }: UsersTableProps) {
  return (
    <Table caption="Users">
      <thead>
        <tr>
          <Th>Email</Th>
          <Th>Name</Th>
          <Th>Role</Th>
          <Th>Sign-in method</Th>
          <Th>Last sign-in</Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((user) => {
          const self = user.id === currentUserId;
          const busy = pendingId === user.id;
          // Locked for the only enabled admin, whoever looks (in practice: that admin themself).
          const locked = isOnlyAdmin(all, user.id);
          const reasonId = `last-admin-${user.id}`;
          const method = signInMethodLabel(user.signInMethod, { hasPassword: user.hasPassword, oidcName });
          return (
            <tr key={user.id}>
              <Th scope="row" className="border-b bg-transparent font-mono text-xs font-medium sm:text-sm">
                {user.email}
                {self ? <span className="ml-2 font-sans text-xs font-normal text-fg-muted">(you)</span> : null}
              </Th>
              <Td>{user.name}</Td>
              <Td>
                <Select
                  label={`Role for ${user.email}`}
                  hideLabel
                  options={ROLE_OPTIONS}
                  value={user.role}
                  disabled={locked || busy}
                  aria-describedby={locked ? reasonId : undefined}
                  onChange={(event) => onChange(user, { role: event.target.value as Role })}
                  className="min-w-44"
                />
              </Td>
              <Td>{method}</Td>
              <Td className="whitespace-nowrap">
                {user.lastSignInAt ? (
                  <time dateTime={user.lastSignInAt}>{formatSignIn(user.lastSignInAt)}</time>
                ) : (
                  "Never"
                )}
              </Td>
              <Td>{user.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}</Td>
              <Td className="text-right">
                <div className="flex items-center justify-end gap-3">
                  {locked ? (
                    <span id={reasonId} className="max-w-48 text-left text-xs text-fg-muted">
                      {LAST_ADMIN_REASON}
                    </span>
                  ) : null}
                  <Button
                    variant={user.disabled ? "secondary" : "danger"}
                    size="sm"
                    disabled={locked || busy}
                    aria-describedby={locked ? reasonId : undefined}
                    // Named for its row: "Disable <email>" (the visible word starts the name).
                    aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
                    onClick={() => onChange(user, { disabled: !user.disabled })}
                  >
                    {user.disabled ? "Enable" : "Disable"}
                  </Button>
                </div>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
