import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasScheme, isUrnUuidReference } from './char-scans.js';

const chars = fc.constantFrom(...'aAzZ09+.-:/#_ gG\u00e9\u0161'.split(''));
const text = fc.array(chars, { maxLength: 12 }).map((cs) => cs.join(''));

describe('char scans', () => {
  it('hasScheme decides as ^[A-Za-z][A-Za-z0-9+.-]*:', () => {
    const re = /^[A-Za-z][A-Za-z0-9+.-]*:/;
    fc.assert(
      fc.property(text, (v) => {
        expect(hasScheme(v), v).toBe(re.test(v));
      }),
      { numRuns: 5000, seed: 11 },
    );
    for (const v of ['http://x', 'urn:oid:1', 'a:', ':', '1a:', 'a b:', 'ſ:', '', 'A+.-9:x'])
      expect(hasScheme(v), v).toBe(re.test(v));
  });

  it('isUrnUuidReference decides as ^urn:uuid:[0-9a-fA-F-]{36}$', () => {
    const re = /^urn:uuid:[0-9a-fA-F-]{36}$/;
    const hex = fc.constantFrom(...'0123456789abcdefABCDEF-gG: '.split(''));
    const uuidish = fc
      .tuple(
        fc.constantFrom('urn:uuid:', 'urn:uuid', 'URN:uuid:', 'urn:uuid:x'),
        fc.array(hex, { minLength: 34, maxLength: 38 }),
      )
      .map(([p, cs]) => p + cs.join(''));
    fc.assert(
      fc.property(
        fc.oneof(
          uuidish,
          fc.uuid().map((u) => `urn:uuid:${u}`),
        ),
        (v) => {
          expect(isUrnUuidReference(v), v).toBe(re.test(v));
        },
      ),
      { numRuns: 5000, seed: 12 },
    );
  });
});
