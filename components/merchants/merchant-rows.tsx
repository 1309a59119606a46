"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { MouseEvent, ReactNode } from "react";
import { Table, Td, Th } from "@/components/ui/table";
import type { MerchantListItem, MerchantSort, SortDirection } from "@/lib/merchants/query";
import { MerchantStatusBadge } from "./merchant-status-badge";

/**
 * The merchant table. Each row's brand is a link to the merchant page (the
 * keyboard and screen-reader path); a click anywhere else on the row opens it
 * too. `leading` is an optional first cell (e.g. a row checkbox for bulk actions).
 */

export const merchantHref = (accountId: string) => `/merchants/${encodeURIComponent(accountId)}`;

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

function ariaSort(column: MerchantSort, sort: MerchantSort, dir: SortDirection) {
  if (column !== sort) return undefined;
  return dir === "asc" ? ("ascending" as const) : ("descending" as const);
}

export function MerchantTable({
  merchants,
  caption,
  sort,
  dir,
  leadingHeader,
  leading,
  busy,
}: {
  merchants: MerchantListItem[];
  caption: string;
  sort: MerchantSort;
  dir: SortDirection;
  /** Header cell of the leading column (e.g. "Select all on this page"). */
  leadingHeader?: ReactNode;
  leading?: (m: MerchantListItem) => ReactNode;
  busy?: boolean;
}) {
  return (
    <Table
      caption={caption}
      aria-busy={busy || undefined}
      className={busy ? "opacity-60 transition-opacity" : undefined}
    >
      <thead>
        <tr>
          {leadingHeader !== undefined ? <Th className="w-10">{leadingHeader}</Th> : null}
          <Th aria-sort={ariaSort("brand", sort, dir)}>Brand</Th>
          <Th>External id</Th>
          <Th>Status</Th>
          <Th>Country</Th>
          <Th>Vertical</Th>
          <Th>Store</Th>
          <Th aria-sort={ariaSort("created", sort, dir)}>Created</Th>
        </tr>
      </thead>
      <tbody>
        {merchants.map((m) => (
          <MerchantRow key={m.accountId} merchant={m} leading={leading?.(m)} />
        ))}
      </tbody>
    </Table>
  );
}

export function MerchantRow({ merchant: m, leading }: { merchant: MerchantListItem; leading?: ReactNode }) {
  const router = useRouter();
  const href = merchantHref(m.accountId);
  const open = (e: MouseEvent<HTMLTableRowElement>) => {
    // Links, buttons and inputs in the row do their own thing; selecting text is not a click.
    if ((e.target as HTMLElement).closest("a, button, input, select, label, textarea")) return;
    if (window.getSelection()?.toString()) return;
    if (e.metaKey || e.ctrlKey) window.open(href, "_blank", "noopener");
    else router.push(href);
  };
  return (
    // The brand link is the keyboard path; the row click is a pointer shortcut.
    <tr onClick={open} className="cursor-pointer hover:bg-surface-muted">
      {leading !== undefined ? <Td className="w-10">{leading}</Td> : null}
      <Th scope="row" className="border-b bg-transparent font-medium">
        <Link href={href} className="text-accent underline-offset-2 hover:underline">
          {m.brand}
        </Link>
      </Th>
      <Td className="font-mono text-xs">{m.externalAccountId}</Td>
      <Td>
        <MerchantStatusBadge status={m.status} />
      </Td>
      <Td>{m.countryCode}</Td>
      <Td>{m.verticalName ?? <span className="text-fg-muted">#{m.verticalId}</span>}</Td>
      <Td className="max-w-xs truncate">
        {/^https?:\/\//i.test(m.storeIdentifier) ? (
          <a
            href={m.storeIdentifier}
            className="text-accent underline-offset-2 hover:underline"
            target="_blank"
            rel="noopener noreferrer nofollow"
          >
            {m.storeIdentifier.replace(/^https?:\/\//i, "")}
          </a>
        ) : (
          m.storeIdentifier
        )}
      </Td>
      <Td className="whitespace-nowrap tabular-nums">
        <time dateTime={m.createdAt}>{formatDate(m.createdAt)}</time>
      </Td>
    </tr>
  );
}

function formatDate(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : dateFormat.format(ms);
}
