/**
 * Issue 15, third pass: what the HL7 validator decides without a terminology server or a package,
 * written as general rules on small inputs — codes, FHIRPath locations and severities (never text).
 * - a code that breaks its code system's identifier syntax (SNOMED CT, LOINC);
 * - an extension whose definition cannot be found, by the namespace of its url;
 * - the vital signs profile implied by related LOINC and SNOMED CT codes.
 */
import { describe, expect, it } from 'vitest';
import { codeSyntaxProblem, loincCheckDigit } from '../../src/fhir/validator/code-syntax.js';
import { unknownExtensionSeverity } from '../../src/fhir/validator/extension-namespaces.js';
import type { Issue } from '../../src/issues/issue.js';
import { createNodeValidator } from '../../src/node/create-node-validator.js';
import { baseValidator } from '../support/shared-validator.js';

const v = baseValidator();
const located = (issues: readonly Issue[], code: string) =>
  issues
    .filter((i) => i.code === code)
    .map((i) => `${i.severity} @ ${i.expression}`)
    .sort();
const errors = (issues: readonly Issue[]) =>
  issues.filter((i) => i.severity === 'error').map((i) => `${i.code} @ ${i.expression}`);

const sct = 'http://snomed.info/sct';
const loinc = 'http://loinc.org';

