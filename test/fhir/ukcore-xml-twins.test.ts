/**
 * Issue 20: each UK Core XML example in ../shared/fixtures/ukcore/xml/examples gives the same issues
 * (codes, severities, FHIRPath expressions) as its JSON twin in ../shared/fixtures/ukcore/examples,
 * against the same profile (skipped when ../shared is absent).
 *
 * The JSON twins carry `"_status": {}`-style empty objects left by their XML→JSON conversion (see
 * ukcore-examples.test.ts); they are removed before comparing, since the XML has none. Three upstream
 * XML files put elements out of the order their StructureDefinition defines (JSON has no order): for
 * those the XML gives exactly the JSON issues plus `xml.element-order` at the element.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CanonicalRegistry } from '../../src/fhir/definitions/canonical-registry.js';
import { createValidator, type Validator } from '../../src/fhir/validator/create-validator.js';
import type { FhirXmlReader } from '../../src/fhir/xml/read-fhir-xml.js';
import { createFhirXmlReader, validateFhirXml } from '../../src/fhir/xml/validate-fhir-xml.js';
import type { Issue } from '../../src/issues/issue.js';
import { loadBaseRegistry } from '../../src/node/create-node-validator.js';

const root = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'ukcore');
const present = existsSync(join(root, 'xml', 'examples')) && existsSync(join(root, 'examples'));
if (!present) console.warn('skipped: ../shared/fixtures/ukcore (xml and examples) is absent');

/** Upstream XML with elements out of order: the expression of the element reported. */
const outOfOrder: Record<string, string> = {
  'Extension-UKCore-CodingSCT-IllicitDrugs-Example.xml': 'Observation.text',
  'UKCore-Observation-Lab-Albumin-Example.xml': 'Observation.meta',
  'UKCore-Questionnaire-EOLPlan-Example.xml': 'Questionnaire.item[0].item[0].item[0].extension',
};

function stripEmptyObjects(node: unknown): void {
  const isEmpty = (x: unknown) =>
    typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x).length === 0;
  if (Array.isArray(node)) node.forEach(stripEmptyObjects);
  else if (typeof node === 'object' && node !== null) {
    const obj = node as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (k.startsWith('_') && isEmpty(v)) delete obj[k];
      else if (k.startsWith('_') && Array.isArray(v) && v.some(isEmpty)) {
        const cleaned = v.map((x) => (isEmpty(x) ? null : x));
        if (cleaned.every((x) => x === null)) delete obj[k];
        else obj[k] = cleaned;
      } else stripEmptyObjects(v);
    }
  }
}

const key = (i: Issue) => `${i.severity} ${i.code} @ ${i.expression}`;

describe.skipIf(!present)('UK Core XML examples give the issues of their JSON twins', () => {
  let registry: CanonicalRegistry;
  let validator: Validator;
  let reader: FhirXmlReader;
  const files = present
    ? readdirSync(join(root, 'xml', 'examples'))
        .filter((f) => f.endsWith('.xml'))
        .sort()
    : [];

  it('loads UK Core', () => {
    registry = loadBaseRegistry();
    for (const d of ['structuredefinitions', 'valuesets', 'codesystems']) {
      for (const f of readdirSync(join(root, d)))
        registry.add(JSON.parse(readFileSync(join(root, d, f), 'utf8')));
    }
    validator = createValidator({ registry });
    reader = createFhirXmlReader(registry);
    expect(files.length).toBe(215);
  });

  it.each(files)('%s', (file) => {
    const json = JSON.parse(
      readFileSync(join(root, 'examples', file.replace(/\.xml$/, '.json')), 'utf8'),
    ) as { resourceType: string };
    stripEmptyObjects(json);
    const profile = `https://fhir.hl7.org.uk/StructureDefinition/UKCore-${json.resourceType}`;
    const profiles = registry.structureDefinition(profile) ? [profile] : [];
    const fromJson = validator.validate(json, { profiles }).issues.map(key).sort();
    const fromXml = validateFhirXml(
      validator,
      reader,
      readFileSync(join(root, 'xml', 'examples', file), 'utf8'),
      { profiles },
    );
    const expected = outOfOrder[file]
      ? [...fromJson, `error xml.element-order @ ${outOfOrder[file]}`].sort()
      : fromJson;
    expect(fromXml.issues.map(key).sort()).toEqual(expected);
    expect(fromXml.issues.every((i) => i.position !== undefined)).toBe(true);
  });
});

/** The one upstream XML conformance resource with stray text between elements (`<display …/>c`). */
const strayText: Record<string, string> = {
  'CodeSystem-UKCore-EthnicCategoryScotland.xml': '/concept/3',
};

describe.skipIf(!present)('UK Core XML conformance resources read into their JSON twins', () => {
  const folders = ['structuredefinitions', 'valuesets', 'codesystems', 'conceptmaps'];
  const files = present
    ? folders.flatMap((d) =>
        readdirSync(join(root, 'xml', d))
          .filter((f) => f.endsWith('.xml'))
          .map((f) => `${d}/${f}`),
      )
    : [];

  let reader: FhirXmlReader;

  it('covers the 378 resources', () => {
    reader = createFhirXmlReader(loadBaseRegistry());
    expect(files.length).toBe(378);
  });

  it.each(files)('%s', (path) => {
    const read = reader.read(readFileSync(join(root, 'xml', path), 'utf8'));
    const file = path.slice(path.indexOf('/') + 1);
    expect(read.issues.map((i) => `${i.code} ${i.pointer}`)).toEqual(
      strayText[file] ? [`xml.unexpected-text ${strayText[file]}`] : [],
    );
    expect(read.value).toEqual(
      JSON.parse(readFileSync(join(root, path.replace(/\.xml$/, '.json')), 'utf8')),
    );
  });
});
