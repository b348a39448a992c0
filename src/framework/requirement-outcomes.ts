/**
 * Counts, per requirement, the records it applied to and how many passed, failed or were waived.
 *
 * Algorithm: each issue that bears on a requirement (error, fatal or warning; information issues
 * never fail a requirement) marks its owning record failed for that requirement, or waived when the
 * issue is waived or its requirement is waived by policy; a non-waived issue wins over a waived one.
 * An issue no record owns (a file-level problem such as a missing CSV column) marks every applicable
 * record. Issues of a heuristic check (`heuristic` in the code registry, e.g.
 * `england.ods-code-unexpected-kind`) never fail a MUST requirement: they stay visible as gaps. A requirement applies to a record when
 * the feed and the record type are in its scope; requirements checked only by `aggregate` or
 * `capability` checks are counted once per submission, and only for pulls (capability checks).
 * Requirements checked on no record are left out (reports show them as not checked).
 * @module
 */
import { issueCodes } from '../issues/codes/index.js';
import type { RecordRef } from '../validation-result.js';
import type { Requirement, RequirementCatalogue } from './catalogue.js';
import type { LocatedIssue } from './locate-issues.js';
import type { RequirementOutcome } from './submission-summary.js';

type State = 'failed' | 'waived';

/** Inputs of `countRequirementOutcomes`. */
export interface OutcomeInput {
  readonly catalogue: RequirementCatalogue;
  readonly feed: string;
  readonly kind: 'upload' | 'pull';
  readonly records: readonly RecordRef[];
  /** Issues located on their records, with their requirement ids. */
  readonly issues: readonly LocatedIssue[];
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

interface RequirementStates {
  /** Owning record pointer → its type and state. */
  readonly byRecord: Map<string, { readonly type: string; state: State }>;
  unowned?: State;
}

/** Per requirement id: state per owning record, plus the state of issues no record owns. */
function collectStates(input: OutcomeInput): Map<string, RequirementStates> {
  const states = new Map<string, RequirementStates>();
  const waived = new Set(input.waivedRequirements ?? []);
  const must = new Set(
    input.catalogue.requirements.filter((r) => r.level === 'MUST').map((r) => r.id),
  );
  for (const { issue, record, requirements } of input.issues) {
    if (requirements.length === 0 || issue.severity === 'information') continue;
    const heuristic = issueCodes[issue.code]?.heuristic === true;
    for (const id of requirements) {
      if (heuristic && must.has(id)) continue;
      const state: State = issue.waived || waived.has(id) ? 'waived' : 'failed';
      let s = states.get(id);
      if (!s) states.set(id, (s = { byRecord: new Map() }));
      if (!record) {
        s.unowned = merge(s.unowned, state);
        continue;
      }
      const prev = s.byRecord.get(record.pointer);
      if (prev) prev.state = merge(prev.state, state);
      else s.byRecord.set(record.pointer, { type: record.type, state });
    }
  }
  return states;
}

function submissionOutcome(r: Requirement, s: RequirementStates | undefined): RequirementOutcome {
  let state: State | undefined = s?.unowned;
  for (const x of s?.byRecord.values() ?? []) state = merge(state, x.state);
  return {
    requirementId: r.id,
    checked: 1,
    passed: state ? 0 : 1,
    failed: state === 'failed' ? 1 : 0,
    waived: state === 'waived' ? 1 : 0,
  };
}

/** Record-level outcome: applicable records come from the type counts, failures from the states. */
function recordOutcome(
  r: Requirement,
  typeCounts: ReadonlyMap<string, number>,
  s: RequirementStates | undefined,
): RequirementOutcome {
  let checked = 0;
  for (const [type, count] of typeCounts) if (appliesToType(r, type)) checked += count;
  let failed = 0;
  let waived = 0;
  for (const x of s?.byRecord.values() ?? []) {
    if (!appliesToType(r, x.type)) continue;
    if (x.state === 'failed') failed++;
    else waived++;
  }
  // An issue no record owns applies to every applicable record.
  if (s?.unowned === 'failed') [failed, waived] = [checked, 0];
  else if (s?.unowned === 'waived') waived = checked - failed;
  return { requirementId: r.id, checked, passed: checked - failed - waived, failed, waived };
}

/** Counts outcomes for every requirement of the catalogue that applied to this submission, sorted by id. */
export function countRequirementOutcomes(input: OutcomeInput): RequirementOutcome[] {
  const states = collectStates(input);
  const typeCounts = new Map<string, number>();
  for (const rec of input.records) typeCounts.set(rec.type, (typeCounts.get(rec.type) ?? 0) + 1);
  const out: RequirementOutcome[] = [];
  for (const r of input.catalogue.requirements) {
    if (!r.appliesTo.feeds.includes(input.feed)) continue;
    if (isSubmissionLevel(r)) {
      if (input.kind === 'pull' && r.checkedBy.some((c) => c.kind === 'capability'))
        out.push(submissionOutcome(r, states.get(r.id)));
      continue;
    }
    const o = recordOutcome(r, typeCounts, states.get(r.id));
    if (o.checked > 0) out.push(o);
  }
  return out.sort((a, b) =>
    a.requirementId.localeCompare(b.requirementId, 'en', { numeric: true }),
  );
}
