/**
 * The FHIR partner examples of social care and voluntary sector partners: a care home provider and
 * a VCFSE organisation. For each, a valid feed and a copy with deliberate gaps; the gap lists are
 * written by hand from the framework's rules, and the test checks that validation finds exactly them.
 * @module
 */
import {
  append,
  clone,
  entries,
  entryExpr as e,
  gap,
  riversideOds,
  type Partner,
} from './partner.js';
import {
  concept,
  entryUrn,
  feedBundle,
  narrative,
  organization,
  patient,
  ref,
  sys,
  testNhsNumber,
  type Resource,
} from './resources.js';

function carer(
  p: number,
  nhs: number | undefined,
  given: string,
  family: string,
  patientUrn: string,
): Resource {
  return {
    resourceType: 'RelatedPerson',
    text: narrative(`${given} ${family}, carer (synthetic person)`),
    ...(nhs === undefined
      ? {}
      : { identifier: [{ system: sys.nhsNumber, value: testNhsNumber(nhs) }] }),
    patient: ref(patientUrn),
    relationship: [concept(sys.relationship, 'Carer', 'Carer of patient')],
    name: [{ family, given: [given] }],
    telecom: [{ system: 'phone', value: '01632 960001', use: 'mobile' }],
    address: [{ line: ['3 Pretend Street'], city: 'Northvale', postalCode: 'NV4 7DF' }],
  };
}

