import { escapePointer } from '../../input/json-text.js';
import type { CompiledStructure } from '../definitions/compiled/element-node.js';
import { checkBundle } from './bundle.js';
import { checkQuestionnaire, checkQuestionnaireResponse } from './questionnaire/index.js';
import { checkCodeSystem, checkConceptMap, checkValueSet } from './terminology-resources/index.js';
import { checkMeasure } from './measure.js';
import { checkMeasureReport } from './measure-report.js';
import { checkCapabilityStatement, checkSearchParameter } from './search-parameter.js';
import { checkStructureDefinition } from './structure-definition.js';
import { indexBundle } from './bundle-index.js';
import { checkHl7Publication } from './hl7-publication.js';
import { profileTarget } from './profile-overlap.js';
import type { RecordRef } from '../../validation-result.js';
import { indexToken, indexTokenCount, type ValidationContext } from './validation-context.js';
import { vitalSignsProfileOf } from './vital-signs.js';
import { isObject, jsonKind, walkComplex } from './walk-element.js';
import { structureTarget } from './walk-target.js';

/** `^[A-Za-z0-9\-.]{1,64}$` as a length test and an unbounded class (irregexp runs `+` far faster than `{1,64}`). */
const reResourceIdChars = /^[A-Za-z0-9\-.]+$/;
const none: readonly string[] = [];

/** Checks of one resource type beyond its StructureDefinition (like the HL7 validator's per-type validators). */
const resourceTypeChecks: ReadonlyMap<
  string,
  (ctx: ValidationContext, resource: Record<string, unknown>) => void
> = new Map([
  ['QuestionnaireResponse', checkQuestionnaireResponse],
  ['Questionnaire', checkQuestionnaire],
  ['ValueSet', checkValueSet],
  ['CodeSystem', checkCodeSystem],
  ['ConceptMap', checkConceptMap],
  ['Measure', checkMeasure],
  ['MeasureReport', checkMeasureReport],
  ['SearchParameter', checkSearchParameter],
  ['CapabilityStatement', checkCapabilityStatement],
  ['StructureDefinition', checkStructureDefinition],
]);
const noProfiles: readonly CompiledStructure[] = [];
/** The clock of the records' times, read once: Node's global `performance` is a getter on each read. */
const clock: { now(): number } = performance;

/**
 * Validates a resource: the root payload, a Bundle entry's resource, a contained resource or a
 * `Parameters.parameter.resource`. Each is checked against its own resourceType and recorded as one
 * record of the result. `allowed` restricts the resource types (from the element's type).
 */
export function validateResource(
  ctx: ValidationContext,
  value: unknown,
  allowed?: readonly string[],
  requested: readonly string[] = [],
): void {
  if (!isObject(value)) {
    ctx.report('structure.wrong-json-type', {
      name: ctx.ptr[ctx.ptr.length - 1] ?? 'resource',
      expected: 'object',
      found: jsonKind(value),
    });
    return;
  }
  const rt = value['resourceType'];
  if (typeof rt !== 'string') {
    ctx.report('structure.resource-type-missing');
    return;
  }
  const structure = ctx.services.model.resourceBase(rt);
  if (!structure) {
    ctx.report('structure.unknown-resource-type', { resourceType: rt });
    return;
  }
  if (allowed && allowed.length && !allowed.includes(rt)) {
    ctx.report('structure.resource-type-not-allowed', {
      resourceType: rt,
      allowed: allowed.join(', '),
    });
  }
  const isContained = ctx.ptr.length >= 2 && ctx.ptr[ctx.ptr.length - 2] === 'contained';
  const record = recordResource(ctx, value, rt, isContained);
  const started = startTimer(ctx, record);
  const isRoot = ctx.expr.length === 0;
  if (isRoot) ctx.expr.push(rt);
  ctx.resources.push(value);
  if (!isContained) ctx.containers.push(value);
  checkResourceId(ctx, value);
  const isBundle = rt === 'Bundle';
  if (isBundle) ctx.bundles.push(indexBundle(value));
  // A profile's snapshot holds every rule of the base definition, so when profiles apply the base
  // walk would only repeat them: walk the profiles alone, or the base when none applies.
  const profiles = applicableProfiles(ctx, value, rt, structure.type, requested);
  if (profiles.length === 0) walkComplex(ctx, value, structureTarget(ctx, structure, rt, true));
  for (let i = 0; i < profiles.length; i++) {
    if (ctx.stopped) break;
    const compiled = profiles[i]!;
    ctx.appliedProfiles.add(canonicalOf(compiled));
    // the second profile on walks the resource again: it counts no property (see `ctx.tally`)
    if (i > 0) ctx.rewalking++;
    walkComplex(ctx, value, profileTarget(ctx, profiles, i, rt));
    if (i > 0) ctx.rewalking--;
  }
  if (isBundle && !ctx.stopped) checkBundle(ctx, value);
  const typeCheck = resourceTypeChecks.get(rt);
  if (typeCheck && !ctx.stopped) typeCheck(ctx, value);
  if (ctx.options.forPublication && !ctx.stopped) checkHl7Publication(ctx, value);
  if (isBundle) ctx.bundles.pop();
  if (!isContained) ctx.containers.pop();
  ctx.resources.pop();
  if (isRoot) ctx.expr.pop();
  stopTimer(ctx, record, started);
}

