import type { IssueParams } from '../../issues/issue.js';
import type { CodeValidation, CodingInput, LocalTerminology } from './terminology.js';

/** An ElementDefinition.binding, as far as the check needs it. */
export interface BindingInput {
  readonly strength: 'required' | 'extensible' | 'preferred' | 'example';
  readonly valueSet?: string;
}

/** Receives one issue; suffixes are appended to the element's JSON pointer and FHIRPath expression. */
export type BindingReport = (
  code: string,
  params: IssueParams,
  pointerSuffix?: string,
  expressionSuffix?: string,
) => void;

interface Located {
  readonly coding: CodingInput;
  readonly pointer: string;
  readonly expression: string;
}

interface Checked extends Located {
  readonly result: CodeValidation;
}

/**
 * Checks one bound element value (parsed JSON of a `code`, `Coding`, `CodeableConcept`,
 * `Quantity`, `string` or `uri`).
 *
 * - `required`: no valid code gives `binding.not-in-value-set` (error).
 * - `extensible`: codings none of which is in the set give `binding.not-in-value-set-extensible`
 *   (warning); a CodeableConcept with text only is fine.
 * - `preferred`, `example`: nothing is checked.
 * - A code that cannot be checked offline gives `binding.not-checked` (information); a code missing
 *   from a complete local CodeSystem gives `binding.unknown-code` (error); a valid code whose display
 *   differs from the CodeSystem gives `binding.display-mismatch` (warning); a bound ValueSet that is
 *   not loaded gives `binding.value-set-not-found` (warning).
 *
 * For a CodeableConcept, one valid coding satisfies the binding; when none is valid but one could
 * not be checked, only `binding.not-checked` is reported (never a false error). Membership issues
 * are reported at the element (the CodeableConcept as a whole); unknown-code, unknown-version,
 * display and not-checked issues at the coding (`/coding/i`).
 */
export function checkBinding(
  tx: LocalTerminology,
  binding: BindingInput,
  dataType: string,
  value: unknown,
  report: BindingReport,
): void {
  const valueSet = checkedValueSet(binding);
  const codings = valueSet === undefined ? undefined : extractCodings(dataType, value);
  if (valueSet === undefined || !codings) return;
  if (tx.expand(valueSet) === undefined) {
    reportValueSetNotFound(valueSet, codings, report);
    return;
  }
  const results = codings.map((c) => ({
    coding: c.coding,
    pointer: c.pointer,
    expression: c.expression,
    result: tx.validateCode(valueSet, c.coding),
  }));
  reportResults(binding, valueSet, results, report);
}

/** What {@link checkBindingWithRemote} needs from a remote terminology server. */
export interface RemoteValidateCode {
  validateCode(valueSet: string, coding: CodingInput): Promise<CodeValidation>;
}

/**
 * {@link checkBinding} with a fallback: every coding the local terminology reports as
 * `not-checked` (SNOMED CT, dm+d, a value set not loaded …) is asked of `remote`
 * (see `createRemoteTerminology`). A remote failure stays `binding.not-checked`.
 */
export async function checkBindingWithRemote(
  tx: LocalTerminology,
  remote: RemoteValidateCode,
  binding: BindingInput,
  dataType: string,
  value: unknown,
  report: BindingReport,
): Promise<void> {
  const valueSet = checkedValueSet(binding);
  const codings = valueSet === undefined ? undefined : extractCodings(dataType, value);
  if (valueSet === undefined || !codings) return;
  const results = await Promise.all(
    codings.map(async (c) => {
      const local = tx.validateCode(valueSet, c.coding);
      const result =
        local.outcome === 'not-checked' ? await remote.validateCode(valueSet, c.coding) : local;
      return { coding: c.coding, pointer: c.pointer, expression: c.expression, result };
    }),
  );
  const notFound =
    tx.expand(valueSet) === undefined &&
    results.every(
      (r) => r.result.outcome === 'not-checked' && r.result.reason === 'value-set-not-found',
    );
  if (notFound) reportValueSetNotFound(valueSet, codings, report);
  else reportResults(binding, valueSet, results, report);
}

/** The value set to check, or undefined when the strength needs no check or there is no value set. */
function checkedValueSet(binding: BindingInput): string | undefined {
  if (binding.strength !== 'required' && binding.strength !== 'extensible') return undefined;
  return binding.valueSet || undefined;
}

function reportValueSetNotFound(
  valueSet: string,
  codings: readonly Located[],
  report: BindingReport,
): void {
  const first = codings[0]?.coding;
  report('binding.value-set-not-found', {
    valueSet,
    system: first?.system ?? '',
    code: first?.code ?? '',
  });
}

