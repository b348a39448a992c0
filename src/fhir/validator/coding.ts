/**
 * A Coding's own checks, whatever the element's binding: its system must be an absolute URI and not
 * a ValueSet's canonical; and its code is checked against its CodeSystem (as the HL7 validator does
 * for every Coding whose system it can look up): a supplement used as the system, a code a complete
 * local CodeSystem does not define, a display that does not match, a code that breaks its code
 * system's identifier syntax (SNOMED CT, LOINC: see code-syntax.ts).
 * @module
 */
import { defaultNotCheckableSystems } from '../terminology/not-checkable-systems.js';
import { detached, systemSlot } from '../terminology/system-slot.js';
import { hasScheme } from './char-scans.js';
import { codeSyntaxProblem, hasCodeSyntax, type CodeSyntaxRule } from './code-syntax.js';
import type { CodingSystemFacts, ValidationContext } from './validation-context.js';

/**
 * The checks of one Coding value at the current location: its system's form (see
 * {@link checkCodingSystem}), then the code against its system ({@link checkCoding}), with what
 * they need of the system read once per validator.
 */
export function checkCodingValue(ctx: ValidationContext, value: Record<string, unknown>): void {
  const system = value['system'];
  if (typeof system !== 'string') return;
  const facts = systemFacts(ctx, system);
  if (system !== '') checkSystemForm(ctx, system, facts);
  const code = value['code'];
  if (typeof code === 'string') checkCodeOf(ctx, value, system, code, facts);
}

/**
 * Coding.system rules (https://hl7.org/fhir/R4/datatypes.html#Coding): the system is the URI of a
 * code system, so it must be absolute, and it must not be the canonical URL of a ValueSet (a common
 * mistake the HL7 validator reports as an error).
 */
function checkSystemForm(ctx: ValidationContext, system: string, facts: CodingSystemFacts): void {
  if (!facts.absolute) {
    ctx.pushProperty('.system', 'system');
    ctx.report('structure.coding-system-relative', { system });
    ctx.pop();
    return;
  }
  // only a canonical with a ValueSet path segment can name one (keeps the common case to one test)
  if (!facts.valueSetPath) return;
  const registry = ctx.services.model.registry;
  if (registry.valueSet(system) && !registry.codeSystem(system)) {
    ctx.pushProperty('.system', 'system');
    ctx.report('structure.coding-system-is-value-set', { system });
    ctx.pop();
  }
}

/** The code of a Coding against its system: identifier syntax, then the local CodeSystem. */
function checkCodeOf(
  ctx: ValidationContext,
  value: Record<string, unknown>,
  system: string,
  code: string,
  facts: CodingSystemFacts,
): void {
  const rule =
    facts.codes === null ? undefined : rememberedSyntaxProblem(ctx, facts.codes, system, code);
  if (rule !== undefined) {
    ctx.pushProperty('.code', 'code');
    if (!rule.startsWith('sctid-') || !englandSctidReported(ctx))
      ctx.report('binding.code-invalid-syntax', { system, code, rule });
    ctx.pop();
    return;
  }
  // every terminology answers `not-available` for these (all hold the default not-checkable list)
  if (facts.neverChecked) return;
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
 * What the checks need of a Coding's system, read once per validator (bounded with the codes: the
 * memo is cleared when full). The facts last met in the system's slot ({@link systemSlot}) answer
 * first: a Coding's system is a new string each time, and one comparison with the slot's system is
 * cheaper than hashing it for the Map.
 */
function systemFacts(ctx: ValidationContext, system: string): CodingSystemFacts {
  const memo = ctx.services.codeSyntaxMemo;
  const slot = systemSlot(system);
  const last = memo.recent[slot];
  if (last !== undefined && last.system === system) return last;
  const known = memo.bySystem.get(system);
  if (known !== undefined) return (memo.recent[slot] = known);
  // kept for the validator's life: a copy, not a slice of an XML payload's text (see detached)
  const kept = detached(system);
  const facts: CodingSystemFacts = {
    system: kept,
    absolute: hasScheme(system),
    valueSetPath: system.includes('/ValueSet/'),
    codes: hasCodeSyntax(system) ? new Map() : null,
    neverChecked: defaultNotCheckableSystems.includes(system),
  };
  if (++memo.size > maxRememberedCodes) forget(memo);
  else memo.bySystem.set(kept, (memo.recent[slot] = facts));
  return facts;
}

/** Empties the memo of {@link systemFacts} (when full). */
function forget(memo: ValidationContext['services']['codeSyntaxMemo']): void {
  memo.bySystem.clear();
  memo.recent.length = 0;
  memo.size = 0;
}

/**
 * {@link codeSyntaxProblem}, remembered per validator by system and code (the same SNOMED CT and
 * LOINC codes recur in every resource; bounded: cleared when full).
 */
function rememberedSyntaxProblem(
  ctx: ValidationContext,
  byCode: Map<string, CodeSyntaxRule | null>,
  system: string,
  code: string,
): CodeSyntaxRule | undefined {
  const known = byCode.get(code);
  if (known !== undefined) return known ?? undefined;
  const rule = codeSyntaxProblem(system, code);
  const memo = ctx.services.codeSyntaxMemo;
  if (++memo.size > maxRememberedCodes) forget(memo);
  else byCode.set(detached(code), rule ?? null);
  return rule;
}

/** Bound on the systems and codes remembered (see {@link systemFacts}). */
const maxRememberedCodes = 20_000;
