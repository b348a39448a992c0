/**
 * A Coding checked against its own CodeSystem, whatever the element's binding (as the HL7
 * validator does for every Coding whose system it can look up): a supplement used as the system,
 * a code a complete local CodeSystem does not define, a display that does not match, a code that
 * breaks its code system's identifier syntax (SNOMED CT, LOINC: see code-syntax.ts).
 * @module
 */
import { codeSyntaxProblem, hasCodeSyntax, type CodeSyntaxRule } from './code-syntax.js';
import type { ValidationContext } from './validation-context.js';

/** Checks one Coding value at the current location (the Coding). */
export function checkCoding(ctx: ValidationContext, value: Record<string, unknown>): void {
  const system = value['system'];
  const code = value['code'];
  if (typeof system !== 'string' || typeof code !== 'string') return;
  const rule = rememberedSyntaxProblem(ctx, system, code);
  if (rule !== undefined) {
    ctx.pushProperty('.code', 'code');
    if (!rule.startsWith('sctid-') || !englandSctidReported(ctx))
      ctx.report('binding.code-invalid-syntax', { system, code, rule });
    ctx.pop();
    return;
  }
  const version = value['version'];
  const display = value['display'];
  const result = ctx.terminology.checkCodingOf(
    system,
    code,
    typeof version === 'string' ? version : undefined,
    typeof display === 'string' ? display : undefined,
  );
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

/**
 * {@link codeSyntaxProblem}, remembered per validator by system and code (the same SNOMED CT and
 * LOINC codes recur in every resource; bounded: cleared when full). Undefined for a system without
 * a syntax (remembered too: one lookup answers most codings).
 */
function rememberedSyntaxProblem(
  ctx: ValidationContext,
  system: string,
  code: string,
): CodeSyntaxRule | undefined {
  const memo = ctx.services.codeSyntaxMemo;
  let byCode = memo.bySystem.get(system);
  if (byCode === null) return undefined;
  if (byCode === undefined) {
    const some = hasCodeSyntax(system);
    if (++memo.size > maxRememberedCodes) {
      memo.bySystem.clear();
      memo.size = 0;
    } else memo.bySystem.set(system, some ? (byCode = new Map()) : null);
    if (!some) return undefined;
    byCode ??= new Map(); // the memo was just cleared: this code is not remembered
  }
  const known = byCode.get(code);
  if (known !== undefined) return known ?? undefined;
  const rule = codeSyntaxProblem(system, code);
  if (++memo.size > maxRememberedCodes) {
    memo.bySystem.clear();
    memo.size = 0;
  } else byCode.set(code, rule ?? null);
  return rule;
}

/** Bound on the codes {@link rememberedSyntaxProblem} keeps. */
const maxRememberedCodes = 20_000;
