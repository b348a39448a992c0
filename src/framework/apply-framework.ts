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
 * Returns a copy of `result` with `frameworkVersion` set and requirement ids on its issues, and with
 * each requirement's severity consistent with its level: an error that bears only on SHOULD
 * requirements is a warning (a partner policy's severity override, applied after this step, can make
 * it an error again). `valid` is recomputed when a severity changed. Pass a
 * tracer made once with `createRequirementTracer(catalogue)` when applying to many results.
 * @example applyFramework(validateFeed(csv), builtinCatalogue, 'cld').issues[0]?.requirements // ['MDS-02']
 */
export function applyFramework(
  result: ValidationResult,
  catalogue: RequirementCatalogue,
  feed: string,
  tracer: RequirementTracer = createRequirementTracer(catalogue),
): ValidationResult {
  const traced = traceResult(result, tracer, feed);
  // the SHOULD requirements, read from the catalogue when an error bears on requirements
  let should: ReadonlySet<string> | undefined;
  let changed = false;
  const issues = traced.issues.map((issue) => {
    const reqs = issue.requirements ?? [];
    if (issue.severity !== 'error' || reqs.length === 0) return issue;
    should ??= new Set(catalogue.requirements.filter((r) => r.level === 'SHOULD').map((r) => r.id));
    if (!reqs.every((id) => should!.has(id))) return issue;
    changed = true;
    return { ...issue, severity: 'warning' as const };
  });
  if (!changed) return { ...traced, frameworkVersion: catalogue.framework.version };
  const valid = !issues.some(
    (i) => !i.waived && (i.severity === 'error' || i.severity === 'fatal'),
  );
  return { ...traced, issues, valid, frameworkVersion: catalogue.framework.version };
}
