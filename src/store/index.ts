/**
 * Persistence (Node only): SQLite by default, PostgreSQL with `DATABASE_URL`; one schema, Kysely
 * migrations; holds submission summaries only (counts, codes, element paths, hashes, versions).
 * @module
 */

export { openStore, DEFAULT_SQLITE_PATH } from './open-store.js';
export type { OpenStoreOptions } from './open-store.js';
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