describe('code syntax of SNOMED CT and LOINC', () => {
  it('SNOMED CT: concept ids pass; short, lettered, wrong check digit, description ids do not', () => {
    expect(codeSyntaxProblem(sct, '22298006')).toBeUndefined();
    expect(codeSyntaxProblem(sct, '9298001000001101')).toBeUndefined(); // dm+d, long format
    expect(codeSyntaxProblem(sct, '1')).toBe('sctid-format');
    expect(codeSyntaxProblem(sct, '22298006x')).toBe('sctid-format');
    expect(codeSyntaxProblem(sct, '22298007')).toBe('sctid-check-digit');
    expect(codeSyntaxProblem(sct, '1234567013')).toBe('sctid-not-concept'); // description partition 01
  });

  it('SNOMED CT expressions (compositional grammar) are left alone', () => {
    expect(codeSyntaxProblem(sct, '22298006:363698007=12345')).toBeUndefined();
    expect(codeSyntaxProblem(sct, '22298006 |Myocardial infarction|')).toBeUndefined();
  });

  it('LOINC: terms need the mod-10 check digit; parts and answers need their shape', () => {
    expect(loincCheckDigit('8310')).toBe(5);
    expect(codeSyntaxProblem(loinc, '8310-5')).toBeUndefined();
    expect(codeSyntaxProblem(loinc, '85354-9')).toBeUndefined();
    expect(codeSyntaxProblem(loinc, '8310-4')).toBe('loinc-check-digit');
    expect(codeSyntaxProblem(loinc, '8310')).toBe('loinc-format');
    expect(codeSyntaxProblem(loinc, 'blood-pressure')).toBe('loinc-format');
    expect(codeSyntaxProblem(loinc, 'LA6576-8')).toBeUndefined();
    expect(codeSyntaxProblem(loinc, 'LP14082-9')).toBeUndefined();
    expect(codeSyntaxProblem(loinc, 'LX1-2')).toBe('loinc-format');
  });

  it('BCP 47: well-formed language tags pass, malformed ones do not (registration is not checked)', () => {
    const bcp47 = 'urn:ietf:bcp:47';
    for (const tag of [
      'en',
      'en-GB',
      'cy-GB',
      'zh-Hant-TW',
      'sr-Latn-RS',
      'es-419',
      'de-CH-1996',
      'en-GB-oed',
      'i-klingon',
      'x-private',
      'en-a-bbb-x-ccc',
    ])
      expect(codeSyntaxProblem(bcp47, tag), tag).toBeUndefined();
    for (const tag of ['englishlanguage', 'en_GB', 'en-', 'e', 'en-GB-', '123', 'en GB'])
      expect(codeSyntaxProblem(bcp47, tag), tag).toBe('bcp47-format');
  });

  it('MIME types: type/subtype with optional parameters (registration is not checked)', () => {
    const bcp13 = 'urn:ietf:bcp:13';
    for (const type of [
      'application/pdf',
      'text/cql.identifier',
      'application/fhir+json',
      'text/plain; charset=utf-8',
    ])
      expect(codeSyntaxProblem(bcp13, type), type).toBeUndefined();
    for (const type of ['pdf', 'application/', '/pdf', 'text/plain;', 'application pdf'])
      expect(codeSyntaxProblem(bcp13, type), type).toBe('mime-format');
  });

  it('adversarial long inputs get an answer (no catastrophic backtracking in the shapes)', () => {
    const n = 100_000;
    for (const code of [
      `${'a-'.repeat(n / 2)}!`,
      `${'-aaaaa'.repeat(n / 6)}!`,
      `a/${'b'.repeat(n)}; x=${'y'.repeat(n)}!`,
    ])
      for (const system of ['urn:ietf:bcp:47', 'urn:ietf:bcp:13', sct, loinc])
        expect(['undefined', 'string']).toContain(typeof codeSyntaxProblem(system, code));
  });

  it('other systems are not judged', () => {
    expect(codeSyntaxProblem('http://example.org/cs', '1')).toBeUndefined();
  });

  const observation = (coding: unknown[]) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding },
    subject: { reference: 'Patient/1' },
  });

  it('an impossible code in a Coding is an error at its code, whatever the binding', () => {
    const r = v.validate(
      observation([
        { system: loinc, code: '29463-7' },
        { system: sct, code: '27113001x' },
      ]),
    );
    expect(located(r.issues, 'binding.code-invalid-syntax')).toEqual([
      'error @ Observation.code.coding[1].code',
    ]);
  });

  it('a malformed language tag in a Coding is an error at its code', () => {
    const r = v.validate({
      resourceType: 'Patient',
      communication: [
        { language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'en_GB' }] } },
        { language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'cy-GB' }] } },
      ],
    });
    expect(located(r.issues, 'binding.code-invalid-syntax')).toEqual([
      'error @ Patient.communication[0].language.coding[0].code',
    ]);
  });

  it('a LOINC code with a wrong check digit in a Coding is an error; a good one is not', () => {
    const bad = v.validate(observation([{ system: loinc, code: '1234-5' }]));
    expect(located(bad.issues, 'binding.code-invalid-syntax')).toEqual([
      'error @ Observation.code.coding[0].code',
    ]);
    const good = v.validate(observation([{ system: loinc, code: '1234-4' }]));
    expect(located(good.issues, 'binding.code-invalid-syntax')).toEqual([]);
  });

  it('impossible codes listed in a ValueSet compose are errors at the concept', () => {
    const r = v.validate({
      resourceType: 'ValueSet',
      url: 'https://mdss.example.org/fhir/ValueSet/x',
      status: 'draft',
      compose: {
        include: [{ system: sct, concept: [{ code: '22298006' }, { code: '12' }] }],
      },
    });
    expect(located(r.issues, 'binding.code-invalid-syntax')).toEqual([
      'error @ ValueSet.compose.include[0].concept[1]',
    ]);
  });
});

