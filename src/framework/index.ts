/**
 * The framework: requirement catalogue (MDS-nn), requirement tracing, submission summaries and the
 * JSON Schema error mapping shared by feeds. Edge-safe.
 * @module
 */
export { applyFramework } from './apply-framework.js';
export { builtinCatalogue } from './builtin-catalogue.js';
export { loadCatalogue, compareVersions } from './catalogue.js';
export type {
  CheckKind,
  FrameworkMeta,
  Requirement,
  RequirementCatalogue,
  RequirementCheck,
  RequirementLevel,
  RequirementScope,
  RequirementTrace,
} from './catalogue.js';
export { frameworkInfo, listRequirements, findRequirement } from './framework-info.js';
export type { FrameworkInfo, RequirementFilter, RequirementListing } from './framework-info.js';
export { createRequirementTracer, traceResult } from './requirement-tracer.js';
export type { RequirementTracer, TraceContext } from './requirement-tracer.js';
export { elementPath, pathMatches, stripExpression } from './element-path.js';
export { createRecordIndex } from './record-index.js';
export type { RecordIndex } from './record-index.js';
export { summarizeSubmission } from './submission-summary.js';
export type {
  IssueAggregate,
  RequirementOutcome,
  SubmissionContext,
  SubmissionSummary,
} from './submission-summary.js';
export {
  schemaErrorsToIssues,
  schemaErrorCode,
  pointerToExpression,
} from '../issues/schema-errors.js';
export type { SchemaError, SchemaErrorOptions } from '../issues/schema-errors.js';
