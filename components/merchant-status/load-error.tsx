/** A section whose data could not be read: what failed, why, and the request id support will ask for. */
export function LoadError({ what, message, requestId }: { what: string; message: string; requestId?: string | null }) {
  return (
    <div role="alert" className="rounded-card border border-danger bg-surface p-4 text-sm">
      <p className="font-semibold">{what} could not be loaded.</p>
      <p className="mt-1">{message}</p>
      {requestId ? <p className="mt-1 font-mono text-xs text-fg-muted">Request id {requestId}</p> : null}
    </div>
  );
}
