/**
 * The CPU-bound checks a runtime may run off the request thread: the Node server hands them to a
 * pool of worker threads (node-check-pool.ts), each running the same pipeline (src/check) on the bytes
 * it is given; without an offload (the Cloudflare Worker, tests, `--threads 0`) the routes run them
 * in place. Either way the same functions run: this is only where.
 * @module
 */
import type { CheckOptions } from '../check/check-options.js';
import type { CheckedPayload } from '../check/create-checker.js';
import type { FhirValidateInput, FhirValidateOutput } from './fhir-validate-check.js';

/**
 * Runs checks elsewhere. Both calls take ownership of the bytes (they may be transferred: the
 * caller must not read them afterwards) and throw `HttpProblem` as the in-place call would, or
 * with 503 `http.busy` (queue full) or 500 `http.check-failed` (the thread running it died).
 */
export interface CheckOffload {
  /** `$validate` on a body (fhir-validate-check.ts). */
  fhirValidate(input: FhirValidateInput): Promise<FhirValidateOutput>;
  /** `checker.checkBytes` (the upload routes). */
  checkBytes(bytes: Uint8Array, options: CheckOptions): Promise<CheckedPayload>;
}

/** The thread running a check died (or was stopped past its deadline) before it answered: 500 `http.check-failed`. */
export class CheckThreadError extends Error {
  /** Why the thread stopped (an exit code, an error name, `timeout`): logged, never payload values. */
  readonly reason: string;

  constructor(reason: string) {
    super(`check thread stopped: ${reason}`);
    this.name = 'CheckThreadError';
    this.reason = reason;
  }
}