/** `url|version` of a compiled profile (made once by the compiler; built here for other structures). */
function canonicalOf(compiled: CompiledStructure): string {
  return (
    compiled.canonical ?? (compiled.version ? `${compiled.url}|${compiled.version}` : compiled.url)
  );
}

/** Starts timing a record's own walk (a record walked again is not timed again). */
function startTimer(ctx: ValidationContext, record: { ms?: number } | undefined): number {
  if (!record) return 0;
  ctx.nestedMs.push(0);
  return clock.now();
}

/** Sets a record's own time: its whole walk less the records nested in it (entries, contained). */
function stopTimer(ctx: ValidationContext, record: { ms?: number } | undefined, started: number) {
  if (!record) return;
  const took = clock.now() - started;
  record.ms = Math.max(0, took - (ctx.nestedMs.pop() ?? 0));
  const outer = ctx.nestedMs.length - 1;
  if (outer >= 0) ctx.nestedMs[outer]! += took;
}

/**
 * Records the resource (once per pointer) as a record of the result, with its key; returns the record
 * so that its walk can set its time, or undefined when the pointer was already recorded.
 */
function recordResource(
  ctx: ValidationContext,
  value: Record<string, unknown>,
  rt: string,
  isContained: boolean,
): { ms?: number } | undefined {
  const pointer = resourcePointer(ctx);
  // one pointer holds one value, so a resource is recorded once per pointer. Outside a walk of a
  // value already walked (`ctx.rewalking`, the duplicate-name count's marker) the value is met for
  // the first time: no lookup then, and no identity hash made per resource. The pointers recorded
  // are kept in a set only from the first such walk that meets a resource on
  if (ctx.rewalking > 0 || ctx.recordedPointers !== undefined) {
    const pointers = (ctx.recordedPointers ??= recordedPointersOf(ctx.records));
    if (ctx.rewalking > 0 && pointers.has(pointer)) return undefined;
    pointers.add(pointer);
  }
  const key = isContained ? undefined : recordKey(ctx, value, rt);
  const record: { pointer: string; type: string; key?: string; ms?: number } =
    key === undefined ? { pointer, type: rt } : { pointer, type: rt, key };
  ctx.records.push(record);
  return record;
}

/** The pointers of the records made so far (see recordResource). */
function recordedPointersOf(records: readonly RecordRef[]): Set<string> {
  const pointers = new Set<string>();
  for (const r of records) pointers.add(r.pointer);
  return pointers;
}

/**
 * The JSON pointer of the resource being validated (`ctx.pointer()`), made with one escape check
 * for a Bundle entry's resource (`/entry/i/resource`: only the index token can need escaping).
 */
function resourcePointer(ctx: ValidationContext): string {
  const ptr = ctx.ptr;
  if (ptr.length !== 3 || ptr[0] !== 'entry' || ptr[2] !== 'resource') return ctx.pointer();
  // the index token pushIndex pushed for entries 0 … 511: its pointer is made once (digits need no escape)
  const token = ptr[1]!;
  const i = Number(token);
  return i < entryPointers.length && indexToken(i) === token
    ? entryPointers[i]!
    : '/entry/' + escapePointer(token) + '/resource';
}

/** `/entry/i/resource` for the entries whose index token pushIndex takes from its table. */
const entryPointers: readonly string[] = Array.from(
  { length: indexTokenCount },
  (_, i) => `/entry/${i}/resource`,
);

/**
 * The record key of a resource (see `RecordRef.key`): its Bundle entry's `fullUrl`, else
 * `resourceType/id`. Contained resources have none: they are identified within their container.
 */
function recordKey(
  ctx: ValidationContext,
  value: Record<string, unknown>,
  rt: string,
): string | undefined {
  const n = ctx.ptr.length;
  if (n >= 3 && ctx.ptr[n - 1] === 'resource' && ctx.ptr[n - 3] === 'entry') {
    const parent = ctx.resources[ctx.resources.length - 1];
    const entries = parent?.['resourceType'] === 'Bundle' ? parent['entry'] : undefined;
    const entry = Array.isArray(entries) ? entries[Number(ctx.ptr[n - 2])] : undefined;
    if (
      isObject(entry) &&
      entry['resource'] === value &&
      typeof entry['fullUrl'] === 'string' &&
      entry['fullUrl'] !== ''
    )
      return entry['fullUrl'];
  }
  const id = value['id'];
  return typeof id === 'string' && id !== '' ? `${rt}/${id}` : undefined;
}

/**
 * The compiled profiles that apply to the resource: requested ones, its `meta.profile`, and the
 * profiles applied to its type. Unresolvable or wrong-type profiles are reported here. `typeName`:
 * `rt` as its base definition names it.
 */
