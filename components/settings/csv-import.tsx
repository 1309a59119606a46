"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { ApiError, apiFetch, mintIdempotencyKey } from "@/lib/api";
import { IMPORT_CSV_MAX_BYTES, type ImportCounts, type ImportRowErrorView } from "@/lib/settings/imports";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Table, Td, Th } from "../ui/table";

interface PreviewShape {
  counts: ImportCounts;
  errors: ImportRowErrorView[];
  canApply: boolean;
}

export interface CsvImportProps<P extends PreviewShape> {
  previewPath: string;
  applyPath: (preview: P) => string;
  /** The word of the second count: "renamed" (taxonomy) or "changed" (layouts). */
  changedLabel: string;
  /** What the preview lists beyond the counts and errors. */
  details: (preview: P) => ReactNode;
  appliedMessage: (data: unknown) => string;
}

interface Loaded {
  name: string;
  text: string;
  /** One Idempotency-Key per apply intent: this file, applied once (reused if the person retries). */
  applyKey: string;
}

/**
 * Pick a CSV, preview what it would change (counts, every row error, details),
 * then apply it. Nothing changes before "Apply import"; a file with errors cannot
 * be applied. After an apply the page's server data is read again.
 */
export function CsvImport<P extends PreviewShape>(props: CsvImportProps<P>) {
  const id = useId();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const [busy, setBusy] = useState<"preview" | "apply" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // A new preview takes focus, so keyboard and screen reader users land on what changed.
  useEffect(() => {
    if (preview) heading.current?.focus();
  }, [preview]);

  const runPreview = async () => {
    setError(null);
    setDone(null);
    setPreview(null);
    if (!file) return setError("Choose a CSV file first.");
    if (file.size > IMPORT_CSV_MAX_BYTES) return setError("The file is larger than 1 MiB.");
    setBusy("preview");
    try {
      const text = await file.text();
      const res = await apiFetch<{ data: P }>(props.previewPath, {
        method: "POST",
        body: text,
        contentType: "text/csv",
      });
      setLoaded({ name: file.name, text, applyKey: mintIdempotencyKey() });
      setPreview(res.data.data);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The file could not be read.");
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!preview || !loaded) return;
    setError(null);
    setBusy("apply");
    try {
      const res = await apiFetch<{ data: unknown }>(props.applyPath(preview), {
        method: "POST",
        body: loaded.text,
        contentType: "text/csv",
        idempotencyKey: loaded.applyKey,
      });
      setDone(props.appliedMessage(res.data.data));
      setPreview(null);
      setLoaded(null);
      router.refresh();
    } catch (err) {
      // A final refusal (a changed taxonomy, errors) needs a new preview; a lost answer keeps the key for a retry.
      if (err instanceof ApiError && !err.retryable) setLoaded({ ...loaded, applyKey: mintIdempotencyKey() });
      setError(err instanceof ApiError ? err.message : "The import could not be sent. Try again.");
    } finally {
      setBusy(null);
    }
  };

  const counts = preview?.counts;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor={`${id}-file`} className="block text-sm font-medium text-fg">
            CSV file
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
              setLoaded(null);
            }}
            className="block text-sm text-fg file:mr-3 file:rounded-md file:border file:border-border file:bg-surface file:px-3 file:py-1.5 file:text-fg focus-visible:outline-2 focus-visible:outline-focus"
          />
        </div>
        <Button variant="secondary" onClick={runPreview} disabled={busy !== null}>
          {busy === "preview" ? "Reading…" : "Preview import"}
        </Button>
      </div>
      <p role="status" className={cn("min-h-5 text-sm", error ? "text-danger" : "text-success")}>
        {error ?? done ?? ""}
      </p>
      {preview && counts ? (
        <section aria-label="Import preview" className="space-y-4 rounded-card border border-border bg-surface p-4">
          <h2
            ref={heading}
            tabIndex={-1}
            className="text-lg font-semibold text-fg focus-visible:outline-2 focus-visible:outline-focus"
          >
            Preview of {loaded?.name}
          </h2>
          <ul className="flex flex-wrap gap-4 text-sm text-fg">
            <li>{counts.added} added</li>
            <li>
              {counts.renamed} {props.changedLabel}
            </li>
            <li>{counts.removed} removed</li>
            <li className={counts.errors > 0 ? "font-semibold text-danger" : undefined}>{counts.errors} errors</li>
          </ul>
          {preview.errors.length > 0 ? (
            <Table caption="Row errors">
              <thead>
                <tr>
                  <Th>Row</Th>
                  <Th>Error</Th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one row may have several errors; order is stable
                  <tr key={i}>
                    <Td className="tabular-nums">{e.row === 0 ? "Header" : e.row}</Td>
                    <Td>{e.message}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : (
            <p className="text-sm text-fg-muted">No row errors.</p>
          )}
          {props.details(preview)}
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={apply} disabled={!preview.canApply || busy !== null}>
              {busy === "apply" ? "Applying…" : "Apply import"}
            </Button>
            {!preview.canApply ? (
              <p className="text-sm text-fg-muted">
                {counts.errors > 0
                  ? "A file with errors cannot be applied: fix every row above and preview it again."
                  : "There is nothing to apply."}
              </p>
            ) : null}
          </div>
        </section>
      ) : null}
    </div>
  );
}
