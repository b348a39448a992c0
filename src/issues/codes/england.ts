import type { CodeFamily } from '../code-definition.js';

const nhsNumberSpec = 'https://www.datadictionary.nhs.uk/attributes/nhs_number.html';
const odsSpec = 'https://www.datadictionary.nhs.uk/attributes/organisation_code.html';
const sctidSpec = 'https://confluence.ihtsdotools.org/display/DOCRELFMT/6.1+SCTID+Data+Type';
const postcodeSpec = 'https://www.datadictionary.nhs.uk/attributes/postcode.html';
const gssSpec =
  'https://www.ons.gov.uk/methodology/geography/ukgeographies/administrativegeography/england';

/**
 * England identifier and code rules (src/rules/): NHS number, ODS and CQC ids, SNOMED CT SCTIDs,
 * UK postcodes, GSS local authority codes. Params describe the problem, never the value.
 * Heuristic checks (ODS shape per kind, CQC ids) default to warning.
 */
export const englandCodes = {
  'england.nhs-number-format': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The NHS number must be exactly 10 digits (the value has {length} characters)',
    spec: nhsNumberSpec,
    since: '0.1.0',
  },
  'england.nhs-number-check-digit': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The NHS number fails the Modulus 11 check digit test',
    spec: nhsNumberSpec,
    since: '0.1.0',
  },
  'england.nhs-number-same-digits': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The NHS number is one digit repeated ten times; such numbers are never issued',
    spec: nhsNumberSpec,
    since: '0.1.0',
  },
  'england.nhs-number-test-range': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template:
      'The NHS number is in the 999 range reserved for test data, not allowed in a production feed',
    spec: nhsNumberSpec,
    since: '0.1.0',
  },
  'england.ods-code-format': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The ODS code must be 3 to 9 upper-case letters or digits',
    spec: odsSpec,
    since: '0.1.0',
  },
  'england.ods-code-unexpected-kind': {
    severity: 'warning',
    fhirIssueType: 'value',
    template:
      'The ODS code does not have the usual shape of a {kind} code ({expected}); this check is heuristic',
    spec: odsSpec,
    since: '0.1.0',
    heuristic: true,
  },
  'england.ods-code-pseudo': {
    severity: 'information',
    fhirIssueType: 'informational',
    template: 'The ODS code is a national default code ({meaning}), not a real organisation',
    spec: odsSpec,
    since: '0.1.0',
  },
  'england.cqc-id-format': {
    severity: 'warning',
    fhirIssueType: 'value',
    template:
      "The CQC id does not have the usual shape ('1-' and 8 to 11 digits); this check is heuristic",
    spec: 'https://www.cqc.org.uk/about-us/transparency/using-cqc-data',
    since: '0.1.0',
    heuristic: true,
  },
  'england.sctid-format': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template: 'The SNOMED CT identifier must be 6 to 18 digits without a leading zero',
    spec: sctidSpec,
    since: '0.1.0',
  },
  'england.sctid-partition': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template:
      'The SNOMED CT identifier has an unknown or impossible partition identifier ({partition})',
    spec: sctidSpec,
    since: '0.1.0',
  },
  'england.sctid-check-digit': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template: 'The SNOMED CT identifier fails the Verhoeff check digit test',
    spec: sctidSpec,
    since: '0.1.0',
  },
  'england.sctid-not-concept': {
    severity: 'error',
    fhirIssueType: 'code-invalid',
    template: 'The SNOMED CT identifier is a {component} id; a coded value must be a concept id',
    spec: 'https://hl7.org/fhir/R4/snomedct.html',
    since: '0.1.0',
  },
  'england.postcode-format': {
    severity: 'error',
    fhirIssueType: 'value',
    template: 'The value is not a UK postcode or NHS pseudo-postcode',
    spec: postcodeSpec,
    since: '0.1.0',
  },
  'england.postcode-pseudo': {
    severity: 'information',
    fhirIssueType: 'informational',
    template: 'The postcode is an NHS pseudo-postcode ({meaning})',
    spec: postcodeSpec,
    since: '0.1.0',
  },
  'england.la-code-format': {
    severity: 'error',
    fhirIssueType: 'value',
    template:
      'The local authority code is not an ONS GSS local authority code (E06, E07, E08, E09, E10, W06 or S12 and 6 digits)',
    spec: gssSpec,
    since: '0.1.0',
  },
  'england.la-code-not-upper-tier': {
    severity: 'error',
    fhirIssueType: 'business-rule',
    template:
      'The local authority is a {prefix} district council, which has no social services responsibilities; an upper-tier council is required',
    spec: gssSpec,
    since: '0.1.0',
  },
} as const satisfies CodeFamily;
