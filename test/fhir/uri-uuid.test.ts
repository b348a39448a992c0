import { describe, expect, it } from 'vitest';
import { baseValidator } from '../support/shared-validator.js';

const v = baseValidator();
const errors = (resource: unknown) =>
  v
    .validate(resource)
    .issues.filter((i) => i.severity === 'error')
    .map(({ code, severity, expression }) => ({ code, severity, expression }));

describe('urn:uuid: values of uri, url and canonical elements', () => {
  it('must carry a valid lower-case UUID', () => {
    for (const bad of [
      'urn:uuid:6a2ee390-978e-42c6-8f88-c17dff3bd8a',
      'urn:uuid:6A2EE390-978E-42C6-8F88-C17DFF3BD8A3',
      'urn:uuid:6a2ee390-978e-42c6-8f88-c17dff3bd8a3x',
    ]) {
      expect(errors({ resourceType: 'ValueSet', status: 'active', url: bad }), bad).toEqual([
        { code: 'primitive.invalid-format', severity: 'error', expression: 'ValueSet.url' },
      ]);
    }
    expect(
      errors({
        resourceType: 'ValueSet',
        status: 'active',
        url: 'urn:uuid:6a2ee390-978e-42c6-8f88-c17dff3bd8a3',
      }),
    ).toEqual([]);
    // a fragment after the UUID is part of the uri, not of the UUID
    expect(
      errors({
        resourceType: 'ValueSet',
        status: 'active',
        url: 'urn:uuid:6a2ee390-978e-42c6-8f88-c17dff3bd8a3#Part-x',
      }),
    ).toEqual([]);
    expect(
      errors({
        resourceType: 'Patient',
        identifier: [{ system: 'urn:uuid:6a2ee390-978e-42c6-8f88-c17dff3bd8a3x', value: '1' }],
      }),
    ).toEqual([
      {
        code: 'primitive.invalid-format',
        severity: 'error',
        expression: 'Patient.identifier[0].system',
      },
    ]);
  });
});
