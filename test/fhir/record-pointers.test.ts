/**
 * The records of a Bundle's resources (`ValidationResult.records`): one per entry and contained
 * resource, at its JSON pointer (walk-resource.ts makes an entry's pointer once per index for the
 * indexes the walk's index tokens cover, 0 … 511, and builds the others).
 */
import { describe, expect, it } from 'vitest';
import { baseValidator } from '../support/shared-validator.js';

const v = baseValidator();

describe('record pointers', () => {
  it('name every entry, past the first 512, and contained resources', () => {
    const entry = (i: number) => ({
      fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resource:
        i === 1
          ? {
              resourceType: 'Basic',
              code: { text: 'x' },
              contained: [{ resourceType: 'Basic', id: 'c', code: { text: 'c' } }],
              author: { reference: '#c' },
            }
          : { resourceType: 'Basic', code: { text: 'x' } },
    });
    const payload = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: Array.from({ length: 514 }, (_, i) => entry(i)),
    };
    const records = v.validate(JSON.stringify(payload)).records ?? [];
    expect(records.map((r) => r.pointer)).toEqual([
      '',
      '/entry/0/resource',
      '/entry/1/resource',
      '/entry/1/resource/contained/0',
      ...Array.from({ length: 512 }, (_, k) => `/entry/${k + 2}/resource`),
    ]);
    expect(records[2]?.key).toBe('urn:uuid:00000000-0000-4000-8000-000000000001');
    expect(records[3]?.key).toBeUndefined();
    expect(records[515]?.key).toBe('urn:uuid:00000000-0000-4000-8000-000000000513');
  });
});
