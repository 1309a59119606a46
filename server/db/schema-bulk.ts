import "server-only";

/** Table typing of migration 0008_bulk_jobs (bulk jobs, their items, the shared upstream pacing). */

type Millis = number | string | bigint;

export interface BulkJobsTable {
  id: string;
  /** pause | resume | block | unblock */
  action: string;
  params_json: string;
  selection_json: string;
  created_by_id: string | null;
  created_by_email: string | null;
  created_by_role: string | null;
  /** running | paused | cancelled | completed */
  status: string;
  total: number;
  done: number;
  failed: number;
  skipped: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
  lease_holder: string | null;
  heartbeat_at: string | null;
}

export interface BulkJobItemsTable {
  job_id: string;
  position: number;
  account_id: string;
  brand: string;
  /** pending | sending | done | skipped | failed */
  state: string;
  idempotency_key: string | null;
  request_json: string | null;
  before_json: string | null;
  after_json: string | null;
  operation_id: string | null;
  error: string | null;
  attempts: number;
  next_attempt_at: Millis | null;
  updated_at: string;
  finished_at: Millis | null;
}

export interface UpstreamPacingTable {
  bucket: string;
  tat: Millis;
  window_start: Millis;
  window_count: number;
}

export interface BulkTables {
  bulk_jobs: BulkJobsTable;
  bulk_job_items: BulkJobItemsTable;
  upstream_pacing: UpstreamPacingTable;
}
