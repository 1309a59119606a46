"use client";

import Link from "next/link";
import { Fragment, useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { actionLabel } from "@/lib/operations/actions";

export interface AuditRow {
  id: string;
  at: string;
  userEmail: string | null;
  role: string | null;
  action: string;
  merchantId: string | null;
  outcome: string;
  httpStatus: number | null;
  message: string | null;
  operationId: string | null;
  upstreamRequestId: string | null;
  ip: string | null;
  request: unknown;
  before: unknown;
  after: unknown;
  idempotencyKey: string | null;
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-fg-muted">—</span>;
  return (
    <pre className="whitespace-pre-wrap break-all rounded bg-surface-muted p-2 font-mono text-xs">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

const TONE: Record<string, BadgeTone> = { success: "success", failure: "warning", denied: "danger", error: "danger" };

/** Read-only: entries are shown, expanded and exported, never changed or deleted. */
export function AuditTable({ entries, caption }: { entries: AuditRow[]; caption: string }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>User</Th>
          <Th>Action</Th>
          <Th>Merchant</Th>
          <Th>Outcome</Th>
          <Th>
            <span className="sr-only">Details</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => {
          const expanded = open.has(e.id);
          return (
            <Fragment key={e.id}>
              <tr>
                <Td className="whitespace-nowrap tabular-nums">
                  <time dateTime={e.at}>{`${e.at.slice(0, 10)} ${e.at.slice(11, 19)} UTC`}</time>
                </Td>
                <Td>
                  {e.userEmail ?? <span className="text-fg-muted">anonymous</span>}
                  {e.role ? <span className="block text-xs text-fg-muted">{e.role.replace("_", " ")}</span> : null}
                </Td>
                <Td>
                  {actionLabel(e.action)}
                  <span className="block font-mono text-xs text-fg-muted">{e.action}</span>
                </Td>
                <Td className="font-mono tabular-nums">
                  {e.merchantId ? (
                    <Link
                      href={`/merchants/${e.merchantId}`}
                      className="text-accent underline-offset-2 hover:underline"
                    >
                      {e.merchantId}
                    </Link>
                  ) : (
                    "—"
                  )}
                </Td>
                <Td>
                  <Badge tone={TONE[e.outcome] ?? "neutral"}>{e.outcome}</Badge>
                  {e.httpStatus ? <span className="ml-2 text-xs text-fg-muted">{e.httpStatus}</span> : null}
                  {e.message ? <span className="mt-1 block max-w-xs text-xs text-fg-muted">{e.message}</span> : null}
                </Td>
                <Td>
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-expanded={expanded}
                    aria-controls={expanded ? `audit-${e.id}` : undefined}
                    onClick={() => toggle(e.id)}
                  >
                    {expanded ? "Hide details" : "Show details"}
                  </Button>
                </Td>
              </tr>
              {expanded ? (
                <tr id={`audit-${e.id}`}>
                  <Td colSpan={6} className="bg-surface-muted/40">
                    {
                      <dl className="grid gap-x-4 gap-y-2 text-sm md:grid-cols-2">
                        <div>
                          <dt className="font-semibold">Before</dt>
                          <dd>
                            <Json value={e.before} />
                          </dd>
                        </div>
                        <div>
                          <dt className="font-semibold">After</dt>
                          <dd>
                            <Json value={e.after} />
                          </dd>
                        </div>
                        <div>
                          <dt className="font-semibold">Request ID</dt>
                          <dd className="font-mono text-xs break-all">{e.upstreamRequestId ?? "—"}</dd>
                        </div>
                        <div>
                          <dt className="font-semibold">Operation ID</dt>
                          <dd className="font-mono text-xs break-all">
                            {e.operationId ? (
                              <Link
                                href={`/operations/${encodeURIComponent(e.operationId)}`}
                                className="text-accent underline"
                              >
                                {e.operationId}
                              </Link>
                            ) : (
                              "—"
                            )}
                          </dd>
                        </div>
                        <div className="md:col-span-2">
                          <dt className="font-semibold">Request</dt>
                          <dd>
                            <Json value={e.request} />
                          </dd>
                        </div>
                        <div>
                          <dt className="font-semibold">Idempotency-Key</dt>
                          <dd className="font-mono text-xs">{e.idempotencyKey ?? "—"}</dd>
                        </div>
                        <div>
                          <dt className="font-semibold">From</dt>
                          <dd className="text-xs">{e.ip ?? "—"}</dd>
                        </div>
                      </dl>
                    }
                  </Td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </Table>
  );
}
