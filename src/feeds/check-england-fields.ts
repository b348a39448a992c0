/**
 * England identifier rules on feed fields (src/rules): NHS number (MDS-02, test range MDS-03),
 * GP practice ODS code (MDS-07), CQC location id (MDS-09), postcode (MDS-10) and, when LA_Code is
 * given as an ONS GSS code rather than the 3-digit collection code, an upper-tier authority
 * (MDS-11). A person without an NHS number gets `feed.nhs-number-missing` (MDS-01).
 * @module
 */
import { applyEnglandRule } from '../rules/index.js';
import type { FeedField } from './cld-fields.js';
import type { FeedCheck } from './feed-check.js';
import { textValue } from './feed-check.js';

const gssCode = /^[A-Z]\d{8}$/;

/** Options of the England field check. */
export interface EnglandFieldOptions {
  /** Accept NHS numbers in the 999 test range (the framework's test-data setting). */
  readonly allowTestNumbers?: boolean;
  /** The field that holds the NHS number, when the feed has one: its absence is reported. */
  readonly nhsNumberField?: string;
}

function requirementsOf(field: FeedField, code: string): readonly string[] {
  if (code === 'england.nhs-number-test-range') return ['MDS-03'];
  return field.requirements ?? [];
}

/** Creates the check that applies each field's England rule to its (non-empty, string) value. */
export function createEnglandFieldsCheck(
  fields: readonly FeedField[],
  options: EnglandFieldOptions = {},
): FeedCheck {
  const ruled = fields.filter((f) => f.rule !== undefined);
  const ruleOptions = options.allowTestNumbers ? { allowTestNumbers: true } : {};
  return {
    check(record, at) {
      for (const field of ruled) {
        const value = textValue(record[field.name]);
        if (value === undefined || field.rule === undefined) continue;
        if (field.rule === 'la-gss-upper-tier' && !gssCode.test(value)) continue;
        for (const finding of applyEnglandRule(field.rule, value, ruleOptions)) {
          at.report(
            finding.code,
            `/${field.name}`,
            finding.params,
            requirementsOf(field, finding.code),
          );
        }
      }
      if (options.nhsNumberField && textValue(record[options.nhsNumberField]) === undefined) {
        at.report('feed.nhs-number-missing', `/${options.nhsNumberField}`, {}, ['MDS-01']);
      }
    },
  };
}