describe('unknown extensions by namespace', () => {
  it('outside the lenient namespaces an unknown extension is an error', () => {
    for (const url of [
      'https://supplier.example.co.uk/fhir/StructureDefinition/x',
      'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-launchContext',
      'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
      'urn:oid:1.2.3',
    ])
      expect(unknownExtensionSeverity(url, true), url).toBe('error');
  });

  it('HL7 core, tools and test namespaces, DICOM, England and example domains stay warnings', () => {
    for (const url of [
      'http://hl7.org/fhir/StructureDefinition/organization-brand',
      'http://hl7.org/fhir/tools/StructureDefinition/valueset-parameter',
      'http://hl7.org/fhir/test/StructureDefinition/x',
      'http://hl7.org/fhir/5.0/StructureDefinition/extension-Patient.x',
      'http://nema.org/dicom/x',
      'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-Unknown',
      'https://fhir.nhs.uk/StructureDefinition/Extension-Unknown',
      'http://example.org/fhir/StructureDefinition/x',
      'http://acme.com/ext',
    ])
      expect(unknownExtensionSeverity(url, true), url).toBe('warning');
  });

  it('example domains are errors when example URLs are not allowed', () => {
    expect(unknownExtensionSeverity('http://example.org/fhir/StructureDefinition/x', false)).toBe(
      'error',
    );
  });

  const patient = (url: string) => ({
    resourceType: 'Patient',
    extension: [{ url, valueString: 'x' }],
    birthDate: '1970-01-01',
    _birthDate: { extension: [{ url, valueString: 'x' }] },
  });

  it('on a resource and on a primitive, an unknown extension from a supplier domain is an error at the extension', () => {
    const r = v.validate(patient('https://supplier.example.co.uk/fhir/StructureDefinition/age'));
    expect(located(r.issues, 'extension.unknown')).toEqual([
      'error @ Patient.birthDate.extension[0]',
      'error @ Patient.extension[0]',
    ]);
  });

  it('an HL7 core-namespace or UK Core extension not loaded is a warning', () => {
    for (const url of [
      'http://hl7.org/fhir/StructureDefinition/patient-unknown',
      'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-Unknown',
    ]) {
      const r = v.validate(patient(url));
      expect(located(r.issues, 'extension.unknown')).toEqual([
        'warning @ Patient.birthDate.extension[0]',
        'warning @ Patient.extension[0]',
      ]);
      expect(errors(r.issues)).toEqual([]);
    }
  });

  it('the unknownExtensionsAsWarnings option keeps every unknown extension a warning', () => {
    const lenient = createNodeValidator([], {
      framework: 'none',
      engine: { unknownExtensionsAsWarnings: true },
    });
    const r = lenient.validate(
      patient('https://supplier.example.co.uk/fhir/StructureDefinition/age'),
    );
    expect(located(r.issues, 'extension.unknown')).toEqual([
      'warning @ Patient.birthDate.extension[0]',
      'warning @ Patient.extension[0]',
    ]);
  });

  it('an allowed extension domain silences it', () => {
    const allowed = createNodeValidator([], {
      framework: 'none',
      engine: { allowedExtensionDomains: ['https://supplier.example.co.uk/fhir/'] },
    });
    const r = allowed.validate(
      patient('https://supplier.example.co.uk/fhir/StructureDefinition/age'),
    );
    expect(located(r.issues, 'extension.unknown')).toEqual([]);
  });
});

describe('vital signs profiles implied by related codes', () => {
  const obs = (coding: unknown[], extra: Record<string, unknown> = {}) => ({
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: 'vital-signs',
          },
        ],
      },
    ],
    code: { coding },
    subject: { reference: 'Patient/1' },
    effectiveDateTime: '2024-01-01',
    ...extra,
  });
  const temp = {
    valueQuantity: { value: 37, unit: 'Cel', system: 'http://unitsofmeasure.org', code: 'Cel' },
  };

  it('a SNOMED CT body temperature code without LOINC 8310-5 fails bodytemp at Observation.code', () => {
    const r = v.validate(obs([{ system: sct, code: '276885007' }], temp));
    expect(errors(r.issues).filter((e) => e.endsWith('@ Observation.code'))).not.toEqual([]);
  });

  it('with LOINC 8310-5 beside it, the Observation conforms', () => {
    const r = v.validate(
      obs(
        [
          { system: loinc, code: '8310-5' },
          { system: sct, code: '276885007' },
        ],
        temp,
      ),
    );
    expect(errors(r.issues)).toEqual([]);
  });

  it('a related LOINC code (systolic by noninvasive) implies bp: its required code and components are missing', () => {
    const r = v.validate(
      obs([{ system: loinc, code: '76534-7' }], {
        valueQuantity: {
          value: 120,
          unit: 'mm[Hg]',
          system: 'http://unitsofmeasure.org',
          code: 'mm[Hg]',
        },
      }),
    );
    const e = errors(r.issues);
    expect(e.some((x) => x.endsWith('@ Observation.code'))).toBe(true);
  });

  it('an Observation with an unrelated code gets no vital signs profile', () => {
    const r = v.validate(obs([{ system: loinc, code: '1234-4' }], temp));
    expect(errors(r.issues)).toEqual([]);
  });
});

