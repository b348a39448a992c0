/**
 * Issue 14, item 4: property names chosen by the payload never reach the store or the reports.
 * An unknown key such as `JohnSmith_9434765918` in a CLD or CIN JSON record, or a FHIR resource, is
 * reported in the response (pointer and expression name it) but stored and reported over time as
 * `[unknown]`: SQLite and PostgreSQL, scorecards in JSON, CSV, Markdown and HTML.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/store.js';
import { baseValidator, post } from '../server/helpers.js';
import { storeTargets, type TestDatabase } from '../store/store-targets.js';

const validator = baseValidator();
const secret = 'JohnSmith_9434765918';
const payloads = [
  { feed: 'cld', body: JSON.stringify([{ LA_Code: '999', [secret]: 'x' }]) },
  { feed: 'cin', body: JSON.stringify([{ LAchildID: 'C1', [secret]: 'x' }]) },
  {
    feed: 'fhir',
    body: JSON.stringify({ resourceType: 'Patient', [secret]: 'x', gender: 'male' }),
  },
];

for (const target of await storeTargets()) {
  describe.skipIf(target.skip !== undefined)(`payload keys on ${target.name}`, () => {
    let db: TestDatabase | undefined;
    let store: Store | undefined;
    afterAll(async () => {
      await store?.close();
      await db?.dispose();
    });

    it('reports the key in the response, stores and reports [unknown]', async () => {
      db = await target.create();
      store = await db.open();
      const app = createApp({
        validator,
        partners: store,
        clock: () => new Date('2026-11-23T10:00:00Z'),
      });
      for (const { feed, body } of payloads) {
        const res = await app.request(
          `/v1/partners/northvale/submissions?feed=${feed}&allowTestNumbers=true`,
          post(body, 'application/json'),
        );
        expect(res.status).toBe(201);
        const json = (await res.json()) as {
          submissionId: string;
          issues: { code: string; pointer: string }[];
          submission: unknown;
        };
        // the response names the key where it is (the caller's own payload)
        expect(json.issues.some((i) => i.pointer.endsWith(`/${secret}`))).toBe(true);
        expect(JSON.stringify(json.submission)).not.toContain(secret);
        const stored = await store.getSubmission(json.submissionId);
        expect(JSON.stringify(stored)).not.toContain(secret);
        const unknown = stored?.issues.find(
          (i) =>
            i.code ===
            (feed === 'fhir' ? 'structure.unknown-property' : 'jsonschema.additional-properties'),
        );
        expect(unknown?.path).toBe(feed === 'fhir' ? 'Patient' : 'Row.[unknown]');
      }
      for (const format of ['json', 'csv', 'markdown', 'html']) {
        const report = await app.request(
          `/v1/partners/northvale/report?format=${format}&from=2026-01-01`,
        );
        expect(report.status).toBe(200);
        expect(await report.text()).not.toContain(secret);
      }
      const matrix = await app.request('/v1/report?format=json&from=2026-01-01');
      expect(await matrix.text()).not.toContain(secret);
    });
  });
}

describe('storedElementPath', () => {
  it('keeps model names, replaces payload-chosen names', async () => {
    const { storedElementPath } = await import('../../src/framework/element-path.js');
    expect(storedElementPath('jsonschema.required', 'Row.NHS_Number')).toBe('Row.NHS_Number');
    expect(storedElementPath('input.duplicate-property', 'Patient.gender')).toBe(
      'Patient.[unknown]',
    );
    expect(storedElementPath('jsonschema.type', 'Row.John Smith.x')).toBe('Row.[unknown]');
    expect(
      storedElementPath('structure.unknown-property', 'Observation.value.ofType(Quantity)'),
    ).toBe('Observation.value.ofType(Quantity)');
  });
});
