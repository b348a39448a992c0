/**
 * Requirement tracing: which requirements of the catalogue an issue bears on, driven entirely by the
 * catalogue's `traces` entries (code or `family.*`, optional path prefix, feed, profile, invariant key)
 * and each requirement's scope (feeds, record types).
 * @module
 */
import type { Issue } from '../issues/issue.js';
import type { ValidationResult } from '../validation-result.js';
import type { Requirement, RequirementCatalogue, RequirementTrace } from './catalogue.js';
import { issueElementPath, pathMatches } from './element-path.js';
import { locateIssues } from './locate-issues.js';
import { createRecordIndex } from './record-index.js';

/** Where an issue sits, when known: the owning record's type and the issue's element path. */
export interface TraceContext {
  readonly recordType?: string;
  /** Element path (see `elementPath`); computed from `issue.expression` when absent. */
  readonly path?: string;
}

/** Returns the sorted requirement ids an issue bears on (empty when none). */
export type RequirementTracer = (issue: Issue, feed: string, context?: TraceContext) => string[];

interface CompiledTrace {
  readonly requirement: Requirement;
  readonly trace: RequirementTrace;
}

function family(code: string): string {
  const dot = code.indexOf('.');
  return dot < 0 ? code : code.slice(0, dot);
}

function withoutVersion(canonical: string): string {
  const bar = canonical.indexOf('|');
  return bar < 0 ? canonical : canonical.slice(0, bar);
}

function inScope(r: Requirement, feed: string, recordType: string | undefined): boolean {
  if (!r.appliesTo.feeds.includes(feed)) return false;
  const types = r.appliesTo.recordTypes;
  return recordType === undefined || !types || types.length === 0 || types.includes(recordType);
}

function traceMatches(
  t: RequirementTrace,
  issue: Issue,
  feed: string,
  path: () => string,
): boolean {
  if (t.feed !== undefined && t.feed !== feed) return false;
  if (t.constraintKey !== undefined && issue.rule?.constraintKey !== t.constraintKey) return false;
  if (
    t.profile !== undefined &&
    (!issue.rule?.profile || withoutVersion(issue.rule.profile) !== t.profile)
  )
    return false;
  return t.path === undefined || pathMatches(path(), t.path);
}

/**
 * Compiles the catalogue's traces into a tracer. Exact codes and `family.*` entries are indexed
 * once; tracing one issue looks at the entries of its code and its family only.
 */
export function createRequirementTracer(catalogue: RequirementCatalogue): RequirementTracer {
  const byCode = new Map<string, CompiledTrace[]>();
  for (const requirement of catalogue.requirements) {
    for (const trace of requirement.traces) {
      const list = byCode.get(trace.code) ?? [];
      list.push({ requirement, trace });
      byCode.set(trace.code, list);
    }
  }
  return (issue, feed, context = {}) => {
    const candidates = [
      ...(byCode.get(issue.code) ?? []),
      ...(byCode.get(`${family(issue.code)}.*`) ?? []),
    ];
    if (candidates.length === 0) return [];
    let path = context.path;
    const lazyPath = (): string => (path ??= issueElementPath(issue));
    const ids = new Set<string>();
    for (const { requirement, trace } of candidates) {
      if (ids.has(requirement.id) || !inScope(requirement, feed, context.recordType)) continue;
      if (traceMatches(trace, issue, feed, lazyPath)) ids.add(requirement.id);
    }
    return [...ids].sort();
  };
}

/**
 * Returns a copy of `result` whose issues carry the requirement ids they bear on (merged with any
 * ids a check already set). Each issue is traced in the context of the record that owns it.
 */
export function traceResult(
  result: ValidationResult,
  tracer: RequirementTracer,
  feed: string,
): ValidationResult {
  const located = locateIssues(
    result.issues,
    createRecordIndex(result.records ?? []),
    tracer,
    feed,
  );
  const issues = located.map(({ issue, requirements }) =>
    requirements.length === 0 || requirements === issue.requirements
      ? issue
      : { ...issue, requirements },
  );
  return { ...result, issues };
}
