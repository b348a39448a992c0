import type { ValidationContext } from '../validation-context.js';
import { at, atProperty, checkCanonicalUrl, indexed, isJson, str, type Json } from './shared.js';

/**
 * A CodeSystem (location: the CodeSystem): an absolute `url`; one that `supplements` another must
 * say `content: supplement` (it defines no codes of its own); a complete one that states `count`
 * must list that many concepts (nested ones included).
 */
export function checkCodeSystem(ctx: ValidationContext, codeSystem: Json): void {
  checkCanonicalUrl(ctx, codeSystem);
  const count = codeSystem['count'];
  if (
    typeof count === 'number' &&
    (codeSystem['content'] ?? 'complete') === 'complete' &&
    Array.isArray(codeSystem['concept'])
  ) {
    const listed = countConcepts(codeSystem['concept'] as unknown[], 0);
    if (listed !== count)
      atProperty(ctx, 'count', () => ctx.report('codesystem.count-mismatch', { count, listed }));
  }
  checkProperties(ctx, codeSystem);
  // not-present: "none of the concepts defined by the code system are included"
  if (
    codeSystem['content'] === 'not-present' &&
    Array.isArray(codeSystem['concept']) &&
    codeSystem['concept'].length > 0
  )
    at(ctx, 'concept', 0, () => ctx.report('codesystem.concepts-not-present', {}));
  if (typeof codeSystem['supplements'] === 'string' && codeSystem['content'] !== 'supplement') {
    atProperty(ctx, 'content', () =>
      ctx.report('codesystem.supplement-content', {
        supplements: codeSystem['supplements'] as string,
      }),
    );
  }
}

function countConcepts(concepts: readonly unknown[], depth: number): number {
  if (depth > 100) return 0;
  let n = 0;
  for (const c of concepts) {
    if (!isJson(c)) continue;
    n++;
    if (Array.isArray(c['concept'])) n += countConcepts(c['concept'] as unknown[], depth + 1);
  }
  return n;
}

/** The standard concept properties (`http://hl7.org/fhir/concept-properties#code`) and their types. */
const standardProperties: ReadonlyMap<string, string> = new Map([
  ['status', 'code'],
  ['inactive', 'boolean'],
  ['effectiveDate', 'dateTime'],
  ['deprecationDate', 'dateTime'],
  ['retirementDate', 'dateTime'],
  ['notSelectable', 'boolean'],
  ['parent', 'code'],
  ['child', 'code'],
  ['partOf', 'code'],
  ['synonym', 'code'],
  ['comment', 'string'],
  ['itemWeight', 'decimal'],
]);
const standardUri = 'http://hl7.org/fhir/concept-properties#';

/**
 * `CodeSystem.property` (location: each property): codes and uris are declared once; a standard
 * property uri keeps its standard code and type (errors); a standard code without the uri should
 * still have the standard type (warning). A concept property whose code is not declared: warning.
 */
function checkProperties(ctx: ValidationContext, codeSystem: Json): void {
  const codes = new Set<string>();
  const uris = new Set<string>();
  for (const [property, i] of indexed(codeSystem, 'property')) {
    at(ctx, 'property', i, () => {
      const code = str(property, 'code');
      const uri = str(property, 'uri');
      const type = str(property, 'type');
      if (code !== undefined && codes.has(code))
        ctx.report('codesystem.property-duplicate', { key: 'code', value: code });
      if (uri !== undefined && uris.has(uri))
        ctx.report('codesystem.property-duplicate', { key: 'uri', value: uri });
      if (code !== undefined) codes.add(code);
      if (uri !== undefined) uris.add(uri);
      const standard = uri?.startsWith(standardUri) ? uri.slice(standardUri.length) : undefined;
      const standardType = standard === undefined ? undefined : standardProperties.get(standard);
      if (standard !== undefined && standardType !== undefined) {
        if (code !== undefined && code !== standard)
          ctx.report('codesystem.property-code-not-standard', {
            uri: uri!,
            code,
            expected: standard,
          });
        if (type !== undefined && type !== standardType)
          ctx.report('codesystem.property-wrong-type', {
            property: uri!,
            type,
            expected: standardType,
          });
      } else if (uri === undefined && code !== undefined && type !== undefined) {
        const expected = standardProperties.get(code);
        if (expected !== undefined && expected !== type)
          ctx.report(
            'codesystem.property-wrong-type',
            { property: code, type, expected },
            { severity: 'warning' },
          );
      }
    });
  }
  checkConceptProperties(ctx, codeSystem, codes, 0);
}

function checkConceptProperties(
  ctx: ValidationContext,
  owner: Json,
  declared: ReadonlySet<string>,
  depth: number,
): void {
  if (depth > 100) return;
  for (const [concept, i] of indexed(owner, 'concept')) {
    at(ctx, 'concept', i, () => {
      for (const [property, k] of indexed(concept, 'property')) {
        const code = str(property, 'code');
        if (code !== undefined && !declared.has(code) && !standardProperties.has(code))
          at(ctx, 'property', k, () => ctx.report('codesystem.property-undeclared', { code }));
      }
      checkConceptProperties(ctx, concept, declared, depth + 1);
    });
  }
}
