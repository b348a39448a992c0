import type { ValidationContext } from '../validation-context.js';
import { atProperty, type Json } from './shared.js';

/**
 * A CodeSystem (location: the CodeSystem): one that `supplements` another must say
 * `content: supplement` (it defines no codes of its own).
 */
export function checkCodeSystem(ctx: ValidationContext, codeSystem: Json): void {
  if (typeof codeSystem['supplements'] === 'string' && codeSystem['content'] !== 'supplement') {
    atProperty(ctx, 'content', () => ctx.report('codesystem.supplement-content', { supplements: codeSystem['supplements'] as string }));
  }
}
