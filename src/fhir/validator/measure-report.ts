/**
 * A MeasureReport against the Measure it reports on, where that needs no evaluation of the
 * measure: a cohort measure has no score, so no group may carry a `measureScore`; the stratifiers
 * of a group are the ones its Measure group defines, linked by code (as R4 links them).
 * The Measure is looked up among the contained resources, the enclosing Bundles' entries and the
 * loaded conformance resources; a Measure that cannot be found is not judged.
 * @module
 */
import type { ValidationContext } from './validation-context.js';
import { canonicalMatches } from './questionnaire/resolve.js';
import { isObject } from './walk-element.js';

const measureScoring = 'http://terminology.hl7.org/CodeSystem/measure-scoring';

/** Checks one MeasureReport (already walked structurally). */
export function checkMeasureReport(ctx: ValidationContext, report: Record<string, unknown>): void {
  const ref = report['measure'];
  const groups = report['group'];
  if (!Array.isArray(groups)) return;
  if (report['type'] !== 'subject-list') checkNoSubjectLists(ctx, groups);
  if (typeof ref !== 'string' || ref === '') return;
  const measure = findMeasure(ctx, report, ref);
  if (measure === undefined) return;
  const cohort = scoringOf(measure) === 'cohort';
  const definitions = objects(measure['group']);
  ctx.pushProperty('.group', 'group');
  groups.forEach((group, i) => {
    if (!isObject(group)) return;
    ctx.pushIndex(i);
    if (cohort && group['measureScore'] !== undefined) {
      ctx.pushProperty('.measureScore', 'measureScore');
      ctx.report('measure.score-not-allowed', {});
      ctx.pop();
    }
    const definition =
      definitions.length === 1 && !isObject(group['code'])
        ? definitions[0]
        : definitions.find((d) => sameConcept(d['code'], group['code']));
    if (definition) {
      checkPopulations(ctx, group, definition);
      checkStratifiers(ctx, group, definition);
    }
    ctx.pop();
  });
  ctx.pop();
}

/**
 * R4 links a report's stratifier to the Measure's by its code alone: each stratifier of the report
 * names one the Measure's group defines, and each the group defines is reported.
 */
function checkStratifiers(
  ctx: ValidationContext,
  group: Record<string, unknown>,
  definition: Record<string, unknown>,
): void {
  const defined = objects(definition['stratifier']);
  const reported = Array.isArray(group['stratifier']) ? group['stratifier'] : [];
  if (defined.length === 0 && reported.length === 0) return;
  ctx.pushProperty('.stratifier', 'stratifier');
  reported.forEach((s, j) => {
    if (!isObject(s) || defined.some((d) => reportsCode(s, d['code']))) return;
    ctx.pushIndex(j);
    ctx.report('measure.stratifier-not-in-measure', {});
    ctx.pop();
  });
  ctx.pop();
  defined.forEach((d, k) => {
    if (!reported.some((s) => isObject(s) && reportsCode(s, d['code'])))
      ctx.report('measure.stratifier-missing', { index: k });
  });
}

/**
 * Only a `subject-list` report lists subjects (R4 MeasureReport.type): in any other report a group
 * population with `subjectResults` is an error, and one without a `count` says nothing (warning).
 */
function checkNoSubjectLists(ctx: ValidationContext, groups: unknown[]): void {
  ctx.pushProperty('.group', 'group');
  groups.forEach((group, i) => {
    if (!isObject(group) || !Array.isArray(group['population'])) return;
    ctx.pushIndex(i);
    ctx.pushProperty('.population', 'population');
    group['population'].forEach((p, j) => {
      if (!isObject(p)) return;
      ctx.pushIndex(j);
      if (p['subjectResults'] !== undefined) ctx.report('measure.subjects-not-subject-list', {});
      else if (p['count'] === undefined) ctx.report('measure.population-count-missing', {});
      ctx.pop();
    });
    ctx.pop();
    ctx.pop();
  });
  ctx.pop();
}

/**
 * A report population is one its Measure group defines, linked by code (R4 MeasureReport
 * population.code: "the type of the population"): a code the group does not define is an error.
 */
function checkPopulations(
  ctx: ValidationContext,
  group: Record<string, unknown>,
  definition: Record<string, unknown>,
): void {
  const defined = objects(definition['population']);
  const reported = Array.isArray(group['population']) ? group['population'] : [];
  if (defined.length === 0) return;
  ctx.pushProperty('.population', 'population');
  reported.forEach((p, j) => {
    if (!isObject(p) || !isObject(p['code'])) return;
    if (defined.some((d) => sameConcept(d['code'], p['code']))) return;
    ctx.pushIndex(j);
    ctx.report('measure.population-not-in-measure', {});
    ctx.pop();
  });
  ctx.pop();
}

/** A report stratifier's codes (0..* in R4, unlike the Measure's 0..1) include the concept. */
function reportsCode(stratifier: Record<string, unknown>, code: unknown): boolean {
  const codes = stratifier['code'];
  return Array.isArray(codes) ? codes.some((c) => sameConcept(code, c)) : sameConcept(code, codes);
}

/** Two CodeableConcepts share a system|code (or, with no codings, the same text); absent never matches. */
function sameConcept(a: unknown, b: unknown): boolean {
  if (!isObject(a) || !isObject(b)) return false;
  const keys = (c: Record<string, unknown>) =>
    objects(c['coding']).map((x) => `${String(x['system'])}|${String(x['code'])}`);
  const ka = keys(a);
  const kb = keys(b);
  if (ka.length === 0 && kb.length === 0)
    return typeof a['text'] === 'string' && a['text'] === b['text'];
  return ka.some((k) => kb.includes(k));
}

function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** The `Measure.scoring` code of the measure-scoring system (R4), if any. */
function scoringOf(measure: Record<string, unknown>): string | undefined {
  const scoring = measure['scoring'];
  if (!isObject(scoring) || !Array.isArray(scoring['coding'])) return undefined;
  for (const c of scoring['coding']) {
    if (isObject(c) && c['system'] === measureScoring && typeof c['code'] === 'string')
      return c['code'];
  }
  return undefined;
}

function findMeasure(
  ctx: ValidationContext,
  report: Record<string, unknown>,
  ref: string,
): Record<string, unknown> | undefined {
  const isMeasure = (r: unknown): r is Record<string, unknown> =>
    isObject(r) && r['resourceType'] === 'Measure';
  const contained = Array.isArray(report['contained']) ? report['contained'] : [];
  if (ref.startsWith('#'))
    return contained.find(
      (c): c is Record<string, unknown> => isMeasure(c) && c['id'] === ref.slice(1),
    );
  const local = contained.find(
    (c): c is Record<string, unknown> => isMeasure(c) && canonicalMatches(c, ref),
  );
  if (local) return local;
  for (const container of ctx.containers) {
    if (container['resourceType'] !== 'Bundle' || !Array.isArray(container['entry'])) continue;
    for (const entry of container['entry']) {
      const r = isObject(entry) ? entry['resource'] : undefined;
      if (isMeasure(r) && canonicalMatches(r, ref)) return r;
    }
  }
  const loaded = ctx.services.model.registry.resolve(ref, 'Measure') as unknown;
  return isMeasure(loaded) ? loaded : undefined;
}
