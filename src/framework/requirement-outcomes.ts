/**
 * Counts, per requirement, the records it applied to and how many passed, failed or were waived.
 *
 * Algorithm: each issue that bears on a requirement (error, fatal or warning; information issues never
 * fail a requirement) marks its owning record failed for that requirement, or waived when the issue
 * is waived or its requirement is waived by policy; a non-waived issue wins over a waived one. An issue no record owns (a file-level problem
 * such as a missing CSV column) marks every applicable record. A requirement applies to a record when
 * the feed and the record type are in its scope; requirements checked only by `aggregate` or
 * `capability` checks are counted once per submission, and only for pulls (capability checks).
 * Requirements checked on no record are left out (reports show them as not checked).
 * @module
 */
import type { Issue } from '../issues/issue.js';
import type { RecordRef } from '../validation-result.js';
import type { Requirement, RequirementCatalogue } from './catalogue.js';
import type { RecordIndex } from './record-index.js';
import type { RequirementOutcome } from './submission-summary.js';

type State = 'failed' | 'waived';

/** Inputs of `countRequirementOutcomes`. */
export interface OutcomeInput {
  readonly catalogue: RequirementCatalogue;
  readonly feed: string;
  readonly kind: 'upload' | 'pull';
  readonly records: readonly RecordRef[];
  readonly owner: RecordIndex;
  /** Issues with their requirement ids already traced. */
  readonly issues: readonly Issue[];
  /** Requirements waived by the partner's policy at the time of the submission: their failures count as waived. */
  readonly waivedRequirements?: readonly string[];
}

const perSubmissionKinds = new Set(['aggregate', 'capability']);

/** True when a requirement is checked per submission rather than per record. */
export function isSubmissionLevel(r: Requirement): boolean {
  return r.checkedBy.every((c) => perSubmissionKinds.has(c.kind));
}

function appliesToType(r: Requirement, type: string | undefined): boolean {
  const types = r.appliesTo.recordTypes;
  return type === undefined || !types || types.length === 0 || types.includes(type);
}

function merge(prev: State | undefined, next: State): State {
  return prev === 'failed' || next === 'failed' ? 'failed' : 'waived';
}

/** Per requirement id: state per owning record pointer, plus the state of issues no record owns. */
function collectStates(input: OutcomeInput): Map<string, { byRecord: Map<string, State>; unowned?: State }> {
  const states = new Map<string, { byRecord: Map<string, State>; unowned?: State }>();
  const waived = new Set(input.waivedRequirements ?? []);
  for (const issue of input.issues) {
    if (!issue.requirements?.length || issue.severity === 'information') continue;
    const record = input.owner(issue.pointer);
    for (const id of issue.requirements) {
      const state: State = issue.waived || waived.has(id) ? 'waived' : 'failed';
      let s = states.get(id);
      if (!s) states.set(id, (s = { byRecord: new Map() }));
      if (record) s.byRecord.set(record.pointer, merge(s.byRecord.get(record.pointer), state));
      else s.unowned = merge(s.unowned, state);
    }
  }
  return states;
}

/** Counts outcomes for every requirement of the catalogue that applied to this submission, sorted by id. */
export function countRequirementOutcomes(input: OutcomeInput): RequirementOutcome[] {
  const states = collectStates(input);
  const out: RequirementOutcome[] = [];
  for (const r of input.catalogue.requirements) {
    if (!r.appliesTo.feeds.includes(input.feed)) continue;
    const s = states.get(r.id);
    if (isSubmissionLevel(r)) {
      const pulled = input.kind === 'pull' && r.checkedBy.some((c) => c.kind === 'capability');
      if (!pulled) continue;
      const all = [...(s?.byRecord.values() ?? []), ...(s?.unowned ? [s.unowned] : [])];
      const state = all.reduce<State | undefined>((acc, x) => merge(acc, x), undefined);
      out.push({ requirementId: r.id, checked: 1, passed: state ? 0 : 1, failed: state === 'failed' ? 1 : 0, waived: state === 'waived' ? 1 : 0 });
      continue;
    }
    let checked = 0;
    let failed = 0;
    let waived = 0;
    for (const rec of input.records) {
      if (!appliesToType(r, rec.type)) continue;
      checked++;
      const own = s?.byRecord.get(rec.pointer);
      const state = s?.unowned ? merge(own, s.unowned) : own;
      if (state === 'failed') failed++;
      else if (state === 'waived') waived++;
    }
    if (checked > 0) out.push({ requirementId: r.id, checked, passed: checked - failed - waived, failed, waived });
  }
  return out.sort((a, b) => a.requirementId.localeCompare(b.requirementId, 'en', { numeric: true }));
}
