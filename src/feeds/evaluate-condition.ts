/**
 * Evaluates the row conditions of `cld-field-conditions.ts` in three-valued logic (true, false,
 * undefined = unknown) and gives a field's status on a row: the first rule whose `when` is true; a
 * rule whose `when` is unknown makes the status "undetermined" (DHSC `cond_ = -1`).
 * @module
 */
import { ageInYears } from './check-adult-age.js';
import type { ConditionRule, ConditionStatus, When } from './cld-field-conditions.js';

/** What a condition may ask of a row's field: blank, a valid (listed) value, or an invalid one. */
export interface ConditionValue {
  readonly state: 'blank' | 'valid' | 'invalid';
  /** The text (for a listed field, its Release 2 label when valid). */
  readonly text?: string;
}

/** A row as conditions see it. */
export interface ConditionRow {
  value(field: string): ConditionValue;
  /** ISO date of a date field when it is a valid date, else undefined. */
  date(field: string): string | undefined;
}

/** A field's status on a row, and the rule that gave it. */
export interface RowStatus {
  readonly status: ConditionStatus | 'undetermined';
  readonly rule: string;
}

type Truth = boolean | undefined;

/** Kleene conjunction (`every`) or disjunction (`some`) of the parts. */
function combine(parts: readonly When[], row: ConditionRow, decisive: boolean): Truth {
  let unknown = false;
  for (const w of parts) {
    const t = evaluate(w, row);
    if (t === decisive) return decisive;
    if (t === undefined) unknown = true;
  }
  return unknown ? undefined : !decisive;
}

function ageBetween(row: ConditionRow, min: number | undefined, below: number | undefined): Truth {
  const birth = row.date('Date_of_Birth');
  const end = row.date('Reporting_Period_End_Date');
  if (!birth || !end || end < birth) return undefined;
  const age = ageInYears(birth, end);
  return (min === undefined || age >= min) && (below === undefined || age < below);
}

function evaluate(when: When, row: ConditionRow): Truth {
  if ('all' in when) return combine(when.all, row, false);
  if ('any' in when) return combine(when.any, row, true);
  if ('not' in when) {
    const t = evaluate(when.not, row);
    return t === undefined ? undefined : !t;
  }
  if ('filled' in when) return row.value(when.filled).state !== 'blank';
  if ('ageAtPeriodEnd' in when) return ageBetween(row, when.ageAtPeriodEnd.min, when.ageAtPeriodEnd.below);
  const v = row.value(when.field);
  if (v.state === 'blank') return when.blank;
  if ('in' in when) return v.state === 'valid' ? when.in.includes(v.text ?? '') : undefined;
  return (v.text ?? '').toLowerCase().startsWith(when.startsWith.toLowerCase());
}

/**
 * The status of a field on a row from its rule table (no table: applicable).
 * @example statusOf([{ id: 'always', status: 'mandatory' }], row) // { status: 'mandatory', rule: 'always' }
 */
export function statusOf(rules: readonly ConditionRule[] | undefined, row: ConditionRow): RowStatus {
  for (const rule of rules ?? []) {
    if (!rule.when) return { status: rule.status, rule: rule.id };
    const t = evaluate(rule.when, row);
    if (t === undefined) return { status: 'undetermined', rule: rule.id };
    if (t) return { status: rule.status, rule: rule.id };
  }
  return { status: 'applicable', rule: 'default' };
}
