/**
 * Issue 14, item 10: a payload without a single record (`null`, `[]`, `{}`, a bare number or
 * string, a header-only CSV) is not a submission: 422, nothing recorded, the partner not scored.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { baseValidator, codesOf, outcomeOf, post } from '../server/helpers.js';

describe('submissions without records', () => {
  let store: Store;
  afterAll(() => store.close());

  it('answers 422 and records nothing', async () => {
    store = await openStore({ sqlitePath: ':memory:', env: {} });
    const app = createApp({ validator: baseValidator(), partners: store });
    const cases: [string, string, string?][] = [
      ['null', 'application/json'],
      ['[]', 'application/json'],
      ['[]', 'application/fhir+json'],
      ['{}', 'application/json'],
      ['42', 'application/json'],
      ['"text"', 'application/fhir+json'],
      ['[]', 'application/json', 'cld'],
      ['[]', 'application/json', 'cin'],
      ['LA_Code,LA_Name\n', 'text/csv', 'cld'],
    ];
    for (const [body, type, feed] of cases) {
      const res = await app.request(
        `/v1/partners/p1/submissions${feed ? `?feed=${feed}` : ''}`,
        post(body, type),
      );
      expect(res.status, `${body} as ${type}`).toBe(422);
      expect(codesOf(await outcomeOf(res)).length).toBeGreaterThan(0);
    }
    expect(await store.getPartner('p1')).toBeUndefined();
    expect(await store.listSubmissions('p1')).toEqual([]);
  });
});