describe('for publication: HL7 resources name their work group', () => {
  const pub = createNodeValidator([], { framework: 'none', engine: { forPublication: true } });
  const codeSystem = (url: string, extension?: unknown[]) => ({
    resourceType: 'CodeSystem',
    url,
    status: 'draft',
    content: 'complete',
    concept: [{ code: 'a' }],
    ...(extension ? { extension } : {}),
  });
  const wg = [
    { url: 'http://hl7.org/fhir/StructureDefinition/structuredefinition-wg', valueCode: 'fhir' },
  ];

  it('an HL7-namespace CodeSystem without structuredefinition-wg is an error at the resource', () => {
    const r = pub.validate(codeSystem('http://hl7.org/fhir/narrative-status'));
    expect(located(r.issues, 'canonical.hl7-workgroup-missing')).toEqual(['error @ CodeSystem']);
  });

  it('with the work group, outside HL7, under /fhir/sid/ or without the option it is fine', () => {
    for (const r of [
      pub.validate(codeSystem('http://hl7.org/fhir/narrative-status', wg)),
      pub.validate(codeSystem('https://mdss.example.org/fhir/CodeSystem/x')),
      pub.validate(codeSystem('http://hl7.org/fhir/sid/x')),
      v.validate(codeSystem('http://hl7.org/fhir/narrative-status')),
    ])
      expect(located(r.issues, 'canonical.hl7-workgroup-missing')).toEqual([]);
  });
});

describe('a reference whose required target profile is not loaded', () => {
  const profile = {
    resourceType: 'StructureDefinition',
    url: 'https://mdss.example.org/fhir/StructureDefinition/org-with-endpoint',
    name: 'OrgWithEndpoint',
    status: 'draft',
    fhirVersion: '4.0.1',
    kind: 'resource',
    abstract: false,
    type: 'Organization',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Organization',
    derivation: 'constraint',
    differential: {
      element: [
        { id: 'Organization', path: 'Organization' },
        {
          id: 'Organization.endpoint',
          path: 'Organization.endpoint',
          type: [
            {
              code: 'Reference',
              targetProfile: ['https://mdss.example.org/fhir/StructureDefinition/not-loaded'],
            },
          ],
        },
      ],
    },
  };
  const withProfile = createNodeValidator([profile], { framework: 'none' });
  const bundle = (endpointRef: string) => ({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        fullUrl: 'https://mdss.example.org/fhir/Organization/o1',
        resource: {
          resourceType: 'Organization',
          id: 'o1',
          meta: { profile: [profile.url] },
          name: 'Org',
          endpoint: [{ reference: endpointRef }],
        },
      },
      {
        fullUrl: 'https://mdss.example.org/fhir/Endpoint/e1',
        resource: {
          resourceType: 'Endpoint',
          id: 'e1',
          status: 'active',
          connectionType: {
            system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
            code: 'hl7-fhir-rest',
          },
          payloadType: [{ text: 'any' }],
          address: 'https://mdss.example.org/fhir',
        },
      },
    ],
  });

  it('resolved in the Bundle: an error at the reference', () => {
    const r = withProfile.validate(bundle('Endpoint/e1'));
    expect(located(r.issues, 'reference.target-profile-unresolved')).toEqual([
      'error @ Bundle.entry[0].resource.endpoint[0]',
    ]);
  });

  it('not resolved: not judged', () => {
    const r = withProfile.validate(bundle('Endpoint/elsewhere'));
    expect(located(r.issues, 'reference.target-profile-unresolved')).toEqual([]);
  });
});
