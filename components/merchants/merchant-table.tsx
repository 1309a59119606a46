import { Table, Td, Th } from "@/components/ui/table";
import type { Account } from "@/lib/partnerships/accounts";
import { MerchantStatusBadge } from "./merchant-status-badge";

export type MerchantRow = Pick<Account, "account_id" | "brand" | "country_code" | "status" | "store_identifier">;

export function MerchantTable({ merchants, caption }: { merchants: MerchantRow[]; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Brand</Th>
          <Th>Account id</Th>
          <Th>Country</Th>
          <Th>Status</Th>
          <Th>Store</Th>
        </tr>
      </thead>
      <tbody>
        {merchants.map((m) => (
          <tr key={m.account_id}>
            <Th scope="row" className="border-b bg-transparent font-medium">
              {m.brand}
            </Th>
            <Td className="font-mono tabular-nums">{m.account_id}</Td>
            <Td>{m.country_code}</Td>
            <Td>
              <MerchantStatusBadge status={m.status} />
            </Td>
            <Td className="max-w-xs truncate">
              {/^https?:\/\//i.test(m.store_identifier) ? (
                <a
                  href={m.store_identifier}
                  className="text-accent underline-offset-2 hover:underline"
                  target="_blank"
                  rel="noopener noreferrer nofollow"
                >
                  {m.store_identifier}
                </a>
              ) : (
                m.store_identifier
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
