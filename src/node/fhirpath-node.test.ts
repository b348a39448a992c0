import { describe, expect, it, vi } from 'vitest';
import type * as FhirPath from '../fhir/fhirpath.js';

type FhirPathModule = typeof FhirPath;

describe('fhirpath.js provision', () => {
  it('is not loaded by importing the engine; an engine without a provider says so', async () => {
    vi.resetModules();
    const fresh = (await import('../fhir/fhirpath.js')) as FhirPathModule;
    expect(fresh.fhirPathLoaded()).toBe(false);
    expect(() =>
      new fresh.FhirPathEngine().evaluate('Patient', 'name.exists()', { resourceType: 'Patient' }),
    ).toThrow(/not provided/);
  });

  it('the Node provider loads it synchronously on the first expression, once', async () => {
    vi.resetModules();
    const fresh = (await import('../fhir/fhirpath.js')) as FhirPathModule;
    await import('./fhirpath-node.js');
    expect(fresh.fhirPathLoaded()).toBe(false);
    const engine = new fresh.FhirPathEngine();
    expect(
      engine.evaluate('Patient', 'name.given.first()', {
        resourceType: 'Patient',
        name: [{ given: ['Ann'] }],
      }),
    ).toEqual(['Ann']);
    expect(fresh.fhirPathLoaded()).toBe(true);
    expect(
      engine.evaluateInvariant('Patient', "gender = 'male'", { gender: 'female' }, {}, {}),
    ).toEqual({ ok: true, passed: false });
  });
});
