"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { ApiError, apiFetch, mintIdempotencyKey } from "@/lib/api";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
}

interface Change {
  user: UserSummary;
  patch: { role?: Role; disabled?: boolean };
  /** Minted once per intent; every retry of this change sends the same key. */
  idempotencyKey: string;
}

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function retryDelay(attempt: number, error: unknown): number {
  if (error instanceof ApiError && error.retryAfterSeconds) return error.retryAfterSeconds * 1000;
  return Math.min(4000, 300 * 2 ** attempt) * (0.5 + Math.random() / 2);
}

export function UsersTable({ users, currentUserId }: { users: UserSummary[]; currentUserId: string }) {
  const router = useRouter();
  const toast = useToast();
  const [rows, setRows] = useState(users);
  const [pendingId, setPendingId] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: (change: Change) =>
      apiFetch<{ data: UserSummary }>(`/api/users/${encodeURIComponent(change.user.id)}`, {
        method: "PATCH",
        body: change.patch,
        idempotencyKey: change.idempotencyKey,
      }),
    retry: (count, error) => error instanceof ApiError && error.retryable && count < 3,
    retryDelay,
    onMutate: (change) => setPendingId(change.user.id),
    onSuccess: ({ data }, change) => {
      const updated = data.data;
      setRows((all) =>
        all.map((u) => (u.id === updated.id ? { ...u, role: updated.role, disabled: updated.disabled } : u)),
      );
      toast.success(
        change.patch.role !== undefined
          ? `${updated.email} is now ${ROLE_LABELS[updated.role]}.`
          : `${updated.email} is ${updated.disabled ? "disabled" : "enabled"}.`,
      );
      router.refresh();
    },
    onError: (error, change) => {
      const message = error instanceof Error ? error.message : "The change failed.";
      toast.error(`Could not change ${change.user.email}: ${message}`);
    },
    onSettled: () => setPendingId(null),
  });

  function change(user: UserSummary, patch: Change["patch"]) {
    mutation.mutate({ user, patch, idempotencyKey: mintIdempotencyKey() });
  }

  return (
    <Table caption="Users">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Email</Th>
          <Th>Role</Th>
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
          return (
            <tr key={user.id}>
              <Th scope="row" className="border-b bg-transparent font-medium">
                {user.name}
                {self ? <span className="ml-2 text-xs font-normal text-fg-muted">(you)</span> : null}
              </Th>
              <Td className="font-mono text-xs sm:text-sm">{user.email}</Td>
              <Td>
                <Select
                  label={`Role for ${user.email}`}
                  hideLabel
                  options={ROLE_OPTIONS}
                  value={user.role}
                  disabled={self || busy}
                  onChange={(event) => change(user, { role: event.target.value as Role })}
                  className="min-w-44"
                />
              </Td>
              <Td>{user.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}</Td>
              <Td className="text-right">
                <Button
                  variant={user.disabled ? "secondary" : "danger"}
                  size="sm"
                  disabled={self || busy}
                  onClick={() => change(user, { disabled: !user.disabled })}
                >
                  {user.disabled ? "Enable" : "Disable"}
                </Button>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
