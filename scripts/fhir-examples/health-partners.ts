/**
 * The FHIR partner examples of health partners: a GP practice, an acute trust and a mental health
 * and community trust. For each, a valid feed and a copy with deliberate gaps; the gap lists are
 * written by hand from the framework's rules, and the test checks that validation finds exactly them.
 * @module
 */
import {
  append,
  badPartitionSctid,
  clone,
  entries,
  entryExpr,
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
  practitioner,
  ref,
  sys,
  testNhsNumber,
  wrongCheckDigit,
  type Resource,
} from './resources.js';

export function riverside(): Partner {
  const p = 1;
  const [org, dr, pat] = [entryUrn(p, 0), entryUrn(p, 1), entryUrn(p, 2)];
  const resources: Resource[] = [
    organization('Riverside Pretend Surgery', riversideOds, 'LS1 4AP'),
    practitioner('Imaginary', 'Doctorson', sys.gmp, 'G8000017'),
    patient({
      nhs: 1,
      given: 'Testy',
      family: 'Riverside',
      gender: 'female',
      birthDate: '1958-03-14',
      postcode: 'LS6 2QT',
      gp: { urn: org, ods: riversideOds },
      ethnicity: ['A', 'White - British'],
    }),
    {
      resourceType: 'Condition',
      text: narrative('Type 2 diabetes'),
      clinicalStatus: concept(
        'http://terminology.hl7.org/CodeSystem/condition-clinical',
        'active',
        'Active',
      ),
      verificationStatus: concept(
        'http://terminology.hl7.org/CodeSystem/condition-ver-status',
        'confirmed',
        'Confirmed',
      ),
      category: [
        concept(
          'http://terminology.hl7.org/CodeSystem/condition-category',
          'problem-list-item',
          'Problem List Item',
        ),
      ],
      code: concept(sys.sct, '44054006', 'Diabetes mellitus type 2'),
      subject: ref(pat),
      onsetDateTime: '2019-05-02',
      recordedDate: '2019-05-02',
      recorder: ref(dr),
    },
    {
      resourceType: 'AllergyIntolerance',
      text: narrative('Allergy to penicillin'),
      clinicalStatus: concept(
        'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
        'active',
        'Active',
      ),
      verificationStatus: concept(
        'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
        'confirmed',
        'Confirmed',
      ),
      code: concept(sys.sct, '91936005', 'Allergy to penicillin'),
      patient: ref(pat),
      recordedDate: '2012-11-20',
      recorder: ref(dr),
    },
    {
      resourceType: 'MedicationStatement',
      text: narrative('Amoxicillin capsules'),
      status: 'completed',
      medicationCodeableConcept: concept(
        sys.dmd,
        '39732311000001104',
        'Amoxicillin 250mg capsules',
      ),
      subject: ref(pat),
      effectivePeriod: { start: '2026-09-01', end: '2026-09-08' },
      dateAsserted: '2026-09-01',
      informationSource: ref(dr),
    },
  ];
  const valid = feedBundle(p, 'urn:mdss:example:riverside-gp-system', resources);
  const gaps = clone(valid);
  const [o, , pt, cond, allergy, med] = entries(gaps);
  (o!['identifier'] as Record<string, unknown>[])[0]!['system'] = sys.odsMisspelt;
  (pt!['identifier'] as Record<string, unknown>[])[0]!['value'] = wrongCheckDigit(testNhsNumber(1));
  (cond!['code'] as { coding: Record<string, unknown>[] }).coding[0]!['code'] = '44054007';
  allergy!['code'] = { text: 'Penicillin allergy' };
  delete med!['informationSource'];
  const noNhs = patient({
    nhs: 2,
    given: 'Justa',
    family: 'Sample',
    gender: 'male',
    birthDate: '1971-07-30',
    postcode: 'LS7 3JB',
    gp: { urn: org, ods: riversideOds },
  });
  noNhs['identifier'] = [
    { system: 'https://riverside.example.org/Id/patient-record-number', value: 'RPS-0042' },
  ];
  (noNhs['generalPractitioner'] as { identifier: Record<string, unknown> }[])[0]!.identifier[
    'system'
  ] = sys.odsMisspelt;
  const uncoded = clone(resources[4]!);
  delete uncoded['code'];
  append(gaps, p, noNhs, uncoded);
  const e = entryExpr;
  return {
    dir: 'riverside-gp-practice',
    title: 'Riverside Pretend Surgery — GP practice (FHIR Bundle)',
    about:
      "A GP practice's feed to the shared care record: the practice, a GP, a registered person and their problem, allergy and medicine.",
    validFile: 'gp-feed-valid.json',
    gapsFile: 'gp-feed.json',
    valid,
    gaps,
    gapList: [
      gap(
        e(0),
        'invariant.failed',
        'error',
        ['MDS-08', 'MDS-15'],
        'practice ODS code under the misspelt system …/ods-organisation-code (mds-08)',
      ),
      gap(
        e(2, '.identifier[0].value'),
        'england.nhs-number-check-digit',
        'error',
        ['MDS-02'],
        'NHS number fails Modulus 11',
      ),
      gap(
        e(3, '.code.coding[0].code'),
        'england.sctid-check-digit',
        'error',
        ['MDS-13'],
        'SNOMED CT code with a wrong Verhoeff check digit',
      ),
      gap(
        e(4),
        'invariant.failed',
        'error',
        ['MDS-15', 'MDS-16'],
        'allergy recorded as text only, no coding (mds-16)',
      ),
      gap(
        e(5),
        'invariant.failed',
        'warning',
        ['MDS-15', 'MDS-18'],
        'medicine with no information source (mds-18)',
      ),
      gap(
        e(6),
        'cardinality.too-few',
        'error',
        ['MDS-01', 'MDS-15'],
        'a person with a local record number and no NHS number',
        'Patient.identifier:nhsNumber',
      ),
      gap(
        e(6),
        'invariant.failed',
        'warning',
        ['MDS-05', 'MDS-15'],
        'and no NHS number unavailable reason (mds-05)',
      ),
      gap(
        e(6, '.generalPractitioner[0]'),
        'invariant.failed',
        'error',
        ['MDS-07', 'MDS-15'],
        'GP practice identified under the misspelt ODS system (mds-07)',
      ),
      gap(
        e(7),
        'cardinality.too-few',
        'error',
        ['MDS-15', 'MDS-16'],
        'an allergy record with no code at all',
        'AllergyIntolerance.code',
      ),
    ],
  };
}

