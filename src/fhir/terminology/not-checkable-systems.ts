/**
 * Code systems MDSS never checks offline: large external terminologies whose content is licensed,
 * versioned nationally or grammar-based (UCUM), so a local copy would at best be a fragment. Codes
 * from these systems give `binding.not-checked` unless the value set enumerates them.
 */
export const defaultNotCheckableSystems: readonly string[] = Object.freeze([
  'http://snomed.info/sct',
  'https://dmd.nhs.uk',
  'http://loinc.org',
  'http://unitsofmeasure.org',
  'http://hl7.org/fhir/sid/icd-10',
  'http://hl7.org/fhir/sid/icd-10-uk',
  'http://hl7.org/fhir/sid/icd-10-cm',
  'http://hl7.org/fhir/sid/icd-9-cm',
  'http://id.who.int/icd/release/11/mms',
  'http://read.info/readv2',
  'http://read.info/ctv3',
  'http://www.nlm.nih.gov/research/umls/rxnorm',
  'http://hl7.org/fhir/sid/ndc',
  'http://hl7.org/fhir/sid/cvx',
  'urn:ietf:bcp:47',
  'urn:ietf:bcp:13',
  'urn:iso:std:iso:3166',
  'urn:iso:std:iso:4217',
]);
