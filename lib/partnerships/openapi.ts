import { z } from "zod";
import { accountList, registerRequest, registerResponse } from "./accounts";
import { controls, putControlsRequest } from "./controls";
import { ERROR_CODES, envelope, errorEnvelope, tokenResponse } from "./envelope";
import { operation } from "./operations";
import {
  addPagesRequest,
  addPagesResponse,
  patchLayoutRequest,
  patchLayoutResponse,
  switchLayoutRequest,
  switchLayoutResponse,
} from "./pages";
import { payoutSetupRequest, payoutSetupResponse } from "./payout";
import { dataDeletionRequest, dataDeletionResponse, networkPrivacyAccepted, networkPrivacyRequest } from "./privacy";
import { accountStatusView, putStatusRequest } from "./status";

/**
 * The OpenAPI 3.1 document of the Partnerships API as the console models it (SPEC.md),
 * generated from the zod contract so that the two never drift apart.
 */

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const out = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
  delete out.$schema;
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const REQUESTS: Record<string, z.ZodType> = {
  RegisterRequest: registerRequest,
  PutControlsRequest: putControlsRequest,
  PutStatusRequest: putStatusRequest,
  AddPagesRequest: addPagesRequest,
  SwitchLayoutRequest: switchLayoutRequest,
  PatchLayoutRequest: patchLayoutRequest,
  PayoutSetupRequest: payoutSetupRequest,
  NetworkPrivacyRequest: networkPrivacyRequest,
  DataDeletionRequest: dataDeletionRequest,
};

const ENVELOPED: Record<string, z.ZodType> = {
  RegisterResponse: registerResponse,
  AccountList: accountList,
  Controls: controls,
  AccountStatusView: accountStatusView,
  AddPagesResponse: addPagesResponse,
  SwitchLayoutResponse: switchLayoutResponse,
  PatchLayoutResponse: patchLayoutResponse,
  PayoutSetupResponse: payoutSetupResponse,
  DataDeletionResponse: dataDeletionResponse,
  Operation: operation,
};

const PARAMETERS: Json = {
  AccountId: {
    name: "account_id",
    in: "path",
    required: true,
    description: "A managed account's 16-digit id.",
    schema: { type: "string", pattern: "^[1-9]\\d{15}$" },
  },
  PageId: { name: "page_id", in: "path", required: true, schema: { type: "string" } },
  LayoutId: { name: "layout_id", in: "path", required: true, schema: { type: "string" } },
  OperationId: { name: "operation_id", in: "path", required: true, schema: { type: "string" } },
  ParentAccountIdQuery: {
    name: "parent_account_id",
    in: "query",
    required: true,
    description: "The caller's manager (platform parent) account id.",
    schema: { type: "string", pattern: "^[1-9]\\d{15}$" },
  },
  Limit: {
    name: "limit",
    in: "query",
    required: false,
    schema: { type: "integer", minimum: 1, maximum: 200, default: 50 },
  },
  Cursor: {
    name: "cursor",
    in: "query",
    required: false,
    description: "Opaque, from next_cursor.",
    schema: { type: "string" },
  },
  DryRun: {
    name: "dry_run",
    in: "query",
    required: false,
    description: "All checks, same response, no state change (X-Dry-Run: true on the answer).",
    schema: { type: "string", enum: ["true", "false"] },
  },
  IdempotencyKey: {
    name: "Idempotency-Key",
    in: "header",
    required: true,
    description: "A canonical UUID, optionally in double quotes; one per logical write.",
    schema: { type: "string", pattern: '^"?[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}"?$' },
  },
  ParentAccountIdHeader: {
    name: "X-Platform-Parent-Account-Id",
    in: "header",
    required: true,
    schema: { type: "string", pattern: "^[1-9]\\d{15}$" },
  },
  ParentAccountIdHeaderOptional: {
    name: "X-Platform-Parent-Account-Id",
    in: "header",
    required: false,
    description: "Checked if present.",
    schema: { type: "string" },
  },
};

