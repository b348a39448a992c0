/**
 * Requirement tracing: which requirements of the catalogue an issue bears on, driven entirely by the
 * catalogue's `traces` entries (code or `family.*`, optional path prefix, feed, profile, invariant key)
 * and each requirement's scope (feeds, record types).
 * @module
 */
import type { Issue } from '../issues/issue.js';
import type { ValidationResult } from '../validation-result.js';
import type { Requirement, RequirementCatalogue, RequirementTrace } from './catalogue.js';
import type { RecordRef } from '../validation-result.js';
import { issueElementPath, pathMatches, storedElementPath } from './element-path.js';
import { mergeIds } from './locate-issues.js';
import { createRecordIndex } from './record-index.js';

/** Where an issue sits, when known: the owning record's type and the issue's element path. */
export interface TraceContext {
  readonly recordType?: string | undefined;
  /** Element path (see `elementPath`); computed from `issue.expression` when absent. */
  readonly path?: string;
}

/** Returns the sorted requirement ids an issue bears on (empty when none). */
export type RequirementTracer = (issue: Issue, feed: string, context?: TraceContext) => string[];

interface CompiledTrace {
  readonly requirement: Requirement;
  readonly trace: RequirementTrace;
}

/** The entries one issue code can match: those without an invariant key, and those with one by key. */
interface CodeTraces {
  readonly unkeyed: readonly CompiledTrace[];
  readonly keyed: ReadonlyMap<string, readonly CompiledTrace[]>;
  readonly size: number;
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

/** Whether an entry matches an issue, all but its path prefix (which needs the element path). */
function traceMatchesBesidesPath(t: RequirementTrace, issue: Issue, feed: string): boolean {
  if (t.feed !== undefined && t.feed !== feed) return false;
  if (t.constraintKey !== undefined && issue.rule?.constraintKey !== t.constraintKey) return false;
  return (
    t.profile === undefined ||
    (!!issue.rule?.profile && withoutVersion(issue.rule.profile) === t.profile)
  );
}

/**
 * Adds to `ids` the requirements of `list` whose entries match `issue`; `path` is the issue's
 * element path when known (read from the context or computed here on the first entry with a path
 * prefix, and returned): a context may work its path out only when asked.
 */
function collect(
  list: readonly CompiledTrace[],
  issue: Issue,
  feed: string,
  context: TraceContext,
  ids: string[],
  path: string | undefined,
): string | undefined {
  const recordType = context.recordType;
  for (const { requirement, trace } of list) {
    if (ids.includes(requirement.id) || !inScope(requirement, feed, recordType)) continue;
    if (!traceMatchesBesidesPath(trace, issue, feed)) continue;
    if (
      trace.path !== undefined &&
      !pathMatches((path ??= context.path ?? issueElementPath(issue)), trace.path)
    )
      continue;
    ids.push(requirement.id);
  }
  return path;
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
  // the entries of a code and of its family, joined once per code (codes are the catalogue's and
  // the engine's, a bounded set) and split by invariant key: an entry with a key can only match an
  // issue of that key
  const byIssueCode = new Map<string, CodeTraces>();
  const tracesOf = (code: string): CodeTraces => {
    let found = byIssueCode.get(code);
    if (!found) {
      const all = [...(byCode.get(code) ?? []), ...(byCode.get(`${family(code)}.*`) ?? [])];
      const keyed = new Map<string, CompiledTrace[]>();
      for (const t of all) {
        const key = t.trace.constraintKey;
        if (key !== undefined) keyed.set(key, [...(keyed.get(key) ?? []), t]);
      }
      found = {
        unkeyed: all.filter((t) => t.trace.constraintKey === undefined),
        keyed,
        size: all.length,
      };
      byIssueCode.set(code, found);
    }
    return found;
  };
  return (issue, feed, context = {}) => {
    const traces = tracesOf(issue.code);
    if (traces.size === 0) return [];
    const key = issue.rule?.constraintKey;
    const keyed = key === undefined ? undefined : traces.keyed.get(key);
    if (traces.unkeyed.length === 0 && !keyed) return [];
    const ids: string[] = [];
    const path = collect(traces.unkeyed, issue, feed, context, ids, undefined);
    if (keyed) collect(keyed, issue, feed, context, ids, path);
    return ids.length > 1 ? ids.sort() : ids;
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
  const owner = createRecordIndex(result.records ?? []);
  // as `locateIssues` traces, but the element path is worked out only for an entry that needs it
  const issues = result.issues.map((issue) => {
    const traced = tracer(issue, feed, new IssueSite(issue, owner(issue.pointer)));
    const requirements = mergeIds(issue.requirements, traced);
    // Object.assign: a spread that adds a property costs several times more in V8
    return requirements.length === 0 || requirements === issue.requirements
      ? issue
      : Object.assign({}, issue, { requirements });
  });
  return { ...result, issues };
}

/**
 * The context `locateIssues` gives an issue (its record's type, its stored element path), with the
 * path worked out on first read: most trace entries have no path prefix.
 */
class IssueSite implements TraceContext {
  #path: string | undefined;
  constructor(
    private readonly issue: Issue,
    private readonly record: RecordRef | undefined,
  ) {}

  get recordType(): string | undefined {
    return this.record?.type;
  }

  get path(): string {
    return (this.#path ??= storedElementPath(
      this.issue.code,
      issueElementPath(this.issue, this.record),
    ));
  }
}