function applicableProfiles(
  ctx: ValidationContext,
  resource: Record<string, unknown>,
  rt: string,
  typeName: string,
  requested: readonly string[],
): readonly CompiledStructure[] {
  const meta = resource['meta'];
  const declared =
    isObject(meta) && Array.isArray(meta['profile'])
      ? meta['profile'].filter((p): p is string => typeof p === 'string')
      : none;
  const vitalSign =
    rt === 'Observation' && ctx.options.vitalSignsProfiles
      ? vitalSignsProfileOf(ctx.services.vitalSigns(), resource)
      : undefined;
  if (requested.length === 0 && declared.length === 0) {
    if (vitalSign === undefined && !ctx.hasProfilesByType) return noProfiles;
    // the profiles of the type alone (and a vital signs profile): the same for every such resource
    const memo = ctx.services.typeProfiles;
    if (memo.options === ctx.options) {
      // the type's name as its definition spells it (rt's text; kept for the validator's life, so
      // not the payload's string); a profile's url holds a '/', a resource type none
      const key = vitalSign ?? typeName;
      const known = memo.byKey.get(key);
      if (known !== undefined) return known;
      const quiet = typeProfilesQuietly(ctx, rt, vitalSign);
      if (quiet !== undefined) {
        memo.byKey.set(key, quiet);
        return quiet;
      }
    }
  }
  const byType = ctx.hasProfilesByType ? (ctx.options.profilesByType[rt] ?? none) : none;
  if (
    requested.length === 0 &&
    declared.length === 0 &&
    byType.length === 0 &&
    vitalSign === undefined
  )
    return noProfiles;
  const out: CompiledStructure[] = [];
  const seen: string[] = []; // a handful at most: a list, not a Set
  const lists = [requested, declared, byType, vitalSign === undefined ? none : [vitalSign]];
  for (let l = 0; l < lists.length; l++)
    for (const profile of lists[l]!) addApplicable(ctx, profile, rt, requested, byType, seen, out);
  return out;
}

/**
 * What {@link applicableProfiles} finds for a resource of type `rt` that requests and declares no
 * profile (the profiles applied to its type, then `vitalSign`), when finding it reports nothing
 * (every candidate resolves to a profile of `rt`); else undefined.
 */
function typeProfilesQuietly(
  ctx: ValidationContext,
  rt: string,
  vitalSign: string | undefined,
): readonly CompiledStructure[] | undefined {
  const byType = ctx.hasProfilesByType ? (ctx.options.profilesByType[rt] ?? none) : none;
  const out: CompiledStructure[] = [];
  const seen: string[] = [];
  const candidates = vitalSign === undefined ? byType : [...byType, vitalSign];
  for (const profile of candidates) {
    if (seen.includes(profile) || isCoreProfileOf(profile, rt)) continue;
    seen.push(profile);
    const compiled = ctx.services.model.profile(profile);
    if (!compiled || compiled.type !== rt) return undefined;
    out.push(compiled);
  }
  return out.length === 0 ? noProfiles : out;
}

/** One candidate of {@link applicableProfiles}: added to `out` once, or reported. */
function addApplicable(
  ctx: ValidationContext,
  profile: string,
  rt: string,
  requested: readonly string[],
  byType: readonly string[],
  seen: string[],
  out: CompiledStructure[],
): void {
  if (seen.includes(profile) || isCoreProfileOf(profile, rt)) return;
  seen.push(profile);
  const compiled = ctx.services.model.profile(profile);
  if (!compiled) {
    ctx.report(
      'profile.unresolved',
      { profile },
      requested.includes(profile) || byType.includes(profile) ? {} : { severity: 'warning' },
    );
    return;
  }
  if (compiled.type !== rt) {
    ctx.report('profile.wrong-type', { profile, profileType: compiled.type, resourceType: rt });
    return;
  }
  out.push(compiled);
}

/** `http://hl7.org/fhir/StructureDefinition/<rt>`, the base definition itself (without building the string). */
function isCoreProfileOf(profile: string, rt: string): boolean {
  return (
    profile.length === coreSdPrefix.length + rt.length &&
    profile.endsWith(rt) &&
    profile.startsWith(coreSdPrefix)
  );
}

const coreSdPrefix = 'http://hl7.org/fhir/StructureDefinition/';

function checkResourceId(ctx: ValidationContext, resource: Record<string, unknown>): void {
  const companion = resource['_id'];
  if (isObject(companion) && companion['extension'] !== undefined) {
    ctx.pushProperty('.id', '_id');
    ctx.report('structure.resource-id-extension');
    ctx.pop();
  }
  const id = resource['id'];
  if (typeof id !== 'string' || id === '') return;
  if (id.length <= 64 && reResourceIdChars.test(id)) return;
  ctx.pushProperty('.id', 'id');
  ctx.report('structure.resource-id-invalid', {
    detail: id.length > 64 ? `too long (${id.length} characters)` : 'invalid characters',
  });
  ctx.pop();
}
