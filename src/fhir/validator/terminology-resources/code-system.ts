import type { ValidationContext } from '../validation-context.js';
import { atProperty, checkCanonicalUrl, isJson, type Json } from './shared.js';

/**
 * A CodeSystem (location: the CodeSystem): an absolute `url`; one that `supplements` another must
 * say `content: supplement` (it defines no codes of its own); a complete one that states `count`
 * must list that many concepts (nested ones included).
 */
export function checkCodeSystem(ctx: ValidationContext, codeSystem: Json): void {
  checkCanonicalUrl(ctx, codeSystem);
  const count = codeSystem['count'];
  if (typeof count === 'number' && (codeSystem['content'] ?? 'complete') === 'complete' && Array.isArray(codeSystem['concept'])) {
    const listed = countConcepts(codeSystem['concept'] as unknown[], 0);
    if (listed !== count) atProperty(ctx, 'count', () => ctx.report('codesystem.count-mismatch', { count, listed }));
  }
  if (typeof codeSystem['supplements'] === 'string' && codeSystem['content'] !== 'supplement') {
    atProperty(ctx, 'content', () => ctx.report('codesystem.supplement-content', { supplements: codeSystem['supplements'] as string }));
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
