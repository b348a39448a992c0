/**
 * Builders of valid FHIR R4 resources for synthetic UK patients: Patient (NHS number, primitive
 * extension on birthDate), GP practice Organization (ODS code), Encounter, Condition, Observation
 * (single value or blood-pressure components), MedicationRequest with a contained Medication
 * referenced by `#id`. Every resource carries a narrative div. Names are obviously fake.
 * @module
 */
import {
  bloodPressure,
  conditionCodes,
  encounterTypes,
  loinc,
  medicationCodes,
  quantityObservations,
  snomed,
  ucum,
} from './clinical-codes.js';
import type { Rng } from './prng.js';
import {
  isoDate,
  isoDateTime,
  odsPracticeCode,
  testNhsNumber,
  ukPostcode,
} from './uk-identifiers.js';

/** A JSON resource as built by the generator. */
export type Resource = Record<string, unknown> & { resourceType: string };

const fakeFamilies = [
  'Testpatient',
  'Fakename',
  'Exampleson',
  'Synthetica',
  'Notreal',
  'Dummyfield',
];
const fakeGivens = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel'];

function narrative(text: string): Record<string, string> {
  const safe = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return {
    status: 'generated',
    div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${safe}</p></div>`,
  };
}

function ref(fullUrl: string, display?: string): Record<string, string> {
  return display === undefined ? { reference: fullUrl } : { reference: fullUrl, display };
}

/** A synthetic Patient with an NHS number from the 999 test range. */
export function patient(rng: Rng, id: string, practiceUrl: string): Resource {
  const family = rng.pick(fakeFamilies);
  const given = rng.pick(fakeGivens);
  const birthDate = isoDate(rng, 1935, 2020);
  return {
    resourceType: 'Patient',
    id,
    meta: { lastUpdated: isoDateTime(rng, 2024, 2026) },
    text: narrative(`${given} ${family.toUpperCase()} (synthetic test patient)`),
    identifier: [
      {
        extension: [
          {
            url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
            valueCodeableConcept: {
              coding: [
                {
                  system:
                    'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland',
                  code: '01',
                  display: 'Number present and verified',
                },
              ],
            },
          },
        ],
        system: 'https://fhir.nhs.uk/Id/nhs-number',
        value: testNhsNumber(rng),
      },
    ],
    active: true,
    name: [
      { use: 'official', family, given: [given], prefix: [rng.pick(['Mx', 'Ms', 'Mr', 'Dr'])] },
    ],
    telecom: [
      { system: 'phone', value: `0113 496 ${rng.digits(4)}`, use: 'home' },
      { system: 'email', value: `${given.toLowerCase()}@example.org` },
    ],
    gender: rng.pick(['male', 'female', 'other', 'unknown']),
    birthDate,
    _birthDate: {
      extension: [
        {
          url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime',
          valueDateTime: `${birthDate}T${String(rng.int(0, 23)).padStart(2, '0')}:15:00Z`,
        },
      ],
    },
    address: [
      {
        use: 'home',
        line: [`${rng.int(1, 200)} Example Street`],
        city: 'Testtown',
        postalCode: ukPostcode(rng),
        country: 'GB',
      },
    ],
    generalPractitioner: [ref(practiceUrl, 'Synthetic GP practice')],
  };
}

/** A GP practice Organization with an ODS code. */
export function practice(rng: Rng, id: string): Resource {
  const ods = odsPracticeCode(rng);
  return {
    resourceType: 'Organization',
    id,
    text: narrative(`Synthetic GP practice ${ods}`),
    identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: ods }],
    active: true,
    type: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/organization-type',
            code: 'prov',
            display: 'Healthcare Provider',
          },
        ],
      },
    ],
    name: `Example Lane Surgery ${ods}`,
    telecom: [{ system: 'phone', value: `0113 496 ${rng.digits(4)}`, use: 'work' }],
    address: [
      { line: ['1 Example Lane'], city: 'Testtown', postalCode: ukPostcode(rng), country: 'GB' },
    ],
  };
}

/** An ambulatory Encounter at the practice. */
export function encounter(rng: Rng, id: string, patientUrl: string, practiceUrl: string): Resource {
  const start = isoDateTime(rng, 2018, 2025);
  const type = rng.pick(encounterTypes);
  return {
    resourceType: 'Encounter',
    id,
    text: narrative(`${type.display} on ${start.slice(0, 10)}`),
    status: 'finished',
    class: {
      system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
      code: 'AMB',
      display: 'ambulatory',
    },
    type: [{ coding: [{ system: snomed, code: type.code, display: type.display }] }],
    subject: ref(patientUrl),
    period: { start },
    serviceProvider: ref(practiceUrl),
  };
}

/** A confirmed, active Condition coded in SNOMED CT. */
export function condition(
  rng: Rng,
  id: string,
  patientUrl: string,
  encounterUrl: string,
): Resource {
  const code = rng.pick(conditionCodes);
  return {
    resourceType: 'Condition',
    id,
    text: narrative(code.display),
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
      ],
    },
    verificationStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' },
      ],
    },
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-category',
            code: 'problem-list-item',
          },
        ],
      },
    ],
    code: {
      coding: [{ system: snomed, code: code.code, display: code.display }],
      text: code.display,
    },
    subject: ref(patientUrl),
    encounter: ref(encounterUrl),
    onsetDateTime: isoDateTime(rng, 2000, 2024),
    recordedDate: isoDate(rng, 2018, 2025),
  };
}

function vitalSigns(): Record<string, unknown>[] {
  return [
    {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/observation-category',
          code: 'vital-signs',
          display: 'Vital Signs',
        },
      ],
    },
  ];
}

/** A vital-sign Observation with a UCUM quantity. */
export function quantityObservation(
  rng: Rng,
  id: string,
  patientUrl: string,
  encounterUrl: string,
): Resource {
  const q = rng.pick(quantityObservations);
  const value = Math.round((q.min + rng.next() * (q.max - q.min)) * 10) / 10;
  return {
    resourceType: 'Observation',
    id,
    text: narrative(`${q.display}: ${value} ${q.unit}`),
    status: 'final',
    category: vitalSigns(),
    code: {
      coding: [
        { system: loinc, code: q.loinc, display: q.display },
        { system: snomed, code: q.snomed, display: q.display },
      ],
    },
    subject: ref(patientUrl),
    encounter: ref(encounterUrl),
    effectiveDateTime: isoDateTime(rng, 2018, 2025),
    valueQuantity: { value, unit: q.unit, system: ucum, code: q.unit },
  };
}

/** A blood-pressure Observation with systolic and diastolic components. */
export function bloodPressureObservation(
  rng: Rng,
  id: string,
  patientUrl: string,
  encounterUrl: string,
): Resource {
  const sys = rng.int(100, 170);
  const dia = rng.int(60, 100);
  const component = (
    c: { loinc: string; snomed: string; display: string },
    value: number,
  ): Record<string, unknown> => ({
    code: {
      coding: [
        { system: loinc, code: c.loinc, display: c.display },
        { system: snomed, code: c.snomed, display: c.display },
      ],
    },
    valueQuantity: { value, unit: 'mmHg', system: ucum, code: 'mm[Hg]' },
  });
  return {
    resourceType: 'Observation',
    id,
    text: narrative(`Blood pressure ${sys}/${dia} mmHg`),
    status: 'final',
    category: vitalSigns(),
    code: {
      coding: [
        { system: loinc, code: bloodPressure.panel.loinc, display: bloodPressure.panel.display },
        { system: snomed, code: bloodPressure.panel.snomed, display: bloodPressure.panel.display },
      ],
    },
    subject: ref(patientUrl),
    encounter: ref(encounterUrl),
    effectiveDateTime: isoDateTime(rng, 2018, 2025),
    component: [component(bloodPressure.systolic, sys), component(bloodPressure.diastolic, dia)],
  };
}

/** A MedicationRequest whose Medication is contained and referenced by `#med1`. */
export function medicationRequest(
  rng: Rng,
  id: string,
  patientUrl: string,
  encounterUrl: string,
): Resource {
  const med = rng.pick(medicationCodes);
  return {
    resourceType: 'MedicationRequest',
    id,
    text: narrative(`Prescribed ${med.display}`),
    contained: [
      {
        resourceType: 'Medication',
        id: 'med1',
        code: { coding: [{ system: snomed, code: med.code, display: med.display }] },
      },
    ],
    status: 'active',
    intent: 'order',
    medicationReference: { reference: '#med1' },
    subject: ref(patientUrl),
    encounter: ref(encounterUrl),
    authoredOn: isoDateTime(rng, 2020, 2025),
    dosageInstruction: [
      {
        text: 'One tablet twice a day',
        timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } },
      },
    ],
  };
}