const HEADERS: Json = {
  RequestId: { description: "New for each attempt.", schema: { type: "string", format: "uuid" } },
  OperationId: { description: "The write's operation (op_…).", schema: { type: "string" } },
  RetryAfter: { description: "Seconds to wait.", schema: { type: "integer", minimum: 1 } },
  RateLimitLimit: { schema: { type: "integer" } },
  RateLimitRemaining: { schema: { type: "integer" } },
  RateLimitReset: { schema: { type: "integer" } },
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Validation failed (malformed JSON, wrong types, unknown fields, bad formats, bad query)",
  401: "Missing, malformed, expired or unknown token",
  403: "Not the token's manager, or an account that is not yours",
  404: "Unknown path, method, resource or operation",
  409: "Conflict: stale contentHash, existing surface, deleting account, or key in use",
  422: "Missing X-Platform-Parent-Account-Id, or an Idempotency-Key used with a different request",
  429: "Rate limit exceeded",
  500: "Internal server error",
};

function errorResponses(statuses: number[]): Json {
  const out: Json = {};
  for (const s of statuses) out[String(s)] = { $ref: `#/components/responses/Error${s}` };
  return out;
}

const commonHeaders = {
  "X-Request-Id": { $ref: "#/components/headers/RequestId" },
  "X-RateLimit-Limit": { $ref: "#/components/headers/RateLimitLimit" },
  "X-RateLimit-Remaining": { $ref: "#/components/headers/RateLimitRemaining" },
  "X-RateLimit-Reset": { $ref: "#/components/headers/RateLimitReset" },
};

function ok(schemaName: string, status = "200", extraHeaders: Json = {}): Json {
  return {
    [status]: {
      description: "Success",
      headers: { ...commonHeaders, ...extraHeaders },
      content: { "application/json": { schema: ref(`${schemaName}Envelope`) } },
    },
  };
}

const p = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const body = (name: string) => ({ required: true, content: { "application/json": { schema: ref(name) } } });
const opHeader = { "X-Operation-Id": { $ref: "#/components/headers/OperationId" } };
const security = [{ bearer: [] }];

function read(operationId: string, summary: string, data: string, params: unknown[]): Json {
  return {
    get: {
      operationId,
      summary,
      security,
      parameters: params,
      responses: { ...ok(data), ...errorResponses([400, 401, 403, 404, 429, 500]) },
    },
  };
}

function write(
  method: string,
  operationId: string,
  summary: string,
  req: string,
  data: string,
  params: unknown[],
  status = "200",
): Json {
  return {
    [method]: {
      operationId,
      summary,
      security,
      parameters: [...params, p("ParentAccountIdHeader")],
      requestBody: body(req),
      responses: { ...ok(data, status, opHeader), ...errorResponses([400, 401, 403, 404, 409, 422, 429, 500]) },
    },
  };
}

const keyed = (...extra: unknown[]) => [p("AccountId"), ...extra, p("IdempotencyKey"), p("DryRun")];