/** Turns the per-coding answers into issues, by binding strength. */
function reportResults(
  binding: BindingInput,
  valueSet: string,
  results: readonly Checked[],
  report: BindingReport,
): void {
  if (reportDisplays(results, report)) return;
  const unchecked = results.find((r) => r.result.outcome === 'not-checked');
  if (unchecked && unchecked.result.outcome === 'not-checked') {
    report(
      'binding.not-checked',
      {
        valueSet,
        ...codeParams(unchecked.coding),
        reason: unchecked.result.reason,
        strength: binding.strength,
      },
      unchecked.pointer,
      unchecked.expression,
    );
    return;
  }
  for (const r of results) reportInvalid(r, valueSet, report);
  if (results.length === 1 && isCodeLevel(results[0]!.result)) return;
  // extensible: a CodeableConcept without codings (text only) is allowed
  if (results.length === 0 && binding.strength === 'extensible') return;
  // at the element itself (a CodeableConcept as a whole), as the HL7 validator reports it
  const issue =
    binding.strength === 'required'
      ? 'binding.not-in-value-set'
      : 'binding.not-in-value-set-extensible';
  report(issue, { valueSet, ...codeParams(results[0]?.coding ?? {}), codings: results.length });
}

/** The codings of a value, with pointer/expression suffixes; undefined for an unsupported type or shape. */
function extractCodings(dataType: string, value: unknown): Located[] | undefined {
  switch (dataType) {
    case 'code':
    case 'string':
    case 'uri':
      return typeof value === 'string'
        ? [{ coding: { code: value }, pointer: '', expression: '' }]
        : undefined;
    case 'Coding':
      return isObject(value) && typeof value['code'] === 'string'
        ? [{ coding: toCoding(value), pointer: '', expression: '' }]
        : undefined;
    case 'Quantity':
      if (!isObject(value) || typeof value['code'] !== 'string') return undefined;
      return [
        {
          coding: toCoding({ system: value['system'], code: value['code'] }),
          pointer: '',
          expression: '',
        },
      ];
    case 'CodeableConcept': {
      if (!isObject(value)) return undefined;
      const list: Located[] = [];
      const raw = Array.isArray(value['coding']) ? (value['coding'] as unknown[]) : [];
      raw.forEach((c, i) => {
        if (isObject(c) && typeof c['code'] === 'string')
          list.push({ coding: toCoding(c), pointer: `/coding/${i}`, expression: `.coding[${i}]` });
      });
      return list;
    }
    default:
      return undefined;
  }
}

/** Reports display mismatches of the valid codings; true when at least one coding is valid. */
function reportDisplays(results: readonly Checked[], report: BindingReport): boolean {
  let anyValid = false;
  for (const r of results) {
    if (r.result.outcome !== 'valid') continue;
    anyValid = true;
    if (r.result.displayMismatch) {
      report(
        'binding.display-mismatch',
        { ...codeParams(r.coding), expected: r.result.display ?? '' },
        r.pointer,
        r.expression,
      );
    }
  }
  return anyValid;
}

function reportInvalid(r: Checked, valueSet: string, report: BindingReport): void {
  if (r.result.outcome !== 'invalid') return;
  if (r.result.reason === 'unknown-code')
    report('binding.unknown-code', codeParams(r.coding), r.pointer, r.expression);
  if (r.result.reason === 'unknown-system-version') {
    report(
      'binding.unknown-system-version',
      { ...codeParams(r.coding), version: r.coding.version ?? '', valueSet },
      r.pointer,
      r.expression,
    );
  }
}

/** True when the coding-level issue already says everything (unknown code or version). */
function isCodeLevel(result: CodeValidation): boolean {
  return result.outcome === 'invalid' && result.reason !== 'not-in-value-set';
}

function codeParams(coding: CodingInput): { system: string; code: string } {
  return { system: coding.system ?? '', code: coding.code ?? '' };
}

function toCoding(value: Record<string, unknown>): CodingInput {
  // plain assignments: conditional object spreads are slow on this hot path
  const coding: { system?: string; version?: string; code?: string; display?: string } = {};
  if (typeof value['system'] === 'string') coding.system = value['system'];
  if (typeof value['version'] === 'string') coding.version = value['version'];
  if (typeof value['code'] === 'string') coding.code = value['code'];
  if (typeof value['display'] === 'string') coding.display = value['display'];
  return coding;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
