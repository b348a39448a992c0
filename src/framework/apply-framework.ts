/**
 * The framework step of the pipeline (validate → framework → policy → summary): stamps the result
 * with the framework version and gives every issue the requirement ids it bears on.
 * @module
 */
import type { ValidationResult } from '../validation-result.js';
import type { RequirementCatalogue } from './catalogue.js';
import { createRequirementTracer, traceResult } from './requirement-tracer.js';
import type { RequirementTracer } from './requirement-tracer.js';

/**
 * Returns a copy of `result` with `frameworkVersion` set and requirement ids on its issues. Pass a
 * tracer made once with `createRequirementTracer(catalogue)` when applying to many results.
 * @example applyFramework(validateFeed(csv), builtinCatalogue, 'cld').issues[0]?.requirements // ['MDS-02']
 */
export function applyFramework(
  result: ValidationResult,
  catalogue: RequirementCatalogue,
  feed: string,
  tracer: RequirementTracer = createRequirementTracer(catalogue),
): ValidationResult {
  return { ...traceResult(result, tracer, feed), frameworkVersion: catalogue.framework.version };
}
