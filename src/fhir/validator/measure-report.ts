/**
 * A MeasureReport against the Measure it reports on, where that needs no evaluation of the
 * measure: a cohort measure has no score, so no group may carry a `measureScore`.
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
  if (typeof ref !== 'string' || ref === '' || !Array.isArray(groups)) return;
  const measure = findMeasure(ctx, report, ref);
  if (measure === undefined || scoringOf(measure) !== 'cohort') return;
  ctx.pushProperty('.group', 'group');
  groups.forEach((group, i) => {
    if (!isObject(group) || group['measureScore'] === undefined) return;
    ctx.pushIndex(i);
    ctx.pushProperty('.measureScore', 'measureScore');
    ctx.report('measure.score-not-allowed', {});
    ctx.pop();
    ctx.pop();
  });
  ctx.pop();
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
