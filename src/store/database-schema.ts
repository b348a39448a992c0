/**
 * Table types of the MDSS database, as Kysely sees them. The same schema serves SQLite and
 * PostgreSQL, so columns use portable types only: text (ISO instants, JSON documents), integer and
 * bigint (counts, sizes; booleans as 0/1). Nothing here can hold a value from a payload: only ids,
 * versions, hashes, counts, issue codes and element paths.
 * @module
 */

/** `partners`: partner organisations. */
export interface PartnersTable {
  id: string;
  name: string;
  kind: string;
  ods_code: string | null;
  cqc_location_id: string | null;
  gss_code: string | null;
  /** JSON object `{ url, … }` or null. */
  fhir_endpoint: string | null;
  created_at: string;
}

/** `api_keys`: SHA-256 hashes of API keys only, bound to a partner or to the ICS lead role. */
export interface ApiKeysTable {
  hash: string;
  role: string;
  partner_id: string | null;
  created_at: string;
}

/** `submissions`: one row per recorded submission summary. */
export interface SubmissionsTable {
  id: string;
  partner_id: string;
  feed: string;
  kind: string;
  framework_version: string;
  validator_version: string;
  /** JSON array of `name#version`. */
  packages: string;
  payload_hash: string;
  payload_size: number | string;
  record_count: number;
  /** JSON object type → count. */
  record_types: string;
  received_at: string;
  duration_ms: number;
  valid: number;
  error_count: number;
  warning_count: number;
}

/** `submission_requirements`: outcome per requirement per submission. */
export interface SubmissionRequirementsTable {
  submission_id: string;
  requirement_id: string;
  checked: number;
  passed: number;
  failed: number;
  waived: number;
}

/** `submission_issues`: issue counts per code, element path, severity and constraint key per submission. */
export interface SubmissionIssuesTable {
  submission_id: string;
  code: string;
  path: string;
  severity: string;
  /** Constraint key (`pat-1`) of `invariant.*` issues, else null (migration 0003). */
  rule: string | null;
  count: number;
  /** JSON array of requirement ids. */
  requirements: string;
  waived: number;
}

/** `submission_must_support`: must-support coverage per element path per submission. */
export interface SubmissionMustSupportTable {
  submission_id: string;
  path: string;
  populated: number;
  total: number;
}

/** `submission_data_quality`: national data-quality outcome counts per submission, module and field. */
export interface SubmissionDataQualityTable {
  submission_id: string;
  /** Position of the field in the dataset's order. */
  ordinal: number;
  module: string;
  field: string;
  mandatory: number;
  applicable: number;
  not_applicable: number;
  undetermined: number;
  passed_valid: number;
  passed_blank: number;
  failed_blank: number;
  failed_invalid: number;
  failed_release_1: number;
}

/** `waivers`: a requirement, or an issue code (optionally at a path), waived for a partner. */
export interface WaiversTable {
  id: string;
  partner_id: string;
  requirement_id: string | null;
  code: string | null;
  path: string | null;
  reason: string;
  until: string | null;
  created_at: string;
}

/** The whole database. */
export interface MdssDatabase {
  partners: PartnersTable;
  api_keys: ApiKeysTable;
  submissions: SubmissionsTable;
  submission_requirements: SubmissionRequirementsTable;
  submission_issues: SubmissionIssuesTable;
  submission_must_support: SubmissionMustSupportTable;
  submission_data_quality: SubmissionDataQualityTable;
  waivers: WaiversTable;
}
