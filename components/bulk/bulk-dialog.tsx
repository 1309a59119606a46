"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { DomainsEditor } from "@/components/controls/domains-editor";
import { VerticalPicker } from "@/components/controls/vertical-picker";
import { describeWriteError, useIntentWrite } from "@/components/forms/use-intent-write";
import { Button } from "@/components/ui/button";
import { Dialog, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import {
  type BulkAction,
  type BulkJobBodyInput,
  type BulkJobView,
  type BulkPreview,
  type BulkSelectionInput,
  bulkDialogTitle,
  bulkJobBody,
} from "@/lib/bulk/schemas";
import { parseDomainLines } from "@/lib/controls/domains";
import type { VerticalPair } from "@/lib/controls/pairs";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import { BulkPreviewPanel } from "./bulk-preview";

export interface BulkTemplate {
  id: string;
  name: string;
  blocked: VerticalPair[];
  domainsText: string;
}

/**
 * The dialog of one bulk action: what to change (a reason, or the verticals and
 * domains with the merchant page's own picker), a preview from the server (how
 * many change, a dry run on a few), then "Start job", which creates the job on
 * the server and opens its page. The form keeps what was typed on any error.
 */
export function BulkDialog({
  action,
  count,
  selection,
  taxonomy,
  templates,
  onClose,
}: {
  action: BulkAction;
  count: number;
  selection: BulkSelectionInput;
  taxonomy: readonly TaxonomyVertical[];
  templates: readonly BulkTemplate[];
  onClose: () => void;
}) {
  const router = useRouter();
  const { send, pending } = useIntentWrite();
  const previewWrite = useIntentWrite();
  const [reason, setReason] = useState("");
  const [pairs, setPairs] = useState<VerticalPair[]>([]);
  const [domainsText, setDomainsText] = useState("");
  const [templateId, setTemplateId] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<{ forBody: string; data: BulkPreview } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const statusAction = action === "pause" || action === "resume";
  const parsedDomains = parseDomainLines(domainsText);

  const body: BulkJobBodyInput = {
    params: statusAction
      ? { action, reason }
      : {
          action,
          pairs: pairs.map((p) => ({ ...p })),
          domains: parsedDomains.domains,
          ...(templateId ? { templateId } : {}),
        },
    selection,
  };
  const bodyKey = JSON.stringify(body);

  const validate = (): boolean => {
    const next: Record<string, string> = {};
    if (!statusAction && parsedDomains.errors.length) next.domains = "Fix the domains marked below.";
    const parsed = bulkJobBody.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[1] ?? issue.path[0] ?? "form");
        next[field] ??= field === "reason" ? "Give a reason (it is kept in the audit log)." : issue.message;
      }
    }
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const runPreview = async () => {
    setFailure(null);
    if (!validate()) return;
    setPreviewing(true);
    try {
      // One key per previewed body (useIntentWrite): a retry of the same preview replays its answer.
      const res = await previewWrite.send<BulkPreview>({ method: "POST", path: "/api/bulk/preview", body });
      setPreview({ forBody: bodyKey, data: res.data });
    } catch (err) {
      setFailure(describeWriteError(err));
    } finally {
      setPreviewing(false);
    }
  };

  const start = async () => {
    setFailure(null);
    if (!validate()) return;
    try {
      const res = await send<BulkJobView>({ method: "POST", path: "/api/bulk/jobs", body });
      router.push(`/bulk/${encodeURIComponent(res.data.id)}`);
    } catch (err) {
      setFailure(describeWriteError(err));
    }
  };

  const title = bulkDialogTitle(action, count);
  const fresh = preview && preview.forBody === bodyKey ? preview.data : null;
  return (
    // Mounted only while shown: its owner unmounts it on close.
    <Dialog open onClose={onClose} className="max-w-3xl p-0 shadow-lg backdrop:bg-black/40">
      <form
        method="dialog"
        className="max-h-[85vh] space-y-4 overflow-y-auto p-6"
        onSubmit={(e) => {
          e.preventDefault();
          void runPreview();
        }}
      >
        <DialogTitle>{title}</DialogTitle>
        {statusAction ? (
          <Input
            label="Reason"
            value={reason}
            maxLength={500}
            error={errors.reason}
            hint="Kept with each merchant's entry in the audit log (the API takes no reason)."
            onChange={(e) => setReason(e.target.value)}
          />
        ) : (
          <div className="space-y-4">
            {templates.length ? (
              <Select
                label="Start from template"
                options={[
                  { value: "", label: "No template" },
                  ...templates.map((t) => ({ value: t.id, label: t.name })),
                ]}
                defaultValue=""
                onChange={(e) => {
                  const t = templates.find((x) => x.id === e.target.value);
                  setTemplateId(t?.id ?? "");
                  if (t) {
                    setPairs(t.blocked.map((p) => ({ ...p })));
                    setDomainsText(t.domainsText);
                  }
                }}
              />
            ) : null}
            <VerticalPicker taxonomy={taxonomy} value={pairs} onChange={setPairs} />
            {errors.pairs ? <p className="text-sm text-danger">{errors.pairs}</p> : null}
            <DomainsEditor value={domainsText} onChange={setDomainsText} errors={parsedDomains.errors} />
          </div>
        )}
        {failure ? (
          <p role="alert" className="text-sm text-danger">
            {failure}
          </p>
        ) : null}
        {fresh ? <BulkPreviewPanel preview={fresh} /> : null}
        <div className="flex flex-wrap justify-end gap-2 border-t border-border pt-4">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="secondary" type="submit" disabled={previewing}>
            {previewing ? "Previewing…" : "Preview"}
          </Button>
          <Button onClick={() => void start()} disabled={pending || !fresh || fresh.total === 0}>
            {pending ? "Starting…" : "Start job"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
