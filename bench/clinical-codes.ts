/**
 * Clinical codes used by the generator: SNOMED CT concept ids (short-format SCTIDs whose Verhoeff
 * check digit is valid; a test checks every one with `checkSctid`) and LOINC codes for vital signs.
 * @module
 */

/** A code with its display text. */
export interface CodeEntry {
  readonly code: string;
  readonly display: string;
}

/** SNOMED CT URI. */
export const snomed = 'http://snomed.info/sct';
/** LOINC URI. */
export const loinc = 'http://loinc.org';
/** UCUM URI. */
export const ucum = 'http://unitsofmeasure.org';

/** Disorders for Condition.code. */
export const conditionCodes: readonly CodeEntry[] = [
  { code: '38341003', display: 'Hypertensive disorder' },
  { code: '44054006', display: 'Diabetes mellitus type 2' },
  { code: '195967001', display: 'Asthma' },
  { code: '22298006', display: 'Myocardial infarction' },
  { code: '13645005', display: 'Chronic obstructive lung disease' },
  { code: '35489007', display: 'Depressive disorder' },
  { code: '49436004', display: 'Atrial fibrillation' },
  { code: '709044004', display: 'Chronic kidney disease' },
];

/** Encounter reasons / types. */
export const encounterTypes: readonly CodeEntry[] = [
  { code: '185347001', display: 'Encounter for problem' },
  { code: '390906007', display: 'Follow-up encounter' },
  { code: '185349003', display: 'Encounter for check up' },
];

/** Single-valued observations (LOINC code, SNOMED code, UCUM unit, range). */
export const quantityObservations = [
  { loinc: '29463-7', snomed: '27113001', display: 'Body weight', unit: 'kg', min: 45, max: 120 },
  { loinc: '8302-2', snomed: '50373000', display: 'Body height', unit: 'cm', min: 150, max: 200 },
  { loinc: '8867-4', snomed: '364075005', display: 'Heart rate', unit: '/min', min: 50, max: 110 },
  {
    loinc: '39156-5',
    snomed: '60621009',
    display: 'Body mass index',
    unit: 'kg/m2',
    min: 18,
    max: 40,
  },
] as const;

/** Blood pressure panel and its components. */
export const bloodPressure = {
  panel: { loinc: '85354-9', snomed: '75367002', display: 'Blood pressure' },
  systolic: { loinc: '8480-6', snomed: '271649006', display: 'Systolic blood pressure' },
  diastolic: { loinc: '8462-4', snomed: '271650006', display: 'Diastolic blood pressure' },
} as const;

/** Medicinal products (SNOMED CT concept ids) for contained Medications. */
export const medicationCodes: readonly CodeEntry[] = [
  { code: '322236009', display: 'Paracetamol 500 mg oral tablet' },
  { code: '318420003', display: 'Amlodipine 5 mg oral tablet' },
  { code: '325072002', display: 'Metformin 500 mg oral tablet' },
];

/** Every SNOMED CT concept id in this module (for the validity test). */
export function allSctids(): string[] {
  return [
    ...conditionCodes.map((c) => c.code),
    ...encounterTypes.map((c) => c.code),
    ...quantityObservations.map((q) => q.snomed),
    bloodPressure.panel.snomed,
    bloodPressure.systolic.snomed,
    bloodPressure.diastolic.snomed,
    ...medicationCodes.map((c) => c.code),
  ];
}
