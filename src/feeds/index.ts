/**
 * Non-FHIR social-care feeds: the Adult Social Care Client Level Data return (CSV, JSON, NDJSON) and
 * a children-in-need record (JSON, NDJSON), validated against `schemas/cld-event.schema.json` and
 * `schemas/cin-record.schema.json` plus England rules and cross-record checks.
 * @module
 */
export { validateFeed, validateFeedStream, validateFeedText } from './validate-feed.js';
export type { FeedValidateOptions } from './validate-feed.js';
export { detectFeed } from './detect-feed.js';
export type { DetectedFeed, FeedFormat } from './detect-feed.js';
export type { FeedKind } from './feed-definition.js';
export { cldFields } from './cld-fields.js';
export type { FeedField, FieldKind } from './cld-fields.js';
export { cinFields } from './cin-feed.js';
export { normaliseLabel, createListMatcher } from './normalise-label.js';