export function acute(): Partner {
  const p = 2;
  const [org, dr, pat] = [entryUrn(p, 0), entryUrn(p, 1), entryUrn(p, 2)];
  const resources: Resource[] = [
    organization('Northvale Pretend Hospitals NHS Trust', 'R9N', 'NV1 1AA'),
    practitioner('Fictiona', 'Consultant', 'https://fhir.hl7.org.uk/Id/gmc-number', '7000001'),
    patient({
      nhs: 3,
      given: 'Fakey',
      family: 'Inpatient',
      gender: 'male',
      birthDate: '1944-12-01',
      postcode: 'NV2 3BD',
      gp: { ods: riversideOds },
    }),
    {
      resourceType: 'Encounter',
      text: narrative('Emergency admission, 3 days'),
      status: 'finished',
      class: {
        system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
        code: 'IMP',
        display: 'inpatient encounter',
      },
      type: [concept(sys.sct, '32485007', 'Hospital admission')],
      subject: ref(pat),
      period: { start: '2026-09-20T14:05:00Z', end: '2026-09-23T11:30:00Z' },
      serviceProvider: ref(org),
    },
    {
      resourceType: 'Observation',
      text: narrative('Heart rate 72 per minute'),
      status: 'final',
      category: [
        concept(
          'http://terminology.hl7.org/CodeSystem/observation-category',
          'vital-signs',
          'Vital Signs',
        ),
      ],
      code: concept(sys.sct, '364075005', 'Heart rate'),
      subject: ref(pat),
      effectiveDateTime: '2026-09-20T15:00:00Z',
      performer: [ref(dr)],
      valueQuantity: {
        value: 72,
        unit: 'beats/minute',
        system: 'http://unitsofmeasure.org',
        code: '/min',
      },
    },
    {
      resourceType: 'Condition',
      text: narrative('Hypertension'),
      clinicalStatus: concept(
        'http://terminology.hl7.org/CodeSystem/condition-clinical',
        'active',
        'Active',
      ),
      code: concept(sys.sct, '38341003', 'Hypertensive disorder'),
      subject: ref(pat),
      recordedDate: '2026-09-21',
      asserter: ref(dr),
    },
    {
      resourceType: 'DocumentReference',
      text: narrative('Discharge summary'),
      status: 'current',
      type: concept(sys.sct, '373942005', 'Discharge summary'),
      subject: ref(pat),
      date: '2026-09-23T12:00:00Z',
      author: [ref(dr)],
      custodian: ref(org),
      content: [
        {
          attachment: {
            contentType: 'application/pdf',
            url: 'https://northvale-acute.example.org/documents/ds-0001.pdf',
            title: 'Discharge summary',
          },
        },
      ],
    },
  ];
  const valid = feedBundle(p, 'urn:mdss:example:northvale-acute-pas', resources);
  const gaps = clone(valid);
  const [, , pt, enc, obs, , doc] = entries(gaps);
  pt!['birthDate'] = '2090-01-01';
  (pt!['address'] as Record<string, unknown>[])[0]!['postalCode'] = 'NV2 3B';
  delete enc!['subject'];
  (obs!['code'] as { coding: Record<string, unknown>[] }).coding[0]!['code'] = badPartitionSctid();
  delete obs!['performer'];
  delete doc!['type'];
  const e = entryExpr;
  return {
    dir: 'northvale-acute-trust',
    title: 'Northvale Pretend Hospitals NHS Trust — acute trust (FHIR Bundle)',
    about:
      "An acute trust's feed after a stay: the admission, an observation, a diagnosis and the discharge summary.",
    validFile: 'acute-feed-valid.json',
    gapsFile: 'acute-feed.json',
    valid,
    gaps,
    gapList: [
      gap(
        e(2),
        'invariant.failed',
        'error',
        ['MDS-06', 'MDS-15'],
        'date of birth in the future (mds-06)',
      ),
      gap(
        e(2, '.address[0].postalCode'),
        'england.postcode-format',
        'warning',
        ['MDS-10'],
        'postcode with a short inward code',
      ),
      gap(
        e(3),
        'cardinality.too-few',
        'error',
        ['MDS-15'],
        'an admission with no subject',
        'Encounter.subject',
      ),
      gap(
        e(4),
        'invariant.failed',
        'warning',
        ['MDS-15', 'MDS-18'],
        'observation with no performer (mds-18)',
      ),
      gap(
        e(4, '.code.coding[0].code'),
        'england.sctid-partition',
        'error',
        ['MDS-13'],
        'SNOMED CT code with partition 03, which does not exist',
      ),
      gap(
        e(6),
        'cardinality.too-few',
        'error',
        ['MDS-15'],
        'a document with no type',
        'DocumentReference.type',
      ),
    ],
  };
}

