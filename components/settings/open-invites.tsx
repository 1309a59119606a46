import { Table, Td, Th } from "@/components/ui/table";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { OpenInvite } from "./invite-dialog";
import { formatSignIn } from "./users-table";

/** Invites not yet used and not expired: who was invited, as what, by whom, until when. */
export function OpenInvites({ invites }: { invites: OpenInvite[] }) {
  if (invites.length === 0) return null;
  return (
    <section aria-labelledby="open-invites-heading" className="space-y-2">
      <h2 id="open-invites-heading" className="text-lg font-semibold">
        Open invites
      </h2>
      <Table caption="Open invites">
        <thead>
          <tr>
            <Th>Email</Th>
            <Th>Name</Th>
            <Th>Role</Th>
            <Th>Invited by</Th>
            <Th>Expires</Th>
          </tr>
        </thead>
        <tbody>
          {invites.map((i) => (
            <tr key={i.id}>
              <Td className="font-mono text-xs sm:text-sm">{i.email}</Td>
              <Td>{i.name}</Td>
              <Td>{ROLE_LABELS[i.role]}</Td>
              <Td>{i.createdByEmail ?? "—"}</Td>
              <Td>
                <time dateTime={i.expiresAt}>{formatSignIn(i.expiresAt)}</time>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