/** A care home provider: the home (CQC location id), a resident, their carer, a plan and a weight. */
export function careHome(): Partner {
  const p = 4;
  const [home, resident] = [entryUrn(p, 0), entryUrn(p, 1)];
  const resources: Resource[] = [
    organization('Sunrise Pretend Lodge Care Home', undefined, 'NV5 2HH', '1-999000001'),
    patient({
      nhs: 5,
      given: 'Ava',
      family: 'Example',
      gender: 'female',
      birthDate: '1936-02-29',
      postcode: 'NV5 2HH',
      gp: { ods: riversideOds },
      ethnicity: ['B', 'White - Irish'],
    }),
    carer(p, 6, 'Bea', 'Example', resident),
    {
      resourceType: 'CarePlan',
      text: narrative('Care and support plan at Sunrise Lodge'),
      status: 'active',
      intent: 'plan',
      category: [concept(sys.sct, '734163000', 'Care plan')],
      title: 'My care and support plan',
      description: 'How I like to be helped in the morning; my daughter visits on Sundays.',
      subject: ref(resident),
      period: { start: '2026-05-01' },
      author: ref(home),
    },
    {
      resourceType: 'Observation',
      text: narrative('Body weight 61.5 kg'),
      status: 'final',
      category: [
        concept(
          'http://terminology.hl7.org/CodeSystem/observation-category',
          'vital-signs',
          'Vital Signs',
        ),
      ],
      code: concept(sys.sct, '27113001', 'Body weight'),
      subject: ref(resident),
      effectiveDateTime: '2026-09-28T08:30:00Z',
      performer: [ref(home)],
      valueQuantity: { value: 61.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    },
  ];
  const valid = feedBundle(p, 'urn:mdss:example:sunrise-care-record', resources);
  const gaps = clone(valid);
  const [org, pat, rel, , obs] = entries(gaps);
  (org!['identifier'] as Record<string, unknown>[])[0]!['value'] = '1-12345';
  const ext = (
    pat!['extension'] as { valueCodeableConcept: { coding: Record<string, unknown>[] } }[]
  )[0]!;
  ext.valueCodeableConcept.coding[0] = {
    system: sys.ethnicity,
    code: 'Q',
    display: 'Not a national code',
  };
  const nhsId = (pat!['identifier'] as { extension: { valueCodeableConcept: unknown }[] }[])[0]!;
  nhsId.extension[0]!.valueCodeableConcept = concept(
    sys.verification,
    '02',
    'Number present but not traced',
  );
  delete rel!['relationship'];
  delete obs!['effectiveDateTime'];
  const agency = organization('Pretend Staffing Agency Ltd', undefined, 'NV5 9ZZ');
  agency['identifier'] = [{ system: 'https://agency.example.org/Id/supplier', value: 'AG-7' }];
  const sameDigits = carer(p, undefined, 'Cee', 'Example', resident);
  sameDigits['identifier'] = [{ system: sys.nhsNumber, value: '4444444444' }];
  const textOnly = carer(p, undefined, 'Dee', 'Example', resident);
  textOnly['relationship'] = [{ text: 'looks after her mum' }];
  append(gaps, p, agency, sameDigits, textOnly);
  return {
    dir: 'sunrise-care-home',
    title: 'Sunrise Pretend Lodge — care home provider (FHIR Bundle)',
    about:
      "A care home's digital social care record feed: the home (identified by its CQC location id), a resident, her daughter as carer, her care and support plan and a weight.",
    validFile: 'care-home-feed-valid.json',
    gapsFile: 'care-home-feed.json',
    valid,
    gaps,
    gapList: [
      gap(
        e(0, '.identifier[0].value'),
        'england.cqc-id-format',
        'warning',
        ['MDS-09'],
        'CQC location id too short',
      ),
      gap(
        e(1),
        'invariant.failed',
        'warning',
        ['MDS-04', 'MDS-15'],
        'NHS number present but not traced (verification status 02, mds-04)',
      ),
      gap(
        e(1, '.extension[0].value.ofType(CodeableConcept)'),
        'binding.not-in-value-set-extensible',
        'warning',
        ['MDS-12'],
        'ethnic category code Q is not a national code',
      ),
      gap(
        e(2),
        'cardinality.too-few',
        'error',
        ['MDS-15', 'MDS-19'],
        'carer with no relationship',
        'RelatedPerson.relationship',
      ),
      gap(
        e(4),
        'cardinality.too-few',
        'error',
        ['MDS-15'],
        'weight with no date',
        'Observation.effective[x]',
      ),
      gap(
        e(5),
        'invariant.failed',
        'error',
        ['MDS-08', 'MDS-15'],
        'agency identified only by a local supplier number: no ODS code or CQC location id (mds-08)',
      ),
      gap(
        e(6, '.identifier[0].value'),
        'england.nhs-number-same-digits',
        'error',
        ['MDS-02'],
        'NHS number of ten equal digits',
      ),
      gap(
        e(7),
        'invariant.failed',
        'warning',
        ['MDS-15', 'MDS-19'],
        'carer relationship written as text only, not coded (mds-19)',
      ),
    ],
  };
}

/** A VCFSE organisation: itself, a person it supports and an observation about them. */
export function vcfse(): Partner {
  const p = 5;
  const [org, person] = [entryUrn(p, 0), entryUrn(p, 1)];
  const resources: Resource[] = [
    organization('Northvale Pretend Befriending Network', '8NV12', 'NV6 1AB'),
    patient({
      nhs: 7,
      given: 'Sam',
      family: 'Placeholder',
      gender: 'male',
      birthDate: '1949-10-10',
      postcode: 'NV6 4RT',
      gp: { ods: riversideOds },
    }),
    {
      resourceType: 'Observation',
      text: narrative('Lives alone'),
      status: 'final',
      category: [
        concept(
          'http://terminology.hl7.org/CodeSystem/observation-category',
          'social-history',
          'Social History',
        ),
      ],
      code: concept(sys.sct, '105529008', 'Lives alone'),
      subject: ref(person),
      effectiveDateTime: '2026-09-12',
      performer: [ref(org)],
    },
  ];
  const valid = feedBundle(p, 'urn:mdss:example:northvale-befriending', resources);
  const gaps = clone(valid);
  const [o, pat] = entries(gaps);
  (o!['identifier'] as Record<string, unknown>[])[0]!['value'] = '8nv-12';
  delete pat!['name'];
  (pat!['generalPractitioner'] as { identifier: Record<string, unknown> }[])[0]!.identifier[
    'value'
  ] = 'V81999';
  return {
    dir: 'northvale-vcfse',
    title: 'Northvale Pretend Befriending Network — VCFSE organisation (FHIR Bundle)',
    about:
      "A voluntary sector organisation's small feed: itself, a person it befriends and one social observation.",
    validFile: 'vcfse-feed-valid.json',
    gapsFile: 'vcfse-feed.json',
    valid,
    gaps,
    gapList: [
      gap(
        e(0, '.identifier[0].value'),
        'england.ods-code-format',
        'error',
        ['MDS-08'],
        'ODS code in lower case with a dash',
      ),
      gap(
        e(1),
        'cardinality.too-few',
        'error',
        ['MDS-06', 'MDS-15'],
        'a person with no name',
        'Patient.name',
      ),
      gap(
        e(1, '.generalPractitioner[0].identifier.value'),
        'england.ods-code-pseudo',
        'information',
        [],
        'GP practice given as the default code V81999 (practice not known)',
      ),
    ],
  };
}
