import "server-only";
import { z } from "zod";
import {
  addPagesResponse,
  patchLayoutBareResponse,
  patchLayoutResponse,
  switchLayoutResponse,
} from "@/lib/partnerships";
import { accountPath, accountWrite } from "./accounts";
import type { Transport } from "./transport";
import type { PartnershipsClient, PatchLayoutResult } from "./types";

/** The full layout (sandbox) or the real API's bare acknowledgement (SPEC §10); the full form is tried first. */
const patchLayoutResult: z.ZodType<PatchLayoutResult> = z.union([patchLayoutResponse, patchLayoutBareResponse]);

export function pagesApi(t: Transport): Pick<PartnershipsClient, "addPages" | "switchPageLayout" | "patchLayout"> {
  return {
    addPages: (accountId, body, opts) =>
      t.call({
        method: "POST",
        route: "/v1/partnership/accounts/{account_id}/pages",
        path: `${accountPath(accountId)}/pages`,
        body,
        schema: addPagesResponse,
        ...accountWrite(opts),
      }),

    switchPageLayout: (accountId, pageId, body, opts) =>
      t.call({
        method: "PUT",
        route: "/v1/partnership/accounts/{account_id}/pages/{page_id}",
        path: `${accountPath(accountId)}/pages/${encodeURIComponent(pageId)}`,
        body,
        schema: switchLayoutResponse,
        ...accountWrite(opts),
      }),

    patchLayout: (accountId, layoutId, body, opts) =>
      t.call({
        method: "PATCH",
        route: "/v1/partnership/accounts/{account_id}/layouts/{layout_id}",
        path: `${accountPath(accountId)}/layouts/${encodeURIComponent(layoutId)}`,
        body,
        schema: patchLayoutResult,
        ...accountWrite(opts),
      }),
  };
}
