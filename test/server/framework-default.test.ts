/**
 * The framework is on by default on the HTTP doors, with one way out (`?framework=none`), and
 * `$validate` keeps FHIR semantics: `profile` parameters and `meta.profile` add profiles, they do not
 * switch the framework off. Codes and locations only.
 */
import { describe, expect, it } from 'vitest';
import { createNodeChecker } from '../../src/node/create-node-checker.js';
import { createApp } from '../../src/server/app.js';
import { codesOf, outcomeOf, post } from './helpers.js';

const app = createApp({ checker: createNodeChecker() });
/** A synthetic Patient whose NHS number fails Modulus 11 (not from the 999 test range). */
const patient = {
  resourceType: 'Patient',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765918' }],
  name: [{ family: 'Testpatient' }],
  gender: 'female',
  birthDate: '1970-01-01',
};
const basePatient = 'http://hl7.org/fhir/StructureDefinition/Patient';

async function codes(path: string, body: unknown): Promise<{ status: number; codes: string[] }> {
  const res = await app.request(path, post(JSON.stringify(body)));
  return { status: res.status, codes: codesOf(await outcomeOf(res)) };
}

describe('framework on by default', () => {
  it('$validate applies the framework profiles and England rules without being asked', async () => {
    const r = await codes('/fhir/Patient/$validate', patient);
    expect(r.status).toBe(200);
    expect(r.codes).toContain('england.nhs-number-check-digit');
  });

  it('?framework=none checks base R4 only', async () => {
    const r = await codes('/fhir/Patient/$validate?framework=none', patient);
    expect(r.status).toBe(200);
    expect(r.codes.filter((c) => c.startsWith('england.'))).toEqual([]);
  });

  it('profile parameters and meta.profile add profiles: the framework still applies', async () => {
    const viaQuery = await codes(
      `/fhir/Patient/$validate?profile=${encodeURIComponent(basePatient)}`,
      patient,
    );
    const viaParameters = await codes('/fhir/$validate', {
      resourceType: 'Parameters',
      parameter: [
        { name: 'resource', resource: patient },
        { name: 'profile', valueUri: basePatient },
      ],
    });
    const viaMeta = await codes('/fhir/$validate', {
      ...patient,
      meta: { profile: [basePatient] },
    });
    for (const r of [viaQuery, viaParameters, viaMeta]) {
      expect(r.status).toBe(200);
      expect(r.codes).toContain('england.nhs-number-check-digit');
    }
  });

  it('refuses a framework version this release does not carry (400 http.invalid-parameter)', async () => {
    const r = await codes('/fhir/Patient/$validate?framework=9.9', patient);
    expect(r.status).toBe(400);
    expect(r.codes).toEqual(['http.invalid-parameter']);
  });

  it('/v1/validate traces requirement ids with the framework, none with framework=none', async () => {
    const on = (await (
      await app.request('/v1/validate', post(JSON.stringify(patient), 'application/fhir+json'))
    ).json()) as { framework: unknown; issues: { code: string; requirements?: string[] }[] };
    const off = (await (
      await app.request(
        '/v1/validate?framework=none',
        post(JSON.stringify(patient), 'application/fhir+json'),
      )
    ).json()) as { framework: unknown; issues: { code: string; requirements?: string[] }[] };
    expect(
      on.issues.find((i) => i.code === 'england.nhs-number-check-digit')?.requirements?.length,
    ).toBeGreaterThan(0);
    expect(off.framework).toBeNull();
    expect(off.issues.every((i) => (i.requirements ?? []).length === 0)).toBe(true);
  });

  it('documents framework, allowTestNumbers and profile on every validating route in the OpenAPI document', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, { post?: { parameters?: { name: string }[] } }>;
    };
    for (const path of ['/fhir/$validate', '/fhir/{type}/$validate', '/v1/validate']) {
      const names = (doc.paths[path]?.post?.parameters ?? []).map((p) => p.name);
      expect(names, path).toEqual(
        expect.arrayContaining(['framework', 'allowTestNumbers', 'profile']),
      );
    }
  });
});