export function mentalHealth(): Partner {
  const p = 3;
  const [org, nurse, pat] = [entryUrn(p, 0), entryUrn(p, 1), entryUrn(p, 2)];
  const episode = (
    type: Record<string, unknown>,
    status: string,
    period: Record<string, string>,
    summary: string,
  ): Resource => ({
    resourceType: 'EpisodeOfCare',
    text: narrative(summary),
    status,
    type: [type],
    patient: ref(pat),
    managingOrganization: ref(org),
    period,
    careManager: ref(nurse),
  });
  const resources: Resource[] = [
    organization('Northvale Pretend Mind and Community NHS Trust', 'R9M', 'NV3 4BE'),
    practitioner('Notta', 'Realnurse', sys.nmc, '99X9999E'),
    patient({
      nhs: 4,
      given: 'Imma',
      family: 'Madeup',
      gender: 'female',
      birthDate: '1987-06-09',
      postcode: 'NV3 9ZX',
      gp: { ods: riversideOds },
      ethnicity: ['N', 'Black or Black British - African'],
    }),
    episode(
      concept(sys.serviceType, 'lts-community', 'Long Term Support: Community'),
      'active',
      { start: '2026-04-01' },
      'Community support package (section 117 aftercare), open',
    ),
    episode(
      concept(sys.eventType, 'assessment', 'Assessment'),
      'finished',
      { start: '2026-02-10', end: '2026-03-15' },
      'Care Act assessment, completed',
    ),
    {
      resourceType: 'CarePlan',
      text: narrative('Care and support plan'),
      status: 'active',
      intent: 'plan',
      category: [concept(sys.sct, '734163000', 'Care plan')],
      title: 'Care and support plan',
      description: 'What matters to me: staying in my flat and seeing my sister every week.',
      subject: ref(pat),
      period: { start: '2026-04-01' },
      created: '2026-03-20',
      author: ref(nurse),
      activity: [
        { detail: { status: 'in-progress', description: 'Weekly visit from the community team' } },
      ],
    },
    {
      resourceType: 'Consent',
      text: narrative('Consent to share with the shared care record'),
      status: 'active',
      scope: concept(
        'http://terminology.hl7.org/CodeSystem/consentscope',
        'patient-privacy',
        'Privacy Consent',
      ),
      category: [
        concept('http://terminology.hl7.org/CodeSystem/v3-ActCode', 'INFA', 'information access'),
      ],
      patient: ref(pat),
      dateTime: '2026-03-20T10:00:00Z',
      performer: [ref(pat)],
      organization: [ref(org)],
      policy: [{ uri: 'https://northvale-mh.example.org/policies/shared-care-record' }],
      provision: { type: 'permit', period: { start: '2026-03-20' } },
    },
    {
      resourceType: 'Flag',
      text: narrative('At risk of falls'),
      status: 'active',
      category: [
        concept('http://terminology.hl7.org/CodeSystem/flag-category', 'safety', 'Safety'),
      ],
      code: concept(sys.sct, '129839007', 'At risk for falls'),
      subject: ref(pat),
      period: { start: '2026-03-15' },
      author: ref(nurse),
    },
  ];
  const valid = feedBundle(p, 'urn:mdss:example:northvale-mh-epr', resources);
  const gaps = clone(valid);
  const [, , , service, assessment, plan, consent, flag] = entries(gaps);
  service!['status'] = 'waitlist';
  delete (assessment!['period'] as Record<string, string>)['end'];
  delete plan!['author'];
  delete consent!['dateTime'];
  (flag!['code'] as { coding: Record<string, unknown>[] }).coding[0]!['code'] = '129839006';
  append(
    gaps,
    p,
    episode(
      concept(sys.sct, '710081004', 'Smoking cessation therapy'),
      'finished',
      { start: '2026-01-05', end: '2026-03-01' },
      'A health episode coded in SNOMED CT only',
    ),
    {
      ...episode(
        concept(sys.serviceType, 'sts-st-max', 'Short Term Support: ST-Max'),
        'active',
        {},
        'Reablement with no period',
      ),
      period: undefined,
    },
  );
  const e = entryExpr;
  return {
    dir: 'northvale-mental-health-trust',
    title:
      'Northvale Pretend Mind and Community NHS Trust — mental health and community trust (FHIR Bundle)',
    about:
      "A mental health and community trust's feed: social care episodes it provides under section 117 (CLD service types), a care and support plan, consent to share and a warning flag.",
    validFile: 'mh-feed-valid.json',
    gapsFile: 'mh-feed.json',
    valid,
    gaps,
    gapList: [
      gap(
        e(3, '.status'),
        'binding.not-in-value-set',
        'error',
        ['MDS-14'],
        'episode status waitlist, outside the social care status list',
      ),
      gap(
        e(4),
        'invariant.failed',
        'error',
        ['MDS-15', 'MDS-17'],
        'an assessment with no end date: only services may stay open (mds-17)',
      ),
      gap(
        e(5),
        'invariant.failed',
        'warning',
        ['MDS-15', 'MDS-18'],
        'care and support plan with no author (mds-18)',
      ),
      gap(
        e(6),
        'cardinality.too-few',
        'error',
        ['MDS-15'],
        'consent with no date',
        'Consent.dateTime',
      ),
      gap(
        e(7, '.code.coding[0].code'),
        'england.sctid-check-digit',
        'error',
        ['MDS-13'],
        'SNOMED CT code with a wrong Verhoeff check digit',
      ),
      gap(
        e(8, '.type[0]'),
        'binding.not-in-value-set',
        'error',
        ['MDS-14'],
        'episode typed with a SNOMED CT code only, not a CLD service or event type (the UK Core smoking cessation example shape)',
      ),
      gap(
        e(9),
        'cardinality.too-few',
        'error',
        ['MDS-15', 'MDS-17'],
        'an episode with no period (so no start date)',
        'EpisodeOfCare.period',
      ),
    ],
  };
}
