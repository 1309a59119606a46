import "server-only";
import { putControlsRequest } from "@/lib/partnerships/controls";
import { addPagesRequest, patchLayoutRequest, switchLayoutRequest } from "@/lib/partnerships/pages";
import { payoutSetupRequest } from "@/lib/partnerships/payout";
import { dataDeletionRequest, networkPrivacyRequest } from "@/lib/partnerships/privacy";
import * as admin from "./handlers/admin";
import * as merchants from "./handlers/merchants";
import * as operations from "./handlers/operations";
import * as privacy from "./handlers/privacy";
import * as system from "./handlers/system";
import {
  accountParams,
  auditQuery,
  layoutParams,
  noQuery,
  operationParams,
  operationsQuery,
  pageParams,
  pageQuery,
  userParams,
  writeQuery,
} from "./schemas";
import { type AnyRoute, defineRoute } from "./types";

/**
 * The console's whole API surface. A route that is not in this table does not
 * exist (404); a known path with another method is a 405. Each entry names the
 * least role that may call it, the schemas of its params, query and body, and
 * the action its audit entries carry.
 */
export const ROUTES: readonly AnyRoute[] = [
  // Merchants (support and up).
  defineRoute({
    method: "GET",
    path: "/api/merchants",
    role: "support",
    query: pageQuery,
    write: false,
    audit: "merchant.list",
    handler: merchants.listMerchants,
  }),
  defineRoute({
    method: "GET",
    path: "/api/merchants/:accountId/controls",
    role: "support",
    params: accountParams,
    query: noQuery,
    write: false,
    audit: "merchant.controls.read",
    handler: merchants.getControls,
  }),
  defineRoute({
    method: "PUT",
    path: "/api/merchants/:accountId/controls",
    role: "support",
    params: accountParams,
    query: writeQuery,
    body: putControlsRequest,
    write: true,
    audit: "merchant.controls.update",
    operationType: "putMarketplaceControls",
    handler: merchants.putControls,
  }),
  defineRoute({
    method: "GET",
    path: "/api/merchants/:accountId/status",
    role: "support",
    params: accountParams,
    query: noQuery,
    write: false,
    audit: "merchant.status.read",
    handler: merchants.getStatus,
  }),
  defineRoute({
    method: "PUT",
    path: "/api/merchants/:accountId/status",
    role: "support",
    params: accountParams,
    query: writeQuery,
    body: merchants.putStatusBody,
    write: true,
    audit: "merchant.status.update",
    operationType: "putPartnershipStatus",
    handler: merchants.putStatus,
  }),
  defineRoute({
    method: "GET",
    path: "/api/merchants/:accountId/knowledge",
    role: "support",
    params: accountParams,
    query: noQuery,
    write: false,
    audit: "merchant.knowledge.read",
    handler: merchants.getKnowledge,
  }),
  defineRoute({
    method: "POST",
    path: "/api/merchants/:accountId/pages",
    role: "support",
    params: accountParams,
    query: writeQuery,
    body: addPagesRequest,
    write: true,
    audit: "merchant.pages.add",
    operationType: "addPages",
    handler: merchants.addPages,
  }),
  defineRoute({
    method: "PUT",
    path: "/api/merchants/:accountId/pages/:pageId",
    role: "support",
    params: pageParams,
    query: writeQuery,
    body: switchLayoutRequest,
    write: true,
    audit: "merchant.page.switch_layout",
    operationType: "switchPageLayout",
    handler: merchants.switchLayout,
  }),
  defineRoute({
    method: "PATCH",
    path: "/api/merchants/:accountId/layouts/:layoutId",
    role: "support",
    params: layoutParams,
    query: writeQuery,
    body: patchLayoutRequest,
    write: true,
    audit: "merchant.layout.theme",
    operationType: "patchLayout",
    handler: merchants.patchLayout,
  }),

  // Onboarding and payout (account managers and up).
  defineRoute({
    method: "POST",
    path: "/api/merchants",
    role: "account_manager",
    query: writeQuery,
    body: merchants.registerBody,
    write: true,
    audit: "merchant.register",
    operationType: "registerPartnership",
    handler: merchants.register,
  }),
  defineRoute({
    method: "POST",
    path: "/api/merchants/:accountId/payout-setup",
    role: "account_manager",
    params: accountParams,
    // No dry run upstream for payout (SPEC §5.9): `dry_run` is an unknown parameter here.
    query: noQuery,
    body: payoutSetupRequest,
    write: true,
    audit: "merchant.payout.setup",
    operationType: "payoutSetup",
    handler: merchants.payoutSetup,
  }),

  // Privacy and deletion (admins).
  defineRoute({
    method: "POST",
    path: "/api/privacy-requests",
    role: "admin",
    query: writeQuery,
    body: networkPrivacyRequest,
    write: true,
    audit: "privacy.network_request",
    retrySafe: false,
    summarize: privacy.summarizePrivacyRequest,
    handler: privacy.networkPrivacy,
  }),
  defineRoute({
    method: "POST",
    path: "/api/merchants/:accountId/data-deletion",
    role: "admin",
    params: accountParams,
    query: writeQuery,
    body: dataDeletionRequest,
    write: true,
    audit: "merchant.data_deletion",
    operationType: "dataDeletion",
    handler: privacy.dataDeletion,
  }),

  // Operations (support and up).
  defineRoute({
    method: "GET",
    path: "/api/operations",
    role: "support",
    query: operationsQuery,
    write: false,
    audit: "operation.list",
    handler: operations.listOperations,
  }),
  defineRoute({
    method: "GET",
    path: "/api/operations/:operationId",
    role: "support",
    params: operationParams,
    query: noQuery,
    write: false,
    audit: "operation.read",
    handler: operations.getOperation,
  }),

  // Administration (admins).
  defineRoute({
    method: "GET",
    path: "/api/audit",
    role: "admin",
    query: auditQuery,
    write: false,
    audit: "audit.list",
    handler: admin.listAudit,
  }),
  defineRoute({
    method: "GET",
    path: "/api/users",
    role: "admin",
    query: noQuery,
    write: false,
    audit: "user.list",
    handler: admin.listUsers,
  }),
  defineRoute({
    method: "PATCH",
    path: "/api/users/:userId",
    role: "admin",
    params: userParams,
    query: noQuery,
    body: admin.patchUserBody,
    write: true,
    audit: "user.update",
    handler: admin.patchUser,
  }),
  defineRoute({
    method: "POST",
    path: "/api/knowledge/import",
    role: "admin",
    query: noQuery,
    body: admin.knowledgeCsvBody,
    bodyType: "csv",
    maxBodyBytes: admin.KNOWLEDGE_CSV_MAX_BYTES,
    write: true,
    audit: "knowledge.import",
    summarize: admin.summarizeCsv,
    handler: admin.importKnowledge,
  }),

  defineRoute({
    method: "GET",
    path: "/api/openapi.json",
    role: "support",
    query: noQuery,
    write: false,
    audit: "openapi.read",
    handler: system.openApi,
  }),

  // Public.
  defineRoute({
    method: "GET",
    path: "/api/health",
    role: null,
    write: false,
    audit: "health",
    handler: system.health,
  }),
];
