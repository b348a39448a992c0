import type { ValidationContext } from '../validation-context.js';
import { isJson, objects, type Json } from './model.js';

/** The Questionnaire a response answers, and the resource its `#id` references resolve in. */
export interface QuestionnaireSource {
  readonly questionnaire: Json;
  /** Resource holding the Questionnaire's contained resources (itself, or the response when contained there). */
  readonly containers: readonly Json[];
  /** Payload resources of the current Bundles (ValueSets and CodeSystems sent with the response). */
  readonly payload: readonly Json[];
}

/**
 * Finds the Questionnaire named by `QuestionnaireResponse.questionnaire`: contained (`#id`), in the
 * enclosing Bundles (by canonical url, `url|version`, or literal reference), then among the loaded
 * conformance resources (supporting files and packages). Reports `questionnaire.none` (information)
 * when the response names none, and `questionnaire.not-found` (a warning; information for
 * `example.org` canonicals, as the HL7 validator does) when it cannot be found.
 */
export function resolveQuestionnaire(
  ctx: ValidationContext,
  response: Json,
): QuestionnaireSource | undefined {
  const payload = payloadResources(ctx);
  const ref = questionnaireReference(response);
  if (ref === undefined) {
    ctx.report('questionnaire.none');
    return undefined;
  }
  if (ref.startsWith('#')) {
    const q = objects(response, 'contained').find(
      (c) => c['resourceType'] === 'Questionnaire' && c['id'] === ref.slice(1),
    );
    if (q) return { questionnaire: q, containers: [q, response], payload };
  } else {
    const byUrl = [...objects(response, 'contained'), ...payload].find(
      (r) => r['resourceType'] === 'Questionnaire' && canonicalMatches(r, ref),
    );
    if (byUrl) return { questionnaire: byUrl, containers: [byUrl], payload };
    const literal = ctx.resolveReference(ref);
    if (literal && literal['resourceType'] === 'Questionnaire')
      return { questionnaire: literal, containers: [literal], payload };
    const registry = ctx.services.model.registry;
    const loaded = registry.resolve(ref, 'Questionnaire') as unknown;
    if (isJson(loaded)) return { questionnaire: loaded, containers: [loaded], payload };
    const other = registry.resolve(ref) as unknown;
    if (isJson(other) && typeof other['resourceType'] === 'string') {
      ctx.pushProperty('.questionnaire', 'questionnaire');
      ctx.report('questionnaire.wrong-resource-type', {
        questionnaire: ref,
        resourceType: other['resourceType'],
      });
      ctx.pop();
    }
  }
  const example = /^https?:\/\/example\.org([/|#]|$)/.test(ref);
  ctx.report(
    'questionnaire.not-found',
    { questionnaire: ref },
    example ? { severity: 'information' } : {},
  );
  return undefined;
}

/** `questionnaire` as R4 has it (a canonical string), or a Reference's `reference` (STU3 shape). */
function questionnaireReference(response: Json): string | undefined {
  const q = response['questionnaire'];
  if (typeof q === 'string' && q.trim() !== '') return q.trim();
  if (isJson(q) && typeof q['reference'] === 'string' && q['reference'] !== '')
    return q['reference'];
  return undefined;
}

/** True when a canonical resource has the url (and version, when `url|version` is given). */
export function canonicalMatches(resource: Json, ref: string): boolean {
  const bar = ref.indexOf('|');
  const url = bar < 0 ? ref : ref.slice(0, bar);
  if (resource['url'] !== url) return false;
  return bar < 0 || resource['version'] === ref.slice(bar + 1);
}

/** Resources of the Bundles being walked (outermost first), each entry's `resource`. */
function payloadResources(ctx: ValidationContext): Json[] {
  const out: Json[] = [];
  for (const container of ctx.containers) {
    if (container['resourceType'] !== 'Bundle') continue;
    for (const entry of objects(container, 'entry')) {
      const resource = entry['resource'];
      if (isJson(resource)) out.push(resource);
    }
  }
  return out;
}

/** Resolves a ValueSet or CodeSystem reference of the Questionnaire: `#id`, then payload, then none. */
export function findPayloadResource(
  source: QuestionnaireSource,
  resourceType: string,
  ref: string,
): Json | undefined {
  if (ref.startsWith('#')) {
    for (const container of source.containers) {
      const hit = objects(container, 'contained').find(
        (c) => c['resourceType'] === resourceType && c['id'] === ref.slice(1),
      );
      if (hit) return hit;
    }
    return undefined;
  }
  for (const container of source.containers) {
    const hit = objects(container, 'contained').find(
      (c) => c['resourceType'] === resourceType && canonicalMatches(c, ref),
    );
    if (hit) return hit;
  }
  return source.payload.find((r) => r['resourceType'] === resourceType && canonicalMatches(r, ref));
}
