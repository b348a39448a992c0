import { describe, expect, it } from 'vitest';
import { isInvalidEcl } from './ecl-syntax.js';

describe('ECL syntax (conservative)', () => {
  it('rejects what is shown not to be ECL', () => {
    for (const e of [
      '234234 << 234234',
      '123456 654321',
      '<<',
      '(<< 123456',
      '<< 123456)',
      '<< 12',
    ])
      expect(isInvalidEcl(e), e).toBe(true);
  });

  it('accepts compound ECL, and never rejects what it does not model (refinements, filters)', () => {
    for (const e of [
      '<< 404684003 |Clinical finding|',
      '<< 19829001 AND << 301867009',
      '(<< 19829001 OR << 301867009) MINUS << 1234567',
      '^ 700043003',
      'memberOf 1127581000000103 or 196411000000103',
      'descendantOrSelfOf 404684003 and memberOf 999000631000001100',
      '<<!73211009',
      '*',
      'descendantOf 404684003',
      '<< 73211009 |Diabetes mellitus| , << 1234567',
      '< 404684003 : 363698007 = << 39057004',
      '<< 404684003 {{ term = "heart" }}',
      '< 19829001.363698007',
    ])
      expect(isInvalidEcl(e), e).toBe(false);
  });
});
