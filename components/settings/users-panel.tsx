"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { describeWriteError, useIntentWrite } from "@/components/forms/use-intent-write";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { InviteDialog, type OpenInvite } from "./invite-dialog";
import { OpenInvites } from "./open-invites";
import { type UserSummary, UsersTable } from "./users-table";

export interface UsersPanelProps {
  users: UserSummary[];
  invites: OpenInvite[];
  currentUserId: string;
  /** Email + password sign-in is on: admins may invite people with a one-time link. */
  canInvite: boolean;
  oidcName: string;
}

function matches(user: UserSummary, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === "") return true;
  return [user.email, user.name, ROLE_LABELS[user.role], user.disabled ? "disabled" : "active"].some((v) =>
    v.toLowerCase().includes(q),
  );
}

/**
 * The users of the console: search, role, enable/disable, invite. Each change is
 * one intent (one Idempotency-Key, reused on retries); the server decides, and the
 * table shows what it answered.
 */
export function UsersPanel({ users, invites, currentUserId, canInvite, oidcName }: UsersPanelProps) {
  const router = useRouter();
  const toast = useToast();
  const { send } = useIntentWrite();
  const [rows, setRows] = useState(users);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [inviting, setInviting] = useState(false);
  const shown = useMemo(() => rows.filter((u) => matches(u, query)), [rows, query]);

  async function change(user: UserSummary, patch: { role?: Role; disabled?: boolean }) {
    setPendingId(user.id);
    try {
      const { data } = await send<UserSummary>({
        method: "PATCH",
        path: `/api/users/${encodeURIComponent(user.id)}`,
        body: patch,
      });
      setRows((all) => all.map((u) => (u.id === data.id ? { ...u, ...data } : u)));
      toast.success(
        patch.role !== undefined
          ? `${data.email} is now ${ROLE_LABELS[data.role]}.`
          : `${data.email} is ${data.disabled ? "disabled" : "enabled"}.`,
      );
      router.refresh();
    } catch (error) {
      toast.error(`Could not change ${user.email}: ${describeWriteError(error)}`);
    } finally {
      setPendingId(null);
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <Input
          type="search"
          label="Search users"
          hint="Email, name, role or status."
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="w-full max-w-sm"
        />
        {canInvite ? (
          <Button onClick={() => setInviting(true)} aria-haspopup="dialog">
            Invite user
          </Button>
        ) : null}
      </div>
      <p className="sr-only" aria-live="polite">
        {query.trim() ? `${shown.length} of ${rows.length} users shown.` : ""}
      </p>
      {shown.length === 0 ? (
        <EmptyState title="No users match">Try another part of an email or name, or clear the search.</EmptyState>
      ) : (
        <UsersTable
          rows={shown}
          all={rows}
          currentUserId={currentUserId}
          pendingId={pendingId}
          oidcName={oidcName}
          onChange={(user, patch) => void change(user, patch)}
        />
      )}
      {canInvite ? <OpenInvites invites={invites} /> : null}
      {canInvite ? (
        <InviteDialog
          open={inviting}
          onClose={() => {
            setInviting(false);
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}
