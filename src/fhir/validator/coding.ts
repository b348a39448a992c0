/**
 * A Coding checked against its own CodeSystem, whatever the element's binding (as the HL7
 * validator does for every Coding whose system it can look up): a supplement used as the system,
 * a code a complete local CodeSystem does not define, a display that does not match, a code that
 * breaks its code system's identifier syntax (SNOMED CT, LOINC: see code-syntax.ts).
 * @module
 */
import type { CodingInput } from '../terminology/terminology.js';
import { codeSyntaxProblem } from './code-syntax.js';
import type { ValidationContext } from './validation-context.js';

/** Checks one Coding value at the current location (the Coding). */
export function checkCoding(ctx: ValidationContext, value: Record<string, unknown>): void {
  const system = value['system'];
  const code = value['code'];
  if (typeof system !== 'string' || typeof code !== 'string') return;
  const rule = codeSyntaxProblem(system, code);
  if (rule !== undefined) {
    ctx.pushProperty('.code', 'code');
    if (!rule.startsWith('sctid-') || !englandSctidReported(ctx))
      ctx.report('binding.code-invalid-syntax', { system, code, rule });
    ctx.pop();
    return;
  }
  const coding: { system: string; code: string; version?: string; display?: string } = {
    system,
    code,
  };
  if (typeof value['version'] === 'string') coding.version = value['version'];
  if (typeof value['display'] === 'string') coding.display = value['display'];
  const result = ctx.terminology.checkCoding(coding as CodingInput);
  switch (result.outcome) {
    case 'supplement':
      ctx.pushProperty('.system', 'system');
      ctx.report('binding.system-is-supplement', { system });
      ctx.pop();
      return;
    case 'unknown-code':
      // same params as the binding check's, so the collector keeps one issue when both find it
      ctx.report('binding.unknown-code', { system, code });
      return;
    case 'found':
      if (result.displayMismatch)
        ctx.report('binding.display-mismatch', { system, code, expected: result.display ?? '' });
      return;
    default:
      return;
  }
}

/**
 * True when a profile's England `sctid` rule has already reported the code at the current location
 * (one defect, one error: the England issue carries the requirement). Runs only for a bad code.
 */
function englandSctidReported(ctx: ValidationContext): boolean {
  const pointer = ctx.pointer();
  return ctx.collector
    .issues()
    .some((i) => i.pointer === pointer && i.code.startsWith('england.sctid-'));
}
