/**
 * Per-issue baseline state for renderers that show a baseline comparison: `new` (fails the build)
 * or `known` (already in the baseline). Waived issues have no state (the baseline ignores them).
 * Issues are matched by object identity: `compareToBaseline` returns the run's own Issue objects.
 * @module
 */
import type { Issue } from '../../issues/issue.js';
import type { BaselineComparison } from './baseline.js';

/** Whether an issue is new since the baseline or already known to it. */
export type BaselineState = 'new' | 'known';

/** Maps each compared issue to its state. */
export function baselineStates(comparison: BaselineComparison): ReadonlyMap<Issue, BaselineState> {
  const states = new Map<Issue, BaselineState>();
  for (const { issue } of comparison.known) states.set(issue, 'known');
  for (const { issue } of comparison.newIssues) states.set(issue, 'new');
  return states;
}
