import type { WriteFailure } from "./controls-write";

/** The form's messages above the fields: a restored draft, a locked account, a refused write. */
export function ControlsNotices({
  restored,
  accountStatus,
  locked,
  failure,
}: {
  restored: boolean;
  accountStatus: string | null;
  locked: boolean;
  failure: WriteFailure | null;
}) {
  return (
    <>
      {restored ? (
        <p role="status" className="rounded-card border border-accent bg-surface p-3 text-sm text-fg">
          Your unsaved changes were restored after signing in. Review them, then save.
        </p>
      ) : null}
      {locked ? (
        <p className="rounded-card border border-warning bg-surface p-3 text-sm text-fg">
          This merchant’s account is {accountStatus}: the Partnerships API refuses changes to its controls, so saving is
          turned off.
        </p>
      ) : null}
      {failure?.kind === "forbidden" || failure?.kind === "locked" || failure?.kind === "other" ? (
        <p role="alert" className="rounded-card border border-danger bg-surface p-3 text-sm text-fg">
          {failure.message}
        </p>
      ) : null}
    </>
  );
}
