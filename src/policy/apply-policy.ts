/**
 * Applies a partner policy to a validation result. Pure and deterministic: the clock is a parameter.
 *
 * For each issue: the severity override for its code applies first; then the first active
 * suppression matching its code and expression (and requirement, when the suppression names one)
 * marks it waived; otherwise, when every requirement the issue bears on has an active waiver, it is
 * marked waived. Waived issues stay in the result but never make it invalid. A suppression or waiver
 * whose date has passed no longer applies, and each expired one that matched issues is reported once
 * (`policy.suppression-expired`, `policy.waiver-expired`) so the partner sees why gaps came back.
 * @module
 */
import { IssueCollector, sortIssues } from '../issues/collector.js';
import type { Issue } from '../issues/issue.js';
import { isValid } from '../issues/validity.js';
import type { ValidationResult } from '../validation-result.js';
import { elementPath, pathMatches } from '../framework/element-path.js';
import { createRecordIndex } from '../framework/record-index.js';
import { isExpired } from './partner-policy.js';
import type { PartnerPolicy, RequirementWaiver, Suppression } from './partner-policy.js';

function rawPrefix(expression: string, prefix: string): boolean {
  if (!expression.startsWith(prefix)) return false;
  const next = expression[prefix.length];
  return next === undefined || next === '.' || next === '[';
}

/** Whether a suppression's expression covers an issue (element path, or raw prefix when indexed). */
function expressionCovers(s: Suppression, issue: Issue, path: string): boolean {
  if (s.expression === '*') return true;
  return s.expression.includes('[')
    ? rawPrefix(issue.expression, s.expression)
    : pathMatches(path, s.expression);
}

function suppressionMatches(s: Suppression, issue: Issue, path: string): boolean {
  if (s.code !== issue.code) return false;
  if (s.requirement !== undefined && !(issue.requirements ?? []).includes(s.requirement))
    return false;
  return expressionCovers(s, issue, path);
}

interface Split<T> {
  readonly active: readonly T[];
  readonly expired: readonly T[];
}

function split<T extends { until?: string }>(items: readonly T[] | undefined, now: Date): Split<T> {
  const list = items ?? [];
  return {
    active: list.filter((x) => !isExpired(x.until, now)),
    expired: list.filter((x) => isExpired(x.until, now)),
  };
}

/** The waiver covering all of an issue's requirements, combined (reasons joined, earliest expiry). */
function waiverFor(
  issue: Issue,
  waivers: ReadonlyMap<string, RequirementWaiver>,
): Issue['waived'] | undefined {
  const reqs = issue.requirements ?? [];
  if (reqs.length === 0) return undefined;
  const found = reqs.map((r) => waivers.get(r));
  if (found.some((w) => w === undefined)) return undefined;
  const ws = found as RequirementWaiver[];
  const until = ws.map((w) => w.until).sort()[0]!;
  return { reason: [...new Set(ws.map((w) => w.reason))].join('; '), until };
}

/** Returns a new result with the policy applied; `result` is not modified. */
export function applyPolicy(
  result: ValidationResult,
  policy: PartnerPolicy,
  now: Date,
): ValidationResult {
  const suppress = split(policy.suppress, now);
  const waivers = split(policy.waivers, now);
  const activeWaivers = new Map(waivers.active.map((w) => [w.requirement, w] as const));
  const expiredWaivers = new Map(waivers.expired.map((w) => [w.requirement, w] as const));
  const expiredSuppressionHits = new Map<Suppression, number>();
  const expiredWaiverHits = new Map<RequirementWaiver, number>();
  const owner = createRecordIndex(result.records ?? []);

  const issues = result.issues.map((original) => {
    const overrides = policy.severity ?? {};
    const severity = Object.hasOwn(overrides, original.code)
      ? overrides[original.code]!
      : original.severity;
    const issue: Issue = severity === original.severity ? original : { ...original, severity };
    if (issue.waived) return issue;
    const path = elementPath(issue.expression, owner(issue.pointer));
    const s = suppress.active.find((x) => suppressionMatches(x, issue, path));
    if (s)
      return { ...issue, waived: { reason: s.reason, ...(s.until ? { until: s.until } : {}) } };
    for (const x of suppress.expired)
      if (suppressionMatches(x, issue, path))
        expiredSuppressionHits.set(x, (expiredSuppressionHits.get(x) ?? 0) + 1);
    const w = waiverFor(issue, activeWaivers);
    if (w) return { ...issue, waived: w };
    for (const r of issue.requirements ?? []) {
      const x = expiredWaivers.get(r);
      if (x) expiredWaiverHits.set(x, (expiredWaiverHits.get(x) ?? 0) + 1);
    }
    return issue;
  });

  const notes = new IssueCollector();
  for (const [x, count] of expiredSuppressionHits) {
    notes.add({
      code: 'policy.suppression-expired',
      expression: '',
      pointer: '',
      params: { code: x.code, expression: x.expression, until: x.until ?? '', count },
    });
  }
  for (const [x, count] of expiredWaiverHits) {
    notes.add({
      code: 'policy.waiver-expired',
      expression: '',
      pointer: '',
      params: { requirement: x.requirement, until: x.until, count },
    });
  }
  const all = sortIssues([...issues, ...notes.issues()]);
  return { ...result, issues: all, valid: isValid(all) };
}
