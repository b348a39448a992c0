/**
 * Building blocks for the FHIR partner examples: reproducible test-range NHS numbers, narrative,
 * deterministic Bundle entry ids, and small builders for the resources every partner shares.
 * People and organisations are made up; every NHS number is in the 999 test range with a valid
 * Modulus 11 check digit (computed, never typed in).
 * @module
 */
import { nhsNumberCheckDigit } from '../../src/rules/nhs-number.js';

/** A FHIR resource as plain JSON. */
export type Resource = Record<string, unknown> & { resourceType: string };

/** Identifier systems, code systems and extension URLs used by the examples (UK Core's where it has one). */
export const sys = {
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  ods: 'https://fhir.nhs.uk/Id/ods-organization-code',
  odsMisspelt: 'https://fhir.nhs.uk/Id/ods-organisation-code',
  cqcLocation: 'https://mdss.example.org/fhir/Id/cqc-location-id',
  gmp: 'https://fhir.hl7.org.uk/Id/gmp-number',
  nmc: 'https://fhir.hl7.org.uk/Id/nmc-number',
  sct: 'http://snomed.info/sct',
  dmd: 'https://dmd.nhs.uk',
  verification: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland',
  verificationExt:
    'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
  ethnicity: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
  ethnicityExt: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory',
  relationship: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-AdditionalPersonRelationshipRole',
  serviceType: 'https://mdss.example.org/fhir/CodeSystem/mdss-cld-service-type',
  eventType: 'https://mdss.example.org/fhir/CodeSystem/mdss-cld-event-type',
} as const;

/**
 * The n-th NHS number (n from 1) of the block 999 2xx xxx x that has a valid check digit. The
 * council examples use the start of the range; this block keeps the FHIR people apart from them.
 */
export function testNhsNumber(n: number): string {
  let found = 0;
  for (let i = 0; ; i++) {
    const nine = String(999200000 + i);
    const check = nhsNumberCheckDigit(nine);
    if (check !== undefined && ++found === n) return nine + String(check);
  }
}

/** The same number with its last digit changed so that the Modulus 11 check fails. */
export function wrongCheckDigit(nhs: string): string {
  const last = Number(nhs[9]);
  return nhs.slice(0, 9) + String((last + 1) % 10);
}

/** Narrative for a resource (keeps dom-6 quiet: shared records show the text to people). */
export function narrative(summary: string): { status: 'generated'; div: string } {
  return {
    status: 'generated',
    div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${summary}</p></div>`,
  };
}

/** A deterministic urn:uuid for entry `i` of partner `p` (both small integers). */
export function entryUrn(p: number, i: number): string {
  return `urn:uuid:5a1e${String(p).padStart(4, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

/** A CodeableConcept with one coding. */
export function concept(system: string, code: string, display: string): Record<string, unknown> {
  return { coding: [{ system, code, display }] };
}

/** A reference to a Bundle entry, with an optional display. */
export function ref(urn: string, display?: string): Record<string, unknown> {
  return display ? { reference: urn, display } : { reference: urn };
}

/** Options of {@link patient}. */
export interface PersonOptions {
  readonly nhs: number;
  readonly given: string;
  readonly family: string;
  readonly gender: 'male' | 'female' | 'other' | 'unknown';
  readonly birthDate: string;
  readonly postcode: string;
  readonly gp: { readonly urn?: string; readonly ods: string };
  readonly ethnicity?: readonly [string, string];
}

/** A Patient meeting the framework: verified NHS number, name, birth date, GP practice, postcode. */
export function patient(o: PersonOptions): Resource {
  return {
    resourceType: 'Patient',
    text: narrative(`${o.given} ${o.family}, born ${o.birthDate} (synthetic person)`),
    ...(o.ethnicity
      ? {
          extension: [
            {
              url: sys.ethnicityExt,
              valueCodeableConcept: concept(sys.ethnicity, o.ethnicity[0], o.ethnicity[1]),
            },
          ],
        }
      : {}),
    identifier: [
      {
        extension: [
          {
            url: sys.verificationExt,
            valueCodeableConcept: concept(sys.verification, '01', 'Number present and verified'),
          },
        ],
        system: sys.nhsNumber,
        value: testNhsNumber(o.nhs),
      },
    ],
    name: [{ use: 'official', family: o.family, given: [o.given] }],
    gender: o.gender,
    birthDate: o.birthDate,
    address: [
      { use: 'home', line: ['1 Pretend Street'], city: 'Northvale', postalCode: o.postcode },
    ],
    generalPractitioner: [
      {
        ...(o.gp.urn ? { reference: o.gp.urn } : {}),
        identifier: { system: sys.ods, value: o.gp.ods },
      },
    ],
  };
}

/** An Organization with an ODS code (and a CQC location id when given). */
export function organization(
  name: string,
  ods: string | undefined,
  postcode: string,
  cqc?: string,
): Resource {
  const identifier: Record<string, unknown>[] = [];
  if (ods) identifier.push({ system: sys.ods, value: ods });
  if (cqc) identifier.push({ system: sys.cqcLocation, value: cqc });
  return {
    resourceType: 'Organization',
    text: narrative(`${name} (fictional organisation)`),
    identifier,
    active: true,
    name,
    address: [{ line: ['Imaginary Road'], city: 'Northvale', postalCode: postcode }],
  };
}

/** A Practitioner with a professional register number. */
export function practitioner(
  given: string,
  family: string,
  system: string,
  value: string,
): Resource {
  return {
    resourceType: 'Practitioner',
    text: narrative(`${given} ${family} (fictional professional)`),
    identifier: [{ system, value }],
    name: [{ family, given: [given] }],
  };
}

/** A Bundle of type collection with a timestamp and a source, one entry per resource. */
export function feedBundle(p: number, source: string, resources: readonly Resource[]): Resource {
  return {
    resourceType: 'Bundle',
    meta: { source },
    type: 'collection',
    timestamp: '2026-10-01T09:00:00Z',
    entry: resources.map((resource, i) => ({ fullUrl: entryUrn(p, i), resource })),
  };
}
