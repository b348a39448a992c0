/**
 * The 50 injected-error cases: each names the clean generated resource it starts from and one
 * mutation that makes it invalid R4. Categories follow the issue: cardinality, dates (incl. a
 * missing timezone), unknown elements, wrong JSON types, missing required elements, invalid codes
 * in required bindings, empty arrays/objects/strings, bad primitive content, invariants.
 * @module
 */
import type { Resource } from './generate-resources.js';

/** The clean resource a case starts from. */
export type BaseKind =
  | 'Patient'
  | 'Organization'
  | 'Encounter'
  | 'Condition'
  | 'BloodPressure'
  | 'Observation'
  | 'MedicationRequest';

/** One injected-error case. */
export interface InjectedCase {
  readonly id: string;
  readonly category: string;
  readonly base: BaseKind;
  /** Mutates a deep copy of the clean resource in place. */
  readonly mutate: (r: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const c = (
  id: string,
  category: string,
  base: BaseKind,
  mutate: InjectedCase['mutate'],
): InjectedCase => ({ id, category, base, mutate });

/** The 50 cases. */
export const injectedCases: readonly InjectedCase[] = [
  // cardinality and JSON shape of repeating / single elements
  c('patient-gender-array', 'cardinality', 'Patient', (r) => {
    r.gender = ['male', 'female'];
  }),
  c('patient-birthdate-array', 'cardinality', 'Patient', (r) => {
    r.birthDate = [r.birthDate, r.birthDate];
  }),
  c('observation-subject-two', 'cardinality', 'Observation', (r) => {
    r.subject = [r.subject, r.subject];
  }),
  c('encounter-period-array', 'cardinality', 'Encounter', (r) => {
    r.period = [r.period];
  }),
  c('patient-identifier-not-array', 'cardinality', 'Patient', (r) => {
    r.identifier = r.identifier[0];
  }),
  c('patient-given-not-array', 'cardinality', 'Patient', (r) => {
    r.name[0].given = 'Alpha';
  }),
  c('observation-two-effective-choices', 'cardinality', 'Observation', (r) => {
    r.effectivePeriod = { start: r.effectiveDateTime };
  }),
  // missing required elements
  c('observation-status-missing', 'missing-required', 'Observation', (r) => {
    delete r.status;
  }),
  c('observation-code-missing', 'missing-required', 'Observation', (r) => {
    delete r.code;
  }),
  c('encounter-status-missing', 'missing-required', 'Encounter', (r) => {
    delete r.status;
  }),
  c('encounter-class-missing', 'missing-required', 'Encounter', (r) => {
    delete r.class;
  }),
  c('condition-subject-missing', 'missing-required', 'Condition', (r) => {
    delete r.subject;
  }),
  c('medreq-intent-missing', 'missing-required', 'MedicationRequest', (r) => {
    delete r.intent;
  }),
  c('medreq-subject-missing', 'missing-required', 'MedicationRequest', (r) => {
    delete r.subject;
  }),
  c('bp-component-code-missing', 'missing-required', 'BloodPressure', (r) => {
    delete r.component[0].code;
  }),
  c('narrative-status-missing', 'missing-required', 'Patient', (r) => {
    delete r.text.status;
  }),
  // dates
  c('birthdate-month-13', 'date', 'Patient', (r) => {
    r.birthDate = '1980-13-01';
  }),
  c('birthdate-feb-30', 'date', 'Patient', (r) => {
    r.birthDate = '1980-02-30';
  }),
  c('birthdate-uk-format', 'date', 'Patient', (r) => {
    r.birthDate = '01/02/1980';
  }),
  c('effective-missing-timezone', 'date', 'Observation', (r) => {
    r.effectiveDateTime = '2020-01-01T10:00:00';
  }),
  c('onset-space-separator', 'date', 'Condition', (r) => {
    r.onsetDateTime = '2020-01-01 10:00:00Z';
  }),
  c('lastupdated-instant-date-only', 'date', 'Patient', (r) => {
    r.meta.lastUpdated = '2024-01-01';
  }),
  c('period-start-unpadded', 'date', 'Encounter', (r) => {
    r.period.start = '2020-1-5T10:00:00Z';
  }),
  c('recorded-hour-25', 'date', 'Condition', (r) => {
    r.recordedDate = '2020-01-01T25:00:00Z';
  }),
  c('birthtime-extension-no-timezone', 'date', 'Patient', (r) => {
    r._birthDate.extension[0].valueDateTime = '1980-01-01T10:00:00';
  }),
  // unknown elements
  c('patient-unknown-property', 'unknown-element', 'Patient', (r) => {
    r.nickname = 'Al';
  }),
  c('quantity-unknown-property', 'unknown-element', 'Observation', (r) => {
    r.valueQuantity.amount = 1;
  }),
  c('humanname-unknown-property', 'unknown-element', 'Patient', (r) => {
    r.name[0].surname = 'Testpatient';
  }),
  c('choice-unknown-type-suffix', 'unknown-element', 'Observation', (r) => {
    r.valueFoo = r.valueQuantity;
    delete r.valueQuantity;
  }),
  c('unknown-resource-type', 'unknown-element', 'Patient', (r) => {
    r.resourceType = 'Patientt';
  }),
  // wrong JSON types
  c('quantity-value-string', 'json-type', 'Observation', (r) => {
    r.valueQuantity.value = String(r.valueQuantity.value);
  }),
  c('active-string', 'json-type', 'Patient', (r) => {
    r.active = 'true';
  }),
  c('birthdate-number', 'json-type', 'Patient', (r) => {
    r.birthDate = 19800101;
  }),
  c('telecom-item-string', 'json-type', 'Patient', (r) => {
    r.telecom[0] = '0113 496 0000';
  }),
  c('component-value-boolean', 'json-type', 'BloodPressure', (r) => {
    r.component[0].valueQuantity.value = true;
  }),
  c('gender-null', 'json-type', 'Patient', (r) => {
    r.gender = null;
  }),
  // empty arrays, objects, strings
  c('name-empty-array', 'empty', 'Patient', (r) => {
    r.name = [];
  }),
  c('coding-empty-object', 'empty', 'Observation', (r) => {
    r.code.coding[0] = {};
  }),
  c('subject-empty-object', 'empty', 'Condition', (r) => {
    r.subject = {};
  }),
  c('family-empty-string', 'empty', 'Patient', (r) => {
    r.name[0].family = '';
  }),
  // invalid codes in required bindings
  c('gender-not-in-valueset', 'required-binding', 'Patient', (r) => {
    r.gender = 'M';
  }),
  c('observation-status-unknown', 'required-binding', 'Observation', (r) => {
    r.status = 'done';
  }),
  c('encounter-status-unknown', 'required-binding', 'Encounter', (r) => {
    r.status = 'complete';
  }),
  c('medreq-intent-unknown', 'required-binding', 'MedicationRequest', (r) => {
    r.intent = 'prescription';
  }),
  c('clinical-status-unknown-code', 'required-binding', 'Condition', (r) => {
    r.clinicalStatus.coding[0].code = 'current';
  }),
  c('telecom-system-unknown', 'required-binding', 'Patient', (r) => {
    r.telecom[0].system = 'mobile';
  }),
  // bad primitive content
  c('id-with-spaces', 'primitive', 'Patient', (r) => {
    r.id = 'not a valid id';
  }),
  c('frequency-zero-positiveint', 'primitive', 'MedicationRequest', (r) => {
    r.dosageInstruction[0].timing.repeat.frequency = 0;
  }),
  c('frequency-decimal-positiveint', 'primitive', 'MedicationRequest', (r) => {
    r.dosageInstruction[0].timing.repeat.frequency = 1.5;
  }),
  // invariants
  c('quantity-code-without-system', 'invariant', 'Observation', (r) => {
    delete r.valueQuantity.system;
  }),
];

/** Deep copy of a clean resource, mutated by the case. */
export function applyCase(testCase: InjectedCase, clean: Resource): Record<string, unknown> {
  const copy = structuredClone(clean) as Record<string, unknown>;
  testCase.mutate(copy);
  return copy;
}
