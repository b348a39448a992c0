/**
 * The national data-quality view of a CLD return: for every field on every row, its status from the
 * condition table (Mandatory / Applicable / Not applicable / Undetermined) and its outcome (Passed:
 * Valid, Passed: Blank (Not Mandatory), Failed: Blank (Mandatory), Failed: Invalid, Failed: Release
 * 1), counted per field (module × field). In a Release 2 return it also reports each mandatory blank
 * (`cld.mandatory-blank`, with the rule that made the field mandatory): the Release 2 schema
 * requires nothing, the condition table decides. Keeps counts only.
 * @module
 */
import { issueCodes } from '../issues/codes/index.js';
import { applyEnglandRule } from '../rules/index.js';
import type { DataQualityView, FieldQuality } from '../validation-result.js';
import { cldFieldConditions } from './cld-field-conditions.js';
import type { FeedField } from './cld-fields.js';
import { cldRelease2Fields } from './cld-release-2-fields.js';
import type { RecordReporter } from './feed-check.js';
import { dateValue } from './feed-check.js';
import type { ConditionRow, ConditionValue } from './evaluate-condition.js';
import { statusOf } from './evaluate-condition.js';

/** Options of one data-quality evaluation. */
export interface CldDataQualityOptions {
  readonly release: 1 | 2;
  readonly releaseBasis: DataQualityView['releaseBasis'];
  /** The release's own fields (lists, types, rules), by name: validity is judged against them. */
  readonly fields: ReadonlyMap<string, FeedField>;
  /** Release 2 field name → the release's field name, where they differ. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Report `cld.mandatory-blank` for mandatory blanks (Release 2). */
  readonly reportBlanks: boolean;
  /** Fields whose absence another check reports (NHS number: `feed.nhs-number-missing`). */
  readonly blankReportedElsewhere?: ReadonlySet<string>;
  /** Fields whose whole column is missing (reported once by the reader), live. */
  readonly missingColumns?: ReadonlySet<string>;
  readonly allowTestNumbers?: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const realDate = (iso: string): boolean => {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
};

function isError(code: string): boolean {
  const severity = issueCodes[code]?.severity;
  return severity === 'error' || severity === 'fatal';
}

/** True when a filled value is valid for the field (list, type, bounds, pattern, England rule). */
export function isValidValue(field: FeedField, value: unknown, allowTestNumbers = false): boolean {
  switch (field.kind) {
    case 'date': {
      const d = dateValue(value);
      return d !== undefined && realDate(d);
    }
    case 'number':
    case 'integer':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (field.kind === 'number' || Number.isInteger(value)) &&
        (field.minimum === undefined || value >= field.minimum) &&
        (field.maximum === undefined || value <= field.maximum)
      );
    default:
      break;
  }
  if (typeof value !== 'string' || value === '') return false;
  if (field.list) return field.list.includes(value);
  if (field.pattern && !new RegExp(field.pattern, 'u').test(value)) return false;
  if (field.rule === 'la-gss-upper-tier' && !/^[A-Z]\d{8}$/.test(value))
    return /^[0-9]{3}$/.test(value);
  if (field.rule)
    return !applyEnglandRule(field.rule, value, { allowTestNumbers }).some((f) => isError(f.code));
  return true;
}

function blank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Accumulates the data-quality view of one CLD return. */
export class CldDataQuality {
  readonly #options: CldDataQualityOptions;
  readonly #counts: Mutable<FieldQuality>[];
  /** Release 1 label -> Release 2 label, per Release 2 field (for conditions on Release 1 rows). */
  readonly #toRelease2 = new Map<string, ReadonlyMap<string, string | null>>();

  constructor(options: CldDataQualityOptions) {
    this.#options = options;
    this.#counts = cldRelease2Fields
      .filter((f) => !f.ignored)
      .map((f) => ({
        module: f.module ?? '',
        field: f.name,
        mandatory: 0,
        applicable: 0,
        notApplicable: 0,
        undetermined: 0,
        passedValid: 0,
        passedBlank: 0,
        failedBlank: 0,
        failedInvalid: 0,
        failedRelease1: 0,
      }));
    if (options.release === 1) {
      for (const f of cldRelease2Fields)
        if (f.release1) this.#toRelease2.set(f.name, new Map(Object.entries(f.release1)));
    }
  }

  /**
   * Evaluates one row (`record` after list normalisation; `release1` the fields that held a Release 1
   * value, already reported) and reports mandatory blanks when asked to.
   */
  row(
    record: Readonly<Record<string, unknown>>,
    release1: ReadonlySet<string>,
    at: RecordReporter,
  ): void {
    const o = this.#options;
    const view = this.#view(record, release1);
    for (const c of this.#counts) {
      const name = o.aliases?.[c.field] ?? c.field;
      const { status, rule } = statusOf(cldFieldConditions[c.field], view);
      if (status === 'mandatory') c.mandatory++;
      else if (status === 'applicable') c.applicable++;
      else if (status === 'not-applicable') c.notApplicable++;
      else c.undetermined++;
      if (release1.has(name)) {
        c.failedRelease1++;
        continue;
      }
      const state = view.value(c.field).state;
      if (state === 'valid') c.passedValid++;
      else if (state === 'invalid') c.failedInvalid++;
      else if (status !== 'mandatory') c.passedBlank++;
      else {
        c.failedBlank++;
        if (
          o.reportBlanks &&
          !o.blankReportedElsewhere?.has(name) &&
          !o.missingColumns?.has(name)
        ) {
          at.report(
            'cld.mandatory-blank',
            `/${name}`,
            { field: name, rule },
            o.fields.get(name)?.requirements ?? [],
          );
        }
      }
    }
  }

  #view(record: Readonly<Record<string, unknown>>, release1: ReadonlySet<string>): ConditionRow {
    const o = this.#options;
    const cache = new Map<string, ConditionValue>();
    const value = (field: string): ConditionValue => {
      const hit = cache.get(field);
      if (hit) return hit;
      const name = o.aliases?.[field] ?? field;
      const def = o.fields.get(name);
      const raw = record[name];
      let v: ConditionValue;
      if (blank(raw)) v = { state: release1.has(name) ? 'invalid' : 'blank' };
      else if (!def || !isValidValue(def, raw, o.allowTestNumbers))
        v = { state: 'invalid', text: typeof raw === 'string' ? raw : String(raw) };
      else v = this.#release2Value(field, String(raw));
      cache.set(field, v);
      return v;
    };
    return {
      value,
      date: (field) => {
        const v = value(field);
        return v.state === 'valid' ? v.text : undefined;
      },
    };
  }

  #release2Value(field: string, text: string): ConditionValue {
    const map = this.#toRelease2.get(field);
    if (!map?.has(text)) return { state: 'valid', text };
    const mapped = map.get(text);
    return mapped === null || mapped === undefined
      ? { state: 'invalid', text }
      : { state: 'valid', text: mapped };
  }

  /** The view, one entry per Release 2 field in DHSC's order. */
  result(): DataQualityView {
    return {
      dataset: 'cld',
      release: this.#options.release,
      releaseBasis: this.#options.releaseBasis,
      fields: this.#counts.map((c) => ({ ...c })),
    };
  }
}
