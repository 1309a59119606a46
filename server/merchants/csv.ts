import "server-only";
import { csvCell } from "@/lib/csv";
import type { ConsoleDb, MerchantIndexFilter } from "@/server/db/types";
import { toListItem, type VerticalNames } from "./list";

/**
 * The merchant list as CSV (RFC 4180, CRLF), streamed: rows are read from the
 * index in keyset chunks as the client takes them, so every matching row goes
 * out with flat memory. A failure part-way errors the stream, which aborts the
 * response: the download fails instead of ending as a short file.
 */

export const CSV_COLUMNS = [
  "account_id",
  "external_account_id",
  "brand",
  "status",
  "country_code",
  "vertical_id",
  "vertical_name",
  "sub_vertical_id",
  "store_identifier",
  "created_at",
  "updated_at",
] as const;

export function merchantCsvStream(
  db: ConsoleDb,
  filter: MerchantIndexFilter,
  names: VerticalNames,
  opts: { chunkSize?: number } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let chunks: AsyncIterator<Awaited<ReturnType<ConsoleDb["merchants"]["search"]>>["rows"]> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(",")}\r\n`));
      },
      async pull(controller) {
        try {
          chunks ??= db.merchants.scan(filter, { chunkSize: opts.chunkSize ?? 1000 })[Symbol.asyncIterator]();
          const next = await chunks.next();
          if (next.done) {
            controller.close();
            return;
          }
          let text = "";
          for (const m of next.value) {
            const r = toListItem(m, names);
            text += `${[
              csvCell(r.accountId),
              csvCell(r.externalAccountId),
              csvCell(r.brand),
              csvCell(r.status),
              csvCell(r.countryCode),
              csvCell(r.verticalId),
              csvCell(r.verticalName),
              csvCell(r.subVerticalId),
              csvCell(r.storeIdentifier),
              csvCell(r.createdAt),
              csvCell(r.updatedAt),
            ].join(",")}\r\n`;
          }
          controller.enqueue(encoder.encode(text));
        } catch (err) {
          console.error("merchant CSV export failed mid-stream:", err instanceof Error ? err.message : err);
          controller.error(err instanceof Error ? err : new Error(String(err)));
        }
      },
      async cancel() {
        await chunks?.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
