/**
 * Persistence (Node only): SQLite by default, PostgreSQL with `DATABASE_URL`; one schema, Kysely
 * migrations; holds submission summaries only (counts, codes, element paths, hashes, versions).
 * @module
 */

export { openStore, DEFAULT_SQLITE_PATH } from './open-store.js';
export type { ConnectionFault, OpenStoreOptions } from './open-store.js';
export { StoreUnavailableError, unavailableReason } from './store-unavailable.js';
export type { StoreUnavailableReason } from './store-unavailable.js';
export { readNhsukCss } from './read-nhsuk-css.js';
export type {
  ApiKeyRecord,
  RecordSubmissionOptions,
  Store,
  StoreDialect,
  StoredSubmission,
  StoredSubmissionHeader,
  WaiverInput,
  WriteObserver,
  WriteStep,
} from './store.js';