export function buildOpenApiDocument(): Json {
  const schemas: Json = {};
  for (const [name, s] of Object.entries(REQUESTS)) schemas[name] = jsonSchema(s, "input");
  for (const [name, s] of Object.entries(ENVELOPED)) {
    schemas[name] = jsonSchema(s, "output");
    schemas[`${name}Envelope`] = jsonSchema(envelope(s), "output");
  }
  schemas.ErrorEnvelope = jsonSchema(errorEnvelope, "output");
  schemas.TokenResponse = jsonSchema(tokenResponse, "output");
  schemas.NetworkPrivacyAccepted = jsonSchema(networkPrivacyAccepted, "output");
  schemas.OAuthError = { type: "object", required: ["error"], properties: { error: { type: "string" } } };

  const responses: Json = {};
  for (const [status, code] of Object.entries(ERROR_CODES)) {
    responses[`Error${status}`] = {
      description: `${code}: ${ERROR_DESCRIPTIONS[Number(status)] ?? ""}`,
      headers:
        status === "429" || status === "409"
          ? { ...commonHeaders, "Retry-After": { $ref: "#/components/headers/RetryAfter" } }
          : commonHeaders,
      content: { "application/json": { schema: ref("ErrorEnvelope") } },
    };
  }

  const A = "/v1/partnership/accounts/{account_id}";
  const paths: Json = {
    "/api/v1/oauth/token": {
      post: {
        operationId: "getToken",
        summary: "Exchange client credentials for an access token (auth host)",
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": {
              schema: {
                type: "object",
                required: ["grant_type"],
                properties: {
                  grant_type: { const: "client_credentials" },
                  client_id: { type: "string" },
                  client_secret: { type: "string" },
                },
              },
            },
          },
        },
        responses: {
          "200": { description: "Token", content: { "application/json": { schema: ref("TokenResponse") } } },
          "400": {
            description: "invalid_request or unsupported_grant_type",
            content: { "application/json": { schema: ref("OAuthError") } },
          },
          "401": { description: "invalid_client", content: { "application/json": { schema: ref("OAuthError") } } },
        },
      },
    },
    "/v1/accounts/register/partnership": write(
      "post",
      "registerPartnership",
      "Register a merchant (deduplicated on external_account_id)",
      "RegisterRequest",
      "RegisterResponse",
      [p("DryRun")],
    ),
    "/v1/partnership/accounts": read("listAccounts", "List managed accounts", "AccountList", [
      p("ParentAccountIdQuery"),
      p("Limit"),
      p("Cursor"),
      p("ParentAccountIdHeaderOptional"),
    ]),
    [`${A}/marketplacecontrolslists`]: {
      ...read("getMarketplaceControls", "Read the marketplace controls list", "Controls", [
        p("AccountId"),
        p("ParentAccountIdHeaderOptional"),
      ]),
      ...write(
        "put",
        "putMarketplaceControls",
        "Replace the marketplace controls list",
        "PutControlsRequest",
        "Controls",
        keyed(),
      ),
    },
    [`${A}/status`]: {
      ...read("getPartnershipStatus", "Read the account's status and variants", "AccountStatusView", [
        p("AccountId"),
        p("ParentAccountIdHeaderOptional"),
      ]),
      ...write(
        "put",
        "putPartnershipStatus",
        "Activate or pause the account",
        "PutStatusRequest",
        "AccountStatusView",
        keyed(),
      ),
    },
    [`${A}/pages`]: write("post", "addPages", "Add surfaces", "AddPagesRequest", "AddPagesResponse", keyed()),
    [`${A}/pages/{page_id}`]: write(
      "put",
      "switchPageLayout",
      "Switch a page's layout type",
      "SwitchLayoutRequest",
      "SwitchLayoutResponse",
      keyed(p("PageId")),
    ),
    [`${A}/layouts/{layout_id}`]: write(
      "patch",
      "patchLayout",
      "Update a layout's theme (sparse)",
      "PatchLayoutRequest",
      "PatchLayoutResponse",
      keyed(p("LayoutId")),
    ),
    [`${A}/payout-setup`]: write(
      "post",
      "payoutSetup",
      "Start Stripe Connect onboarding (no dry-run)",
      "PayoutSetupRequest",
      "PayoutSetupResponse",
      [p("AccountId"), p("IdempotencyKey")],
    ),
    [`${A}/data-deletion-requests`]: write(
      "post",
      "dataDeletion",
      "Delete a managed account's data (long-running)",
      "DataDeletionRequest",
      "DataDeletionResponse",
      keyed(),
      "202",
    ),
    "/v1/partnership/network-privacy-requests": {
      post: {
        operationId: "networkPrivacyRequest",
        summary: "Opt a consumer out of the network, or delete their data (202, not enveloped)",
        security,
        parameters: [p("ParentAccountIdQuery"), p("DryRun"), p("ParentAccountIdHeaderOptional")],
        requestBody: body("NetworkPrivacyRequest"),
        responses: {
          "202": {
            description: "Submitted",
            headers: {
              ...commonHeaders,
              "X-Network-Privacy-Request-Id": { schema: { type: "string", format: "uuid" } },
            },
            content: { "application/json": { schema: ref("NetworkPrivacyAccepted") } },
          },
          ...errorResponses([400, 401, 403, 404, 429, 500]),
        },
      },
    },
    "/v1/partnership/operations/{operation_id}": read("getOperation", "Read a write's operation", "Operation", [
      p("OperationId"),
      p("ParentAccountIdHeaderOptional"),
    ]),
  };

  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Rokt Partnerships API (as the Partner Console models it)",
      version: "0.1.0",
      description:
        "Generated from the console's zod contract (lib/partnerships). Preview API: sandbox choices are documented in SPEC.md.",
    },
    servers: [
      {
        url: "https://accounts.rokt.com",
        description: "Production API host (token endpoint on https://auth.rokt.com)",
      },
      { url: "http://127.0.0.1:4010", description: "The built-in sandbox (npm run sandbox), token endpoint included" },
    ],
    security,
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Access token from /api/v1/oauth/token" },
      },
      parameters: PARAMETERS,
      headers: HEADERS,
      responses,
      schemas,
    },
  };
}
