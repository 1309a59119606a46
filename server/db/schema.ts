import "server-only";
import type { Generated } from "kysely";
import type { BulkTables } from "./schema-bulk";

/**
 * Table typing for Kysely. Column types are the lowest common denominator of
 * SQLite and PostgreSQL: text (ISO 8601 UTC timestamps, JSON), integer (0/1
 * booleans, counters) and bigint (epoch milliseconds; pg hands those back as
 * strings, so repos read them through `toNumber`).
 */

type Millis = number | string | bigint;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  disabled: number;
  session_version: number;
  created_at: string;
  updated_at: string;
  /** 0006_settings_users: null until the first sign-in after it. */
  last_sign_in_at: string | null;
  /** "password" or the OIDC provider's id, of the last sign-in. */
  sign_in_method: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string | null;
  user_email: string | null;
  role: string | null;
  action: string;
  merchant_id: string | null;
  request_json: string | null;
  before_json: string | null;
  after_json: string | null;
  outcome: string;
  http_status: number | null;
  message: string | null;
  upstream_request_id: string | null;
  operation_id: string | null;
  idempotency_key: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface OperationsJournalTable {
  operation_id: string;
  user_id: string | null;
  user_email: string | null;
  merchant_id: string | null;
  action: string;
  operation_type: string | null;
  dry_run: number;
  status: string;
  http_status: number | null;
  error: string | null;
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface KnowledgePagesTable {
  account_id: string;
  page_id: string;
  surface: string;
  layout_id: string;
  layout_type: string;
  page_identifier: string | null;
  updated_at: string;
}

export interface KnowledgeLayoutsTable {
  account_id: string;
  layout_id: string;
  page_id: string;
  layout_type: string;
  theme_json: string | null;
  updated_at: string;
}

export interface IdempotencyIntentsTable {
  user_id: string;
  key: string;
  route: string;
  body_hash: string;
  /** in_flight | done */
  state: string;
  http_status: number | null;
  response_json: string | null;
  operation_id: string | null;
  created_at: string;
  updated_at: string;
  /** A reservation older than this (epoch ms) was abandoned by a crashed instance and may be taken over. */
  in_flight_until: Millis;
  /** 24 h after the first request: afterwards the key is new again. */
  expires_at: Millis;
}

export interface RateLimitsTable {
  bucket: string;
  window_start: Millis;
  count: number;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: Millis;
  acquired_at: string;
}

export interface PayoutLinksTable {
  account_id: string;
  stripe_account_id: string;
  /** A bearer link to the merchant's Stripe onboarding: never copied into the audit log or a log line. */
  onboarding_url: string;
  expires_at: string;
  operation_id: string | null;
  created_by: string | null;
  created_at: string;
}

/** One account of the platform as the last sync (or the console's own write) saw it (migration 0002_merchant_index). */
export interface MerchantIndexTable {
  /** SQLite's rowid alias (the FTS table's key); a bigserial on PostgreSQL. */
  id: Generated<number | string>;
  account_id: string;
  external_account_id: string;
  brand: string;
  brand_key: string;
  country_code: string;
  store_identifier: string;
  vertical_id: number;
  sub_vertical_id: number;
  status: string;
  created_at: string;
  updated_at: string;
  search: string;
  ids: string;
  seen_at: string;
  local_at: string | null;
}

export interface MerchantSyncStateTable {
  name: string;
  started_at: string | null;
  heartbeat_at: string | null;
  finished_at: string | null;
  ok_started_at: string | null;
  ok_at: string | null;
  error: string | null;
  seen: Generated<number>;
  added: Generated<number>;
  changed: Generated<number>;
  removed: Generated<number>;
  duration_ms: number | null;
  version: Generated<number>;
}

export interface SavedViewsTable {
  id: string;
  user_id: string;
  scope: string;
  name: string;
  query: string;
  created_at: string;
  updated_at: string;
}

export interface Database extends BulkTables {
  merchant_index: MerchantIndexTable;
  merchant_sync_state: MerchantSyncStateTable;
  saved_views: SavedViewsTable;
  users: UsersTable;
  audit_log: AuditLogTable;
  operations_journal: OperationsJournalTable;
  knowledge_pages: KnowledgePagesTable;
  knowledge_layouts: KnowledgeLayoutsTable;
  idempotency_intents: IdempotencyIntentsTable;
  rate_limits: RateLimitsTable;
  leases: LeasesTable;
  payout_links: PayoutLinksTable;
  privacy_requests: PrivacyRequestsTable;
  onboarding_drafts: OnboardingDraftsTable;
  onboarding_runs: OnboardingRunsTable;
  onboarding_steps: OnboardingStepsTable;
  controls_templates: ControlsTemplatesTable;
  user_invites: UserInvitesTable;
  taxonomy_versions: TaxonomyVersionsTable;
  merchant_controls_seen: MerchantControlsSeenTable;
}

/** One-time invite links (0006_settings_users); the token itself is never stored, only its SHA-256. */
export interface UserInvitesTable {
  id: string;
  token_hash: string;
  email: string;
  name: string;
  role: string;
  created_by_id: string | null;
  created_by_email: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  user_id: string | null;
}

/** Onboarding wizard (migration 0004_onboarding): drafts as typed, and each go-live run's recorded steps. */
export interface OnboardingDraftsTable {
  id: string;
  user_id: string;
  brand: string | null;
  data_json: string;
  /** Index of the furthest step the draft may open (lib/onboarding/steps.ts). */
  reached: number;
  version: number;
  /** draft | live */
  status: string;
  account_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface OnboardingRunsTable {
  draft_id: string;
  user_id: string;
  user_email: string | null;
  /** running | failed | paused | done */
  state: string;
  origin: string;
  payout_link: number;
  account_id: string | null;
  pages_json: string | null;
  created_at: string;
  updated_at: string;
}

export interface OnboardingStepsTable {
  draft_id: string;
  name: string;
  position: number;
  /** waiting | running | done | failed */
  state: string;
  /** Recorded before the step is sent; a resume resends with it. */
  idempotency_key: string | null;
  request_json: string | null;
  /** 1 once a request with this key may have left. */
  sent: number;
  attempts: number;
  operation_id: string | null;
  request_id: string | null;
  http_status: number | null;
  result_json: string | null;
  error_json: string | null;
  updated_at: string;
}

export interface ControlsTemplatesTable {
  id: string;
  name: string;
  blocked_json: string;
  domains_text: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Consumer privacy requests and merchant data deletions (migration 0005_privacy_ops): never a plain identifier. */
export interface PrivacyRequestsTable {
  id: string;
  /** consumer | merchant_deletion */
  kind: string;
  request_type: string;
  /** email | phone | hashedEmail | account */
  identifier_type: string;
  identifier_masked: string;
  /** Keyed hash of the canonical identifier, for duplicate detection (lib/privacy/duplicate.ts). */
  fingerprint: string | null;
  account_id: string | null;
  merchant_label: string | null;
  reason: string | null;
  /** sending | submitted | failed | unknown | awaiting_approval | rejected (deletions then follow their operation) */
  status: string;
  upstream_request_id: string | null;
  operation_id: string | null;
  idempotency_key: string | null;
  error: string | null;
  submitted_by_id: string | null;
  submitted_by_email: string | null;
  approved_by_email: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Partner taxonomy versions (migration 0007_settings_imports): the highest version is the current one. */
export interface TaxonomyVersionsTable {
  version: number;
  /** The whole file as applied (downloads give it back byte for byte). */
  csv: string;
  /** seed (data/taxonomy.csv on first use) | import */
  source: string;
  /** {added, renamed, removed} against the version before, JSON text. */
  summary_json: string | null;
  created_by: string | null;
  created_at: string;
}

/** The blocked pairs of a merchant as the console last read or wrote them (migration 0007_settings_imports). */
export interface MerchantControlsSeenTable {
  account_id: string;
  /** [[partnerVerticalId, partnerSubVerticalId], …] */
  blocked_json: string;
  seen_at: string;
}
