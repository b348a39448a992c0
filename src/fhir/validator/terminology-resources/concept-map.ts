import type { ValidationContext } from '../validation-context.js';
import {
  at,
  atProperty,
  checkCanonicalUrl,
  checkLocalCode,
  indexed,
  str,
  type Json,
} from './shared.js';

/**
 * A ConceptMap (location: the ConceptMap): each `group.element.code` must be a code of
 * `group.source` (when that CodeSystem is local and complete) and in the source value set (when it
 * can be expanded locally). Target codes are not checked: a map often targets a newer version of a
 * code system than the one loaded (R4's own maps do), and the HL7 validator does not hold them to
 * the target value set either. What the local terminology cannot decide is not reported.
 */
export function checkConceptMap(ctx: ValidationContext, map: Json): void {
  checkCanonicalUrl(ctx, map);
  const sourceVs = str(map, 'sourceCanonical') ?? str(map, 'sourceUri');
  for (const [group, g] of indexed(map, 'group')) {
    at(ctx, 'group', g, () => {
      const source = str(group, 'source');
      for (const [element, e] of indexed(group, 'element')) {
        at(ctx, 'element', e, () => {
          const code = str(element, 'code');
          if (code !== undefined && source !== undefined)
            atProperty(ctx, 'code', () =>
              checkMapped(ctx, source, str(group, 'sourceVersion'), code, sourceVs),
            );
        });
      }
    });
  }
}

function checkMapped(
  ctx: ValidationContext,
  system: string,
  version: string | undefined,
  code: string,
  valueSet: string | undefined,
): void {
  checkLocalCode(
    ctx,
    system,
    code,
    ctx.terminology.codeSystem(system, version) ? version : undefined,
  );
  if (valueSet === undefined) return;
  const result = ctx.terminology.validateCode(valueSet, { system, code });
  if (result.outcome === 'invalid' && result.reason === 'not-in-value-set')
    ctx.report('conceptmap.source-not-in-value-set', { system, code, valueSet });
}
