/**
 * The structured log line of the service. Only identifiers, routes, statuses, durations, counts and
 * issue codes: never payload values, messages rendered from payloads, or stack traces with messages.
 * @module
 */

/** One structured log entry. */
export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  /** `request`, `exception`, `listening`, `shutdown`, … */
  readonly event: string;
  readonly requestId?: string;
  readonly method?: string;
  /** The matched route pattern (`/fhir/:type/$validate`), never the raw URL with its query. */
  readonly route?: string;
  readonly status?: number;
  readonly durationMs?: number;
  /** Request body size in bytes. */
  readonly bytes?: number;
  readonly recordCount?: number;
  readonly issueCount?: number;
  /** Distinct issue codes with their counts. */
  readonly issueCodes?: Readonly<Record<string, number>>;
  readonly truncated?: boolean;
  /** For exceptions: the error class name and code, and the stack frames without the message line. */
  readonly errorName?: string;
  readonly errorCode?: string;
  readonly frames?: readonly string[];
  /** Other non-sensitive fields (port, version, …). */
  readonly [key: string]: unknown;
}

/** Counts issue codes (for the `issueCodes` log field). */
export function countCodes(issues: readonly { readonly code: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of issues) out[i.code] = (out[i.code] ?? 0) + 1;
  return out;
}
