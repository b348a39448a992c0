/**
 * A narrative's XHTML of the common shape with content is settled by the walker's property loop
 * (walk-settle.ts: `Narrative.div`, one per resource) without its general walk. Every narrative
 * the general walk reports on must still be reported, with its location: one without content
 * (txt-2), one of another shape, and one whose profile puts its own rules on the div (a length, a
 * constraint), whatever its shape.
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/issues/issue.js';
import { CanonicalRegistry } from '../../src/fhir/definitions/canonical-registry.js';
import { createValidator } from '../../src/fhir/validator/create-validator.js';
import { baseValidator } from '../support/shared-validator.js';

const v = baseValidator();
const found = (issues: readonly Issue[]) =>
  issues
    .filter((i) => i.expression.includes('text'))
    .map((i) => `${i.severity} ${i.code} @ ${i.expression} ${i.pointer}`);
const open = '<div xmlns="http://www.w3.org/1999/xhtml">';
const patient = (div: string) => ({
  resourceType: 'Patient',
  text: { status: 'generated', div },
});
const bundle = (...resources: Record<string, unknown>[]) => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: resources.map((resource, i) => ({
    fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    resource,
  })),
});

describe('a narrative settled by the walk', () => {
  it('of the common shape with content: nothing to report, beside narratives that are reported', () => {
    const r = v.validate(
      bundle(
        patient(`${open}<p>Jane Doe</p></div>`),
        patient(`${open}<p> </p></div>`),
        patient(`${open}Jane<br/>Doe</div>`),
        patient(`${open}<p>Jane</div>`),
        patient(`${open}<p>Jane &amp; John</p></div>`),
        patient(`${open}<p>Jane Doe</p></div>`),
      ),
    );
    expect(found(r.issues)).toEqual([
      'error invariant.failed @ Bundle.entry[1].resource.text.div /entry/1/resource/text/div',
      'error structure.invalid-xhtml @ Bundle.entry[3].resource.text.div /entry/3/resource/text/div',
    ]);
  });

  it("under a profile's rules on the div, a narrative of the common shape is checked", () => {
    const url = 'https://mdss.example.org/fhir/StructureDefinition/narrative-settle';
    const registry = new CanonicalRegistry();
    registry.addAll(v.registry.allResources());
    registry.add({
      resourceType: 'StructureDefinition',
      url,
      name: 'NarrativeSettle',
      status: 'draft',
      kind: 'resource',
      abstract: false,
      type: 'Patient',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
      derivation: 'constraint',
      differential: {
        element: [
          { id: 'Patient', path: 'Patient' },
          {
            id: 'Patient.text.div',
            path: 'Patient.text.div',
            maxLength: 80,
            constraint: [
              {
                key: 'nar-1',
                severity: 'error',
                human: 'No secrets in the narrative',
                expression: "$this.contains('Secret').not()",
              },
            ],
          },
        ],
      },
    });
    const validator = createValidator({ registry });
    const r = validator.validate(
      bundle(
        patient(`${open}<p>Jane Doe</p></div>`),
        patient(`${open}<p>Jane Doe, a rather long name for a narrative</p></div>`),
        patient(`${open}<p>Secret</p></div>`),
      ),
      { profiles: [] },
    );
    expect(found(r.issues)).toEqual([]); // no profile applies to the entries
    const each = (div: string) =>
      found(validator.validate(patient(div), { profiles: [url] }).issues);
    expect(each(`${open}<p>Jane Doe</p></div>`)).toEqual([]);
    expect(each(`${open}<p>Jane Doe, a rather long name for a narrative</p></div>`)).toEqual([
      'error primitive.too-long @ Patient.text.div /text/div',
    ]);
    expect(each(`${open}<p>Secret</p></div>`)).toEqual([
      'error invariant.failed @ Patient.text.div /text/div',
    ]);
  });
});
